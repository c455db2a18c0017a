#!/bin/bash
# The MPI backend across "hosts" without a cluster: three network namespaces on this
# machine, joined by veth pairs to a bridge in a fourth, Open MPI over TCP between
# them (its remote launcher replaced by `ip netns exec`). The same study on 3 ranks,
# one per namespace, must give the serial backend's summary and results.csv.
#
# Needs root (or CAP_NET_ADMIN + CAP_SYS_ADMIN), iproute2 and mpirun; without them it
# skips with the reason. Output is TAP.
#
# Usage: test-mpi-netns.sh PARASTUDY_CLI EXAMPLES_DIR
set -u

cli=${1:-${PS_CLI:-}}
examples=${2:-${PS_EXAMPLES:-}}
tag=ps$$
base=10.213.$(($$ % 200 + 20))
hub=${tag}hub
work=$(mktemp -d "${TMPDIR:-/tmp}/test-mpi-netns-XXXXXX")
namespaces=()

skip() {
  echo "1..0 # SKIP $*"
  exit 0
}

cleanup() {
  for ns in "${namespaces[@]}"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

[ -n "$cli" ] && [ -x "$cli" ] || skip "parastudy-cli not given"
command -v mpirun >/dev/null || skip "mpirun is not installed (Debian: openmpi-bin)"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
command -v python3 >/dev/null || skip "python3 is not installed"
[ "$(id -u)" = 0 ] || skip "network namespaces need root (CAP_SYS_ADMIN)"
ip netns add "$hub" 2>"$work/err" || skip "cannot create a network namespace: $(cat "$work/err")"
namespaces+=("$hub")

# The hub holds a bridge; each host namespace has one end of a veth pair, the
# other end on the bridge.
ip -n "$hub" link add br0 type bridge || skip "cannot create a bridge"
ip -n "$hub" link set br0 up
ip -n "$hub" link set lo up
for i in 1 2 3; do
  ns=${tag}h$i
  ip netns add "$ns" || skip "cannot create namespace $ns"
  namespaces+=("$ns")
  ip link add "${tag}a$i" type veth peer name "${tag}b$i" || skip "cannot create a veth pair"
  ip link set "${tag}a$i" netns "$ns"
  ip link set "${tag}b$i" netns "$hub"
  ip -n "$hub" link set "${tag}b$i" master br0
  ip -n "$hub" link set "${tag}b$i" up
  ip -n "$ns" addr add "$base.$i/24" dev "${tag}a$i"
  ip -n "$ns" link set "${tag}a$i" up
  ip -n "$ns" link set lo up
  echo "$base.$i slots=1" >>"$work/hosts"
done

# Open MPI starts its daemon on a "remote" host with this instead of ssh: the host
# (the first argument that is not an option) names the namespace.
cat >"$work/netns-rsh" <<EOF
#!/bin/bash
while [ \$# -gt 0 ] && [ "\${1#-}" != "\$1" ]; do shift; done
host=\$1; shift
exec ip netns exec "${tag}h\${host##*.}" /bin/sh -c "\$*"
EOF
chmod +x "$work/netns-rsh"

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 OMP_NUM_THREADS=1
mpi=(timeout 60 ip netns exec "${tag}h1" mpirun --hostfile "$work/hosts" -n 3 --map-by node
  --mca plm_rsh_agent "$work/netns-rsh" --mca plm_rsh_no_tree_spawn 1
  --mca plm_rsh_num_concurrent 1
  --mca btl tcp,self --mca btl_tcp_if_include "$base.0/24"
  --mca oob_tcp_if_include "$base.0/24" -x PATH -x ASAN_OPTIONS)

# Daemons started through `ip netns exec` side by side now and then lose their way
# before any rank starts (3 launches in 12 here); one at a time (plm_rsh_num_concurrent
# 1 above) none did in 12. Should a launch still run out of time (exit 124), it is
# tried once more.
mpi_retry() {
  "${mpi[@]}" "$@"
  local status=$?
  if [ $status = 124 ]; then
    echo "# mpirun did not finish in 60 s; trying the launch again" >&2
    for ns in "${namespaces[@]}"; do
      ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
    done
    "${mpi[@]}" "$@"
    status=$?
  fi
  return $status
}

echo "1..3"

# 1: every rank in its own network namespace, each with its own address.
mpi_retry /bin/sh -c 'echo $(readlink /proc/self/ns/net) $(ip -4 -o addr show scope global)' \
  >"$work/where" 2>"$work/where.err" </dev/null
distinct=$(cut -d' ' -f1 "$work/where" | sort -u | wc -l)
addrs=$(grep -o "inet [0-9./]*" "$work/where" | cut -d' ' -f2 | sort | tr '\n' ' ')
if [ "$distinct" = 3 ]; then
  echo "ok 1 - three ranks in three network namespaces ($addrs)"
else
  echo "not ok 1 - ranks in $distinct namespaces"
  sed 's/^/# /' "$work/where" "$work/where.err"
fi

# 2 and 3: the same answers as serial, over TCP between the namespaces.
n=1
for example in regression-synthetic.json reliability-load-strength.json; do
  n=$((n + 1))
  "$cli" run "$examples/$example" --backend serial --out "$work/ref-$n" --no-history \
    >/dev/null 2>"$work/ref.err"
  mpi_retry "$cli" run "$examples/$example" --backend mpi --out "$work/mpi-$n" \
    --no-history >"$work/mpi.out" 2>"$work/mpi.err" </dev/null
  status=$?
  if [ $status = 0 ] && python3 - "$work/ref-$n" "$work/mpi-$n" <<'EOF'; then
import json, os, sys
run = {"backend", "workers", "started", "wall_seconds", "cpu_seconds", "peak_rss_bytes",
       "workers_peak_rss_bytes", "workers_cpu_seconds", "machine"}
a, b = (json.load(open(os.path.join(d, "summary.json"))) for d in sys.argv[1:3])
assert b["backend"] == "mpi" and b["workers"] == 3, (b["backend"], b["workers"])
for d in (a, b):
    for k in run:
        d.pop(k, None)
assert a == b, "summaries differ"
for name in ("results.csv", "convergence.csv"):
    pa, pb = (os.path.join(d, name) for d in sys.argv[1:3])
    assert os.path.exists(pa) == os.path.exists(pb), name
    if os.path.exists(pa):
        assert open(pa, "rb").read() == open(pb, "rb").read(), name + " differs"
EOF
    echo "ok $n - $example on 3 ranks in 3 namespaces equals serial"
  else
    echo "not ok $n - $example on 3 ranks in 3 namespaces (exit $status)"
    sed 's/^/# /' "$work/mpi.err"
  fi
done
