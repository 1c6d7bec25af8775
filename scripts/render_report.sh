#!/usr/bin/env bash
# Writes the sample official report of tests/report_pdf.rs as a PDF, and the annual and the
# plan-registration reports of a demo database (and the annual one at 2.000 projects) through
# `khuyencong report`; renders every page to PNG and saves what poppler sees (fonts, text)
# beside them, and prints the XLSX through LibreOffice when it is installed. Look at the pages
# before calling a change to the report done.
#
#   scripts/render_report.sh              # into target/report_out/, 60 dpi
#   OUT=/tmp/report DPI=100 scripts/render_report.sh
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-target/report_out}
DPI=${DPI:-60}

for tool in pdftoppm pdffonts pdftotext; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install poppler-utils)" >&2; exit 1; }
done

mkdir -p "$OUT"
rm -f "$OUT"/page-*.png
REPORT_OUT="$PWD/$OUT" cargo test --test report_pdf pdf_is_a4_embeds_its_fonts_and_keeps_the_text \
    -- --exact --quiet
pdftoppm -png -r "$DPI" "$OUT/bao_cao.pdf" "$OUT/page"
pdffonts "$OUT/bao_cao.pdf" >"$OUT/fonts.txt"
pdftotext -layout -enc UTF-8 "$OUT/bao_cao.pdf" "$OUT/text.txt"
echo "$(ls "$OUT"/page-*.png | wc -l) pages of the sample in $OUT/"

cargo build --quiet --bin khuyencong
BIN=target/debug/khuyencong
rm -f "$OUT/demo.db" "$OUT"/demo-*.png
"$BIN" demo --db "$OUT/demo.db" --establishments 2000 >/dev/null
year=$(date +%Y)
"$BIN" report --db "$OUT/demo.db" --kind nam --year "$year" --out "$OUT/bao_cao_nam.pdf" \
    --xlsx "$OUT/bao_cao_nam.xlsx"
"$BIN" report --db "$OUT/demo.db" --kind dangky --year "$((year + 1))" --out "$OUT/dang_ky.pdf"
# The same annual report at 2.000 projects: Phụ lục I runs over many pages.
rm -f "$OUT/demo-2000.db"
"$BIN" demo --db "$OUT/demo-2000.db" --establishments 20000 --projects 2000 >/dev/null
"$BIN" report --db "$OUT/demo-2000.db" --kind nam --year "$year" --out "$OUT/bao_cao_2000.pdf" \
    --xlsx "$OUT/bao_cao_2000.xlsx"
for name in bao_cao_nam dang_ky bao_cao_2000; do
    pdftoppm -png -r "$DPI" "$OUT/$name.pdf" "$OUT/demo-$name"
    pdffonts "$OUT/$name.pdf" >"$OUT/$name-fonts.txt"
    pdftotext -layout -enc UTF-8 "$OUT/$name.pdf" "$OUT/$name.txt"
done
echo "$(ls "$OUT"/demo-*.png | wc -l) pages of the demo reports in $OUT/"

# The XLSX as LibreOffice prints it: a "###" is a number too wide for its column.
if command -v soffice >/dev/null; then
    for name in bao_cao_nam bao_cao_2000; do
        soffice --headless --convert-to pdf --outdir "$OUT/xlsx" "$OUT/$name.xlsx" >/dev/null
        pdftotext -layout -enc UTF-8 "$OUT/xlsx/$name.pdf" "$OUT/xlsx/$name.txt"
        pdftoppm -png -r "$DPI" -l 3 "$OUT/xlsx/$name.pdf" "$OUT/xlsx/$name"
        echo "$name.xlsx printed by LibreOffice: $(grep -c '###' "$OUT/xlsx/$name.txt" || true) cells with ###"
    done
else
    echo "soffice not installed: the XLSX was not printed through LibreOffice"
fi
