#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# SFTP against `rclone serve sftp`, a server other than OpenSSH (Go's
# crypto/ssh and pkg/sftp), with key login and the host key pinned:
# backup -> list -> verify --deep -> restore -> drill and a second backup
# (the journal replaced in place); then OpenSSH's sftp client downloads
# the snapshot and stock openssl, sha256sum, zstd and tar check and
# restore it.

. "$(dirname "$0")/lib.sh"
need rclone ssh-keygen sftp
. "$(dirname "$0")/interop.sh"

export RCLONE_CONFIG=$T/rclone.conf XDG_CACHE_HOME=$T/cache HOME=$T/home
mkdir -p "$T/home" "$T/root"
: >"$RCLONE_CONFIG"
ssh-keygen -q -t ed25519 -N '' -f "$T/host_ed25519" || fail "host key"
ssh-keygen -q -t ed25519 -N '' -f "$T/client_ed25519" || fail "client key"
cp "$T/client_ed25519.pub" "$T/authorized_keys"
FP=$(ssh-keygen -lf "$T/host_ed25519.pub" | cut -d' ' -f2)
PORT=$(free_port)
rclone serve sftp "$T/root" --addr "127.0.0.1:$PORT" --key "$T/host_ed25519" \
	--authorized-keys "$T/authorized_keys" >"$T/rclone.log" 2>&1 &
RC_PID=$!
at_exit 'kill "$RC_PID" 2>/dev/null; wait "$RC_PID" 2>/dev/null'
wait_port "$PORT" || { cat "$T/rclone.log" >&2; fail "rclone serve sftp did not start"; }
note "$(rclone version | head -n 1)"

interop_data
interop_profile sf <<CONF
	url = "sftp://backup@127.0.0.1:$PORT/site/repo";
	ssh_key = "$T/client_ed25519";
	host_key_sha256 = "$FP";
	timeout = "20s";
	retries = 1;
CONF

[ "$(snap_count "$T/sf.conf")" = 0 ] || fail "list of a missing repository folder is not empty"
interop_roundtrip sf
[ -d "$T/root/site/repo/snapshots/sf/$SNAP_ID" ] || fail "no snapshot folder on the server"
[ -z "$(find "$T/root" -name '*.tmp-*')" ] || fail "temp objects left: $(find "$T/root" -name '*.tmp-*')"

# Independently: OpenSSH's sftp client, host key from a known_hosts file.
printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$T/host_ed25519.pub")" >"$T/known_hosts"
get() {
	printf 'get "/site/repo/snapshots/sf/%s/%s" "%s/dl/%s"\n' "$SNAP_ID" "$1" "$T" "$1" |
		sftp -q -b - -P "$PORT" -i "$T/client_ed25519" -o BatchMode=yes \
			-o UserKnownHostsFile="$T/known_hosts" -o StrictHostKeyChecking=yes \
			-o IdentitiesOnly=yes backup@127.0.0.1 >>"$T/sftp.log" 2>&1
}
interop_download get
interop_offline "$T/dl"
exit 0
