#!/usr/bin/env bash
# Whole-process benchmark: `bin/neuromix render` against the equivalent FFmpeg filter graph on the
# same session: 16 stereo 48 kHz 24-bit stems made from real music, each with high-pass + 3 EQ
# bands + compressor + fader + pan, summed to a master with compressor + limiter, written as a
# 24-bit WAV. Alternating runs, medians, and the peak resident memory (RSS) of both.
#
#   bench/render-vs-ffmpeg.sh [RUNS] [MINUTES]   (defaults 3 and 3; needs ffmpeg, bc,
#                                                 /usr/bin/time and frozen-bubble-data)
#
# The stems are cached in target/bench/stems-<MINUTES>min/ (276 MB per minute of session: 0.8 GB
# for 3 minutes, 2.8 GB for 10; delete the folder after changing the stem recipes below); the plan,
# the FFmpeg graph and the outputs are written next to them, so a run can be inspected or repeated
# by hand. Results and the graph's conversions: docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
minutes="${2:-3}"
work="$root/target/bench"
stems="$work/stems-${minutes}min"
plan="$work/render-plan-${minutes}min.json"
graph_file="$work/render-graph-${minutes}min.txt"
ours_out="$work/render-neuromix-${minutes}min.wav"
theirs_out="$work/render-ffmpeg-${minutes}min.wav"
snd=/usr/share/games/frozen-bubble/snd
seconds_long=$((minutes * 60))

