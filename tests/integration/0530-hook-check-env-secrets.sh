#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Hooks and checks do not inherit the secrets: with the passphrase in the
# variable passphrase_env names, repository credentials in the one
# credentials_env names, and AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
# set, a pre_backup hook, a post_backup hook and a drill check that run
# `env` see none of them (other variables and RESTORABLE_RESTORED do
# reach them).  The backup and drill still use the passphrase.  The same
# profile unencrypted (whose journal keeps the check's output): the
# drill's journal record holds neither credentials nor the AWS secret.

. "$(dirname "$0")/lib.sh"

d=$T/data
mkdir -p "$d"
echo hello >"$d/a.txt"
mk_profile envp "$d"
sed -i "s|^repository = .*|repository = { url = \"file://$T/repo\"; credentials_env = \"RST_TEST_CRED\"; };|" "$T/envp.conf"
cat >>"$T/envp.conf" <<EOF
encryption = { passphrase_env = "RST_TEST_PASS"; };
hooks = { pre_backup = "env >$T/pre.env"; post_backup = "env >$T/post.env"; };
drill = { scratch_dir = "$T/scratch";
  checks = ( { name = "print env"; command = "env | tee $T/check.env | sort"; } ); };
EOF

export RST_TEST_PASS=pass-s3cr3t-4711
export RST_TEST_CRED=cred-s3cr3t-4712
export AWS_SECRET_ACCESS_KEY=aws-s3cr3t-4713
export AWS_SESSION_TOKEN=token-s3cr3t-4714
export RST_TEST_VISIBLE=visible-4715

expect_exit 0 "$RST" check-config "$T/envp.conf"
expect_exit 0 "$RST" backup "$T/envp.conf"
expect_exit 0 "$RST" drill "$T/envp.conf"

for f in pre post check; do
	[ -s "$T/$f.env" ] || fail "$f: the command did not run"
	grep -q '^RST_TEST_VISIBLE=visible-4715$' "$T/$f.env" ||
		fail "$f: ordinary variables no longer reach the command"
	if grep -n 's3cr3t' "$T/$f.env" >&2; then
		fail "$f: a secret variable reached the command's environment"
	fi
done
grep -q "^RESTORABLE_RESTORED=$T/scratch/" "$T/check.env" ||
	fail "check: RESTORABLE_RESTORED is missing"

# Unencrypted: the check's output goes into the journal.
grep -v -e '^encryption' -e '^name' "$T/envp.conf" >"$T/envj.conf"
sed -i "s|$T/repo|$T/repo2|; s|$T/state|$T/state2|" "$T/envj.conf"
echo 'name = "envj";' >>"$T/envj.conf"
expect_exit 0 "$RST" backup "$T/envj.conf"
expect_exit 0 "$RST" drill "$T/envj.conf"
grep -q 'RST_TEST_VISIBLE' "$T/state2/journal/envj.jsonl" ||
	fail "the check's output is not in the journal (the test proves nothing)"
if grep -o -e 'cred-s3cr3t-[0-9]*' -e '[a-z]*-s3cr3t-471[34]' \
	"$T/state2/journal/envj.jsonl" "$T/repo2/journal/envj.jsonl" >&2; then
	fail "a secret reached the journal"
fi
exit 0
