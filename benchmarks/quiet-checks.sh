#!/usr/bin/env bash
# The streaming checks of issue 16, one build against another, in alternating runs:
#
#   benchmarks/quiet-checks.sh [-n RUNS] [-o DIR] [-t SECONDS] [-w CHECKS] BASELINE NEW
#
# BASELINE and NEW are built Eddy trees: a source checkout after `mvn -q package -DskipTests`, or an
# unpacked distribution (each has bin/eddy-bench and its jars). Each round runs every check once on
# BASELINE and once on NEW (which of the two goes first alternates from round to round, so a trend in
# the machine's load does not favour one side), one JVM at a time:
#
#   keyed-sum-300M   bin/eddy-bench keyed-sum 300000000        no regression at 300 M records
#   window-300M      bin/eddy-bench window 300000000
#   stateless-300M   bin/eddy-bench stateless 300000000
#   checkpoints      bin/eddy-bench -c 1000 keyed-sum 50000000 a checkpoint every second: no regression
#   latency          bin/eddy-bench latency 100000 20 0        p99 at 100,000 rec/s, buffer timeout 0
#   timeline         bin/eddy-bench --timeline keyed-sum 50000000   warm-up: process CPU per record
#                    up to the second that passed 10 M records (cluster start included) against that
#                    of the seconds after 40 M, and the second that passed 10 M records
#
# Every run is under /usr/bin/time (user + sys CPU of the whole JVM, minor page faults). At the end one
# table gives, per check and figure, the median of each side, NEW's change against BASELINE and the
# single runs; any run whose CHECK line is not OK (or that failed) is listed and makes the exit code 1.
# Compare CPU time per record (cpu_ns_per_record, process user+sys) first: records per second depend
# on whatever else the machine runs, and the script prints the load average of each run for that reason.
#
#   -n RUNS     rounds (default 3; about 4 minutes a round on a quiet 2-core machine, estimated from
#               the quiet-machine rates in README.md, so 3 rounds take 12-15 minutes; one round took
#               26 minutes at load average 22-28)
#   -o DIR      where the logs of the single runs and runs.tsv go (default: a new /tmp/quiet-checks.XXXX)
#   -t SECONDS  a run taking longer is killed and counted as failed (default 900)
#   -w LIST     only these checks, comma-separated names from the list above (default: all)
#
# Environment: EDDY_BENCH_HEAP / EDDY_BENCH_JVM_OPTS reach both sides' bin/eddy-bench unchanged.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2
  exit 2
}