command -v ffmpeg >/dev/null || { echo "needs ffmpeg (apt-get install ffmpeg)" >&2; exit 2; }
command -v bc >/dev/null || { echo "needs bc (apt-get install bc)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
for song in frozen-mainzik-1p introzik frozen-mainzik-2p; do
  [ -f "$snd/$song.ogg" ] || { echo "needs $snd/$song.ogg (apt-get install frozen-bubble-data)" >&2; exit 2; }
done
[[ "$runs" =~ ^[1-9][0-9]*$ && "$minutes" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [RUNS] [MINUTES]" >&2; exit 2; }
mkdir -p "$stems"

# --- The session ---------------------------------------------------------------------------------
# One line per track. Stem: source song (1p, 2p = the two main themes, intro = the intro music),
# start offset in seconds (the song is looped to fill the length) and the FFmpeg filters that make
# it sound like a different instrument. Strip: high-pass Hz; two peaking bands (Hz, Q, dB); a high
# shelf (Hz, dB; Q 0.7071); compressor threshold dB, ratio, attack ms, release ms, detection
# (knee 6 dB, no make-up); fader dB; pan position −1…+1 (stereo balance, width 1).
#
# name      src   off  stem filters                                            hp   p1f  p1q p1g  p2f   p2q p2g  hsf   hsg  thr ratio att  rel  det  gain  pan
session=$(cat <<'EOF'
01-kick      1p      0 lowpass=f=110,lowpass=f=110,volume=9dB                     30   60 1.0  3    400 1.5 -4   8000 -2   -18  4    5    80  peak -2    0.00
02-bass      2p     11 lowpass=f=280,lowpass=f=280,volume=6dB                     35  100 0.9  2    700 1.2 -3   5000 -3   -20  3    10  120  rms  -2    0.00
03-snare     intro   5 bandpass=f=1800:t=q:w=1.2,volume=6dB                      90  200 1.2  2   1000 2.0 -3   9000  2   -20  4    3   100  peak -4   -0.05
04-hats      1p     37 highpass=f=7000,highpass=f=7000,volume=12dB              300 4000 1.0 -2   9000 2.0  2  12000  1   -24  3    2    60  peak -9    0.35
05-toms      2p     23 bandpass=f=300:t=q:w=1.0,volume=6dB                       60  120 1.0  3    500 1.4 -4   7000  1   -22  3    8   150  rms  -7   -0.30
06-overhead  intro  61 highpass=f=2500,volume=6dB                               200 3000 0.8 -1   6000 1.0  1  10000  2   -26  2   15   200  rms -10    0.00
07-gtr-l     1p     73 bandpass=f=900:t=q:w=0.7,volume=6dB                       80  250 1.0 -3   2500 1.0  2   8000 -1   -22  3   10   150  rms  -6   -0.70
08-gtr-r     2p     89 bandpass=f=1100:t=q:w=0.7,pan=stereo|c0=c1|c1=c0,volume=6dB 80 300 1.0 -3 2800 1.0  2   8000 -1   -22  3   10   150  rms  -6    0.70
09-keys      intro  97 highpass=f=200,lowpass=f=4000                             120  400 0.8 -2   1500 1.2  2   6000  1   -24  2   20   250  rms  -8   -0.45
10-pad       1p    111 lowpass=f=2000,aecho=0.8:0.7:60:0.4                      150  500 0.7 -3   1200 1.0  1   4000 -2   -28  2   40   400  rms -12    0.50
11-lead      2p    127 bandpass=f=2500:t=q:w=0.8,volume=6dB                      150  800 1.5 -2   3000 1.0  3  10000  2   -20  3    5   100  peak -6    0.20
12-vox       intro 139 highpass=f=150,lowpass=f=8000,equalizer=f=3000:t=q:w=1:g=6 100  250 1.0 -3   3500 1.0  2  11000  3   -24  4    3   120  rms  -3    0.00
13-bvox      1p    151 highpass=f=300,lowpass=f=6000,extrastereo=m=1.8          150  400 1.0 -2   2500 1.5  1  10000  2   -26  3    5   150  rms -11   -0.15
14-perc      2p    163 highpass=f=3500,tremolo=f=4:d=0.6,volume=9dB             250 5000 1.0  2   8000 1.5 -2  12000 -1   -24  3    2    70  peak -11    0.85
15-fx        intro 173 aphaser=type=t:speed=0.3,volume=-3dB                     100 1000 0.7 -2   4000 1.0  2  10000  1   -28  2   20   300  rms -14   -0.85
16-room      1p    181 lowpass=f=6000,aecho=0.8:0.8:200|313:0.3|0.25            120  300 0.8 -2   3000 1.0 -1   8000 -3   -30  2   30   500  rms -15    0.00
EOF
)
# Master: glue compressor (threshold dB, ratio, attack ms, release ms, rms, knee 6 dB), then the
# limiter: ceiling = target.truePeakDbtp (NeuroMix: true-peak, 4x oversampled; FFmpeg's alimiter:
# sample peak), release, look-ahead. NeuroMix also normalises the loudness to target.loudnessLufs
# before its limiter (always on; exact, by measuring the rendered premaster); FFmpeg does not.
master_thr=-12; master_ratio=2; master_att=30; master_rel=200
ceiling=-1; limiter_rel=60; lookahead=1.5; target_lufs=-14

src_file() {
  case "$1" in
    1p) echo "$snd/frozen-mainzik-1p.ogg" ;;
    2p) echo "$snd/frozen-mainzik-2p.ogg" ;;
    intro) echo "$snd/introzik.ogg" ;;
  esac
}
# Linear value of a dB figure, and the stereo-balance gains NeuroMix's StereoPlacement applies
# (the far side follows the constant-power curve, normalised to 1 at centre; the near side is kept).
lin() { awk -v d="$1" 'BEGIN { printf "%.6f", exp(d / 20 * log(10)) }'; }
balance() {
  awk -v p="$1" 'BEGIN { pi = atan2(0, -1); a = (p + 1) * pi / 4; c = cos(pi / 4);
    l = p > 0 ? cos(a) / c : 1; r = p < 0 ? sin(a) / c : 1; printf "%.6f %.6f", l, r }'
}
knee_db=6
knee_lin=$(lin "$knee_db")   # FFmpeg's knee is the ratio of the knee's top to its bottom

# --- Stems (cached) ------------------------------------------------------------------------------
while read -r name src off filters _; do
  stem="$stems/$name.wav"
  [ -f "$stem" ] && continue
  echo "making $stem" >&2
  ffmpeg -nostdin -v error -y -stream_loop -1 -ss "$off" -i "$(src_file "$src")" -map 0:a:0 -t "$seconds_long" \
    -af "aresample=48000,$filters,alimiter=limit=0.944:level=0:latency=1" -ac 2 -ar 48000 -c:a pcm_s24le "$stem.tmp.wav"
  mv "$stem.tmp.wav" "$stem"
done <<<"$session"

