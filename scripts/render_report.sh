#!/usr/bin/env bash
# Writes the sample official report of tests/report_pdf.rs as a PDF, renders every page to PNG
# and saves what poppler sees (fonts, text) beside it. Look at the pages before calling a
# change to the report's layout done.
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
echo "$(ls "$OUT"/page-*.png | wc -l) pages in $OUT/"
