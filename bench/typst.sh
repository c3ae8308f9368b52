#!/usr/bin/env bash
# Times `cls build` of the shipped contract side by side with the Typst
# anchor (../shared/anchors/typst-perf: the same Lisieux contract typeset by
# Typst 0.14 through its npm package), alternating the two in one run so that
# both see the same machine noise. Absolute times vary from day to day on a
# shared machine; the ratios measured in one run carry over.
#
#   bench/typst.sh [SERIES] [RUNS]
#
# SERIES series (default 5) of RUNS runs each (default 5), after one warm-up
# of each command; in every run cls and Typst go in turn. Prints, for each
# command, the median over all runs of wall time, CPU (user + sys) and peak
# RSS (GNU time), the median of each series, and the ratios cls / Typst
# (ratio of the medians, and the median of the pair-by-pair ratios).
# CLS_BIN=path times that cls binary instead of building the working tree.
#
# The anchor directory is read-only: it is copied to $CLS_BENCH_CACHE
# (default ~/.cache/cls-bench) where `npm install` (as its build.sh) installs the pinned Typst
# package and convert.py writes build/cls.typ, once. Without node and npm,
# Typst is skipped with a message and only cls is timed.
set -euo pipefail
cd "$(dirname "$0")/.."
series=${1:-5}
runs=${2:-5}
anchor=${CLS_TYPST_ANCHOR:-../shared/anchors/typst-perf}
cache=${CLS_BENCH_CACHE:-$HOME/.cache/cls-bench}

if [ ! -x /usr/bin/time ]; then
  echo "bench/typst.sh: /usr/bin/time not found (apt-get install time)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${CLS_BIN:-}" ]; then
  cp "$CLS_BIN" "$tmp/cls" # a binary built elsewhere (e.g. an older commit)
else
  # the binary as scripts/release.sh builds it, which is what users run:
  # static (no C library to load), without symbol tables
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/cls" ./cmd/cls
fi

typst=1
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "bench/typst.sh: node or npm not found: Typst skipped, cls timed alone" >&2
  typst=0
elif [ ! -d "$anchor" ]; then
  echo "bench/typst.sh: $anchor not found: Typst skipped, cls timed alone" >&2
  typst=0
fi

if [ "$typst" = 1 ]; then
  work=$cache/typst-perf
  if [ ! -s "$work/build/cls.typ" ] || [ ! -d "$work/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
    echo "bench/typst.sh: preparing the Typst anchor in $work (once)" >&2
    rm -rf "$work"
    mkdir -p "$cache"
    cp -r "$anchor" "$work"
    chmod -R u+w "$work"
    seed=$(cd "$anchor" && realpath ../../seeds/000_0da17c2f53d37935.txt)
    (cd "$work" && npm install --no-audit --no-fund >/dev/null)
    mkdir -p "$work/build/charts"
    (cd "$work/charts" && go run . ../build/charts)
    (cd "$work" && python3 convert.py "$seed" build)
  fi
  typst_cmd=(node "$work/compile.js" "$work/build/cls.typ" "$tmp/typst.pdf")
  echo "$(cd "$work" && node compile.js -v), node $(node --version)"
fi
cls_cmd=("$tmp/cls" build --out "$tmp/contrat.pdf")
echo "cls $(git describe --always --dirty 2>/dev/null || echo '?'), $(go version | cut -d' ' -f3)"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(date -u +%Y-%m-%d)"

# timeit NAME SERIES CMD...: one run under GNU time, appended to $tmp/NAME.
timeit() {
  local name=$1 s=$2
  shift 2
  /usr/bin/time -o "$tmp/one" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || {
    echo "bench/typst.sh: $name failed: $*" >&2
    exit 1
  }
  echo "$s $(cat "$tmp/one")" >>"$tmp/$name.times"
}

"${cls_cmd[@]}" >/dev/null 2>&1 # warm-up: page cache
[ "$typst" = 1 ] && "${typst_cmd[@]}" >/dev/null 2>&1
for s in $(seq "$series"); do
  for _ in $(seq "$runs"); do
    timeit cls "$s" "${cls_cmd[@]}"
    [ "$typst" = 1 ] && timeit typst "$s" "${typst_cmd[@]}"
  done
done

python3 - "$tmp" "$typst" <<'PY'
import os, statistics as st, sys
tmp, typst = sys.argv[1], sys.argv[2] == "1"
def load(name):
    rows = [l.split() for l in open(os.path.join(tmp, name + ".times"))]
    return [(int(r[0]), float(r[1]), float(r[2]) + float(r[3]), float(r[4]) / 1024) for r in rows]
def report(name, rows):
    series = sorted({r[0] for r in rows})
    per = ", ".join(f"{st.median([r[1] for r in rows if r[0] == s]):.3f}" for s in series)
    print(f"{name:6} wall {st.median([r[1] for r in rows]):.3f} s  cpu {st.median([r[2] for r in rows]):.3f} s"
          f"  peak {st.median([r[3] for r in rows]):.1f} MB   (medians of {len(rows)} runs;"
          f" wall by series: {per})")
cls = load("cls")
report("cls", cls)
if typst:
    ty = load("typst")
    report("typst", ty)
    for i, what in ((1, "wall"), (2, "cpu"), (3, "peak")):
        ratio = st.median([r[i] for r in cls]) / st.median([r[i] for r in ty])
        paired = st.median([a[i] / b[i] for a, b in zip(cls, ty)])
        print(f"cls/typst {what:4}: {ratio:.3f} (pair by pair: {paired:.3f})")
print(f"PDF: {os.path.getsize(os.path.join(tmp, 'contrat.pdf')) // 1024} kB")
PY
