#!/usr/bin/env bash
# Times `cls build --all` on N copies of the shipped territory and samples,
# every 10 ms, the summed resident memory of the cls process and of the
# builds it runs (one process per territory): the peak of a run
# with many territories should not grow with their number.
#
#   bench/all.sh [N...]      (default: 2 10 50)
#
# Each N gets its folder of copies under $CLS_BENCH_CACHE (default
# ~/.cache/cls-bench/all), made once; a second run of the same N finds the
# PDFs built and unchanged (no write), a first run writes them all.
# CLS_BIN=path times that cls binary instead of building the working tree.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${CLS_BENCH_CACHE:-$HOME/.cache/cls-bench}/all
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${CLS_BIN:-}" ]; then
  cp "$CLS_BIN" "$tmp/cls"
else
  # the binary as scripts/release.sh builds it, which is what users run:
  # static (no C library to load), without symbol tables
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/cls" ./cmd/cls
fi
echo "cls $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, $(date -u +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg)"
[ $# -gt 0 ] || set -- 2 10 50
for n in "$@"; do
  dir=$cache/t$n
  if [ ! -d "$dir" ]; then
    for i in $(seq -w 1 "$n"); do
      mkdir -p "$dir/territoire$i"
      cp -r cls.yaml sources templates fonts "$dir/territoire$i/"
    done
  fi
  python3 - "$tmp/cls" "$dir" "$n" <<'PY'
import os, subprocess, sys, time
binp, root, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def rss(top):
    # the resident memory of top and of its descendants
    parent, mem = {}, {}
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            stat = open(f"/proc/{p}/stat").read()
            parent[int(p)] = int(stat[stat.rindex(")") + 2:].split()[1])
            mem[int(p)] = int(open(f"/proc/{p}/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            pass
    total = 0
    for pid in mem:
        q, seen = pid, 0
        while q > 1 and q != top and seen < 64:
            q, seen = parent.get(q, 0), seen + 1
        if q == top:
            total += mem[pid]
    return total
t0, r0 = time.time(), os.times()
p = subprocess.Popen([binp, "build", "--all", root], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak = 0
while p.poll() is None:
    peak = max(peak, rss(p.pid))
    time.sleep(0.01)
wall, r1 = time.time() - t0, os.times()
cpu = r1.children_user - r0.children_user + r1.children_system - r0.children_system
print(f"{n:4} territories: wall {wall:6.2f} s, CPU {cpu:6.2f} s ({cpu / n:.3f} s each),"
      f" {n / wall:.2f} territories/s, peak of all cls processes {peak / 2**20:.0f} MB, exit {p.returncode}")
if p.returncode:
    print(p.stderr.read().decode()[-2000:])
PY
done
