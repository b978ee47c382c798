# SPDX-License-Identifier: ISC
#
# The byte-flip fault matrix, sourced after lib.sh by the tests that run it
# (not a test of its own: run.sh runs only [0-9]*.sh).  On load it makes a
# small snapshot (one file) of the profile f; as root inside a private
# mount namespace (RST_IN_MOUNT_NS, see the tests) its repository and
# state_dir live on a tmpfs, where the journal's fsyncs cost nothing.
#
#   flip_run LABEL...  every single-byte flip (XOR 0x01) of each object
#                      named, one at a time, each checked by the command
#                      that owns the object (verify for the snapshot's
#                      objects, journal verify for the journal and head):
#                      exit 4 is "detected"; prints "LABEL: N/N flips
#                      detected (COMMAND)" per object and fails on any
#                      undetected flip.  Labels: "journal (repository)",
#                      "head (repository)", part, index, manifest,
#                      signature.  Each verify journals its result: the
#                      journals and metrics go back to their first state
#                      after every run, so that they stay small.

if [ -n "${RST_IN_MOUNT_NS:-}" ]; then
	mount_tmpfs "$T/fast" 64m
	W=$T/fast
else
	note "not root or no unshare -m: on disk, slower"
	W=$T
fi

d=$T/src/data
mkdir -p "$d"
echo "hello flip" >"$d/a.txt"
mk_profile f "$d"
sed -i -e "s|^repository = .*|repository = \"file://$W/repo\";|" \
	-e "s|^state_dir = .*|state_dir = \"$W/state\";|" "$T/f.conf"
expect_exit 0 "$RST" backup "$T/f.conf"
snap=$(snapdir f "$W/repo")
expect_exit 0 "$RST" verify --deep "$T/f.conf" latest
expect_exit 0 "$RST" journal verify "$T/f.conf"

# flip_run LABEL...: the matrix over the objects named (see objects below).
flip_run() {
	local start=$SECONDS
	python3 - "$RST" "$T/f.conf" "$snap" "$W/repo/journal" "$@" <<'EOF' || fail "undetected flips (above)"
import os, subprocess, sys
rst, conf, snap, rjournal = sys.argv[1:5]
wanted = sys.argv[5:]
verify = [rst, "-q", "verify", conf, "latest"]
journal = [rst, "-q", "journal", "verify", conf]
objects = [
    (os.path.join(rjournal, "f.jsonl"), "journal (repository)", [journal]),
    (os.path.join(rjournal, "f.head"), "head (repository)", [journal]),
    (os.path.join(snap, "stream.pax.zst.000000"), "part", [verify]),
    (os.path.join(snap, "index.jsonl.zst"), "index", [verify]),
    (os.path.join(snap, "manifest.json"), "manifest", [verify]),
    (os.path.join(snap, "manifest.json.sig"), "signature", [verify]),
]
# Every run of verify journals its result: the journals (state_dir and
# repository) and the metrics go back to their first state after each run,
# so that they stay one record long (a growing journal would make each
# later run slower, and the journal objects' own matrix larger).
state = os.path.dirname(os.path.dirname(rjournal)) + "/state"
kept = {}
for top in (state, rjournal):
    for dp, dns, fns in os.walk(top):
        for n in fns:
            p = os.path.join(dp, n)
            with open(p, "rb") as f:
                kept[p] = f.read()

def reset():
    for top in (state, rjournal):
        for dp, dns, fns in os.walk(top):
            for n in fns:
                p = os.path.join(dp, n)
                if p not in kept:
                    os.unlink(p)
                    continue
                with open(p, "rb") as f:
                    same = f.read() == kept[p]
                if not same:
                    with open(p, "wb") as f:
                        f.write(kept[p])

bad = 0
assert set(wanted) <= set(o[1] for o in objects), wanted
for path, label, cmds in objects:
    if label not in wanted:
        continue
    with open(path, "rb") as f:
        orig = f.read()
    assert len(orig) > 0, path
    for cmd in cmds:
        detected, missed = 0, []
        for i in range(len(orig)):
            b = bytearray(orig)
            b[i] ^= 0x01
            with open(path, "wb") as f:
                f.write(b)
            rc = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL).returncode
            reset()
            if rc == 4:
                detected += 1
            else:
                missed.append("%d (exit %d)" % (i, rc))
        with open(path, "wb") as f:
            f.write(orig)
        what = " ".join(c for c in cmd[2:] if c not in (conf, "latest"))
        print("%s: %d/%d flips detected (%s)" % (label, detected, len(orig), what),
              flush=True)
        if missed:
            bad += 1
            print("  undetected at offsets: " + ", ".join(missed[:20]), flush=True)
    # The object is whole again: every check passes.
    for cmd in (verify, journal):
        if subprocess.run(cmd).returncode != 0:
            sys.exit("%s: %s fails after the flips were undone" % (label, " ".join(cmd)))
sys.exit(1 if bad else 0)
EOF
	note "flip matrix: $((SECONDS - start)) s"
}