# --- The plan (NeuroMix) and the filter graph (FFmpeg), from the same table ----------------------
inputs=(); graph=""; labels=""; i=0; tracks_json=""
while read -r name src off filters hp p1f p1q p1g p2f p2q p2g hsf hsg thr ratio att rel det gain pan; do
  [ -n "$tracks_json" ] && tracks_json+=","
  tracks_json+=$(cat <<EOF

    {
      "id": "$name", "stem": "$name.wav", "role": "other",
      "gain": {"gainDb": $gain},
      "pan": {"position": $pan, "width": 1.0},
      "eq": [
        {"type": "highPass", "frequencyHz": $hp, "q": 0.7071, "slopeDbPerOctave": 12},
        {"type": "peaking", "frequencyHz": $p1f, "q": $p1q, "gainDb": $p1g},
        {"type": "peaking", "frequencyHz": $p2f, "q": $p2q, "gainDb": $p2g},
        {"type": "highShelf", "frequencyHz": $hsf, "q": 0.7071, "gainDb": $hsg}
      ],
      "compressor": {"thresholdDb": $thr, "ratio": $ratio, "attackMs": $att, "releaseMs": $rel,
                     "kneeDb": $knee_db, "makeupGainDb": 0, "detection": "$det"}
    }
EOF
)
  inputs+=(-i "$stems/$name.wav")
  read -r bal_l bal_r <<<"$(balance "$pan")"
  link=$([ "$det" = peak ] && echo maximum || echo average)   # NeuroMix: loudest channel (peak), mean square (rms)
  graph+="[$i:a]highpass=f=$hp:p=2:t=q:w=0.7071,equalizer=f=$p1f:t=q:w=$p1q:g=$p1g,"
  graph+="equalizer=f=$p2f:t=q:w=$p2q:g=$p2g,highshelf=f=$hsf:t=q:w=0.7071:g=$hsg,"
  graph+="acompressor=threshold=$(lin "$thr"):ratio=$ratio:attack=$att:release=$rel:knee=$knee_lin:detection=$det:link=$link,"
  graph+="volume=${gain}dB,pan=stereo|c0=$bal_l*c0|c1=$bal_r*c1[t$i];"
  labels+="[t$i]"
  i=$((i + 1))
done <<<"$session"
graph+="${labels}amix=inputs=$i:normalize=0,"
graph+="acompressor=threshold=$(lin "$master_thr"):ratio=$master_ratio:attack=$master_att:release=$master_rel:knee=$knee_lin:detection=rms:link=average,"
graph+="alimiter=limit=$(lin "$ceiling"):attack=$lookahead:release=$limiter_rel:level=0:latency=1[out]"
printf '%s\n' "$graph" >"$graph_file"

cat >"$plan" <<EOF
{
  "version": 1,
  "target": {"loudnessLufs": $target_lufs, "truePeakDbtp": $ceiling, "sampleRateHz": 48000, "bitDepth": 24,
             "reason": "benchmark session (bench/render-vs-ffmpeg.sh)"},
  "tracks": [$tracks_json
  ],
  "master": {
    "compressor": {"thresholdDb": $master_thr, "ratio": $master_ratio, "attackMs": $master_att, "releaseMs": $master_rel,
                   "kneeDb": $knee_db, "makeupGainDb": 0, "detection": "rms"},
    "limiter": {"releaseMs": $limiter_rel, "lookaheadMs": $lookahead}
  }
}
EOF

ours_cmd=("$root/bin/neuromix" render --plan "$plan" --stems "$stems" -o "$ours_out")
theirs_cmd=(ffmpeg -nostdin -nostats -y "${inputs[@]}" -filter_complex "$graph" -map "[out]" -c:a pcm_s24le "$theirs_out")

# --- Timing --------------------------------------------------------------------------------------
rss_file="$work/.render-rss"
measure() { # prints "<wall-clock seconds> <peak RSS kB> <CPU seconds, user + system>" of "$@", output discarded
  local start end rss user sys
  start=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$rss_file" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
  end=$(date +%s.%N)
  read -r rss user sys < <(tail -1 "$rss_file")
  echo "$(echo "$end - $start" | bc -l | xargs printf '%.3f') $rss $(echo "$user + $sys" | bc -l | xargs printf '%.1f')"
}
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
jar="$root/app/target/neuromix-app.jar"

