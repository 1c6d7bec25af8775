#!/usr/bin/env bash
# The Windows build, proved under Wine against the Linux build:
#
#   scripts/windows-smoke.sh LINUX_BINARY SETUP_EXE [WORK_FOLDER]
#
# In a fresh Wine prefix whose user is "Hương" (so the data folder is
# C:\users\Hương\AppData\Local\KhuyenCong\SoKhuyenCong\data), with D: mapped to a folder holding
# "Dữ liệu": installs SETUP_EXE silently (/S), checks the program folder, the two shortcuts and
# the "Apps & features" entry; then runs demo, check --json, balance --json, report (PDF and
# XLSX), backup and bang-chu with the installed exe on D:\Dữ liệu\…, and the same with the Linux
# binary on a Linux folder of the same name, and compares: the same JSON, the same PDF text
# through pdftotext, the same XLSX cells. Then a second install over the first must keep the
# records of a database in the default data folder, and uninstalling must leave that folder.
#
# Needs wine (wine64), mingw-w64 (for the test-only bcryptprimitives shim), poppler-utils
# (pdftotext) and python3. Exits non-zero, saying what differed, on the first failure.
set -euo pipefail

linux_bin=$(realpath "$1")
setup=$(realpath "$2")
# A folder of its own unless one is given (to look at afterwards): removed when all went well.
keep=${3:+yes}
work=${3:-$(mktemp -d /tmp/khuyencong-wine.XXXXXX)}
mkdir -p "$work"
work=$(realpath "$work")
here=$(cd "$(dirname "$0")/.." && pwd)
compare="python3 $here/scripts/windows_compare.py"

say() { echo "-- $*"; }
die() { echo "THẤT BẠI: $*" >&2; exit 1; }

# --- the prefix -------------------------------------------------------------------------------
# Its own HOME too: Wine links the profile's Desktop/Documents into $HOME's XDG folders, and its
# menu builder would write .desktop files there for the shortcuts.
export HOME="$work/home" USER="Hương" LOGNAME="Hương"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree,mshtml="
mkdir -p "$HOME/Desktop"
if [ ! -d "$WINEPREFIX/drive_c/users/$USER" ]; then
    say "Wine prefix $WINEPREFIX (người dùng $USER)"
    wineboot -i >/dev/null 2>&1 || true
    wineserver -w
fi
[ -d "$WINEPREFIX/drive_c/users/Hương" ] || die "Wine did not make the profile C:\\users\\Hương"

# Debian's Wine 8 lacks bcryptprimitives.dll/ProcessPrng, which every Rust exe imports and every
# Windows 10 has: a test-only stand-in, in this throw-away prefix only (never in the installer).
x86_64-w64-mingw32-gcc -shared -O2 -s \
    -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    "$here/packaging/windows/wine-test/bcryptprimitives.c" -ladvapi32

mkdir -p "$work/d/Dữ liệu" "$work/linux/Dữ liệu"
ln -sfn "$work/d" "$WINEPREFIX/dosdevices/d:"

profile="$WINEPREFIX/drive_c/users/Hương"
instdir="$profile/AppData/Local/Programs/SoKhuyenCong"
exe="$instdir/khuyencong.exe"
win_instdir='C:\users\Hương\AppData\Local\Programs\SoKhuyenCong'
data="$profile/AppData/Local/KhuyenCong/SoKhuyenCong/data"
win_data='C:\users\Hương\AppData\Local\KhuyenCong\SoKhuyenCong\data'
uninst_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SoKhuyenCong'

install() {
    wine "$setup" /S || die "the installer failed ($?)"
    wineserver -w
}

# --- Windows 7 is refused, Windows 10 installs ------------------------------------------------
# Wine 8 plays Windows 7 unless told otherwise: the installer must refuse it (the exe needs
# Windows 10's ProcessPrng), leaving nothing behind.
wine reg add 'HKCU\Software\Wine' /v Version /d win7 /f >/dev/null 2>&1
set +e; wine "$setup" /S; refused=$?; set -e
wineserver -w
[ "$refused" != 0 ] || die "the installer did not refuse Windows 7"
[ ! -e "$instdir" ] || die "the refused install left $instdir"
say "Windows 7: chương trình cài đặt từ chối (mã $refused), không để lại gì"
wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null 2>&1

