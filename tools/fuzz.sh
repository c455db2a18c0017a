#!/bin/bash
# Builds the libFuzzer harnesses with clang, ASan and UBSan in build-fuzz/ and runs each
# for FUZZ_SECONDS (default 60) from its seed corpus (tests/fuzz/corpus/NAME).
#   tools/fuzz.sh            all targets
#   FUZZ_SECONDS=3600 tools/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
args=(-Dfuzzing=true -Dfuzz_seconds="$seconds" -Db_sanitize=address,undefined -Db_lundef=false
      -Dgui=disabled -Dcuda=disabled -Dmpi=disabled -Dwerror=true)
if [ -f build-fuzz/build.ninja ]; then
  CC=clang meson setup --reconfigure build-fuzz "${args[@]}" >/dev/null
else
  CC=clang meson setup build-fuzz "${args[@]}" >/dev/null
fi
targets=(tests/fuzz/fuzz-study tests/fuzz/fuzz-expr tests/fuzz/fuzz-units tests/fuzz/fuzz-csv)
ninja -C build-fuzz "${targets[@]}"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
meson test -C build-fuzz --no-rebuild --suite fuzz --num-processes 1 --print-errorlogs
