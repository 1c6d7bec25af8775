#!/usr/bin/env python3
"""Compares what the Windows exe (under Wine) wrote with what the Linux build wrote, for
scripts/windows-smoke.sh. Standard library only.

    windows_compare.py json LINUX.json WINDOWS.json LINUX_FOLDER WINDOWS_FOLDER
    windows_compare.py xlsx LINUX.xlsx WINDOWS.xlsx
    windows_compare.py text LINUX.txt WINDOWS.txt
    windows_compare.py lnk SHORTCUT.lnk 'C:\\users\\…\\khuyencong.exe'
    windows_compare.py reg PREFIX/user.reg 'Software\\…\\Uninstall\\SoKhuyenCong' NAME VALUE

Exits 1, printing the first differences, when the two sides differ. What may legitimately
differ is normalised narrowly and nowhere else:
  * json: a string that is a path inside the data folder is compared relative to that folder,
    with / for \\ (D:\\Dữ liệu\\backups\\x.db on Windows is /tmp/…/Dữ liệu/backups/x.db on Linux);
  * xlsx: only the cells of the sheets are compared (values, shared strings resolved, formulas,
    sheet names and order); docProps/core.xml, which holds the creation time, is not a sheet.
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def fail(lines):
    for line in lines[:20]:
        print("  " + line)
    sys.exit(1)


def normalise_json(value, folder, sep):
    if isinstance(value, dict):
        return {k: normalise_json(v, folder, sep) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise_json(v, folder, sep) for v in value]
    if isinstance(value, str) and value.startswith(folder):
        return "<thư mục dữ liệu>/" + value[len(folder):].lstrip(sep).replace(sep, "/")
    return value


def compare_json(linux, windows, linux_folder, windows_folder):
    # A folder spelt with \ is a Windows one (both sides may be Windows: before and after an
    # update, or a database and its backup).
    def sep(folder):
        return "\\" if "\\" in folder else "/"
    with open(linux, encoding="utf-8") as f:
        a = normalise_json(json.load(f), linux_folder, sep(linux_folder))
    with open(windows, encoding="utf-8") as f:
        b = normalise_json(json.load(f), windows_folder, sep(windows_folder))
    if a != b:
        da = json.dumps(a, ensure_ascii=False, indent=1, sort_keys=True).splitlines()
        db = json.dumps(b, ensure_ascii=False, indent=1, sort_keys=True).splitlines()
        fail([f"Linux: {x}    Windows: {y}" for x, y in zip(da, db) if x != y]
             or ["the documents differ in length"])


def sheet_cells(path):
    """[(sheet name, {cell ref: (type, value or formula)})] in workbook order."""
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            for si in root.findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        sheets = []
        for sheet in workbook.find("m:sheets", NS):
            part = "xl/" + target[sheet.get(REL)].lstrip("/").removeprefix("xl/")
            cells = {}
            for c in ET.fromstring(z.read(part)).iter(f"{{{NS['m']}}}c"):
                kind = c.get("t", "n")
                v = c.find("m:v", NS)
                f = c.find("m:f", NS)
                inline = c.find("m:is", NS)
                if kind == "s" and v is not None:
                    value = shared[int(v.text)]
                elif inline is not None:
                    value = "".join(t.text or "" for t in inline.iter(f"{{{NS['m']}}}t"))
                else:
                    value = v.text if v is not None else None
                formula = f.text if f is not None else None
                if value is not None or formula is not None:
                    cells[c.get("r")] = (kind, value, formula)
            sheets.append((sheet.get("name"), cells))
        return sheets


def compare_xlsx(linux, windows):
    a, b = sheet_cells(linux), sheet_cells(windows)
    if [n for n, _ in a] != [n for n, _ in b]:
        fail([f"sheets: Linux {[n for n, _ in a]}, Windows {[n for n, _ in b]}"])
    diffs = []
    for (name, ca), (_, cb) in zip(a, b):
        for ref in sorted(set(ca) | set(cb)):
            if ca.get(ref) != cb.get(ref):
                diffs.append(f"{name}!{ref}: Linux {ca.get(ref)}, Windows {cb.get(ref)}")
    if diffs:
        fail(diffs)
    print(f"  {len(a)} trang tính, {sum(len(c) for _, c in a)} ô giống nhau")


def compare_text(linux, windows):
    with open(linux, encoding="utf-8") as f:
        a = f.read().splitlines()
    with open(windows, encoding="utf-8") as f:
        b = f.read().splitlines()
    if a != b:
        fail([f"dòng {i + 1}: Linux {x!r}, Windows {y!r}"
              for i, (x, y) in enumerate(zip(a, b)) if x != y]
             or [f"Linux {len(a)} dòng, Windows {len(b)} dòng"])
    print(f"  {len(a)} dòng giống nhau")


def check_lnk(path, target):
    """A shortcut names its target in UTF-16 (string data) or the ANSI code page (link info);
    either spelling of the whole path will do, case aside, as Windows compares paths."""
    with open(path, "rb") as f:
        raw = f.read()
    data = raw.lower()
    if raw[:4] != b"\x4c\x00\x00\x00":
        fail([f"{path} is not a shortcut (.lnk)"])
    wanted = target.lower()
    if wanted.encode("utf-16-le") not in data and wanted.encode("utf-8") not in data:
        fail([f"{path} does not point to {target}"])


def check_reg(user_reg, key, name, expected):
    """A value of HKEY_CURRENT_USER as Wine keeps it in user.reg (`wine reg query` prints it in
    the console's code page, which has no ổ or ế)."""
    import re
    with open(user_reg, encoding="utf-8", errors="replace") as f:
        text = f.read()
    header = "[" + key.replace("\\", "\\\\") + "]"
    start = text.find(header + " ")
    if start < 0:
        fail([f"no key {key}"])
    block = text[start:].split("\n\n", 1)[0]
    for line in block.splitlines():
        if line.startswith(f'"{name}"="'):
            raw = line[len(name) + 4:-1]
            value = re.sub(r"\\x([0-9a-fA-F]{1,4})", lambda m: chr(int(m.group(1), 16)), raw)
            value = value.replace('\\"', '"').replace("\\\\", "\\")
            if value != expected:
                fail([f"{name} = {value!r}, expected {expected!r}"])
            return
    fail([f"{key} has no {name}"])


def main():
    what, args = sys.argv[1], sys.argv[2:]
    {"json": compare_json, "xlsx": compare_xlsx, "text": compare_text, "lnk": check_lnk, "reg": check_reg}[what](*args)


if __name__ == "__main__":
    main()