# --- install ------------------------------------------------------------------------------------
say "cài đặt im lặng: $(basename "$setup") /S"
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
start=$(date +%s%N)
install
say "cài xong sau $(ms "$start") ms"
[ -f "$exe" ] || die "no khuyencong.exe in $instdir"
[ -f "$instdir/go-cai-dat.exe" ] || die "no uninstaller in $instdir"
[ -f "$instdir/GIAY-PHEP-THU-VIEN.txt" ] || die "no licence notices in $instdir"
start_menu="$profile/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Sổ Khuyến công.lnk"
desktop="$profile/Desktop/Sổ Khuyến công.lnk"
[ -f "$start_menu" ] || die "no Start-menu shortcut at $start_menu"
[ -f "$desktop" ] || die "no desktop shortcut at $desktop"
$compare lnk "$start_menu" "$win_instdir\\khuyencong.exe" || die "the Start-menu shortcut points elsewhere"
$compare lnk "$desktop" "$win_instdir\\khuyencong.exe" || die "the desktop shortcut points elsewhere"
reg() { $compare reg "$WINEPREFIX/user.reg" "${uninst_key#HKCU\\}" "$@" || die "Apps & features: $1"; }
reg DisplayName 'Sổ Khuyến công'
reg Publisher 'Dự án Sổ Khuyến công'
reg DisplayVersion "$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/Cargo.toml" | head -1)"
reg UninstallString "\"$win_instdir\\go-cai-dat.exe\""
reg QuietUninstallString "\"$win_instdir\\go-cai-dat.exe\" /S"
say "chương trình, lối tắt Start và Desktop, mục Apps & features: đúng"

# --- the same commands on both sides ----------------------------------------------------------
win() { wine "$exe" "$@"; }
lin() { "$linux_bin" "$@"; }
out="$work/out"
mkdir -p "$out"
wdb='D:\Dữ liệu\sổ khuyến công.db'
ldb="$work/linux/Dữ liệu/sổ khuyến công.db"
year=$(date +%Y)

start=$(date +%s%N)
win bang-chu 1234567890 >"$out/bang-chu.windows" || die "bang-chu failed under Wine"
say "bang-chu dưới Wine: $(ms "$start") ms (khởi động, in, thoát)"
lin bang-chu 1234567890 >"$out/bang-chu.linux"
$compare text "$out/bang-chu.linux" "$out/bang-chu.windows" || die "bang-chu differs"

demo_args=(--establishments 400 --projects 60 --years "$((year - 2))-$((year + 1))" --seed 15)
win demo --db "$wdb" "${demo_args[@]}" >/dev/null || die "demo failed under Wine"
lin demo --db "$ldb" "${demo_args[@]}" >/dev/null
[ -f "$work/d/Dữ liệu/sổ khuyến công.db" ] || die "demo wrote no database under D:\\Dữ liệu"

# check exits 1 when it finds problems in the data: the code must agree, the JSON tells what.
set +e
win check --db "$wdb" --json >"$out/check.windows.json"; wc=$?
lin check --db "$ldb" --json >"$out/check.linux.json"; lc=$?
set -e
[ "$wc" = "$lc" ] || die "check exits $wc under Wine, $lc on Linux"
$compare json "$out/check.linux.json" "$out/check.windows.json" "$work/linux/Dữ liệu" 'D:\Dữ liệu' \
    || die "check --json differs"
say "check --json: giống nhau (mã thoát $wc)"

win balance --db "$wdb" --year "$year" --json >"$out/balance.windows.json" || die "balance failed under Wine"
lin balance --db "$ldb" --year "$year" --json >"$out/balance.linux.json"
$compare json "$out/balance.linux.json" "$out/balance.windows.json" "$work/linux/Dữ liệu" 'D:\Dữ liệu' \
    || die "balance --json differs"
