#!/usr/bin/env bash
# The Windows release, built on Linux (Debian 12):
#
#   scripts/windows-release.sh [--dev] [--smoke]
#
# writes into dist/windows/:
#   khuyencong.exe                       the program (GUI, icon, version information)
#   SoKhuyenCong-<version>-setup.exe     the installer (NSIS, Vietnamese, per user, no admin)
#   SoKhuyenCong-<version>-portable.zip  the exe with Doc-truoc.txt, for PCs that block installers
# --smoke then installs the setup under Wine and compares its outputs with the Linux build's
# (scripts/windows-smoke.sh). --dev (what CI runs) builds the dev profile instead — minutes
# faster, a console program with debug checks, packed without compression and without the zip:
# for testing only, never to hand out.
#
# Needs: rustup target add x86_64-pc-windows-gnu
#        apt-get install mingw-w64 nsis python3          (--smoke also: wine wine64 poppler-utils)
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
smoke=false
dev=false
for arg in "$@"; do
    case "$arg" in
        --smoke) smoke=true ;;
        --dev) dev=true ;;
        *) echo "dùng: scripts/windows-release.sh [--dev] [--smoke]" >&2; exit 2 ;;
    esac
done

missing=()
for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres x86_64-w64-mingw32-objdump makensis python3; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if $smoke; then
    for tool in wine wineserver pdftotext; do command -v "$tool" >/dev/null || missing+=("$tool"); done
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "Thiếu: ${missing[*]}. Cài: sudo apt-get install mingw-w64 nsis python3 wine wine64 poppler-utils" >&2
    exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    echo "Thiếu đích Rust $target. Cài: rustup target add $target" >&2
    exit 1
fi

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# The build date "Giới thiệu" shows is the commit's, so rebuilding a commit gives the same exe text.
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH

if $dev; then profile=(); folder=debug; else profile=(--release); folder=release; fi
echo "== cargo build ${profile[*]} --target $target (Sổ Khuyến công $version)"
start=$(date +%s)
cargo build "${profile[@]}" --locked --target "$target"
echo "   $(( $(date +%s) - start )) s"
exe="target/$target/$folder/khuyencong.exe"

# What a shipped exe must have, checked on the file itself.
headers=$(x86_64-w64-mingw32-objdump -x "$exe")
# main.rs makes only optimised builds GUI programs (a dev build keeps its console for panics).
if ! $dev && ! grep -q '^Subsystem[[:space:]]*00000002' <<<"$headers"; then
    echo "$exe is not a GUI program (Subsystem 2): a console would open behind the window" >&2
    exit 1
fi
grep -q '\.rsrc' <<<"$headers" \
    || { echo "$exe has no resources (icon, version): was windres found by build.rs?" >&2; exit 1; }

dist=dist/windows
rm -rf "$dist"
mkdir -p "$dist/stage"
cp "$exe" "$dist/khuyencong.exe"

# Text files for Windows: UTF-8 with a BOM and CRLF, so every Notepad shows the accents.
windows_text() { python3 -c 'import sys; t=sys.stdin.read().replace("\r\n","\n"); sys.stdout.buffer.write(("\ufeff"+t.replace("\n","\r\n")).encode("utf-8"))'; }
windows_text <packaging/windows/Doc-truoc.txt >"$dist/stage/Doc-truoc.txt"
{
    python3 scripts/licences.py notices
    echo "=============================================================================="
    echo "PHÔNG CHỮ"
    for f in assets/fonts/OFL-*.txt; do echo; cat "$f"; done
} | windows_text >"$dist/stage/GIAY-PHEP-THU-VIEN.txt"

setup="$dist/SoKhuyenCong-$version-setup.exe"
echo "== makensis"
makensis -V2 -INPUTCHARSET UTF8 \
    "-DVERSION=$version" "-DEXE=$(realpath "$dist/khuyencong.exe")" \
    "-DNOTICES=$(realpath "$dist/stage/GIAY-PHEP-THU-VIEN.txt")" \
    "-DREADME=$(realpath "$dist/stage/Doc-truoc.txt")" \
    "-DICON=$(realpath assets/icon/khuyencong.ico)" \
    "-DOUTFILE=$(realpath "$dist")/$(basename "$setup")" \
    $($dev && echo -DFAST) \
    packaging/windows/installer.nsi

zip="$dist/SoKhuyenCong-$version-portable.zip"
$dev || python3 - "$zip" "$dist/khuyencong.exe" "$dist/stage/Doc-truoc.txt" "$dist/stage/GIAY-PHEP-THU-VIEN.txt" <<'EOF'
import os, sys, time, zipfile
out, files = sys.argv[1], sys.argv[2:]
stamp = time.gmtime(int(os.environ["SOURCE_DATE_EPOCH"]))[:6]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for path in files:
        # One folder inside, so "Extract all" does not scatter the files; UTF-8 names.
        info = zipfile.ZipInfo("SoKhuyenCong/" + os.path.basename(path), stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(path, "rb") as f:
            z.writestr(info, f.read())
EOF
rm -rf "$dist/stage"

echo "== dist/windows"
for f in "$dist/khuyencong.exe" "$setup" "$zip"; do
    [ -f "$f" ] || continue
    printf '   %-44s %6.1f MB\n' "$(basename "$f")" "$(echo "$(stat -c %s "$f")" | awk '{print $1/1048576}')"
done

if $smoke; then
    # The Linux binary as `cargo test` builds it (with the dev-dependencies' features): after the
    # tests, as in CI, nothing is built again.
    # (Without SOURCE_DATE_EPOCH, which would make cargo rebuild SQLite and the crate for Linux.)
    env -u SOURCE_DATE_EPOCH cargo test --locked --no-run
    scripts/windows-smoke.sh target/debug/khuyencong "$setup"
fi
