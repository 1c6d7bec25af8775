#!/usr/bin/env python3
"""The bad day, against the release binary: damaged, foreign, newer, empty, read-only and
half-written files; one bad row of each kind; money that would overflow; an attachment name that
leaves its folder; a backup over an existing file; absurd demo counts; two windows on one file;
a damaged file started twelve times. Each scenario prints OK or SAI (wrong) with what it saw.
Run it before each release:

    scripts/bad_day.py                 # builds the release binary first
    BIN=target/debug/khuyencong scripts/bad_day.py --no-build
    scripts/bad_day.py --shots /tmp/bad-day-shots   # keep the window screenshots

The window scenarios need Xvfb (and xdotool, imagemagick for screenshots); without them they
are reported as skipped, not passed. Exit code 0 only when every scenario that ran is OK.
"""

import argparse
import hashlib
import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# English words that must never reach a user of this app (SQLite's, Rust's, the OS's).
ENGLISH = re.compile(
    r"\b(error|failed|database|disk is full|locked|unable|os error|panicked|thread|"
    r"conversion|no such|constraint|readonly|attempt|permission denied|file exists)\b",
    re.IGNORECASE,
)

results = []


def report(name, ok, seen):
    results.append((name, ok))
    mark = "OK " if ok is True else ("BỎ QUA" if ok is None else "SAI")
    print(f"[{mark}] {name}")
    for line in seen.strip().splitlines()[:12]:
        print(f"        {line}")


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run(args, timeout=30):
    """Runs the binary; returns (exit code or 'treo' when it hung, stdout + stderr)."""
    try:
        p = subprocess.run(
            [BIN, *args], capture_output=True, text=True, timeout=timeout, env=ENV
        )
        return p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") + (e.stderr or b"").decode(
            errors="replace"
        )
        return "treo", out


def english_in(text):
    # File paths may hold English-looking words (tmp folder names): look at text outside them.
    cleaned = re.sub(r"/[^\s:;,]+", "", text)
    return ENGLISH.findall(cleaned)


def vietnamese_refusal(name, args, must_mention, file=None):
    before = sha(file) if file and Path(file).is_file() else None
    code, out = run(args)
    problems = []
    if code == "treo":
        problems.append("lệnh không kết thúc sau 30 giây")
    elif code == 0:
        problems.append("mã thoát 0, tệp lẽ ra bị từ chối")
    if must_mention and not re.search(must_mention, out, re.IGNORECASE):
        problems.append(f"thông báo không nói '{must_mention}'")
    eng = english_in(out)
    if eng:
        problems.append(f"có chữ tiếng Anh: {sorted(set(eng))}")
    if before is not None and sha(file) != before:
        problems.append("tệp đã bị thay đổi")
    report(name, not problems, out + ("\n→ " + "; ".join(problems) if problems else ""))


def make_demo(path, n=300):
    code, out = run(["demo", "--db", str(path), "--establishments", str(n)], timeout=300)
    if code != 0:
        sys.exit(f"Không tạo được tệp mẫu: {out}")
    # The demo's file is in WAL mode; fold the WAL in so copies of the .db alone are whole.
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def fresh_copy(src, dest):
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return dest


def raw(path, sql, *params):
    with sqlite3.connect(path) as c:
        c.execute(sql, params)


def damage(path):
    """Overwrites the middle of a b-tree page of the establishment table, past the header."""
    with sqlite3.connect(path) as c:
        page_size = c.execute("PRAGMA page_size").fetchone()[0]
        root = c.execute(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'establishment'"
        ).fetchone()[0]
        pages = c.execute("PRAGMA page_count").fetchone()[0]
    target = min(root + 3, pages - 1)
    with open(path, "r+b") as f:
        f.seek((target - 1) * page_size)
        f.write(b"\xa5" * page_size)


# ---------------------------------------------------------------------------------------------
# The window under Xvfb.


