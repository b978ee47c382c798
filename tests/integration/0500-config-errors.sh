#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Profile errors: every class is exit 2 with a stderr line "FILE:LINE: "
# pointing at the right line (syntax error, unknown key at top level and
# in a group, wrong type, missing required key, bad size, bad duration,
# bad name, nonexistent path, missing key file, group/world-readable key);
# several problems in one file are all reported; backup with a broken
# profile is 2 and creates nothing; profiles are found by name through -c
# CONFDIR and RESTORABLE_CONFIG (empty: unset, for every command).

. "$(dirname "$0")/lib.sh"

d=$T/data
mkdir -p "$d"
echo x >"$d/f"
ensure_keys

# good: the six lines of a valid profile (line numbers 1-6).
good() {
	cat <<EOF
name = "cfg";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "keys/signing.pem";
state_dir = "$T/state";
part_size = "1M";
EOF
}

# cfg_error FILE LINE REGEX: check-config FILE exits 2 with a stderr line
# "FILE:LINE: ..." matching REGEX (LINE may be a regex such as [0-9]+).
cfg_error() {
	expect_exit 2 "$RST" check-config "$1"
	grep -qE -- "^$(printf '%s' "$1" | sed 's/[][\.*^$+?(){}|]/\\&/g'):$2: .*$3" "$ERR" && return 0
	show_last >&2
	fail "check-config $(basename "$1"): no \"FILE:$2: ...$3\" line"
}

c=$T/cfg.conf
good >"$c"
expect_exit 0 "$RST" check-config "$c"

# Syntax error on line 3.
{ echo 'name = "cfg";'; echo "paths = [ \"$d\" ];"; echo 'repository = = "file:///x";'; echo 'part_size = "1M";'; } >"$c"
cfg_error "$c" 3 ''
{ good; echo 'exclude = [ "*.tmp", ];'; echo 'hooks = { pre_backup = "true" };'; } >"$c"
cfg_error "$c" '(7|8)' ''

# Unknown key at top level (line 7) and inside a group (line 9).
{ good; echo 'colour = "blue";'; } >"$c"
cfg_error "$c" 7 'colour'
{ good; echo 'hooks = {'; echo '  pre_backup = "true";'; echo '  pre_bakup = "true";'; echo '};'; } >"$c"
cfg_error "$c" 9 'pre_bakup'
{ good; echo 'drill = {'; echo '  checks = ( { name = "a"; command = "true"; timout = "1m"; } );'; echo '};'; } >"$c"
cfg_error "$c" 8 'timout'

# Wrong types.
{ good | sed '/^part_size/d'; echo 'part_size = 64;'; } >"$c"
cfg_error "$c" 6 'part_size'
{ good | sed "s|^paths = .*|paths = \"$d\";|"; } >"$c"
cfg_error "$c" 2 'paths'
{ good; echo 'compression = { level = "high"; };'; } >"$c"
cfg_error "$c" 7 'level'
{ good; echo 'exclude = "*.tmp";'; } >"$c"
cfg_error "$c" 7 'exclude'
{ good | sed 's|^name = .*|name = 42;|'; } >"$c"
cfg_error "$c" 1 'name'

# Missing required keys: name, paths, repository.
for key in name paths repository; do
	good | sed "/^$key = /d" >"$c"
	cfg_error "$c" '[0-9]+' "$key"
done
# No key at all to sign or verify with.
good | sed '/^signing_key/d' >"$c"
cfg_error "$c" '[0-9]+' 'signing_key|verify_key'

# Bad size and bad durations.
good | sed 's|^part_size = .*|part_size = "64X";|' >"$c"
cfg_error "$c" 6 '64X'
{ good; echo 'schedule = {'; echo '  backup = "5 minutes";'; echo '};'; } >"$c"
cfg_error "$c" 8 '5 minutes'
{ good; echo 'hooks = { pre_backup = "true"; timeout = "1 hour"; };'; } >"$c"
cfg_error "$c" 7 '1 hour'
{ good; echo 'drill = { rto_target = "4x"; };'; } >"$c"
cfg_error "$c" 7 '4x'

