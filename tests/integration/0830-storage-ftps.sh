#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# FTPS (explicit TLS) against a real vsftpd on loopback that requires TLS
# for login and data: backup -> list -> verify --deep -> restore gives back
# the same tree; no temp objects are left (RNFR/RNTO); a second backup
# rewrites the journal; curl fetches the manifest over FTPS and openssl
# accepts its signature; an incremental chain restores, drills and
# verifies from the server, and its middle link gone is exit 4.  vsftpd
# logs in real users, so this runs as root with a throwaway system user.

. "$(dirname "$0")/lib.sh"
need_faketime
need python3 zstd openssl curl
VSFTPD=/usr/sbin/vsftpd
[ -x "$VSFTPD" ] || skip "vsftpd is not installed"
[ "$(id -u)" -eq 0 ] || skip "optional: vsftpd needs root (it logs in system users)"
command -v useradd >/dev/null 2>&1 || skip "useradd is not available"

F=$T/ftp
mkdir -p "$F/root" "$F/empty"
chmod 755 "$T" "$F"
FUSER=rstftp$$
PASS="ftp-$(openssl rand -hex 8)"
useradd -M -d "$F/root" -s /bin/bash "$FUSER" || fail "useradd"
echo "$FUSER:$PASS" | chpasswd || fail "chpasswd"
chown "$FUSER" "$F/root"

test_tls "$F"

PORT=$(free_port)
P=$(free_port)
cat >"$F/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$PORT
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=077
local_root=$F/root
pam_service_name=vsftpd
secure_chroot_dir=$F/empty
ssl_enable=YES
rsa_cert_file=$F/server.crt
rsa_private_key_file=$F/server.key
force_local_logins_ssl=YES
force_local_data_ssl=YES
require_ssl_reuse=NO
ssl_ciphers=HIGH
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=$P
pasv_max_port=$((P + 20))
xferlog_enable=YES
vsftpd_log_file=$F/vsftpd.log
CONF
"$VSFTPD" "$F/vsftpd.conf" &
FTPD_PID=$!
at_exit 'kill "$FTPD_PID" 2>/dev/null; wait "$FTPD_PID" 2>/dev/null; userdel "$FUSER" 2>/dev/null'
wait_port "$PORT" || fail "vsftpd did not start"

storage_data

secret_file "$T/ftp.cred" "$FUSER:$PASS"
mk_profile ft "$d"
sed -i '/^repository = /d' "$T/ft.conf"
cat >>"$T/ft.conf" <<CONF
repository = {
	url = "ftps://127.0.0.1:$PORT/repo";
	credentials_file = "ftp.cred";
	ca_file = "$F/ca.crt";
	timeout = "20s";
	retries = 2;
};
CONF

root=$F/root/repo
remote_backup ft "$root" "$PASS"
remote_restore ft

secret_file "$T/curlrc" "user = \"$FUSER:$PASS\""
for f in manifest.json manifest.json.sig; do
	curl -sSf -K "$T/curlrc" --ssl-reqd --cacert "$F/ca.crt" -o "$T/$f" \
		"ftp://127.0.0.1:$PORT/repo/snapshots/ft/$id/$f" || fail "curl cannot fetch $f"
done
openssl pkeyutl -verify -pubin -inkey "$T/keys/signing.pub" -rawin \
	-in "$T/manifest.json" -sigfile "$T/manifest.json.sig" >/dev/null ||
	fail "openssl does not accept the signature fetched over FTPS"

echo changed >"$d/a.txt"
expect_exit 0 "$RST" backup "$T/ft.conf"
[ "$(snap_count "$T/ft.conf")" = 2 ] || fail "list does not show 2 snapshots"
expect_exit 0 "$RST" journal verify "$T/ft.conf"
[ -z "$(find "$root" -name '*.tmp-*')" ] || fail "temp objects left after the second backup"

# A drill restores the latest snapshot from the server and passes.
expect_exit 0 "$RST" drill "$T/ft.conf" latest

# prune with keep_last = 1 removes the first snapshot, its folder too.
cp "$T/ft.conf" "$T/ft-keep1.conf"
printf 'retention = { keep_last = 1; };\n' >>"$T/ft-keep1.conf"
expect_exit 0 "$RST" prune "$T/ft-keep1.conf"
[ "$(snap_count "$T/ft.conf")" = 1 ] || fail "prune did not leave 1 snapshot"
[ ! -e "$snap" ] || fail "prune left the removed snapshot's folder on the FTPS server: $(ls -A "$snap")"

# An incremental chain over FTPS (DESIGN.md decisions 12-16).
remote_chain ft "$F/root/repo"
exit 0