class Display:
    def __init__(self, shots):
        self.shots = shots
        self.proc = None
        self.available = shutil.which("Xvfb") is not None

    def __enter__(self):
        if self.available:
            self.proc = subprocess.Popen(
                ["Xvfb", ":93", "-screen", "0", "1366x768x24", "-noreset"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1.0)
        return self

    def __exit__(self, *exc):
        if self.proc:
            self.proc.terminate()
            self.proc.wait()

    def start(self, db):
        env = dict(ENV, DISPLAY=":93")
        return subprocess.Popen(
            [BIN, "--db", str(db), "--renderer", "glow"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def shot(self, name):
        if self.shots and shutil.which("import"):
            self.shots.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                ["import", "-display", ":93", "-window", "root", str(self.shots / f"{name}.png")],
                stderr=subprocess.DEVNULL,
            )


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out or ""


def backups_of(db):
    folder = Path(db).parent / "backups"
    if not folder.is_dir():
        return {}
    return {p.name: sha(p) for p in folder.iterdir() if p.is_file()}


def wait_for(predicate, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


# ---------------------------------------------------------------------------------------------


def main():
    global BIN, ENV
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--shots", type=Path)
    args = ap.parse_args()
    BIN = os.environ.get("BIN", str(ROOT / "target/release/khuyencong"))
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--bin", "khuyencong"], cwd=ROOT, check=True)
    work = Path(tempfile.mkdtemp(prefix="bad-day-"))
    # Settings, renderer memory and the support log of this run stay in the scratch folder.
    ENV = dict(
        os.environ,
        XDG_CONFIG_HOME=str(work / "config"),
        XDG_DATA_HOME=str(work / "data"),
        HOME=str(work / "home"),
    )
    good = work / "mau" / "khuyencong.db"
    make_demo(good)
    print(f"Tệp mẫu: {good} ({good.stat().st_size // 1024} KB)\n")

    # 3. Another program's SQLite file, user_version 0 and 3: refused, byte-identical.
    for version in (0, 3):
        foreign = work / f"ngoai-{version}" / "sach.db"
        foreign.parent.mkdir()
        with sqlite3.connect(foreign) as c:
            c.execute("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT)")
            c.execute("INSERT INTO books (title) VALUES ('Truyện Kiều')")
            c.execute(f"PRAGMA user_version = {version}")
        for cmd in (["check"], ["balance", "--year", "2025"], ["backup", "--out", str(work / "x.db")],
                    ["report", "--kind", "nam", "--year", "2025", "--out", str(work / "x.pdf")]):
            vietnamese_refusal(
                f"tệp SQLite của chương trình khác (user_version {version}): {cmd[0]}",
                [cmd[0], "--db", str(foreign), *cmd[1:]],
                "chương trình khác|không phải tệp dữ liệu của Sổ Khuyến công",
                file=foreign,
            )

    # Newer version: refused untouched.
    newer = fresh_copy(good, work / "moi-hon" / "khuyencong.db")
    raw(newer, "PRAGMA user_version = 99")
    vietnamese_refusal("tệp của phiên bản mới hơn: check", ["check", "--db", str(newer)],
                       "phiên bản mới hơn", file=newer)

    # A directory, a 0-byte file, not SQLite.
    folder = work / "thu-muc.db"
    folder.mkdir()
    vietnamese_refusal("một thư mục thay cho tệp: check", ["check", "--db", str(folder)], "thư mục")
    empty = work / "rong" / "khuyencong.db"
    empty.parent.mkdir()
    empty.touch()
    vietnamese_refusal("tệp 0 byte: check", ["check", "--db", str(empty)], "rỗng", file=empty)
    report("tệp 0 byte vẫn 0 byte sau check", empty.stat().st_size == 0, f"{empty.stat().st_size} byte")
    text = work / "van-ban" / "khuyencong.db"
    text.parent.mkdir()
    text.write_text("Đây là một văn bản, không phải cơ sở dữ liệu.\n" * 20)
    vietnamese_refusal("tệp văn bản: check", ["check", "--db", str(text)], "không phải", file=text)

    # 6. A hot journal (a crash in the middle of a rollback-journal write) is recovered, not
    # called damaged.
    hot = fresh_copy(good, work / "nhat-ky-nong" / "khuyencong.db")
    with sqlite3.connect(hot) as c:
        c.execute("PRAGMA journal_mode = DELETE")
    child = subprocess.Popen([sys.executable, "-c", f"""
import sqlite3, os
c = sqlite3.connect({str(hot)!r}, isolation_level=None)
c.execute("PRAGMA cache_size = 1")
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE establishment SET notes = hex(randomblob(300))")
os._exit(0)
"""])
    child.wait()
    journal = Path(str(hot) + "-journal")
    had_journal = journal.exists()
    code, out = run(["check", "--db", str(hot)])
    # Refusing with what to do is right for a read-only command; calling it damaged or not
    # SQLite is wrong.
    wrong = re.search("không phải|bị hỏng", out) is not None
    report("nhật ký dở dang (hot journal): check không gọi là hỏng",
           code != "treo" and not wrong and not english_in(out),
           f"có -journal trước khi chạy: {had_journal}\nmã thoát {code}\n{out}")

    # 2. Read-only file and read-only folder: answered within seconds, never a spin.
    ro = fresh_copy(good, work / "chi-doc" / "khuyencong.db")
    os.chmod(ro, 0o444)
    for cmd in (["check"], ["balance", "--year", "2025"], ["backup", "--out", str(work / "ro-copy.db")]):
        started = time.time()
        code, out = run([cmd[0], "--db", str(ro), *cmd[1:]], timeout=20)
        took = time.time() - started
        report(f"tệp chỉ đọc: {cmd[0]} kết thúc", code != "treo" and not english_in(out),
               f"mã thoát {code}, {took:.1f} s\n{out}")
    ro_dir = work / "thu-muc-chi-doc"
    fresh_copy(good, ro_dir / "khuyencong.db")
    os.chmod(ro_dir, 0o555)
    code, out = run(["backup", "--db", str(ro_dir / "khuyencong.db"), "--out", str(work / "rod.db")], timeout=20)
    report("thư mục chỉ đọc: backup kết thúc", code != "treo" and not english_in(out), f"mã thoát {code}\n{out}")

    # 5. One bad row of each kind: check names the record; balance still answers.
    bad_rows = {
        "mã loại hình lạ": ("UPDATE establishment SET legal_form = 'XYZ' WHERE code = (SELECT MIN(code) FROM establishment)", "XYZ"),
        "ngày không phải ngày": ("UPDATE establishment SET registration_date = 'hôm qua' WHERE code = (SELECT MIN(code) FROM establishment)", "hôm qua"),
        "mã định danh hỏng": ("UPDATE payment SET id = 'khong-phai-uuid' WHERE rowid = (SELECT MIN(rowid) FROM payment)", "khong-phai-uuid"),
        "JSON hỏng trong cài đặt": ("UPDATE setting SET value = '{hỏng' WHERE key = 'unit'", r"cài đặt|setting"),
        "ký tự điều khiển trong tên": ("UPDATE establishment SET name = 'Cơ sở ' || char(8238) || 'ngược' WHERE code = (SELECT MAX(code) FROM establishment)", r"ký tự"),
        "tiền vượt giới hạn": ("UPDATE budget_line SET amount = 9000000000000000000 WHERE rowid = (SELECT MIN(rowid) FROM budget_line)", r"vượt|quá"),
        "tệp đính kèm ra ngoài thư mục": ("INSERT INTO attachment (id, project_id, file_name, stored_name, added_at) SELECT '01900000-0000-7000-8000-000000000001', id, 'QĐ phê duyệt.pdf', '../evil.sh', '2026-01-05' FROM project ORDER BY code LIMIT 1", r"evil\.sh"),
        "số đếm mã hỏng": ("UPDATE setting SET value = '{hỏng' WHERE key = 'establishment.next_number'", r"next_number"),
    }
    for name, (sql, must) in bad_rows.items():
        db = fresh_copy(good, work / f"dong-loi-{len(results)}" / "khuyencong.db")
        raw(db, sql)
        code, out = run(["check", "--db", str(db)])
        report(f"một dòng lỗi ({name}): check nêu ra",
               code == 1 and re.search(must, out, re.IGNORECASE) is not None and not english_in(out)
               and "tệp tốt" not in out, f"mã thoát {code}\n" + "\n".join(l for l in out.splitlines() if re.search(must, l, re.IGNORECASE) or "Kết luận" in l))
        code, out = run(["balance", "--db", str(db), "--year", "2025"])
        report(f"một dòng lỗi ({name}): balance vẫn trả lời, không in số sai",
               code == 0 and not english_in(out) and not re.search(r"[−-]\d", out),
               f"mã thoát {code}\n{out[-400:]}")

    # 10. backup --out never replaces a file without --ghi-de; demo bounds its counts.
    target = work / "bao-cao.docx"
    target.write_bytes(b"PK\x03\x04 van ban quan trong")
    before = sha(target)
    code, out = run(["backup", "--db", str(good), "--out", str(target)])
    report("backup --out lên tệp đã có: từ chối, tệp giữ nguyên",
           code not in (0, "treo") and sha(target) == before and not english_in(out), f"mã thoát {code}\n{out}")
    code, out = run(["backup", "--db", str(good), "--out", str(target), "--ghi-de"])
    report("backup --out --ghi-de: thay tệp", code == 0 and sha(target) != before, f"mã thoát {code}\n{out}")
    for n in ("18446744073709551615", "1000000000"):
        db = work / f"demo-{n[:4]}" / "khuyencong.db"
        code, out = run(["demo", "--db", str(db), "--establishments", n], timeout=60)
        report(f"demo --establishments {n}: từ chối bằng tiếng Việt, không tạo tệp",
               code not in (0, "treo") and not db.exists() and not english_in(out) and "RUST_BACKTRACE" not in out,
               f"mã thoát {code}\n{out}")

    # The window: a damaged file started 12 times keeps the good backups; two windows on one
    # file; interrupted backup leftovers removed; a read-only file opens at once.
    with Display(args.shots) as display:
        if not display.available:
            report("cửa sổ: các tình huống cần Xvfb", None, "Không có Xvfb: bỏ qua phần cửa sổ.")
        else:
            window_scenarios(display, good, work)

    failed = [n for n, ok in results if ok is False]
    skipped = [n for n, ok in results if ok is None]
    print(f"\n{len(results) - len(failed) - len(skipped)} đúng, {len(failed)} sai, {len(skipped)} bỏ qua.")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


def window_scenarios(display, good, work):
    live = fresh_copy(good, work / "cua-so" / "khuyencong.db")
    leftover = live.parent / "backups" / "khuyencong-20260101-000000-000.dang-sao-luu"
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(b"\0" * 4096)
    # Left by a start an hour ago (a copy still being written is younger, and kept).
    os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    app = display.start(live)
    made = wait_for(lambda: any(n.startswith("khuyencong-2") and not n.endswith("dang-sao-luu")
                                for n in backups_of(live)), 30)
    time.sleep(1.0)
    display.shot("01-mo-so-tot")

    # Two windows on one file: the second says who holds it and stays read-only.
    second = display.start(live)
    time.sleep(4.0)
    display.shot("02-cua-so-thu-hai")
    lock = next(live.parent.glob("*.dang-mo.txt"), None)
    lock_text = lock.read_text(errors="replace") if lock else ""
    out2 = stop(second)
    out1 = stop(app)
    report("cửa sổ: sao lưu khi mở sổ tốt, dọn bản sao lưu dở", made and not leftover.exists(),
           f"bản sao lưu: {sorted(backups_of(live))}\nbản dở còn: {leftover.exists()}")
    report("cửa sổ thứ hai trên cùng tệp: có khóa ghi tên người, máy",
           bool(lock_text) and not english_in(out2), f"khóa: {lock_text!r}\n{out2}")

    # A damaged live file started 12 times leaves the good backups in place.
    good_backups = backups_of(live)
    damage(live)
    for i in range(12):
        app = display.start(live)
        time.sleep(2.5)
        if i == 0:
            display.shot("03-tep-hong")
        out = stop(app)
    after = backups_of(live)
    kept = all(after.get(name) == digest for name, digest in good_backups.items())
    quarantine = list(live.parent.glob("*hong*"))
    report("tệp hỏng mở 12 lần: các bản sao lưu tốt còn nguyên, một bản cách ly",
           kept and len(after) == len(good_backups) and len(quarantine) >= 1,
           f"trước: {len(good_backups)} bản, sau: {len(after)} bản, còn nguyên: {kept}\n"
           f"bản cách ly: {[q.name for q in quarantine]}\n{english_in(out) or ''}")

    # A file with one unreadable row opens, says so, and pushes no good backup out either.
    rows = fresh_copy(good, work / "cua-so-dong-loi" / "khuyencong.db")
    app = display.start(rows)
    wait_for(lambda: bool(backups_of(rows)), 30)
    time.sleep(1.0)
    stop(app)
    good_backups = backups_of(rows)
    raw(rows, "UPDATE establishment SET legal_form = 'XYZ' WHERE code = (SELECT MIN(code) FROM establishment)")
    for i in range(12):
        app = display.start(rows)
        time.sleep(2.5)
        if i == 0:
            display.shot("05-tep-co-dong-loi")
        out = stop(app)
    after = backups_of(rows)
    report("tệp có một dòng lỗi mở 12 lần: vẫn mở, các bản sao lưu tốt còn nguyên",
           after == good_backups and (rows.parent / "khuyencong-hong.db").exists(),
           f"trước: {len(good_backups)} bản, sau: {len(after)} bản\n{english_in(out) or ''}")

    # A read-only file opens (read-only, with a banner), no spin, no startup backup.
    ro = fresh_copy(good, work / "cua-so-chi-doc" / "khuyencong.db")
    os.chmod(ro, 0o444)
    app = display.start(ro)
    time.sleep(4.0)
    display.shot("04-tep-chi-doc")
    alive = app.poll() is None
    out = stop(app)
    report("cửa sổ trên tệp chỉ đọc: mở, không sao lưu, không treo",
           alive and not backups_of(ro) and not english_in(out), f"còn chạy: {alive}\n{out}")


if __name__ == "__main__":
    sys.exit(main())
