#!/usr/bin/env bash
# Transcode benchmark: a 60 s 1080p clip (generated: testsrc2 and a sine tone, H.264 at
# 10 Mbit/s, AAC, as a phone would record it) through the local provider's ladder with the
# pipeline code the server runs (TranscodeBenchmark, in the providers' test classes: probe,
# first rendition, measuring, master playlist, default thumbnail, rest of the ladder, job
# files), and in the same run the same ffmpeg command lines (first rendition, default
# thumbnail, rest of the ladder) run bare from this script on the same input. Prints wall
# and CPU times (CPU: user + system of the process and the ffmpeg it waited for), the
# service's overhead over bare ffmpeg (target: at most 10 %) and the speed as a multiple of
# real time. Then, for why the pipeline encodes as it does, the same ladder encoded bare as
# one ffmpeg per rung and as one ffmpeg for all rungs.
#
#   bench/transcode.sh [runs] [--overhead-only]
#
# Each run takes some minutes on 2 cores (default 1 run). Runs alternate which of the two
# goes first, so a change of the machine's load weighs on both alike; with more than one run
# the medians are printed. --overhead-only leaves out the one-per-rung and all-in-one runs.
#
# Needs ffmpeg, ffprobe, Java 17 and Maven (offline once ~/.m2 is filled); works in
# bench/work/transcode. Not part of `mvn verify`.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
runs=${1:-1}
strategies=true
[[ ${2:-} == --overhead-only ]] && strategies=false
work=$bench/work/transcode
seconds=${CLIP_SECONDS:-60} # shorter only to try the script out
mkdir -p "$work"

clip=$work/clip-1080p-${seconds}s.mp4
if [[ ! -f $clip ]]; then
    echo "generating the clip ($seconds s, 1920x1080, 30 fps)..."
    ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$seconds" \
        -c:v libx264 -preset veryfast -b:v 10M -maxrate 12M -bufsize 20M -pix_fmt yuv420p \
        -c:a aac -b:a 128k "$clip.tmp.mp4"
    mv "$clip.tmp.mp4" "$clip"
fi

echo "building the providers' classes..."
(cd "$root" && mvn -o -q -B test-compile dependency:build-classpath -pl video-providers -am \
    -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test)
classpath="$root/video-providers/target/test-classes:$root/video-providers/target/classes:$(cat "$work/classpath.txt")"
service() {
    java -cp "$classpath" com.yourbit.video.providers.local.TranscodeBenchmark "$clip" "$@"
}

# The ffmpeg command lines, from the pipeline's own code: "first", "thumbnail", "rest",
# "rung-<name>", "all".
declare -A commands
name=
while IFS= read -r line; do
    if [[ $line == "== "* ]]; then
        name=${line#== }
        commands[$name]=
    else
        commands[$name]+="$line"$'\n'
    fi
done < <(service "$work/bare" commands)
rungs=$(printf '%s\n' "${!commands[@]}" | grep '^rung-' | sed 's/^rung-//' | sort -n | tr '\n' ' ')

bare() { # bare <name>: runs that command line as it is, in fresh output directories
    local args
    mapfile -t args <<< "${commands[$1]%$'\n'}"
    for arg in "${args[@]}"; do
        if [[ $arg == */index.m3u8 ]]; then
            mkdir -p "$(dirname "$arg")"
        fi
    done
    "${args[@]}"
}

# timed <file> <command...>: wall, user and system seconds of the command and what it waited for, to file
timed() {
    local out=$1
    shift
    local TIMEFORMAT='%R %U %S'
    { time "$@" 2>&3; } 3>&2 2> "$out"
}
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
cpu_of() { awk '{ printf "%.1f", $2 + $3 }' "$1"; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", (a / b - 1) * 100 }'; }
speed() { awk -v d="$seconds" -v t="$1" 'BEGIN { printf "%.2f", d / t }'; }

overheads=()
cpu_overheads=()
echo "clip: $seconds s, 1920x1080, 30 fps, H.264 10 Mbit/s + AAC; rungs: $rungs; $(nproc) cores"
for run in $(seq 1 "$runs"); do
    rm -rf "$work/service" "$work/bare"
    cat "$clip" > /dev/null # both read it from the page cache
    echo "run $run (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"

    run_service() {
        timed "$work/service.time" service "$work/service" pipeline > "$work/service.json"
    }
    run_bare() {
        local start
        start=$(now)
        timed "$work/bare-first.time" bare first
        bare_ready=$(seconds_since "$start")
        bare_cpu=$(cpu_of "$work/bare-first.time")
        timed "$work/bare-thumbnail.time" bare thumbnail
        bare_cpu=$(awk -v a="$bare_cpu" -v b="$(cpu_of "$work/bare-thumbnail.time")" 'BEGIN { printf "%.1f", a + b }')
        if [[ -n ${commands[rest]:-} ]]; then
            timed "$work/bare-rest.time" bare rest
            bare_cpu=$(awk -v a="$bare_cpu" -v b="$(cpu_of "$work/bare-rest.time")" 'BEGIN { printf "%.1f", a + b }')
        fi
        bare_total=$(seconds_since "$start")
    }
    if (( run % 2 == 1 )); then
        run_service
        run_bare
    else
        run_bare
        run_service
    fi
    service_ready=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).readySeconds)' "$work/service.json")
    service_total=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).totalSeconds)' "$work/service.json")
    service_jvm=$(cut -d' ' -f1 "$work/service.time")
    service_cpu=$(cpu_of "$work/service.time")
    overheads+=("$(percent "$service_total" "$bare_total")")
    cpu_overheads+=("$(percent "$service_cpu" "$bare_cpu")")

    echo "  service pipeline   : ready after $service_ready s, whole ladder after $service_total s ($service_jvm s with the JVM's start), CPU $service_cpu s"
    echo "  bare ffmpeg        : first rendition after $bare_ready s, thumbnail and whole ladder after $bare_total s, CPU $bare_cpu s"
    overhead=$(percent "$service_total" "$bare_total")
    verdict=$(awk -v o="$overhead" 'BEGIN { print (o <= 10 ? "met" : "NOT met") }')
    echo "  overhead           : $overhead % wall (target <= 10 %: $verdict), $(percent "$service_cpu" "$bare_cpu") % CPU"
    echo "  speed              : $(speed "$service_total") x real time (service), $(speed "$bare_total") x (bare); ready at $(speed "$service_ready") x"

    $strategies || continue
    start=$(now)
    first_rung=
    for rung in $rungs; do
        bare "rung-$rung"
        [[ -n $first_rung ]] || first_rung=$(seconds_since "$start")
    done
    per_rung=$(seconds_since "$start")
    start=$(now)
    bare all
    all_at_once=$(seconds_since "$start")
    echo "  one ffmpeg per rung: first rendition after $first_rung s, whole ladder after $per_rung s"
    echo "  one ffmpeg, all    : first rendition (= whole ladder) after $all_at_once s"
    echo "  the pipeline's way : first rendition after $bare_ready s, whole ladder after $bare_total s (smallest alone, then the rest in one)"
done
if (( runs > 1 )); then
    median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
    echo "median overhead over $runs runs: $(median "${overheads[@]}") % wall, $(median "${cpu_overheads[@]}") % CPU"
fi
rm -rf "$work/service" "$work/bare"
