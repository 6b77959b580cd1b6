#!/usr/bin/env bash
# Side-by-side whole-process benchmark of `neuromix mix` for two builds on the same 8-stem, 3-minute
# session (the stems bench/mix-8-stems.sh makes): one warm-up each, then PAIRS alternating runs,
# each timed with /usr/bin/time. Both run as a plain `java -jar` with the launcher's flags but no
# class-data-sharing archive, so neither is favoured. Prints wall time, peak RSS and user CPU per
# run, the medians and the ratio new/old.
#
#   bench/mix-side-by-side.sh OLD_DIR NEW_DIR [PAIRS]   (default 3)
#
# OLD_DIR and NEW_DIR each hold a packaged application (neuromix-app.jar and lib/), e.g. for a
# commit C:  git worktree add /tmp/old C && (cd /tmp/old && mvn -q -o package -DskipTests)
#            && mkdir /tmp/old-app && cp -r /tmp/old/app/target/{neuromix-app.jar,lib} /tmp/old-app/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 OLD_DIR NEW_DIR [PAIRS]" >&2; exit 2; }
old="$(cd "$1" && pwd)"; new="$(cd "$2" && pwd)"; pairs="${3:-3}"
for dir in "$old" "$new"; do
  [ -f "$dir/neuromix-app.jar" ] && [ -d "$dir/lib" ] || { echo "$dir: no neuromix-app.jar and lib/" >&2; exit 2; }
done
stems="$root/target/bench/mix-8-stems/stems"
[ -d "$stems" ] || { echo "no stems yet: run bench/mix-8-stems.sh 1 first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() {
  /usr/bin/time -f '%e %M %U' -o "$work/time.txt" java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED \
    -XX:+UseSerialGC -XX:-UsePerfData -Dorg.bytedeco.javacpp.cachedir="$1/javacpp-cache" -Dneuromix.terminal=false \
    -jar "$1/neuromix-app.jar" mix --stems "$stems" -o "$work/mix.wav" -q >/dev/null 2>&1
  cat "$work/time.txt"
}

run "$old" >/dev/null
run "$new" >/dev/null
: > "$work/old.txt"; : > "$work/new.txt"
for pair in $(seq "$pairs"); do
  read -r ow orss ou <<< "$(run "$old")"
  read -r nw nrss nu <<< "$(run "$new")"
  echo "pair $pair: old ${ow} s wall, $((orss / 1024)) MB, ${ou} s user; new ${nw} s wall, $((nrss / 1024)) MB, ${nu} s user"
  echo "$ow $ou" >> "$work/old.txt"; echo "$nw $nu" >> "$work/new.txt"
done
median() { sort -n -k"$2" "$1" | awk -v k="$2" '{a[NR]=$k} END {n=NR; print (n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2)}'; }
ow="$(median "$work/old.txt" 1)"; nw="$(median "$work/new.txt" 1)"
ou="$(median "$work/old.txt" 2)"; nu="$(median "$work/new.txt" 2)"
awk -v ow="$ow" -v nw="$nw" -v ou="$ou" -v nu="$nu" 'BEGIN {
  printf "median wall: old %.2f s, new %.2f s, ratio new/old %.2f\n", ow, nw, nw / ow
  printf "median user CPU: old %.2f s, new %.2f s, ratio new/old %.2f\n", ou, nu, nu / ou }'
