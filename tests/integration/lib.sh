# SPDX-License-Identifier: ISC
#
# tests/integration/lib.sh -- sourced by every integration test script.
#
# Gives each test:
#   T        a fresh temp dir under ${TMPDIR:-/tmp}, removed on exit
#   RST      the restorable binary under test ($top_builddir/restorable)
#   SRCDIR   the source tree ($top_srcdir), BUILDDIR the build tree
#   OUT ERR  files holding the stdout / stderr of the last expect_exit
#
# and the helpers below (fail, expect_exit, expect_stderr, mk_profile,
# tree_digest, flip_byte, truncate_file, snapdir, snap_count, skip,
# heavy_matrix, journal_rewrite), among them the set-up that several tests
# share, written once: servers and sinks (moto_start, http_sink,
# smtp_sink, notify_sinks), a private mount namespace (mount_ns,
# mount_tmpfs, fake_hosts), fixtures (howto_fixture, forge_fixture,
# storage_data, confdir_profile) and checks (schema_check,
# remote_backup, remote_restore).
# A test exits 0 (pass), 1 (fail) or 77 (skip, with a reason printed).

set -u

TEST_NAME=$(basename "$0" .sh)
TEST_DIR=$(cd "$(dirname "$0")" && pwd)
SRCDIR=${top_srcdir:-$(cd "$TEST_DIR/../.." && pwd)}
BUILDDIR=${top_builddir:-$SRCDIR}
RST=${RST:-$BUILDDIR/restorable}

# Nothing from the caller's environment may steer the program under test.
unset RESTORABLE_CONFIG RESTORABLE_STATE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3
export LC_ALL=C.UTF-8 TZ=UTC

# python3 (for JSON and tar tools): resolve the real interpreter once, since
# wrappers such as pyenv's shims cost most of a second per call.
if [ -z "${PYTHON:-}" ] && command -v python3 >/dev/null 2>&1; then
	PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
fi
if [ -n "${PYTHON:-}" ]; then
	export PYTHON
	# -E: no PYTHON* variable (PYTHONOPTIMIZE would drop every assert).
	python3() { "$PYTHON" -E "$@"; }
fi

[ -x "$RST" ] || { echo "$TEST_NAME: $RST is not built" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/rst-$TEST_NAME.XXXXXX") ||
	{ echo "$TEST_NAME: mktemp failed" >&2; exit 1; }
OUT=$T/.stdout
ERR=$T/.stderr
: >"$OUT"
: >"$ERR"

# at_exit CMD: run CMD (stop a server, a writer...) when the test ends,
# before the temp dir goes; the test's own exit status is kept.
_at_exit=()
at_exit() {
	_at_exit+=("$1")
}

# kill_tree SIGNAL PID: signal PID and every process below it (a server's
# per-connection children included), each one's children listed before it
# is signalled, so none escapes by being re-parented.
kill_tree() {
	local sig=$1 pid=$2 kids k
	kids=$(pgrep -P "$pid" 2>/dev/null)
	kill "-$sig" "$pid" 2>/dev/null
	for k in $kids; do
		kill_tree "$sig" "$k"
	done
}

_cleanup() {
	local rc=$? c
	for c in "${_at_exit[@]}"; do
		eval "$c"
	done
	# Read-only dirs (mode 0444/0555 test data) must not stop the removal.
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf "$T"
	exit "$rc"
}
trap _cleanup EXIT
trap 'exit 130' INT TERM

# fail MSG...: report and end the test as failed.
fail() {
	echo "FAIL: $TEST_NAME: $*" >&2
	exit 1
}

# skip REASON...: end the test as skipped (exit 77).
skip() {
	echo "SKIP: $*"
	exit 77
}

# heavy_matrix: the test is a heavy fault matrix (kill, ENOSPC, flips),
# which runs in the non-sanitizer pass of .ci/run only: that pass's
# sanitizer build sets RST_SKIP_MATRICES=1, and the test then skips as
# optional.
heavy_matrix() {
	[ "${RST_SKIP_MATRICES:-}" != 1 ] ||
		skip "optional: heavy matrix, run by the non-sanitizer pass only (RST_SKIP_MATRICES=1)"
}

# note MSG...: a progress line in the test's output.
note() {
	echo "# $*"
}

# show_last: the stdout and stderr of the last expect_exit, for messages.
show_last() {
	echo "--- stdout ---"
	head -c 4000 "$OUT"
	echo "--- stderr ---"
	head -c 4000 "$ERR"
	echo "--------------"
}

# expect_exit CODE CMD...: run CMD (stdout -> $OUT, stderr -> $ERR) and fail
# unless it exits with CODE.  CODE "nonzero" accepts any code but 0.
expect_exit() {
	local want=$1 rc
	shift
	"$@" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
	if [ "$want" = nonzero ]; then
		[ "$rc" -ne 0 ] && return 0
	elif [ "$rc" -eq "$want" ]; then
		return 0
	fi
	show_last >&2
	fail "expected exit $want, got $rc: $*"
}

# expect_stderr REGEX: the last stderr matches REGEX (grep -E).
expect_stderr() {
	grep -qE -- "$1" "$ERR" && return 0
	show_last >&2
	fail "stderr does not match /$1/"
}

# expect_stdout REGEX: the last stdout matches REGEX (grep -E).
expect_stdout() {
	grep -qE -- "$1" "$OUT" && return 0
	show_last >&2
	fail "stdout does not match /$1/"
}

# need CMD...: skip unless every CMD is installed.
need() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "$c is not installed"
	done
}