# Warm-up: builds the jar if needed (and shows a failing plan's message), writes the class-data
# archive, fills the page cache with the stems.
"${ours_cmd[@]}" >"$work/render-neuromix-${minutes}min.log"
ffmpeg -nostdin -v error -nostats -y "${inputs[@]}" -filter_complex "$graph" -map "[out]" -c:a pcm_s24le "$theirs_out"
jar_stamp=$(stat -c %Y "$jar")

# The machine should be otherwise idle: another build or test run on a 2-core machine skews the
# wall-clock times (the CPU times printed alongside are less affected), so the load is reported.
busy_cpu() { awk '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / 100 }' /proc/stat; }  # CPU-s since boot
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
busy_before=$(busy_cpu)
ours=(); theirs=(); ours_rss=(); theirs_rss=(); ours_cpu=(); theirs_cpu=()
for ((r = 0; r < runs; r++)); do
  result=$(measure "${ours_cmd[@]}"); read -r t m c <<<"$result"; ours+=("$t"); ours_rss+=("$m"); ours_cpu+=("$c")
  result=$(measure "${theirs_cmd[@]}"); read -r t m c <<<"$result"; theirs+=("$t"); theirs_rss+=("$m"); theirs_cpu+=("$c")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
ours_cpu_total=$(printf '%s\n' "${ours_cpu[@]}" "${theirs_cpu[@]}" | awk '{s += $1} END {print s}')
others_cpu=$(echo "$(busy_cpu) - $busy_before - $ours_cpu_total" | bc -l | xargs printf '%.0f')
[ "$(stat -c %Y "$jar")" = "$jar_stamp" ] || echo "WARNING: the jar was rebuilt during the timed runs (sources changed): times are not comparable" >&2
ours_median=$(printf '%s\n' "${ours[@]}" | median)
theirs_median=$(printf '%s\n' "${theirs[@]}" | median)
ours_rss_max=$(printf '%s\n' "${ours_rss[@]}" | sort -g | tail -1)
theirs_rss_max=$(printf '%s\n' "${theirs_rss[@]}" | sort -g | tail -1)
mib() { echo "$1 / 1024" | bc -l | xargs printf '%.0f MiB'; }

# Loudness and peaks of both outputs (NeuroMix's meter), to check that they are comparable mixes.
loudness() { "$root/bin/neuromix" analyze --json "$1" 2>/dev/null |
  awk -F' : ' '/"integratedLufs"|"truePeakDbtp"|"samplePeakDbfs"/ {gsub(/[",]/, ""); gsub(/ /, "", $1); printf "%s %s  ", $1, $2}'; }

echo "runs: $runs (alternating, after one warm-up of each), session: 16 stereo 48 kHz 24-bit stems of" \
  "$(printf '%d:00' "$minutes") ($(du -sh "$stems" | cut -f1)), 24-bit WAV out"
echo "neuromix render          median ${ours_median} s   [${ours[*]}]   CPU s [${ours_cpu[*]}]"
echo "ffmpeg filter graph      median ${theirs_median} s   [${theirs[*]}]   CPU s [${theirs_cpu[*]}]"
echo "ratio ffmpeg / neuromix  $(echo "$theirs_median / $ours_median" | bc -l | xargs printf '%.2f')x   (target: >= 5x)"
echo "peak RSS neuromix        $(mib "$ours_rss_max")   [${ours_rss[*]} kB]   (target: < 1 GiB for 10 minutes)"
echo "peak RSS ffmpeg          $(mib "$theirs_rss_max")   [${theirs_rss[*]} kB]"
echo "neuromix output          $(loudness "$ours_out")"
echo "ffmpeg output            $(loudness "$theirs_out")"
echo "neuromix warm-up report  $(tr '\n' ' ' <"$work/render-neuromix-${minutes}min.log" | tr -s ' ' | cut -c1-400)"
echo "machine                  load average before ${load_before}, after ${load_after};" \
  "other processes used ~${others_cpu} CPU-s during the timed runs (should be within a few CPU-s of 0)"
echo "plan: $plan   graph: $graph_file"
echo "$(ffmpeg -version | head -1); $(java -version 2>&1 | head -1); $(nproc) cores;" \
  "NeuroMix $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')"
