#!/usr/bin/env bash
# How much CPU the window burns while a text field has focus and nobody types (issue 12, item
# 10): starts the window on a private Xvfb display, focuses the registry's search field
# (Ctrl+1, Ctrl+F), and counts the process's CPU ticks over 10 s. Needs xvfb, xdotool.
#   scripts/idle_cpu.sh [BIN] [DB]     (defaults: target/release/khuyencong, a new demo file)
set -euo pipefail
bin=${1:-target/release/khuyencong}
work=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
db=${2:-$work/demo.db}
[ -e "$db" ] || "$bin" demo --db "$db" >/dev/null 2>&1
Xvfb :57 -screen 0 1366x768x24 -noreset >/dev/null 2>&1 & xvfb=$!
sleep 2
export DISPLAY=:57 XDG_CONFIG_HOME=$work/cfg XDG_DATA_HOME=$work/data
"$bin" --db "$db" --renderer glow >"$work/window.log" 2>&1 & app=$!
for _ in $(seq 60); do xdotool search --name Khuy >/dev/null 2>&1 && break; sleep 1; done
sleep 5
xdotool windowfocus "$(xdotool search --name Khuy | head -1)"
xdotool key ctrl+1; sleep 2; xdotool key ctrl+f; sleep 2
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
before=$(ticks); sleep 10; after=$(ticks)
hz=$(getconf CLK_TCK)
echo "CPU with a focused field, nobody typing: $(( (after - before) * 100 / (10 * hz) )) % of one core"
