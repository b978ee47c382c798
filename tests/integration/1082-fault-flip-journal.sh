#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Fault matrix, byte flips (1/2): every single-byte flip (XOR 0x01) of the
# repository journal and its head is detected by journal verify (exit 4),
# and of the manifest's signature by verify (exit 4: signatures must be
# canonical base64 and verify).  Prints "OBJECT: N/N flips detected" per
# object (tests/integration/flips.sh).  A heavy matrix: the non-sanitizer
# pass only; as root on a tmpfs in a private mount namespace (unshare -m).

. "$(dirname "$0")/lib.sh"
mount_ns --if-possible "$@"
heavy_matrix
need python3 zstd
. "$(dirname "$0")/flips.sh"
flip_run "journal (repository)" "head (repository)" signature
