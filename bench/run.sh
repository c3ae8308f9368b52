#!/usr/bin/env bash
# Times the whole `cls build` process on the real contract: RUNS runs
# (default 11) after one warm-up, with GNU time (/usr/bin/time -v; Debian
# package "time"). Prints the median, minimum and maximum wall time and
# peak resident memory, and the PDF's size.
#   bench/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
if [ ! -x /usr/bin/time ]; then
  echo "bench/run.sh: /usr/bin/time not found (apt-get install time)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the binary as scripts/release.sh builds it, which is what users run:
# static (no C library to load), without symbol tables
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/cls" ./cmd/cls
"$tmp/cls" build --out "$tmp/contrat.pdf" >/dev/null 2>&1 # warm-up: page cache
for i in $(seq 1 "$runs"); do
  /usr/bin/time -v "$tmp/cls" build --out "$tmp/contrat.pdf" >/dev/null 2>"$tmp/time.$i"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); printf "%.3f", t[1]*60 + t[2]}' "$tmp/time.$i")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.$i")
  echo "$wall $rss"
done > "$tmp/runs"
size=$(stat -c %s "$tmp/contrat.pdf")
walls=$(cut -d' ' -f1 "$tmp/runs" | sort -n)
rsss=$(cut -d' ' -f2 "$tmp/runs" | sort -n)
median() { awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "runs: $runs"
echo "wall: median $(echo "$walls" | median) s, min $(echo "$walls" | head -1) s, max $(echo "$walls" | tail -1) s"
echo "peak RSS: median $(echo "$rsss" | median | awk '{printf "%.1f", $1/1024}') MB, max $(echo "$rsss" | tail -1 | awk '{printf "%.1f", $1/1024}') MB"
echo "PDF: $((size / 1024)) kB"
