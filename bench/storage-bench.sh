#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Upload throughput to loopback servers: restorable backup into an S3
# repository (moto_server) and an SFTP repository (OpenSSH sshd), beside the
# stock clients uploading the same bytes (`aws s3 cp` of the stream, `curl
# -T` over SFTP), as a ratio (stock seconds / restorable seconds; target
# >= 0.8).  The data is incompressible, so both move the same bytes.  Each
# side runs RUNS times, alternating, each run a new object (over SFTP the
# last run's upload is removed first); the medians are compared.
#
#   bash bench/storage-bench.sh            # SIZE_MIB=256 RUNS=3 by default
#
# Needs moto_server, /usr/bin/aws, /usr/sbin/sshd, curl (contrib/deps.sh --test).
# Servers listen on 127.0.0.1 only and are stopped on exit.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESTORABLE=${RESTORABLE:-$top/restorable}
SIZE_MIB=${SIZE_MIB:-256}
RUNS=${RUNS:-3}
W=$(mktemp -d /var/tmp/restorable-storage-bench.XXXXXX)
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$W"
}
trap cleanup EXIT

die() {
	printf 'storage-bench: %s\n' "$*" >&2
	exit 1
}
for c in moto_server /usr/bin/aws /usr/sbin/sshd curl ssh-keygen; do
	command -v "$c" >/dev/null 2>&1 || die "$c is not installed"
done
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_port() {
	local i
	for i in $(seq 1 400); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}
secs() {	# secs OUT CMD...: wall seconds of CMD appended to OUT
	local out=$1
	shift
	/usr/bin/time -a -f '%e' -o "$out" "$@" >/dev/null
}
median() {	# median FILE: the median of its lines
	sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Data: incompressible files, and keys.
mkdir -p "$W/data"
for i in $(seq 1 8); do
	head -c $((SIZE_MIB * 1048576 / 8)) /dev/urandom >"$W/data/f$i.bin"
done
"$RESTORABLE" -q keygen --out "$W/keys" >/dev/null

# --- S3 (moto_server) ------------------------------------------------------
PORT=$(free_port)
EP=http://127.0.0.1:$PORT
INITIAL_NO_AUTH_ACTION_COUNT=3 moto_server -H 127.0.0.1 -p "$PORT" >"$W/moto.log" 2>&1 &
pids+=("$!")
wait_port "$PORT" || die "moto_server did not start"
export AWS_CONFIG_FILE=$W/awscfg AWS_DEFAULT_REGION=us-east-1
export AWS_SHARED_CREDENTIALS_FILE=$W/none
printf '[default]\ns3 =\n  addressing_style = path\n' >"$AWS_CONFIG_FILE"
export AWS_ACCESS_KEY_ID=boot AWS_SECRET_ACCESS_KEY=boot
aws3() { /usr/bin/aws --endpoint-url "$EP" "$@"; }
aws3 iam create-user --user-name b >/dev/null
aws3 iam put-user-policy --user-name b --policy-name all --policy-document \
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' >/dev/null
aws3 iam create-access-key --user-name b >"$W/key.json"
KEY=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["AccessKey"]["AccessKeyId"])' "$W/key.json")
SECRET=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["AccessKey"]["SecretAccessKey"])' "$W/key.json")
export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET
aws3 s3api create-bucket --bucket bench >/dev/null
printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$KEY" "$SECRET" >"$W/s3.cred"
chmod 600 "$W/s3.cred"

profile() {	# profile NAME REPO-GROUP-LINES
	{
		printf 'name = "%s";\npaths = [ "%s/data" ];\n' "$1" "$W"
		printf 'signing_key = "%s/keys/signing.pem";\n' "$W"
		printf 'state_dir = "%s/state-%s";\npart_size = "64M";\n' "$W" "$1"
		printf 'repository = {\n%s\n};\n' "$2"
	} >"$W/$1.conf"
}
profile s3 "url = \"s3://bench/r\"; endpoint = \"$EP\"; region = \"us-east-1\"; credentials_file = \"$W/s3.cred\";"
secs "$W/t.s3.rst" "$RESTORABLE" -q --no-progress backup "$W/s3.conf"
# The same bytes the backup stored, uploaded by the stock client.
# (Listed from the bucket's root: moto_server mis-signs a prefix with '/'.)
: >"$W/stream.bin"
for k in $(aws3 s3 ls --recursive s3://bench | awk '{ print $4 }' |
    grep '/stream\.pax\.zst\.[0-9]*$' | sort); do
	aws3 s3 cp --quiet "s3://bench/$k" - >>"$W/stream.bin"
