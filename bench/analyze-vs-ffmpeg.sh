#!/usr/bin/env bash
# Whole-process benchmark: `bin/neuromix analyze` against FFmpeg's EBU R128 filter on the same
# 12-minute stereo 48 kHz 24-bit WAV made from real music, alternating runs, medians.
#
#   bench/analyze-vs-ffmpeg.sh [RUNS]        (default 7; needs ffmpeg and frozen-bubble-data)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
work="$root/target/bench"
mkdir -p "$work"
song="$work/song-12min-48k-24bit.wav"
tiny="$work/tiny-1s.wav"
music=/usr/share/games/frozen-bubble/snd/frozen-mainzik-1p.ogg

command -v ffmpeg >/dev/null || { echo "needs ffmpeg (apt-get install ffmpeg)" >&2; exit 2; }
[ -f "$music" ] || { echo "needs $music (apt-get install frozen-bubble-data)" >&2; exit 2; }
if [ ! -f "$song" ]; then
  ffmpeg -nostdin -v error -y -stream_loop 2 -i "$music" -map 0:a:0 -t 720 -ar 48000 -c:a pcm_s24le "$song"
fi
[ -f "$tiny" ] || ffmpeg -nostdin -v error -y -f lavfi -i "sine=f=1000:d=1" -ac 2 -ar 48000 -c:a pcm_s24le "$tiny"

seconds() { # prints the wall-clock seconds of "$@", output discarded
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

# Warm-up: builds the jar if needed, writes the class-data archive, fills the page cache.
"$root/bin/neuromix" analyze "$tiny" >/dev/null
"$root/bin/neuromix" analyze "$song" >/dev/null
ffmpeg -nostdin -nostats -i "$song" -filter_complex ebur128=peak=true -f null - >/dev/null 2>&1

ours=(); theirs=(); startup=()
for ((i = 0; i < runs; i++)); do
  ours+=("$(seconds "$root/bin/neuromix" analyze "$song")")
  theirs+=("$(seconds ffmpeg -nostdin -nostats -i "$song" -filter_complex ebur128=peak=true -f null -)")
  startup+=("$(seconds "$root/bin/neuromix" analyze "$tiny")")
done
ours_median=$(printf '%s\n' "${ours[@]}" | median)
theirs_median=$(printf '%s\n' "${theirs[@]}" | median)
startup_median=$(printf '%s\n' "${startup[@]}" | median)
decode_median=$(for ((i = 0; i < runs; i++)); do seconds ffmpeg -nostdin -nostats -max_size 1048576 -i "$song" -f null -; done | median)

echo "runs: $runs (alternating), file: 12:00 stereo 48 kHz 24-bit WAV ($(du -h "$song" | cut -f1))"
echo "neuromix analyze           median ${ours_median} s   [${ours[*]}]"
echo "ffmpeg ebur128=peak=true   median ${theirs_median} s   [${theirs[*]}]"
echo "ratio ffmpeg / neuromix    $(echo "$theirs_median / $ours_median" | bc -l | xargs printf '%.2f')x"
echo "neuromix on a 1 s file     median ${startup_median} s   (JVM start + FFmpeg libraries + one probe)"
echo "ffmpeg decode only         median ${decode_median} s   (large packets, no filtering)"
echo "$(ffmpeg -version | head -1); $(java -version 2>&1 | head -1); $(nproc) cores"