# Bad profile names.
for bad in 'two words' '.hidden' 'a.tmp-b' 'x/y' "$(printf 'n%.0s' {1..65})" ''; do
	good | sed "s|^name = .*|name = \"$bad\";|" >"$c"
	cfg_error "$c" 1 'name'
done
good | sed "s|^name = .*|name = \"$(printf 'n%.0s' {1..64})\";|" >"$c"
expect_exit 0 "$RST" check-config "$c"

# on_unreadable other than error/warn.
{ good; echo 'on_unreadable = "ignore";'; } >"$c"
cfg_error "$c" 7 'on_unreadable'

# A path that does not exist, a relative path.
good | sed "s|^paths = .*|paths = [ \"$d\", \"$T/no/such/dir\" ];|" >"$c"
cfg_error "$c" 2 'no/such/dir'
good | sed "s|^paths = .*|paths = [ \"relative/dir\" ];|" >"$c"
cfg_error "$c" 2 'paths'

# Key files: missing, group/world-readable (named in the message).
good | sed 's|^signing_key = .*|signing_key = "keys/nope.pem";|' >"$c"
cfg_error "$c" 4 'nope\.pem'
good | sed 's|^signing_key = .*|signing_key = "keys/signing.pub";|' >"$c"
cfg_error "$c" 4 'signing'
mkdir -p "$T/k644" && cp "$T/keys/signing.pem" "$T/k644/signing.pem" && chmod 0644 "$T/k644/signing.pem"
good | sed 's|^signing_key = .*|signing_key = "k644/signing.pem";|' >"$c"
cfg_error "$c" 4 'k644/signing\.pem'
chmod 0640 "$T/k644/signing.pem"
cfg_error "$c" 4 'k644/signing\.pem'
expect_exit 2 "$RST" backup "$c"
expect_stderr 'k644/signing\.pem'
[ -e "$T/repo" ] && fail "backup with a group-readable key created the repository"
chmod 0600 "$T/k644/signing.pem"
expect_exit 0 "$RST" check-config "$c"
good | sed 's|^signing_key = .*|verify_key = "keys/missing.pub";|' >"$c"
cfg_error "$c" 4 'missing\.pub'

# Several problems in one file: all of them reported, each at its line.
{
	echo 'name = "cfg";'
	echo "paths = [ \"$T/no/such\" ];"
	echo "repository = \"file://$T/repo\";"
	echo 'signing_key = "keys/signing.pem";'
	echo "state_dir = \"$T/state\";"
	echo 'part_size = "12Q";'
	echo 'frobnicate = true;'
	echo 'schedule = { drill = "weekly"; };'
	echo 'hooks = { post_backup = 3; };'
} >"$c"
cfg_error "$c" 2 'no/such'
cfg_error "$c" 6 '12Q'
cfg_error "$c" 7 'frobnicate'
cfg_error "$c" 8 'weekly'
cfg_error "$c" 9 'post_backup'

# backup (and list, verify, restore) with a broken profile: 2, nothing
# created (no repository, no state dir).
{ good; echo 'colour = "blue";'; } >"$c"
rm -rf "$T/repo" "$T/state"
expect_exit 2 "$RST" backup "$c"
expect_stderr "cfg\.conf:7: "
expect_exit 2 "$RST" list "$c"
expect_exit 2 "$RST" verify "$c"
expect_exit 2 "$RST" restore "$c" latest --target "$T/t"
[ -e "$T/repo" ] && fail "a broken profile created the repository"
[ -e "$T/state" ] && fail "a broken profile created the state dir"
[ -e "$T/t" ] && fail "restore with a broken profile created the target"
expect_exit 2 "$RST" --json backup "$c"
[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["exit"])' "$OUT")" = 2 ] ||
	{ show_last; fail 'backup --json with a broken profile: "exit" is not 2'; }