done
bytes=$(stat -c %s "$W/stream.bin")
for i in $(seq 1 "$RUNS"); do
	secs "$W/t.s3.aws" /usr/bin/aws --endpoint-url "$EP" s3 cp --quiet "$W/stream.bin" "s3://bench/stock/stream-$i.bin"
	[ "$i" -eq "$RUNS" ] || secs "$W/t.s3.rst" "$RESTORABLE" -q --no-progress backup "$W/s3.conf"
done

# --- SFTP (sshd) -------------------------------------------------------------
S=$W/ssh
mkdir -p "$S/data"
ssh-keygen -q -t ed25519 -N '' -f "$S/host"
ssh-keygen -q -t ed25519 -N '' -f "$W/client"
cp "$W/client.pub" "$S/authorized_keys"
SPORT=$(free_port)
ME=$(id -un)
cat >"$S/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $SPORT
HostKey $S/host
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
AllowUsers $ME
Subsystem sftp internal-sftp
CONF
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
/usr/sbin/sshd -D -e -f "$S/sshd_config" 2>"$S/sshd.log" &
pids+=("$!")
wait_port "$SPORT" || die "sshd did not start"
FP=$(ssh-keygen -lf "$S/host.pub" | cut -d' ' -f2)
profile sftp "url = \"sftp://$ME@127.0.0.1:$SPORT$S/data/repo\"; ssh_key = \"$W/client\"; host_key_sha256 = \"$FP\";"
# What a run stored is removed before the next one, so that every run
# starts from the same memory: the server's page cache of the last upload
# is handed back, not grown by 256 MiB a run for whoever comes next.
for i in $(seq 1 "$RUNS"); do
	secs "$W/t.sftp.rst" "$RESTORABLE" -q --no-progress backup "$W/sftp.conf"
	rm -rf "$S/data/repo/snapshots"
	secs "$W/t.sftp.curl" curl -s --hostpubsha256 "${FP#SHA256:}" --key "$W/client" \
	    --pubkey "$W/client.pub" -u "$ME:" -T "$W/stream.bin" \
	    "sftp://127.0.0.1:$SPORT$S/data/stock-$i.bin"
	rm -f "$S/data/stock-$i.bin"
done

printf '\nupload to loopback servers, %d MiB incompressible (%d bytes stored), %d cores,\nmedian of %d runs each\n\n' \
    "$SIZE_MIB" "$bytes" "$(nproc)" "$RUNS"
printf '%-6s %-22s %10s %14s %8s\n' server "stock client" "stock s" "restorable s" ratio
for b in s3:aws sftp:curl; do
	s=${b%%:*} c=${b#*:}
	awk -v s="$s" -v c="$c" -v st="$(median "$W/t.$s.$c")" -v rt="$(median "$W/t.$s.rst")" 'BEGIN {
		name = (c == "aws") ? "aws s3 cp" : "curl -T (sftp)"
		printf "%-6s %-22s %10.2f %14.2f %8.2f\n", s, name, st, rt, (rt > 0 ? st / rt : 0) }'
done
printf '\nruns (s): s3 restorable %s, aws %s; sftp restorable %s, curl %s\n' \
    "$(paste -sd' ' "$W/t.s3.rst")" "$(paste -sd' ' "$W/t.s3.aws")" \
    "$(paste -sd' ' "$W/t.sftp.rst")" "$(paste -sd' ' "$W/t.sftp.curl")"
printf '\nratio: stock seconds / restorable seconds (target >= 0.8); restorable also\n'
printf 'compresses, hashes and signs, and writes every object to a temp name first.\n'
