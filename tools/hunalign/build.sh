#!/bin/sh
# Builds hunalign (for comparison figures only; nothing in Hamta depends on it) from a checkout
# of github.com/danielvarga/hunalign given as $1, into $2 (default /tmp/hunalign-bin).
set -eu
src=${1:?usage: build.sh <hunalign checkout> [output folder]}
out=${2:-/tmp/hunalign-bin}
mkdir -p "$out"
# Its sources predate current C++ compilers' strictness.
make -C "$src/src/hunalign" -j2 CPPFLAGS="-O2 -fpermissive -w -I ../include"
cp "$src/src/hunalign/hunalign" "$out/hunalign"
: > "$out/empty.dic"
echo "$out/hunalign (use $out/empty.dic for its no-dictionary mode)"
