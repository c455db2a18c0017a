#!/bin/bash
# device-pack.sh: packs the gpu tests and benchmark, built here, for a machine that
# has the NVIDIA driver but none of GLib, json-glib, GSL, Cairo, Pango or SQLite.
#
#   tools/device-pack.sh [BUILD_DIR]     (default: build)
#
# Builds nothing: copies BUILD_DIR/tests/test-gpu and test-backends,
# BUILD_DIR/bench/gpu/bench-gpu and BUILD_DIR/app/parastudy-cli (+ parastudy-worker),
# their debugging information stripped, into .device/ at the top of the
# source tree (git-ignored), with every shared library they load (ldd) except those of
# the C library and the driver (libc, libm, libpthread, libdl, librt, ld-linux,
# libcuda), and .device/run.sh, which sets LD_LIBRARY_PATH and runs the GPU tests and
# the benchmark. Hand the folder to the device tool with carry: [".device"] and run
# `.device/run.sh` there. The CUDA runtime is linked statically into the programs.
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-build}"
case "$build" in /*) ;; *) build="$src/$build" ;; esac
out="$src/.device"

progs=(tests/test-gpu tests/test-backends bench/gpu/bench-gpu app/parastudy-cli
       app/parastudy-worker)
for p in "${progs[@]}"; do
  if [ ! -x "$build/$p" ]; then
    echo "device-pack: $build/$p is missing: build with -Dcuda=enabled first" >&2
    exit 2
  fi
done

rm -rf "$out"
mkdir -p "$out/bin" "$out/lib" "$out/examples"
# Without their debugging information the five programs fit the device tool's
# 64 MiB with their libraries.
for p in "${progs[@]}"; do
  cp "$build/$p" "$out/bin/"
  strip --strip-debug "$out/bin/$(basename "$p")"
done
# The example studies (the tests and the benchmark read them).
cp -r "$src/data/examples/." "$out/examples/"

# Shared libraries: everything ldd resolves but the C library, the dynamic loader and
# the NVIDIA driver, which the device machine has of its own.
for p in "${progs[@]}"; do
  ldd "$build/$p" | awk '/=> \// { print $3 }'
done | sort -u | while read -r lib; do
  case "$(basename "$lib")" in
    libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|ld-linux*|libcuda.so*|libnvidia*)
      continue ;;
  esac
  cp -L "$lib" "$out/lib/"
done

cat > "$out/run.sh" <<'RUN'
#!/bin/bash
# Runs the gpu tests and the benchmark from this folder (made by tools/device-pack.sh).
# Arguments go to bench-gpu (e.g. --scale 0.1); RUN_BENCH=0 skips the benchmark.
here="$(cd "$(dirname "$0")" && pwd)"
export LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PS_CLI="$here/bin/parastudy-cli"
export PS_EXAMPLES="$here/examples"
export PARASTUDY_HISTORY="$(mktemp -d)/history.db"
export G_DEBUG=gc-friendly
status=0
"$here/bin/parastudy-cli" backends || status=1
"$here/bin/test-gpu" --tap || status=1
# Every backend but those under a launcher against serial: the gpu on every example.
"$here/bin/test-backends" --tap --not-launched || status=1
if [ "${RUN_BENCH:-1}" != 0 ]; then
  "$here/bin/bench-gpu" "$@" || status=1
fi
exit $status
RUN
chmod +x "$out/run.sh"
echo "device-pack: $(du -sh "$out" | cut -f1) in $out ($(ls "$out/lib" | wc -l) libraries)"
