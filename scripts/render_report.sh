#!/usr/bin/env bash
# Writes the sample official report of tests/report_pdf.rs as a PDF, and the annual and the
# plan-registration reports of a demo database through `khuyencong report`; renders every page
# to PNG and saves what poppler sees (fonts, text) beside them. Look at the pages before calling
# a change to the report done.
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
for name in bao_cao_nam dang_ky; do
    pdftoppm -png -r "$DPI" "$OUT/$name.pdf" "$OUT/demo-$name"
    pdffonts "$OUT/$name.pdf" >"$OUT/$name-fonts.txt"
    pdftotext -layout -enc UTF-8 "$OUT/$name.pdf" "$OUT/$name.txt"
done
echo "$(ls "$OUT"/demo-*.png | wc -l) pages of the demo reports in $OUT/"
