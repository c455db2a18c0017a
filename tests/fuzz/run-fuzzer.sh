#!/bin/sh
# run-fuzzer.sh FUZZER WORK_CORPUS SEED_CORPUS SECONDS: fuzzes for SECONDS from the
# seeds, new inputs kept in WORK_CORPUS; a crash, leak, timeout or sanitizer report
# fails (libFuzzer exits non-zero) and leaves the input as crash-* in the build folder.
set -eu
fuzzer=$1 work=$2 seeds=$3 seconds=$4
mkdir -p "$work"
cd "$(dirname "$work")"
exec "$fuzzer" -max_total_time="$seconds" -max_len=1048576 -timeout=30 -rss_limit_mb=4096 \
  -print_final_stats=1 "$work" "$seeds"
