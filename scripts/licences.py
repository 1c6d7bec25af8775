#!/usr/bin/env python3
"""The crates that end up inside khuyencong.exe, with their licences.

    scripts/licences.py list    > assets/licences.tsv      (committed; "Giới thiệu" shows it)
    scripts/licences.py notices > GIAY-PHEP-THU-VIEN.txt   (the release script ships it)

Only what is linked into the Windows exe counts: the normal dependencies reachable from the
package for x86_64-pc-windows-gnu. Dev-dependencies (tests) and build-dependencies (run on the
build machine, never shipped) are left out. `notices` adds each crate's own LICENSE/COPYING/
NOTICE files, which MIT- and Apache-licensed code asks to travel with the binary.
"""
import json
import os
import subprocess
import sys

TARGET = "x86_64-pc-windows-gnu"


def shipped_packages():
    meta = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", TARGET],
        cwd=os.path.join(os.path.dirname(__file__), ".."),
    ))
    by_id = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    seen, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for dep in nodes[pid]["deps"]:
            # Normal dependencies only (kind null); a proc-macro runs at compile time and is
            # not in the binary either.
            if any(k["kind"] is None for k in dep["dep_kinds"]):
                if "proc-macro" not in by_id[dep["pkg"]]["targets"][0]["kind"]:
                    todo.append(dep["pkg"])
    seen.discard(root)
    return sorted((by_id[i] for i in seen), key=lambda p: (p["name"].lower(), p["version"]))


def licence_of(p):
    return p.get("license") or ("xem " + p["license_file"] if p.get("license_file") else "?")


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "list"
    packages = shipped_packages()
    if what == "list":
        print("# Thư viện trong khuyencong.exe (tạo bằng scripts/licences.py list)")
        for p in packages:
            print(f"{p['name']}\t{p['version']}\t{licence_of(p)}")
    elif what == "notices":
        print("GIẤY PHÉP CỦA CÁC THƯ VIỆN MÃ NGUỒN MỞ TRONG SỔ KHUYẾN CÔNG\n")
        print("Sổ Khuyến công được dựng từ các thư viện dưới đây; mỗi mục ghi tên, phiên bản,")
        print("giấy phép và nguyên văn các tệp giấy phép đi kèm thư viện đó.\n")
        for p in packages:
            print("=" * 78)
            print(f"{p['name']} {p['version']} — {licence_of(p)}")
            if p.get("repository"):
                print(p["repository"])
            folder = os.path.dirname(p["manifest_path"])
            for name in sorted(os.listdir(folder)):
                upper = name.upper()
                if upper.startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE", "COPYRIGHT")):
                    path = os.path.join(folder, name)
                    if os.path.isfile(path):
                        print(f"\n--- {name} ---")
                        with open(path, encoding="utf-8", errors="replace") as f:
                            print(f.read().rstrip())
            print()
    else:
        sys.exit("dùng: licences.py list|notices")


if __name__ == "__main__":
    main()
