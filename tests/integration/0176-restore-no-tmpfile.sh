#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# On a file system without O_TMPFILE (an LD_PRELOAD shim makes every
# O_TMPFILE open fail with EOPNOTSUPP) restore writes each file under a
# fresh temporary name in its final folder and still links it into place
# only after it matched the index: the tree comes back identical, with
# --overwrite too, a forged file is refused (exit 4) with the old version
# kept, and no temporary file is ever left behind.

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || need cc

cat >"$T/notmp.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/types.h>
#include <unistd.h>

static int
shim(const char *sym, int fd, const char *path, int flags, mode_t mode)
{
	int (*real)(int, const char *, int, ...);

	if ((flags & O_TMPFILE) == O_TMPFILE) {
		if (write(2, "notmp: O_TMPFILE refused\n", 25) < 0)
			return -1;
		errno = EOPNOTSUPP;
		return -1;
	}
	real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, sym);
	return real(fd, path, flags, mode);
}

#define SHIM(name)							\
int name(int fd, const char *path, int flags, ...)			\
{									\
	va_list ap;							\
	mode_t mode = 0;						\
									\
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {	\
		va_start(ap, flags);					\
		mode = (mode_t)va_arg(ap, int);				\
		va_end(ap);						\
	}								\
	return shim(#name, fd, path, flags, mode);			\
}
SHIM(openat)
SHIM(openat64)
EOF
"$CC" -shared -fPIC -o "$T/notmp.so" "$T/notmp.c" -ldl 2>"$T/cc.err" ||
	{ cat "$T/cc.err" >&2; fail "cannot build the O_TMPFILE shim"; }
# The shim is loaded before a sanitizer runtime: let ASan accept that.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0

d=$T/data
mkdir -p "$d/sub"
echo one >"$d/one.txt"
head -c 300000 /dev/urandom >"$d/sub/blob"
ln "$d/one.txt" "$d/sub/one-again"
mk_profile nt "$d"
expect_exit 0 "$RST" backup "$T/nt.conf"

expect_exit 0 env LD_PRELOAD="$T/notmp.so" "$RST" restore "$T/nt.conf" latest --target "$T/t"
same_tree "$d" "$T/t$d" "restore without O_TMPFILE"
# The shim really was in the way.
expect_stderr 'notmp: O_TMPFILE refused'

echo "local change" >"$T/t$d/one.txt"
expect_exit 0 env LD_PRELOAD="$T/notmp.so" "$RST" restore "$T/nt.conf" latest --target "$T/t" --overwrite
same_tree "$d" "$T/t$d" "restore --overwrite without O_TMPFILE"
[ -z "$(find "$T/t" -name '.restorable-tmp-*')" ] || fail "temporary files left"

# A forged file: refused, the old version stays, no temporary file left.
good=$(basename "$(snapdir nt)")
gt=${good%%-*}
good_s=$(date -u -d "${gt:0:4}-${gt:4:2}-${gt:6:2}T${gt:9:2}:${gt:11:2}:${gt:13:2}Z" +%s)
id=$(date -u -d "@$((good_s + 1))" +%Y%m%dT%H%M%SZ)-0bad00
python3 "$SRCDIR/tests/integration/forge.py" --case content --outside "$T/outside" \
	--template "$(snapdir nt)/manifest.json" --key "$T/keys/signing.pem" \
	--snapdir "$T/repo/snapshots/nt/$id" >"$T/forge.out" 2>&1 ||
	{ cat "$T/forge.out" >&2; fail "forge.py failed"; }
mkdir -p "$T/f/ok"
echo "previous" >"$T/f/ok/victim.txt"
expect_exit 4 env LD_PRELOAD="$T/notmp.so" "$RST" restore "$T/nt.conf" "$id" --target "$T/f" --overwrite
expect_stderr 'ok/victim.txt: content does not match the signed index'
[ "$(cat "$T/f/ok/victim.txt")" = previous ] || fail "the old version was replaced"
[ -z "$(find "$T/f" -name '.restorable-tmp-*')" ] || fail "temporary file left after a refusal"
expect_exit 4 env LD_PRELOAD="$T/notmp.so" "$RST" restore "$T/nt.conf" "$id" --target "$T/g"
[ -e "$T/g/ok/victim.txt" ] && fail "the forged file got its final name"
[ -z "$(find "$T/g" -name '.restorable-tmp-*')" ] || fail "temporary file left after a refusal"
exit 0
