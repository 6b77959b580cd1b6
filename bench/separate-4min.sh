#!/usr/bin/env bash
# Whole-process benchmark of `bin/neuromix separate` on a 4-minute stereo 44.1 kHz song made from
# real music (Frozen Bubble's main theme, looped), median of RUNS runs, real-time factor printed.
#
#   bench/separate-4min.sh [RUNS] [METHOD]     (default 3 dsp; needs ffmpeg and frozen-bubble-data)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
method="${2:-dsp}"
work="$root/target/bench"
mkdir -p "$work"
song="$work/song-4min-44k-16bit.wav"
music=/usr/share/games/frozen-bubble/snd/frozen-mainzik-1p.ogg

command -v ffmpeg >/dev/null || { echo "needs ffmpeg (apt-get install ffmpeg)" >&2; exit 2; }
[ -f "$music" ] || { echo "needs $music (apt-get install frozen-bubble-data)" >&2; exit 2; }
[ -f "$song" ] || ffmpeg -nostdin -v error -y -stream_loop 2 -i "$music" -map 0:a:0 -t 240 -ac 2 -ar 44100 -c:a pcm_s16le "$song"

# Warm-up: builds the jar if needed, writes the class-data archive, fills the page cache.
"$root/bin/neuromix" separate "$song" -o "$work/stems" --method "$method" >/dev/null
times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s.%N)
  "$root/bin/neuromix" separate "$song" -o "$work/stems" --method "$method" >/dev/null
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l)")
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}')
printf 'runs (s): %s\n' "$(printf '%.2f ' "${times[@]}")"
printf 'median %s s for 240 s of audio: %.1fx faster than real time (%s)\n' "$median" "$(echo "240 / $median" | bc -l)" "$method"
