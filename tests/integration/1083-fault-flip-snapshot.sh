#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Fault matrix, byte flips (2/2): every single-byte flip (XOR 0x01) of a
# part, the index and the manifest of a small snapshot is detected by
# verify (exit 4: the manifest is signed and gives each object's size and
# SHA-256; an index whose content changed under a valid manifest is verify
# --deep's, see 0300).  Prints "OBJECT: N/N flips detected" per object
# (tests/integration/flips.sh).  A heavy matrix: the non-sanitizer pass
# only; as root on a tmpfs in a private mount namespace (unshare -m).

. "$(dirname "$0")/lib.sh"
mount_ns --if-possible "$@"
heavy_matrix
need python3 zstd
. "$(dirname "$0")/flips.sh"
flip_run part index manifest
