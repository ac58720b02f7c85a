#!/usr/bin/env bash
# The benchmarks of issue 6 in one command: build, seed a fresh database, start the server, run the load
# mixes, print the tables (Markdown, as in BENCHMARKS.md).
#
#   scripts/bench.sh [--size tiny|S|M|L] [--seed N] [--backend sqlite|postgres|both] [--smoke]
#                    [--dir DIR] [--keep] [-- extra arguments of the load benchmark]
#
# Defaults: --size S --seed 42 --backend sqlite, release build, and the throughput-at-SLO search.
# --smoke: dataset tiny, a few seconds of load, a debug build (CI has one already); fails on any error answer.
# PostgreSQL: the server at WEAKTIES_BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres);
# a database weakties_bench_<size>_<pid> is created there and dropped at the end unless --keep.
# SQLite: a file in --dir (default: a temporary directory, removed at the end unless --keep).
# Builds go to $CARGO_TARGET_DIR (default target/). Load arguments: cargo bench --bench load -- --help.
# Single-endpoint runs at the issue's target rates (home 2,000/s, post 500/s, job feed 500/s) after the rest:
#   scripts/bench.sh --size M --backend sqlite -- --targets        (--only-targets: those alone;
#   --targets-scale 0.5 halves the rates; --targets-secs N per run; under --smoke 20 req/s for 2 s)
set -euo pipefail
cd "$(dirname "$0")/.."

size=S seed=42 backend=sqlite smoke=0 keep=0 dir=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --backend) backend=$2; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --dir) dir=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown argument: $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
case "$backend" in
  sqlite) backends=(sqlite) ;;
  postgres) backends=(postgres) ;;
  both) backends=(sqlite postgres) ;;
  *) echo "--backend takes sqlite, postgres or both" >&2; exit 2 ;;
esac

target=${CARGO_TARGET_DIR:-target}
if [ "$smoke" = 1 ]; then
  [ "$size" = S ] && size=tiny
  cargo build --quiet --bin weakties
  bin=$target/debug/weakties
  load=(cargo test --quiet --bench load --)
  mode=(--smoke)
else
  cargo build --quiet --release --bin weakties
  bin=$target/release/weakties
  load=(cargo bench --quiet --bench load --)
  mode=(--slo)
fi

made_dir=0
if [ -z "$dir" ]; then dir=$(mktemp -d); made_dir=1; fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
pg_server=${WEAKTIES_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}
pg_db="weakties_bench_$(echo "$size" | tr 'A-Z' 'a-z')_$$"
cleanup() {
  if [ "$keep" = 0 ]; then
    if [[ " ${backends[*]} " == *" postgres "* ]]; then
      psql "$pg_server" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    [ "$made_dir" = 1 ] && rm -rf "$dir"
  else
    echo "kept: $dir (and the PostgreSQL database $pg_db if PostgreSQL ran)" >&2
  fi
}
trap cleanup EXIT

echo "## weakties benchmarks: dataset $size, seed $seed"
echo
echo "- commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)'), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
     "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"

for b in "${backends[@]}"; do
  if [ "$b" = sqlite ]; then
    url="sqlite://$dir/bench-$size.db"
    rm -f "$dir/bench-$size.db" "$dir/bench-$size.db-wal" "$dir/bench-$size.db-shm"
  else
    psql "$pg_server" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1
    psql "$pg_server" -qc "CREATE DATABASE $pg_db" >/dev/null
    url="${pg_server%/*}/$pg_db"
  fi
  echo
  WEAKTIES_ENV=bench WEAKTIES__DATABASE__URL="$url" "$bin" seed --size "$size" --seed "$seed" 2> "$dir/seed-$b.log" \
    || { cat "$dir/seed-$b.log" >&2; exit 1; }
  grep -Ev '^seed: +[a-z_]+ +[0-9]+ % \(' "$dir/seed-$b.log" | sed 's/^/    /'
  echo
  "${load[@]}" --server-bin "$bin" --database "$url" --server-log "$dir/server-$b.log" \
    --label "$b, dataset $size (seed $seed)" "${mode[@]}" "${extra[@]}"
done
