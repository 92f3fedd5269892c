#!/usr/bin/env bash
# Pool scaling on the 16-core device machine, which has NO Node.js: 16 full-day replications of the
# default model on 1, 2, 4, 8 and 16 workers (bench/scaling.ts), compiled to JavaScript beforehand.
#
# 1. Here, on a machine with Node and the project's node_modules, once before the device call:
#
#      bench/device-scaling.sh prepare
#
#    writes, in the repository root:
#      .node/node.xz          this machine's node binary (x86-64, ~99 MB → ~24 MB), the same as
#                             mkdir -p .node && xz -T0 -c "$(command -v node)" > .node/node.xz
#      .node/runtime.tar.xz   ~5 MB: build/ (bench/scaling.ts and src/ compiled by bench/tsconfig.build.json,
#                             so no tsx is needed there), the production node_modules only (npm ls --omit=dev,
#                             ~47 MB unpacked — the whole node_modules is ~100 MB, over the 64 MiB a device
#                             call carries), and libstdc++/libgcc_s in case the device lacks them.
#
# 2. On the device, in the repository root (OUT is set there; elsewhere reports/bench is used):
#
#      bench/device-scaling.sh          → $OUT/scaling.json, $OUT/scaling.log, $OUT/machine.txt
#
#    ~4 minutes on 16 cores. Environment: WORKERS (1,2,4,8,16), REPLICATIONS (16), SRS (the model's),
#    MODEL (models/mp192-baseline.yaml), LIMIT_S (540), NODE_DIR (.node: where the prepared files are).
#    A small run here, to check it: WORKERS=1,2 REPLICATIONS=2 SRS=50000 bench/device-scaling.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
dir=${NODE_DIR:-.node}

prepare() {
  command -v node >/dev/null || { echo "prepare: needs node on this machine" >&2; exit 2; }
  [ -x node_modules/.bin/tsc ] || { echo "prepare: needs the project's node_modules (npm ci)" >&2; exit 2; }
  mkdir -p "$dir"
  xz -T0 -c "$(command -v node)" >"$dir/node.xz"
  local tmp
  tmp=$(mktemp -d)
  node_modules/.bin/tsc -p bench/tsconfig.build.json --outDir "$tmp/build"
  mkdir -p "$tmp/lib"
  for lib in libstdc++.so.6 libgcc_s.so.1; do
    path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ { print $NF; exit }')
    [ -n "$path" ] && cp -L "$path" "$tmp/lib/"
  done
  # Production packages, top-level paths only (a package's own nested node_modules come with it).
  (npm ls --omit=dev --all --parseable 2>/dev/null || true) | tail -n +2 | sed "s|^$root/||" |
    grep '^node_modules/' | grep -v '^node_modules/.*/node_modules/' | sort -u >"$tmp/modules.txt"
  [ -s "$tmp/modules.txt" ] || { echo "prepare: npm ls found no production packages" >&2; exit 2; }
  xargs -a "$tmp/modules.txt" cp -a --parents -t "$tmp"
  tar -cJf "$dir/runtime.tar.xz" -C "$tmp" build lib node_modules
  rm -rf "$tmp"
  du -h "$dir/node.xz" "$dir/runtime.tar.xz"
  if [[ "$dir" = /* ]]; then
    echo "$dir is outside the repository: copy it to .node/ before the device call"
  elif git check-ignore -q "$dir" 2>/dev/null; then
    echo "$dir is ignored by git: name it in the device call, carry: [\"$dir\"]"
  else
    echo "$dir is not ignored: it travels with the working tree by itself (to keep it out of git status:"
    echo "  echo /$dir/ >> .git/info/exclude   — then name it in the device call, carry: [\"$dir\"])"
  fi
  echo "device command: bench/device-scaling.sh   (timeout_s 600)"
}

# xz and tar -J when the machine has xz, else Python's lzma.
unxz_to() { if command -v xz >/dev/null; then xz -dc "$1" >"$2"; else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi; }
untar_xz() { if command -v xz >/dev/null; then tar -xJf "$1" -C "$2"; else python3 -c 'import tarfile, sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"; fi; }

run() {
  for f in node.xz runtime.tar.xz; do
    [ -f "$dir/$f" ] || { echo "missing $dir/$f: run 'bench/device-scaling.sh prepare' on a machine with Node first" >&2; exit 2; }
  done
  local work=/tmp/srvsim-device out=${OUT:-$root/reports/bench}
  rm -rf "$work" && mkdir -p "$work" "$out"
  unxz_to "$dir/node.xz" "$work/node" && chmod +x "$work/node"
  untar_xz "$dir/runtime.tar.xz" "$work"
  if ! "$work/node" -v >/dev/null 2>&1; then export LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
  {
    echo "date: $(date -u)"
    echo "nproc: $(nproc)"
    lscpu 2>/dev/null | grep -E '^(Model name|CPU\(s\)|Thread\(s\) per core|CPU max MHz)' || true
    echo "node: $("$work/node" -v)"
  } | tee "$out/machine.txt"
  local args=(--model "${MODEL:-models/mp192-baseline.yaml}" --replications "${REPLICATIONS:-16}"
    --workers "${WORKERS:-1,2,4,8,16}" --out "$out/scaling.json")
  [ -n "${SRS:-}" ] && args+=(--srs "$SRS")
  timeout "${LIMIT_S:-540}" "$work/node" "$work/build/bench/scaling.js" "${args[@]}" 2>&1 | tee "$out/scaling.log"
}

case "${1:-run}" in
  prepare) prepare ;;
  run) run ;;
  *) echo "usage: bench/device-scaling.sh [prepare|run]" >&2; exit 2 ;;
esac
