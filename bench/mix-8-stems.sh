#!/usr/bin/env bash
# Whole-process benchmark: `bin/neuromix mix` (analysis, roles, models, refinement, render) on a
# session of 8 stereo 48 kHz 24-bit stems of 3 minutes: the parts of one simutrans-data song rendered
# by build-sessions with the pinned bank, each looped to 180 s with FFmpeg. Prints each run's wall
# time and peak resident memory, and the median.
#
#   bench/mix-8-stems.sh [RUNS]   (default 5; needs simutrans-data, ffmpeg and /usr/bin/time)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$root/target/bench/mix-8-stems"
song=/usr/share/games/simutrans/music/02-Gotta-catch-that-train.mid
[ -f "$song" ] || { echo "needs simutrans-data (apt-get install simutrans-data)" >&2; exit 2; }
command -v ffmpeg >/dev/null || { echo "needs ffmpeg" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [ ! -d "$work/stems" ]; then
  "$root/bin/neuromix" build-sessions --songs "$song" --seconds 180 --pinned-only --no-modules --out "$work/parts" >/dev/null
  mkdir -p "$work/stems"
  n=0
  for part in "$work"/parts/*/*/*.flac; do
    n=$((n + 1)); [ "$n" -gt 8 ] && break
    ffmpeg -loglevel error -y -stream_loop 1 -i "$part" -t 180 -c:a pcm_s24le "$work/stems/$(basename "$part" .flac).wav"
  done
fi
"$root/bin/neuromix" mix --stems "$work/stems" -o "$work/warm-up.wav" >/dev/null 2>&1
times=()
for run in $(seq "$runs"); do
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$root/bin/neuromix" mix --stems "$work/stems" -o "$work/mix.wav" >/dev/null 2>&1
  read -r wall rss < "$work/time.txt"
  echo "run $run: ${wall} s wall, peak RSS $((rss / 1024)) MB"
  times+=("$wall")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median wall: " a[int((NR+1)/2)] " s over " NR " runs (8 stems x 180 s)"}'
