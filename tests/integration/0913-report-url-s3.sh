#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report --repository s3://BUCKET/PREFIX against moto_server on loopback:
# a URL alone takes the endpoint and region from AWS_ENDPOINT_URL and
# AWS_REGION and the credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, as the aws CLI does, and spools into a private
# folder under $TMPDIR (no state_dir), removed afterwards.
#
#   - the fleet report exits 0 with the journal verified and the profile
#     proven restorable; the secret never shows; nothing is left in $TMPDIR
#   - a wrong secret: exit 3

. "$(dirname "$0")/lib.sh"
need python3 openssl
moto_start auth
awsq s3api create-bucket --bucket backups >/dev/null || fail "create-bucket"

d=$T/data
mkdir -p "$d" "$T/empty" "$T/tmpd"
echo "ledger 2026" >"$d/ledger.txt"
s3_cred "$T/s3.cred"
mk_profile rs "$d"
sed -i '/^repository = /d' "$T/rs.conf"
cat >>"$T/rs.conf" <<CONF
repository = {
	url = "s3://backups/site-a";
	endpoint = "$EP";
	region = "us-east-1";
	credentials_file = "s3.cred";
	timeout = "20s";
	retries = 2;
};
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
CONF
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_DEFAULT_REGION
expect_exit 0 "$RST" backup "$T/rs.conf"
expect_exit 0 "$RST" drill "$T/rs.conf"

FPR="SHA256:$(openssl pkey -pubin -in "$T/keys/signing.pub" -outform DER | sha256sum | cut -d' ' -f1)"
REPORT=(-c "$T/empty" report --repository s3://backups/site-a --pin "rs=$FPR"
	--format json --key "$T/keys/signing.pem")

note "fleet report over S3 by URL"
expect_exit 0 env TMPDIR="$T/tmpd" AWS_ENDPOINT_URL="$EP" AWS_REGION=us-east-1 \
	AWS_ACCESS_KEY_ID="$KEY" AWS_SECRET_ACCESS_KEY="$SECRET" \
	"$RST" "${REPORT[@]}" --out "$T/r.json"
grep -q -- "$SECRET" "$ERR" "$T/r.json" && fail "the secret shows"
[ "$(json_get "$T/r.json" '[(p["name"], p["journal"]["verified"], p["verdict"]["restorable"]) for p in d["profiles"]]')" = \
	"[('rs', True, True)]" ] || fail "the journal read over S3 is not verified, or the profile not proven"
[ -z "$(ls -A "$T/tmpd")" ] || fail "left in \$TMPDIR: $(ls -A "$T/tmpd")"

note "wrong secret"
expect_exit 3 env TMPDIR="$T/tmpd" AWS_ENDPOINT_URL="$EP" AWS_REGION=us-east-1 \
	AWS_ACCESS_KEY_ID="$KEY" AWS_SECRET_ACCESS_KEY="wrong-$SECRET" \
	"$RST" "${REPORT[@]}" --out "$T/r2.json"
grep -q -- "$SECRET" "$ERR" && fail "the secret shows"
[ -z "$(ls -A "$T/tmpd")" ] || fail "left in \$TMPDIR after a failure: $(ls -A "$T/tmpd")"
exit 0