# check-config does not create the repository or state dir either.
good >"$c"
expect_exit 0 "$RST" check-config "$c"
[ -e "$T/repo" ] && fail "check-config created the repository"
[ -e "$T/state" ] && fail "check-config created the state dir"
# A profile file that does not exist.
expect_exit 2 "$RST" check-config "$T/absent.conf"
expect_stderr 'absent\.conf'

# Profiles by name: -c CONFDIR and RESTORABLE_CONFIG.
conf=$T/confdir
mkdir -p "$conf/profiles"
good | sed "s|^signing_key = .*|signing_key = \"$T/keys/signing.pem\";|" >"$conf/profiles/cfg.conf"
expect_exit 0 "$RST" -c "$conf" check-config cfg
expect_exit 0 "$RST" check-config cfg -c "$conf"
expect_exit 0 env RESTORABLE_CONFIG="$conf" "$RST" check-config cfg
expect_exit 0 env RESTORABLE_CONFIG="$conf" "$RST" backup cfg
expect_exit 0 "$RST" -c "$conf" list cfg
expect_stdout '^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6} '
# -c wins over RESTORABLE_CONFIG.
expect_exit 0 env RESTORABLE_CONFIG="$T/nowhere" "$RST" -c "$conf" check-config cfg
# An empty RESTORABLE_CONFIG (or -c "") is unset, for every command that
# looks profiles up: a name, run's and report's enumeration.
expect_exit 0 env RESTORABLE_CONFIG="$conf" "$RST" -c "" check-config cfg
for cmd in "check-config cfg" "backup cfg" "run" "report --format json"; do
	# shellcheck disable=SC2086
	expect_exit 2 env RESTORABLE_CONFIG= "$RST" $cmd
	grep -qE '(^|[ (])/profiles' "$ERR" && { show_last; fail "$cmd: an empty RESTORABLE_CONFIG was taken as a folder"; }
	expect_stderr '/restorable/profiles'
done
# An unknown name, and a name whose file holds another profile name.
expect_exit 2 "$RST" -c "$conf" check-config nosuch
expect_stderr 'nosuch'
cp "$conf/profiles/cfg.conf" "$conf/profiles/other.conf"
expect_exit 2 "$RST" -c "$conf" check-config other
grep -qE '^[^ ]*other\.conf:1: ' "$ERR" || { show_last; fail "name/file mismatch not reported at other.conf:1"; }
# Errors in a profile found by name name its file.
echo 'colour = "blue";' >>"$conf/profiles/cfg.conf"
expect_exit 2 "$RST" -c "$conf" check-config cfg
grep -qE "^[^ ]*profiles/cfg\.conf:7: .*colour" "$ERR" || { show_last; fail "error in a profile by name lacks its FILE:LINE"; }

# Each problem is printed once: one problem is one line (no "error:" line
# repeating it); several are their lines and one count.  A key within two
# edits of a known one is named.
printf 'name = "once";\npaths = [ "%s" ];\nrepository = { url = "file://%s/repo"; };\nsigning_kee = "k.pem";\n' \
    "$T" "$T" >"$conf/profiles/once.conf"
expect_exit 2 "$RST" -c "$conf" backup once
[ "$(grep -c 'signing_kee' "$ERR")" = 1 ] || { show_last; fail "a config problem is printed more than once"; }
expect_stderr 'once\.conf:4: signing_kee: unknown key \(did you mean signing_key\?\)'
expect_stderr 'error: 2 problems in the profile \(above\)'
printf 'name = "once";\npaths = [ "%s" ];\nrepository = { url = "file://%s/repo"; };\nverify_key = "k.pub";\nretension = { keep_last = 1; };\n' \
    "$T" "$T" >"$conf/profiles/once.conf"
: >"$conf/profiles/k.pub"
expect_exit 2 "$RST" -c "$conf" list once
[ "$(wc -l <"$ERR")" = 1 ] || { show_last; fail "one config problem is not one line"; }
expect_stderr 'once\.conf:5: retension: unknown key \(did you mean retention\?\)'
exit 0
