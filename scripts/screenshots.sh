#!/usr/bin/env bash
# Runs the real window under Xvfb on a demo database and saves screenshots of the first-start
# dialog, the Tổng quan dashboard, the registry, search, the establishment form (empty, with
# errors, the unsaved-changes guard), the project list, each tab of a project form, the balance,
# next year's plan registration and Settings. Look at them before calling a screen done.
#
#   scripts/screenshots.sh            # release build, 2.000 demo establishments, into shots/
#   PROFILE=dev ROWS=200000 OUT=/tmp/shots RENDERER=glow scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=${PROFILE:-release}
ROWS=${ROWS:-2000}
OUT=${OUT:-shots}
DISPLAY_NUM=${DISPLAY_NUM:-:97}

missing=()
for tool in Xvfb xdotool import; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xdotool imagemagick \
        mesa-vulkan-drivers libgl1-mesa-dri >/dev/null
fi

cargo build --profile "$PROFILE" --bin khuyencong
target_dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
BIN="$PWD/target/$target_dir/khuyencong"

work=$(mktemp -d)
mkdir -p "$OUT"
# Keep the renderer memory (and the default database) of this run away from the user's own.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

Xvfb "$DISPLAY_NUM" -screen 0 1280x860x24 >/dev/null 2>&1 &
xvfb_pid=$!
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$DISPLAY_NUM
sleep 1

renderer_args=()
[ -n "${RENDERER:-}" ] && renderer_args=(--renderer "$RENDERER")

start_app() {
    "$BIN" --db "$1" "${renderer_args[@]}" >"$work/app.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 60); do
        if xdotool search --name "Khuy" >/dev/null 2>&1; then break; fi
        sleep 0.5
    done
    sleep 2
    win=$(xdotool search --name "Khuy" | head -1)
    # No window manager runs under Xvfb: give the window the keyboard focus directly.
    xdotool windowmove "$win" 0 0 windowsize "$win" 1280 860 2>/dev/null || true
    xdotool windowfocus --sync "$win" 2>/dev/null || true
    xdotool mousemove 1200 830 click 1
    sleep 1
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=; }
shot() { sleep "${2:-1}"; import -window root "$OUT/$1.png"; echo "  $OUT/$1.png"; }
type_vi() { xdotool type --delay 40 "$1"; }

echo "Ảnh màn hình vào $OUT/:"
start_app "$work/moi.db"
shot 00-lan-dau
stop_app

"$BIN" demo --db "$work/demo.db" --establishments "$ROWS" >/dev/null
start_app "$work/demo.db"
shot 01-tong-quan
xdotool key ctrl+1
shot 02-danh-sach
xdotool key Down Delete
shot 02-xoa-co-so
xdotool key Escape
xdotool key ctrl+f; sleep 0.3; type_vi "nguyen thi"
shot 03-tim-khong-dau
xdotool key ctrl+a BackSpace Escape
xdotool key ctrl+n
shot 03-form-trong
sleep 0.3
# xdotool's Unicode typing under Xvfb drops letters; the app's own Vietnamese input is covered
# by tests/vietnamese_input.rs. Type plain letters here.
type_vi "Hop tac xa may tre dan Hoang Loc"
xdotool key Return
shot 04-form-loi
xdotool key Escape
shot 05-chua-luu
# Leave without saving: the dialog's "Không lưu" button.
xdotool mousemove 512 463 click 1
shot 06-sau-khi-huy
xdotool key Down Return
shot 07-form-co-so-lich-su-ho-tro
xdotool key Escape
xdotool key ctrl+2
shot 10-de-an-danh-sach
xdotool key Down Return
shot 11-de-an-thong-tin-chung
for tab in 12-de-an-thu-huong 13-de-an-kinh-phi 14-de-an-ket-qua 15-de-an-ho-so 16-de-an-lich-su; do
    xdotool key ctrl+Next
    shot "$tab"
done
xdotool key Escape
xdotool key ctrl+3
shot 18-ke-hoach-can-doi
# The "Đăng ký kế hoạch năm sau" view of the same screen.
xdotool mousemove 241 50 click 1
shot 19-dang-ky-ke-hoach
xdotool key ctrl+4
shot 21-bao-cao
# Create the annual report: the form on the left, the preview of page 1 on the right.
xdotool mousemove 329 77 click 1
shot 22-bao-cao-xem-truoc 2
# Turn to the first appendix page in the preview (PageDown with the pointer over it).
xdotool mousemove 900 500
xdotool key Next Next
shot 23-bao-cao-phu-luc
xdotool key ctrl+5
shot 25-cai-dat
stop_app
echo "Nhật ký ứng dụng:"; cat "$work/app.log" || true