runs=3
out_dir=""
run_timeout=900
only=""
while getopts ":n:o:t:w:h" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    o) out_dir="$OPTARG" ;;
    t) run_timeout="$OPTARG" ;;
    w) only="$OPTARG" ;;
    h) usage ;;
    :) echo "quiet-checks: -$OPTARG needs a value (see -h)" >&2; exit 2 ;;
    *) echo "quiet-checks: unknown option -$OPTARG (see -h)" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [[ $# -ne 2 ]]; then
  echo "quiet-checks: give the two builds to compare: quiet-checks.sh [-n RUNS] BASELINE NEW (see -h)" >&2
  exit 2
fi
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "quiet-checks: -n $runs is not a number of rounds: give a whole number from 1, e.g. -n 3" >&2
  exit 2
fi
if ! [[ "$run_timeout" =~ ^[1-9][0-9]*$ ]]; then
  echo "quiet-checks: -t $run_timeout is not a number of seconds, e.g. -t 900" >&2
  exit 2
fi
baseline="$(cd "$1" 2>/dev/null && pwd)" || { echo "quiet-checks: baseline $1 is not a directory" >&2; exit 2; }
new="$(cd "$2" 2>/dev/null && pwd)" || { echo "quiet-checks: new build $2 is not a directory" >&2; exit 2; }
for side in "$baseline" "$new"; do
  if [[ ! -x "$side/bin/eddy-bench" ]]; then
    echo "quiet-checks: $side has no bin/eddy-bench: give the root of a source checkout or of an unpacked distribution" >&2
    exit 2
  fi
  if ! compgen -G "$side/lib/*.jar" > /dev/null && ! compgen -G "$side/dist/target/eddy/lib/*.jar" > /dev/null; then
    echo "quiet-checks: $side is not built (no jars in lib/ or dist/target/eddy/lib/): run 'mvn -q package -DskipTests' there" >&2
    exit 2
  fi
done
if [[ ! -x /usr/bin/time ]]; then
  echo "quiet-checks: /usr/bin/time is missing (it measures each JVM's CPU time): install the 'time' package" >&2
  exit 2
fi

# name|eddy-bench arguments
all_checks=(
  "keyed-sum-300M|keyed-sum 300000000"
  "window-300M|window 300000000"
  "stateless-300M|stateless 300000000"
  "checkpoints|-c 1000 keyed-sum 50000000"
  "latency|latency 100000 20 0"
  "timeline|--timeline keyed-sum 50000000"
)
checks=()
for c in "${all_checks[@]}"; do
  if [[ -z "$only" || ",$only," == *",${c%%|*},"* ]]; then
    checks+=("$c")
  fi
done
if [[ ${#checks[@]} -eq 0 ]]; then
  echo "quiet-checks: -w $only names no check; the checks are: $(printf '%s ' "${all_checks[@]%%|*}")" >&2
  exit 2
fi

if [[ -z "$out_dir" ]]; then
  out_dir="$(mktemp -d /tmp/quiet-checks.XXXX)"
else
  mkdir -p "$out_dir"
fi
tsv="$out_dir/runs.tsv"
printf 'check\tside\tround\tfigure\tvalue\n' > "$tsv"

# The figures of one run's log, as "figure value" lines.
figures() {
  local check="$1" log="$2"
  awk -v check="$check" '
    function field(line, key,   i, n, parts, kv) {
      n = split(line, parts, " ")
      for (i = 1; i <= n; i++) { split(parts[i], kv, "="); if (kv[1] == key) return kv[2] }
      return ""
    }
    /^RESULT / {
      if (check == "latency") {
        print "p50_ms", field($0, "p50_ms"); print "p99_ms", field($0, "p99_ms"); print "p999_ms", field($0, "p999_ms")
      } else {
        print "cpu_ns_per_record", field($0, "cpu_ns_per_record"); print "records_per_s", field($0, "records_per_s")
        print "sys_share", field($0, "sys_share"); print "job_page_faults", field($0, "page_faults")
      }
    }
    /^TIMELINE / {
      recs = field($0, "records"); cpu = field($0, "cpu_ms"); sec = field($0, "second")
      if (recs + 0 <= 10000000) { first_cpu += cpu; first_recs = recs }
      else if (!seen10) { seen10 = 1; to10 = sec; first_cpu += cpu; first_recs = recs }
      if (recs + 0 > 40000000) { if (!seen40) { seen40 = 1; base40 = prev } last_cpu += cpu; last_recs = recs }
      prev = recs
    }
    /^TIME / {
      user = field($0, "user"); sys = field($0, "sys")
      print "process_cpu_s", user + sys; print "process_sys_share", (user + sys > 0 ? sys / (user + sys) : 0)
      print "process_page_faults", field($0, "faults")
    }
    END {
      if (first_recs > 0) print "ns_per_record_to_10M", first_cpu * 1e6 / first_recs
      if (last_recs > base40) print "ns_per_record_from_40M", last_cpu * 1e6 / (last_recs - base40)
      if (seen10) print "seconds_to_10M", to10
    }' "$log"
}

failures=()
start=$(date +%s)
echo "quiet-checks: $runs round(s) of ${#checks[@]} check(s), baseline $baseline, new $new; logs in $out_dir"
for ((round = 1; round <= runs; round++)); do
  if (( round % 2 == 1 )); then order=("baseline|$baseline" "new|$new"); else order=("new|$new" "baseline|$baseline"); fi
  for c in "${checks[@]}"; do
    name="${c%%|*}"
    args="${c#*|}"
    for s in "${order[@]}"; do
      side="${s%%|*}"
      dir="${s#*|}"
      log="$out_dir/$name-$side-$round.log"
      load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
      # shellcheck disable=SC2086
      if ! (cd "$dir" && /usr/bin/time -f "TIME user=%U sys=%S wall=%e faults=%R" \
          timeout "$run_timeout" bin/eddy-bench $args) > "$log" 2>&1; then
        failures+=("$name $side round $round: the run failed, see $log")
      elif [[ "$name" != "latency" ]] && ! grep -q '^CHECK .* OK$' "$log"; then
        failures+=("$name $side round $round: $(grep '^CHECK' "$log" || echo 'no CHECK line'), see $log")
      fi
      printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$side" "$round" "load" "$load" >> "$tsv"
      figures "$name" "$log" | while read -r figure value; do
        if [[ -n "$value" ]]; then
          printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$side" "$round" "$figure" "$value" >> "$tsv"
        fi
      done
      printf '  round %d %-15s %-8s load %-6s %s\n' "$round" "$name" "$side" "$load" \
        "$(grep -E '^RESULT' "$log" | sed 's/^RESULT [^ ]* //' | cut -c1-110)"
    done
  done
done
elapsed=$(( $(date +%s) - start ))

echo
echo "Medians over $runs round(s), $((elapsed / 60)) min $((elapsed % 60)) s; change = new against baseline (lower is better"
echo "for CPU, shares, faults, latency and warm-up; higher for records_per_s). Runs in round order."
echo
awk -F'\t' '
  NR == 1 { next }
  {
    key = $1 SUBSEP $4
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    vals[key, $2] = vals[key, $2] (vals[key, $2] == "" ? "" : " ") $5
  }
  function median(list,   a, m, i, j, t) {
    m = split(list, a, " ")
    if (m == 0) return ""
    for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  function fmt(v) { return v == "" ? "-" : (v + 0 >= 1000 ? sprintf("%.0f", v) : sprintf("%.3g", v)) }
  END {
    printf "%-15s %-27s %12s %12s %8s   %s\n", "check", "figure", "baseline", "new", "change", "runs (baseline / new)"
    for (i = 1; i <= n; i++) {
      split(order[i], k, SUBSEP)
      b = median(vals[order[i], "baseline"]); w = median(vals[order[i], "new"])
      change = (k[2] != "load" && b != "" && w != "" && b + 0 != 0) ? sprintf("%+.1f%%", (w - b) * 100 / b) : "-"
      printf "%-15s %-27s %12s %12s %8s   %s / %s\n", k[1], k[2], fmt(b), fmt(w), change,
        vals[order[i], "baseline"], vals[order[i], "new"]
    }
  }' "$tsv"
echo
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "FAILED runs (their figures are left out or wrong):"
  printf '  %s\n' "${failures[@]}"
  exit 1
fi
echo "Every run ended with CHECK ... OK. All single runs: $tsv"
