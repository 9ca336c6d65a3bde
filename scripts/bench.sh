#!/usr/bin/env bash
# Runs every benchmark beside its floor and prints the ratios. The read
# benchmarks need the stress practice (100 000 patients, ten years, eight
# practitioners); it is generated once into a cache folder and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
tags=${TAGS:-migrated_fynedo}

params="--patients 100000 --days 3650 --practitioners 8 --seed 1"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/frontdesk-bench
stress=${FRONTDESK_BENCH_DATA:-$cache/stress-p100000-d3650-r8-s1-v$(./frontdesk version | awk '{print $5}' | tr -d ')')}
if [ ! -f "$stress/ready" ]; then
  rm -rf "$stress"
  mkdir -p "$(dirname "$stress")"
  echo "bench: generating the stress practice into $stress (once)"
  ./frontdesk demo --data "$stress" $params | tail -1
  touch "$stress/ready"
fi

mkdir -p out
FRONTDESK_BENCH_DATA=$stress go test -tags "$tags" -run '^$' -bench . -benchmem -count "${COUNT:-1}" ./... | tee out/bench.txt

# Pair each BenchmarkX/frontdesk with BenchmarkX/floor and print the ratio.
echo
echo "ratios (frontdesk ÷ floor, ns/op, same run):"
awk '
  $1 ~ /^Benchmark/ && $1 ~ /\/(frontdesk|floor)(-[0-9]+)?$/ {
    name = $1; sub(/-[0-9]+$/, "", name)
    n = split(name, part, "/"); kind = part[n]
    base = substr(name, 1, length(name) - length(kind) - 1)
    for (i = 2; i <= NF; i++) if ($(i) == "ns/op") { ns = $(i - 1) }
    sum[base, kind] += ns; cnt[base, kind]++; seen[base] = 1
  }
  END {
    for (b in seen) if (cnt[b, "floor"] && cnt[b, "frontdesk"]) {
      f = sum[b, "frontdesk"] / cnt[b, "frontdesk"]; r = sum[b, "floor"] / cnt[b, "floor"]
      printf "  %-40s %12.0f ns %12.0f ns  %5.2fx\n", b, f, r, f / r
    }
  }' out/bench.txt | sort

# The PDF benchmarks' own units beside their floor's: documents a second
# (on both cores, RunParallel), CPU time and bytes a document, and for the
# bulk run of 1,000 letters the seconds a run. With -count above 1, the
# last run.
echo
echo "PDFs (frontdesk | floor, same run):"
awk '
  $1 ~ /^Benchmark/ && $1 ~ /\/(frontdesk|floor)(-[0-9]+)?$/ && / (cpu-ms\/doc|s\/run|pdf-bytes)/ {
    name = $1; sub(/-[0-9]+$/, "", name)
    n = split(name, part, "/"); kind = part[n]
    base = substr(name, 1, length(name) - length(kind) - 1)
    line = ""
    for (i = 3; i < NF; i += 2) if ($(i + 1) ~ /^[a-z]+\/s$|^cpu-|^s\/run$|^pdf-bytes$/) line = line sprintf(" %s %s", $i, $(i + 1))
    out[base, kind] = line; seen[base] = 1
  }
  END { for (b in seen) printf "  %-34s%s |%s\n", b, out[b, "frontdesk"], out[b, "floor"] }' out/bench.txt | sort

# Start-up: opening the stress practice beside a small one (the goal is at
# most 1.5 times the small practice's time).
echo
echo "start-up (store open to usable, same run):"
awk '
  $1 ~ /^BenchmarkOpenPractice\// {
    name = $1; sub(/-[0-9]+$/, "", name); sub(/^BenchmarkOpenPractice\//, "", name)
    for (i = 2; i <= NF; i++) if ($(i) == "ns/op") { sum[name] += $(i - 1); cnt[name]++ }
  }
  END {
    if (cnt["small"] && cnt["stress"]) {
      s = sum["small"] / cnt["small"]; t = sum["stress"] / cnt["stress"]
      printf "  small %.1f ms, stress %.1f ms: %.2fx", s / 1e6, t / 1e6, t / s
      if (cnt["stress-verified"]) printf " (stress until quick_check passed: %.1f ms)", sum["stress-verified"] / cnt["stress-verified"] / 1e6
      printf "\n"
    }
  }' out/bench.txt