say "balance --json: giống nhau"

win report --db "$wdb" --kind nam --year "$year" --out 'D:\Dữ liệu\báo cáo năm.pdf' \
    --xlsx 'D:\Dữ liệu\phụ lục năm.xlsx' >/dev/null || die "report failed under Wine"
lin report --db "$ldb" --kind nam --year "$year" --out "$work/linux/Dữ liệu/báo cáo năm.pdf" \
    --xlsx "$work/linux/Dữ liệu/phụ lục năm.xlsx" >/dev/null
pdftotext -layout "$work/d/Dữ liệu/báo cáo năm.pdf" "$out/report.windows.txt"
pdftotext -layout "$work/linux/Dữ liệu/báo cáo năm.pdf" "$out/report.linux.txt"
say "báo cáo PDF (pdftotext):"
$compare text "$out/report.linux.txt" "$out/report.windows.txt" || die "the report's PDF text differs"
say "phụ lục XLSX:"
$compare xlsx "$work/linux/Dữ liệu/phụ lục năm.xlsx" "$work/d/Dữ liệu/phụ lục năm.xlsx" \
    || die "the report's XLSX differs"

mkdir -p "$work/d/Dữ liệu/bản sao"
win backup --db "$wdb" --out 'D:\Dữ liệu\bản sao\sao lưu.db' >/dev/null || die "backup failed under Wine"
[ -s "$work/d/Dữ liệu/bản sao/sao lưu.db" ] || die "backup wrote nothing under D:\\Dữ liệu\\bản sao"
win check --db 'D:\Dữ liệu\bản sao\sao lưu.db' --json >"$out/check-backup.windows.json" || true
$compare json "$out/check.windows.json" "$out/check-backup.windows.json" 'D:\Dữ liệu\sổ khuyến công.db' 'D:\Dữ liệu\bản sao\sao lưu.db' \
    || die "the backup does not hold the same data"
say "backup vào D:\\Dữ liệu\\bản sao: cùng dữ liệu"

# --- update over an older install, uninstall --------------------------------------------------
# A database in the default data folder (what the window opens without --db).
win demo --db "$win_data\\khuyencong.db" "${demo_args[@]}" >/dev/null || die "demo into the data folder failed"
win check --db "$win_data\\khuyencong.db" --json >"$out/default.before.json" || true
say "cài đè lần hai"
install
win check --db "$win_data\\khuyencong.db" --json >"$out/default.after.json" || true
$compare json "$out/default.before.json" "$out/default.after.json" "$win_data" "$win_data" \
    || die "the second install changed the data"
say "cài đè: dữ liệu trong $win_data còn nguyên"

say "gỡ cài đặt im lặng"
wine "$instdir/go-cai-dat.exe" /S || die "the uninstaller failed"
wineserver -w
# NSIS's uninstaller copies itself to %TEMP% and runs from there: wait until the folder is gone.
for _ in $(seq 1 30); do [ -e "$exe" ] || break; sleep 1; done
[ ! -e "$exe" ] || die "the uninstaller left khuyencong.exe"
[ ! -e "$start_menu" ] || die "the uninstaller left the Start-menu shortcut"
[ ! -e "$desktop" ] || die "the uninstaller left the desktop shortcut"
if wine reg query "$uninst_key" >/dev/null 2>&1; then die "the Apps & features entry is still there"; fi
[ -s "$data/khuyencong.db" ] || die "the uninstaller removed the data"
[ -d "$data/backups" ] || [ -f "$data/khuyencong.db" ] || die "the data folder is gone"
say "gỡ: chương trình, lối tắt và mục Apps & features đã xóa; dữ liệu còn ở $win_data"
wineserver -k 2>/dev/null || true
if [ -n "$keep" ]; then
    echo "== Windows smoke test: OK ($work)"
else
    rm -rf "$work"
    echo "== Windows smoke test: OK"
fi