# test_tls DIR: a throwaway CA (DIR/ca.crt) and a server certificate for
# 127.0.0.1 and localhost signed by it (DIR/server.crt, DIR/server.key).
test_tls() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca \
		-keyout "$1/ca.key" -out "$1/ca.crt" \
		-addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null || fail "CA"
	openssl req -newkey rsa:2048 -nodes -subj /CN=localhost \
		-keyout "$1/server.key" -out "$1/server.csr" 2>/dev/null || fail "CSR"
	echo "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$1/ext.cnf"
	openssl x509 -req -in "$1/server.csr" -CA "$1/ca.crt" -CAkey "$1/ca.key" \
		-CAcreateserial -days 2 -extfile "$1/ext.cnf" -out "$1/server.crt" \
		2>/dev/null || fail "server certificate"
}

# free_port: a TCP port free on 127.0.0.1 right now.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_port PORT: wait up to 20 s for a listener on 127.0.0.1:PORT.
wait_port() {
	local i
	for i in $(seq 1 400); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

# moto_start [auth]: moto_server (python moto) on 127.0.0.1 for the S3
# tests, skipping the test when it or /usr/bin/aws is missing: EP its URL,
# MOTO_PORT its port, MOTO_PID (stopped when the test ends), its log
# $T/moto.log, and the aws CLI $AWS set up for it (path-style, region
# us-east-1, no credentials file; awsq ARGS... runs it against EP).  With
# "auth" the server validates SigV4 once three unauthenticated calls have
# made the IAM user "backup" and its key: KEY and SECRET, exported as
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.  Without, any signature
# passes and the key exported is "testing" with the secret "testing".
moto_start() {
	command -v moto_server >/dev/null 2>&1 || skip "moto_server is not installed"
	AWS=/usr/bin/aws
	[ -x "$AWS" ] || skip "/usr/bin/aws is not installed (awscli)"
	MOTO_PORT=$(free_port)
	EP=http://127.0.0.1:$MOTO_PORT
	if [ "${1:-}" = auth ]; then
		INITIAL_NO_AUTH_ACTION_COUNT=3 moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$T/moto.log" 2>&1 &
	else
		moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$T/moto.log" 2>&1 &
	fi
	MOTO_PID=$!
	at_exit 'kill "$MOTO_PID" 2>/dev/null; wait "$MOTO_PID" 2>/dev/null'
	wait_port "$MOTO_PORT" || { cat "$T/moto.log" >&2; fail "moto_server did not start"; }
	export AWS_CONFIG_FILE=$T/awscfg AWS_DEFAULT_REGION=us-east-1
	export AWS_SHARED_CREDENTIALS_FILE=$T/no-such-file
	printf '[default]\ns3 =\n  addressing_style = path\n' >"$AWS_CONFIG_FILE"
	if [ "${1:-}" != auth ]; then
		export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
		return 0
	fi
	export AWS_ACCESS_KEY_ID=bootstrap AWS_SECRET_ACCESS_KEY=bootstrap
	awsq iam create-user --user-name backup >/dev/null || fail "iam create-user"
	awsq iam put-user-policy --user-name backup --policy-name all \
		--policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' \
		>/dev/null || fail "iam put-user-policy"
	awsq iam create-access-key --user-name backup >"$T/key.json" || fail "iam create-access-key"
	KEY=$(json_get "$T/key.json" 'd["AccessKey"]["AccessKeyId"]')
	SECRET=$(json_get "$T/key.json" 'd["AccessKey"]["SecretAccessKey"]')
	export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET
}

# awsq ARGS...: the aws CLI against the moto_server of moto_start.
awsq() {
	"$AWS" --endpoint-url "$EP" "$@"
}

# secret_file FILE LINE: FILE, mode 600, holding the one LINE (a storage
# credentials file "user:password", a curl config 'user = "u:p"').
secret_file() {
	printf '%s\n' "$2" >"$1" || fail "cannot write $1"
	chmod 600 "$1"
}

# s3_cred FILE [ID SECRET]: an aws credentials FILE (mode 600) holding the
# key ID with SECRET (default: $AWS_ACCESS_KEY_ID, $AWS_SECRET_ACCESS_KEY).
s3_cred() {
	printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' \
		"${2:-$AWS_ACCESS_KEY_ID}" "${3:-$AWS_SECRET_ACCESS_KEY}" >"$1" || fail "cannot write $1"
	chmod 600 "$1"
}

# multipart_profile NAME FROM: $T/NAME.conf backing up $T/src/multi, one
# random file of 69 MB that makes one part above 64 MiB (part_size 65M,
# fast compression), into the repository group of $T/FROM.conf.
multipart_profile() {
	mkdir -p "$T/src/multi"
	head -c 69000000 /dev/urandom >"$T/src/multi/big.bin"
	PART_SIZE=65M mk_profile "$1" "$T/src/multi"
	sed -i '/^repository = /d' "$T/$1.conf"
	sed -n '/^repository = {/,/^};/p' "$T/$2.conf" >>"$T/$1.conf"
	printf 'compression = { level = 1; threads = 0; };\n' >>"$T/$1.conf"
}

# _sink_start NAME PORTFILE CMD...: start the loopback sink CMD in the
# background (stderr to PORTFILE.err), stopped when the test ends, and
# wait up to 10 s for it to write its port to PORTFILE: the port is then
# in _SINK_PORT, the process id in _SINK_PID.
_sink_start() {
	local name=$1 portfile=$2 _
	shift 2
	rm -f "$portfile"
	"$@" 2>"$portfile.err" &
	_SINK_PID=$!
	at_exit "kill $_SINK_PID 2>/dev/null; wait $_SINK_PID 2>/dev/null"
	for _ in $(seq 100); do
		[ -s "$portfile" ] && break
		sleep 0.1
	done
	[ -s "$portfile" ] || { cat "$portfile.err" >&2; fail "the loopback $name sink did not start"; }
	_SINK_PORT=$(cat "$portfile")
}

# http_sink DIR: a webhook and heartbeat sink on 127.0.0.1
# (tests/helpers/http-sink.py) recording each request into DIR (created):
# NNNN.body the body's bytes, NNNN.json its method, path, content_type and
# body; it answers 500 to the path /fail, 200 to any other.  Its port is
# HTTP_SINK_PORT, its PID HTTP_SINK_PID (stopped when the test ends).
http_sink() {
	local pf=$T/.http-sink.${#_at_exit[@]}.port
	mkdir -p "$1"
	_sink_start HTTP "$pf" "${PYTHON:-python3}" -E "$SRCDIR/tests/helpers/http-sink.py" "$1" "$pf"
	HTTP_SINK_PORT=$_SINK_PORT HTTP_SINK_PID=$_SINK_PID
}

# smtp_sink DIR: an SMTP sink without STARTTLS on 127.0.0.1
# (tests/helpers/smtp-sink.py) writing each mail into DIR (created):
# NNNN.eml the mail, then NNNN.env its envelope.  Its port is
# SMTP_SINK_PORT, its PID SMTP_SINK_PID (stopped when the test ends).
smtp_sink() {
	local pf=$T/.smtp-sink.${#_at_exit[@]}.port
	mkdir -p "$1"
	_sink_start SMTP "$pf" "${PYTHON:-python3}" -E "$SRCDIR/tests/helpers/smtp-sink.py" "$1" 0 "$pf"
	SMTP_SINK_PORT=$_SINK_PORT SMTP_SINK_PID=$_SINK_PID
}

# mount_ns [--if-possible] ARGS...: run the test again (with its ARGS) in
# a private mount namespace (unshare -m, as root), where it may mount a
# tmpfs of its own; inside it (RST_IN_MOUNT_NS set) this returns at once.
# Where that cannot be done the test skips as optional, or fails under
# CI=true; with --if-possible it goes on outside one instead.
mount_ns() {
	local why="" required=1
	[ "${1:-}" = --if-possible ] && { required=""; shift; }
	[ -n "${RST_IN_MOUNT_NS:-}" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		why="needs root for a private tmpfs"
	elif ! unshare -m true 2>/dev/null; then
		why="unshare -m is not permitted here"
	fi
	if [ -n "$why" ]; then
		[ -n "$required" ] || return 0
		[ "${CI:-}" = true ] && fail "$why (required under CI)"
		skip "optional: $why"
	fi
	# The run inside makes its own temp dir: this one goes now, as exec
	# skips the exit trap.
	trap - EXIT
	rm -rf "$T"
	RST_IN_MOUNT_NS=1 exec unshare -m --propagation private bash "$0" "$@"
}

# mount_tmpfs DIR SIZE: a fresh tmpfs of SIZE (mode 0700) on DIR, unmounted
# when the test ends (inside mount_ns).
mount_tmpfs() {
	mkdir -p "$1"
	mount -t tmpfs -o "size=$2,mode=0700" tmpfs "$1" || fail "cannot mount a tmpfs on $1"
	at_exit "umount -l '$1' 2>/dev/null"
}

# fake_hosts NAME...: $T/hosts naming each NAME 127.0.0.1, for in_ns; the
# test skips as optional where /etc/hosts cannot be replaced so (not root,
# no unshare -m or mount).
fake_hosts() {
	[ "$(id -u)" -eq 0 ] || skip "optional: needs root for a private mount namespace (unshare -m)"
	need unshare mount
	printf '127.0.0.1 %s\n' "$*" >"$T/hosts"
	in_ns getent hosts "$1" >/dev/null 2>&1 ||
		skip "optional: cannot bind-mount /etc/hosts in a mount namespace"
}

# in_ns CMD...: run CMD with $T/hosts (see fake_hosts) as /etc/hosts, in a
# private mount namespace of its own.
in_ns() {
	unshare -m sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$T/hosts" "$@"
}

# notify_sinks DIR: http_sink DIR/posts and smtp_sink DIR/mails, their
# ports in HPORT (webhooks, heartbeats) and SPORT (mail).
notify_sinks() {
	http_sink "$1/posts"
	smtp_sink "$1/mails"
	HPORT=$HTTP_SINK_PORT
	SPORT=$SMTP_SINK_PORT
}

# need_faketime: skip unless faketime is installed; as it is an LD_PRELOAD
# library, AddressSanitizer (in the sanitizer build) must not insist on
# coming first.
need_faketime() {
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	need faketime
}

# at H CMD...: run CMD with the clock H hours ahead (faketime; file times
# stay real).  The test calls need_faketime first.
at() {
	local h=$1
	shift
	NO_FAKE_STAT=1 faketime -f "+${h}h" "$@"
}

# ensure_keys: $T/keys/signing.{pem,pub}, made once by the binary itself.
ensure_keys() {
	[ -f "$T/keys/signing.pem" ] && return 0
	"$RST" keygen --out "$T/keys" >"$T/.keygen.out" 2>&1 ||
		{ cat "$T/.keygen.out" >&2; fail "keygen --out $T/keys failed"; }
}

# mk_profile NAME DATA...: write $T/NAME.conf backing up the DATA paths into
# $T/repo with the key $T/keys/signing.pem (relative to the profile), state
# in $T/state and part_size $PART_SIZE (default 1M).  Tests append further
# keys with >>.
mk_profile() {
	local name=$1 p sep=""
	shift
	ensure_keys
	{
		printf 'name = "%s";\n' "$name"
		printf 'paths = [ '
		for p in "$@"; do
			printf '%s"%s"' "$sep" "$p"
			sep=", "
		done
		printf ' ];\n'
		printf 'repository = "file://%s/repo";\n' "$T"
		printf 'signing_key = "keys/signing.pem";\n'
		printf 'state_dir = "%s/state";\n' "$T"
		printf 'part_size = "%s";\n' "${PART_SIZE:-1M}"
	} >"$T/$name.conf"
}

# confdir_profile NAME PATH: $T/conf/profiles/NAME.conf (a CONFDIR
# $T/conf, where commands find it by name) backing up PATH into $T/repo
# with the key $T/keys/signing.pem, state in $T/state, and then the lines
# read from stdin.
confdir_profile() {
	ensure_keys
	mkdir -p "$T/conf/profiles"
	{
		printf 'name = "%s";\npaths = [ "%s" ];\n' "$1" "$2"
		printf 'repository = "file://%s/repo";\n' "$T"
		printf 'signing_key = "%s/keys/signing.pem";\n' "$T"
		printf 'state_dir = "%s/state";\n' "$T"
		cat
	} >"$T/conf/profiles/$1.conf"
}

# storage_data [SUB [NAME TEXT]]: $d = $T/src/data, the storage tests'
# source tree: a.txt, SUB/NAME holding TEXT (SUB "sub", NAME "é.txt",
# TEXT "procès" by default), 2.5 MB of random bytes in SUB/deeper (several
# parts) and a symlink.
storage_data() {
	local sub=${1:-sub}
	d=$T/src/data
	mkdir -p "$d/$sub/deeper"
	echo hello >"$d/a.txt"
	echo "${3:-procès}" >"$d/$sub/${2:-é.txt}"
	head -c 2500000 /dev/urandom >"$d/$sub/deeper/random.bin"
	ln -s a.txt "$d/link"
}

# remote_backup NAME ROOT [SECRET]: a first backup of $T/NAME.conf to a
# server that keeps the repository in the folder ROOT: exit 0, SECRET (a
# password) not in its stderr, list shows it, its folder on the server is
# $snap and its id $id, and no temporary object is left below ROOT.
remote_backup() {
	expect_exit 0 "$RST" backup "$T/$1.conf"
	[ -z "${3:-}" ] || ! grep -q -- "$3" "$ERR" || fail "the password appears in stderr"
	[ "$(snap_count "$T/$1.conf")" = 1 ] || fail "list does not show 1 snapshot"
	snap=$(snapdir "$1" "$2")
	[ -n "$snap" ] || fail "no snapshot folder on the server below $2"
	id=$(basename "$snap")
	[ -z "$(find "$2" -name '*.tmp-*')" ] || fail "temp objects left: $(find "$2" -name '*.tmp-*')"
}

# remote_restore NAME: verify --deep of $T/NAME.conf's latest snapshot,
# and its restore (snapshot $id) into $T/target gives back $d.
remote_restore() {
	expect_exit 0 "$RST" verify --deep "$T/$1.conf" latest
	expect_exit 0 "$RST" restore "$T/$1.conf" "$id" --target "$T/target"
	same_tree "$d" "$T/target$d"
}

# remote_chain NAME ROOT: an incremental chain on the server of
# $T/NAME.conf (repository folder ROOT there), as profile NAMEi backing up
# $d: a full, an incremental of the unchanged tree that stores no file and
# one after an edit; restore, drill and verify --deep of the newest equal
# $d; with the middle link moved off the server, restore is exit 4 naming
# it.  The test calls need_faketime first.
remote_chain() {
	local n=${1}i mid top
	sed "s/^name = .*/name = \"$n\";/" "$T/$1.conf" >"$T/$n.conf"
	printf 'incremental = { };\n' >>"$T/$n.conf"
	expect_exit 0 at 1 "$RST" backup "$T/$n.conf"
	expect_exit 0 at 2 "$RST" backup "$T/$n.conf"
	expect_stderr 'incremental 1 of a chain'
	mid=$(basename "$(snapdir "$n" "$2")")
	[ "$(json_get "$2/snapshots/$n/$mid/manifest.json" 'd["stream"]["files"]')" = 0 ] ||
		fail "an unchanged tree stored files on the server"
	echo "changed in a chain" >>"$d/a.txt"
	expect_exit 0 at 3 "$RST" backup "$T/$n.conf"
	expect_stderr 'incremental 2 of a chain'
	top=$(basename "$(snapdir "$n" "$2")")
	expect_exit 0 at 4 "$RST" restore "$T/$n.conf" "$top" --target "$T/chain-out"
	same_tree "$d" "$T/chain-out$d" "restore of an incremental chain from the server"
	expect_exit 0 at 4 "$RST" drill "$T/$n.conf" "$top"
	expect_exit 0 at 4 "$RST" verify --deep "$T/$n.conf" "$top"
	mv "$2/snapshots/$n/$mid" "$T/chain-away" || fail "cannot move $mid off the server"
	expect_exit 4 at 4 "$RST" restore "$T/$n.conf" "$top" --target "$T/chain-out2"
	expect_stderr "parent $mid is missing"
}

# forge_fixture NAME: $d ($T/data, one file real.txt) backed up by
# $T/NAME.conf (drill sandbox in $T/scratch), for tests that forge
# snapshots beside it: $forge the forger (forge.py), $template the genuine
# snapshot's manifest, $good its id and $gt the id's time part.
forge_fixture() {
	forge=$SRCDIR/tests/integration/forge.py
	[ -f "$forge" ] || fail "missing $forge"
	d=$T/data
	mkdir -p "$d"
	echo real >"$d/real.txt"
	mk_profile "$1" "$d"
	printf 'drill = { scratch_dir = "%s/scratch"; };\n' "$T" >>"$T/$1.conf"
	expect_exit 0 "$RST" backup "$T/$1.conf"
	template=$(snapdir "$1")/manifest.json
	good=$(basename "$(snapdir "$1")")
	gt=${good%%-*}
}

# snapdir NAME [REPO]: the newest snapshot folder of profile NAME (any, even
# uncommitted); empty output when there is none.
snapdir() {
	local repo=${2:-$T/repo} d
	d=$(find "$repo/snapshots/$1" -mindepth 1 -maxdepth 1 -type d 2>/dev/null |
		LC_ALL=C sort | tail -n 1)
	printf '%s\n' "$d"
}

# committed_dirs NAME [REPO]: how many snapshot folders hold manifest.json.sig.
committed_dirs() {
	local repo=${2:-$T/repo}
	find "$repo/snapshots/$1" -mindepth 2 -maxdepth 2 -name manifest.json.sig 2>/dev/null |
		wc -l | tr -d ' '
}

# snap_count PROFILE: number of snapshots `list --json` shows (fails the
# test when list fails or its JSON does not parse).
snap_count() {
	local n
	"$RST" --json list "$1" >"$T/.list.json" 2>"$T/.list.err" ||
		{ cat "$T/.list.json" "$T/.list.err" >&2; fail "list $1 failed"; }
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["snapshots"]))' \
		"$T/.list.json") || { cat "$T/.list.json" >&2; fail "list --json: bad JSON"; }
	echo "$n"
}

# flip_byte FILE OFFSET: flip the lowest bit of the byte at OFFSET (XOR
# 0x01, the smallest change; negative: from the end, -1 = last byte).
flip_byte() {
	local f=$1 off=$2 size b
	size=$(stat -c %s "$f")
	[ "$off" -lt 0 ] && off=$((size + off))
	[ "$off" -ge 0 ] && [ "$off" -lt "$size" ] || fail "flip_byte: offset $2 outside $f ($size bytes)"
	b=$(od -An -tu1 -j "$off" -N1 "$f" | tr -d ' ')
	# shellcheck disable=SC2059
	printf "\\x$(printf %02x $((b ^ 0x01)))" |
		dd of="$f" bs=1 seek="$off" count=1 conv=notrunc status=none ||
		fail "flip_byte: dd failed on $f"
}

# truncate_file FILE SIZE: cut FILE to SIZE bytes (negative: drop that many).
truncate_file() {
	local f=$1 n=$2 size
	size=$(stat -c %s "$f")
	[ "$n" -lt 0 ] && n=$((size + n))
	[ "$n" -lt 0 ] && n=0
	truncate -s "$n" "$f" || fail "truncate_file: cannot truncate $f"
}

# tree_digest DIR: one line per entry of DIR (DIR itself as "."), sorted by
# path: path, type, mode, mtime (ns), size, symlink target, sha256, link
# count and, for a multiply-linked file, the first path sharing its inode.
# Non-UTF-8 and newline bytes in names are shown escaped, so two trees
# compare with a plain diff of their digests.
tree_digest() {
	python3 - "$1" <<'EOF'
import hashlib, os, stat, sys

root = os.fsencode(sys.argv[1])
entries = []
for dirpath, dirnames, filenames in os.walk(root):
    for n in dirnames + filenames:
        entries.append(os.path.join(dirpath, n))
entries.append(root)
rel = lambda p: os.path.relpath(p, root)
entries.sort(key=rel)
first = {}
out = []
for p in entries:
    st = os.lstat(p)
    m = st.st_mode
    fields = [repr(rel(p))[1:], oct(stat.S_IMODE(m))]
    if stat.S_ISLNK(m):
        fields[1:] = ["symlink", repr(os.readlink(p))[1:], str(st.st_mtime_ns)]
    elif stat.S_ISDIR(m):
        fields[1:2] = ["dir", oct(stat.S_IMODE(m)), str(st.st_mtime_ns)]
    elif stat.S_ISREG(m):
        h = hashlib.sha256()
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        key = (st.st_dev, st.st_ino)
        first.setdefault(key, rel(p))
        fields[1:2] = ["file", oct(stat.S_IMODE(m)), str(st.st_mtime_ns),
                       str(st.st_size), h.hexdigest(), "nlink=%d" % st.st_nlink,
                       "inode-of=" + repr(first[key])[1:]]
    else:
        fields[1:2] = ["other:%o" % stat.S_IFMT(m), oct(stat.S_IMODE(m))]
    out.append(" ".join(fields))
sys.stdout.write("\n".join(out) + "\n")
EOF
}

# same_tree A B [WHAT]: fail unless diff -r and tree_digest both find A and
# B equal; WHAT names the step in the failure message.
same_tree() {
	local what=${3:+$3: }
	diff -r --no-dereference "$1" "$2" >"$T/.diff" 2>&1 ||
		{ head -n 40 "$T/.diff" >&2; fail "${what}diff -r $1 $2 differs"; }
	tree_digest "$1" >"$T/.digest.a" || fail "tree_digest $1 failed"
	tree_digest "$2" >"$T/.digest.b" || fail "tree_digest $2 failed"
	diff -u "$T/.digest.a" "$T/.digest.b" >"$T/.digest.diff" ||
		{ head -n 60 "$T/.digest.diff" >&2; fail "${what}tree_digest $1 and $2 differ (- source, + restored)"; }
}

# resign_manifest SNAPDIR: sign SNAPDIR/manifest.json again with the test
# key $T/keys/signing.pem, as whoever holds that key could once the
# snapshot is edited.
resign_manifest() {
	openssl pkeyutl -sign -rawin -inkey "$T/keys/signing.pem" \
		-in "$1/manifest.json" -out "$1/manifest.json.sig" || fail "openssl pkeyutl -sign failed"
}

# plant_unverified NAME ID FROM: in $T/repo, a committed folder ID of
# profile NAME holding snapshot FROM's objects with a random signature, as
# whoever controls the storage could plant (or damage the real one).
plant_unverified() {
	local dir=$T/repo/snapshots/$1/$2
	mkdir -p "$dir" || fail "test setup: mkdir $dir"
	cp "$T/repo/snapshots/$1/$3"/* "$dir/" || fail "test setup: cp"
	head -c 64 /dev/urandom >"$dir/manifest.json.sig"
}

# index_put SNAPDIR FILE [PATCH_FROM]: FILE becomes SNAPDIR's index
# object; its size and SHA-256 (and index.patch_from, when given) go into
# the manifest, which is signed again, as whoever holds the key could.
index_put() {
	cp "$2" "$1/index.jsonl.zst" || fail "cannot write the index of $1"
	python3 - "$1" "${3:-}" <<'PY' || fail "updating the manifest of $1"
import hashlib, json, os, sys
s, pf = sys.argv[1:]
raw = open(os.path.join(s, "index.jsonl.zst"), "rb").read()
mp = os.path.join(s, "manifest.json")
m = json.load(open(mp))
m["index"]["size"] = len(raw)
m["index"]["sha256"] = hashlib.sha256(raw).hexdigest()
if pf:
    m["index"]["patch_from"] = pf
open(mp, "w").write(json.dumps(m, indent=2) + "\n")
PY
	resign_manifest "$1"
}

# index_rewrite SNAPDIR CODE: run the python CODE (statements) on each
# entry e, line i of lines, of SNAPDIR's plain index; write the index
# again (an entry CODE changed as compact JSON, the others as they were)
# with index_put.
index_rewrite() {
	python3 - "$1" "$2" "$T/.index-rewrite.zst" <<'PY' || fail "rewriting the index of $1"
import json, os, subprocess, sys
s, code, dst = sys.argv[1:]
out = []
lines = subprocess.run(["zstd", "-dc", os.path.join(s, "index.jsonl.zst")],
                       stdout=subprocess.PIPE, check=True).stdout.splitlines()
for i, l in enumerate(lines):
    e = json.loads(l)
    was = json.loads(l)
    exec(code)
    out.append(l if e == was else json.dumps(e, separators=(",", ":")).encode())
raw = subprocess.run(["zstd", "-q", "-c"], input=b"\n".join(out) + b"\n",
                     stdout=subprocess.PIPE, check=True).stdout
open(dst, "wb").write(raw)
PY
	index_put "$1" "$T/.index-rewrite.zst"
}

# index_lines SNAPDIR: the snapshot's index, one JSON object per line (an
# index with patch_from "base" decompressed against its base's, one with
# "base-in" against its base's with "in" for files, as docs/FORMATS.md
# tells).
index_lines() {
	local base pf
	read -r base pf < <(python3 -c 'import json,sys
try: m = json.load(open(sys.argv[1]))
except (OSError, ValueError): sys.exit(0)
pf = m.get("index", {}).get("patch_from")
if pf in ("base", "base-in"): print(m["base"]["id"], pf)' "$1/manifest.json")
	if [ -z "$base" ]; then
		zstd -dc "$1/index.jsonl.zst" || fail "cannot decompress $1/index.jsonl.zst"
		return
	fi
	zstd -dc "$1/../$base/index.jsonl.zst" >"$T/.base-index.jsonl" &&
		if [ "$pf" = base-in ]; then
			LC_ALL=C sed -E -i '/,"type":"(file|hardlink)",/s/,"zframe":[0-9]+,"zoff":[0-9]+}$/,"in":"'"$base"'"}/' "$T/.base-index.jsonl"
		fi &&
		zstd -qd --patch-from="$T/.base-index.jsonl" -c "$1/index.jsonl.zst" ||
		fail "cannot decompress $1/index.jsonl.zst against its base $base"
}

# languages [--translated]: the codes of the language registry, as
# `version --json` lists them, space-separated (--translated: all but en).
# Tests that go through every language take them from here.
languages() {
	"$RST" --json version | python3 -c '
import json, sys
langs = json.load(sys.stdin)["languages"]
print(" ".join(l for l in langs if sys.argv[1:] != ["--translated"] or l != "en"))' "$@" ||
		fail "version --json: no language list"
}

# howto_fixture NAME: $T/data ($d: a line of text and 2.5 MB of random
# bytes, three parts) backed up by $T/NAME.conf ($P; RTO 1h, RPO 26h),
# then drilled and backed up again; and $T/bin, links to only the stock
# tools the report's "How to check" commands may use (PATH=$T/bin).
howto_fixture() {
	local c
	d=$T/data
	mkdir -p "$d"
	echo "ledger" >"$d/ledger.txt"
	head -c 2500000 /dev/urandom >"$d/blob.bin"
	PART_SIZE=1M mk_profile "$1" "$d"
	P=$T/$1.conf
	printf 'drill = { scratch_dir = "%s/scratch"; rto_target = "1h"; rpo_target = "26h"; };\n' "$T" >>"$P"
	expect_exit 0 "$RST" backup "$P"
	expect_exit 0 "$RST" drill "$P"
	expect_exit 0 "$RST" backup "$P"
	mkdir -p "$T/bin"
	for c in sh openssl sha256sum awk sed base64 grep cut tr tail wc cat mktemp rm; do
		ln -s "$(command -v "$c")" "$T/bin/$c" || fail "no $c"
	done
}

# schema_check FILE: the JSON report FILE is valid against docs/report-schema.json (with
# the jsonschema module when present, else the subset of JSON Schema 2020-12
# that the schema uses: type, const, enum, required, properties,
# additionalProperties, items, $ref, allOf, anyOf, minimum, pattern).
schema_check() {
	python3 - "$SRCDIR/docs/report-schema.json" "$1" <<'EOF' || fail "$1 does not match docs/report-schema.json"
import json, re, sys
schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
try:
    import jsonschema
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)
    sys.exit(0)
except ImportError:
    pass
T = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
def is_type(v, t):
    if t == "integer": return isinstance(v, int) and not isinstance(v, bool)
    if t == "number": return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, T[t])
def check(s, v, path):
    if "$ref" in s: check(schema["$defs"][s["$ref"].split("/")[-1]], v, path)
    for sub in s.get("allOf", []): check(sub, v, path)
    if "anyOf" in s:
        ok = 0
        for sub in s["anyOf"]:
            try: check(sub, v, path); ok = 1
            except ValueError: pass
        if not ok: raise ValueError("%s: no anyOf branch matches" % path)
    if "type" in s:
        ts = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(is_type(v, t) for t in ts): raise ValueError("%s: not %s" % (path, ts))
    if "const" in s and v != s["const"]: raise ValueError("%s: not %r" % (path, s["const"]))
    if "enum" in s and v not in s["enum"]: raise ValueError("%s: %r not in %r" % (path, v, s["enum"]))
    if "minimum" in s and is_type(v, "number") and v < s["minimum"]: raise ValueError("%s: below minimum" % path)
    if "pattern" in s and isinstance(v, str) and not re.search(s["pattern"], v): raise ValueError("%s: %r does not match" % (path, v))
    if isinstance(v, dict):
        for k in s.get("required", []):
            if k not in v: raise ValueError("%s: %s missing" % (path, k))
        props = s.get("properties", {})
        for k, x in v.items():
            if k in props: check(props[k], x, path + "." + k)
            elif s.get("additionalProperties") is False: raise ValueError("%s: unexpected %s" % (path, k))
            elif isinstance(s.get("additionalProperties"), dict): check(s["additionalProperties"], x, path + "." + k)
    if isinstance(v, list) and "items" in s:
        for i, x in enumerate(v): check(s["items"], x, "%s[%d]" % (path, i))
try:
    check(schema, doc, "$")
except ValueError as e:
    print(e); sys.exit(1)
EOF
}

# json_get FILE EXPR: evaluate a python EXPR over the JSON document d.
json_get() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# journal_rewrite KEY JSONL HEAD LINE: rewrite a journal consistently with
# its signing key KEY, as whoever holds the key could: in record LINE
# (0-based) "files":1 becomes "files":9, that line and every later one is
# re-chained and re-signed, and the head HEAD is written anew.  Needs
# python3-cryptography (tests skip as optional without it).
journal_rewrite() {
	python3 - "$@" <<'EOF' || fail "re-signing $2 failed"
import base64, hashlib, json, sys
from cryptography.hazmat.primitives.serialization import load_pem_private_key
key = load_pem_private_key(open(sys.argv[1], "rb").read(), None)
at = int(sys.argv[4])
TAIL = len(b',"sig":"') + 88 + 2
def sign(body):
    return body[:-1] + b',"sig":"' + base64.b64encode(key.sign(body)) + b'"}'
lines = open(sys.argv[2], "rb").read().split(b"\n")[:-1]
prev = None
for i, l in enumerate(lines):
    body = l[:-TAIL] + b"}"
    if i == at:
        assert b'"files":1,' in body, body
        body = body.replace(b'"files":1,', b'"files":9,', 1)
    if prev is not None:
        o = json.loads(body)
        body = body.replace(o["prev"].encode(), prev, 1)
    lines[i] = sign(body)
    prev = hashlib.sha256(lines[i]).hexdigest().encode()
open(sys.argv[2], "wb").write(b"\n".join(lines) + b"\n")
head = b'{"v":1,"count":%d,"last":"%s"}' % (len(lines), prev)
open(sys.argv[3], "wb").write(sign(head) + b"\n")
EOF
}
