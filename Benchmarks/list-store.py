#!/usr/bin/env python3
"""How to keep `pacta list`'s rows in the index: the two layouts measured side by side.

Usage: Benchmarks/list-store.py INDEX [DATE]

INDEX is an index made by `pacta index` (its `list_row` table holds each treaty's steps as one blob,
`ListStepsCoding`). The script copies the steps into a scratch database in the other layout, one table
row per step (`list_step(treaty, from_day, status, eif, termination, parties, caveats)`, keyed by treaty
and first day), and times, for one date, the query each layout needs to give every treaty's row:

- blobs: one scan of `list_row` in id order, each blob searched for the step that holds on the date
  (timed with the rows only fetched, as SQLite gives them, and with the search done in Python, which is
  far slower than Pacta's in Swift);
- steps: for each treaty, the last step on or before the date, found through the key.

It prints the time of each (best of 3) and the size of each layout, and checks that both give the
same rows. Nothing in the index is changed.
"""
import os
import sqlite3
import struct
import sys
import tempfile
import time
from datetime import date as Date

STEP = 20


def ordinal(text):
    """CalendarDate's ordinal: days since 0001-01-01."""
    return Date.fromisoformat(text).toordinal() - 1


def steps(blob):
    """Every step of a blob: (from, status, eif, termination, parties, caveats)."""
    (count,) = struct.unpack_from("<I", blob, 0)
    offset = 4 + count * STEP
    (lists,) = struct.unpack_from("<H", blob, offset)
    offset += 2
    caveat_lists = []
    for _ in range(lists):
        (items,) = struct.unpack_from("<H", blob, offset)
        offset += 2
        items_list = []
        for _ in range(items):
            (length,) = struct.unpack_from("<I", blob, offset)
            offset += 4
            items_list.append(blob[offset:offset + length].decode())
            offset += length
        caveat_lists.append("\n".join(items_list))
    result = []
    for step in range(count):
        start, status, _, lst, eif, term, parties = struct.unpack_from("<iBBHiii", blob, 4 + step * STEP)
        result.append((start, status, eif, term, parties, caveat_lists[lst]))
    return result


def row_on(blob, day):
    """The step of a blob that holds on `day` (binary search, as Pacta reads it)."""
    (count,) = struct.unpack_from("<I", blob, 0)
    low, high = 0, count
    while high - low > 1:
        middle = (low + high) // 2
        (start,) = struct.unpack_from("<i", blob, 4 + middle * STEP)
        if start <= day:
            low = middle
        else:
            high = middle
    return steps(blob)[low][1:]


def best(label, run):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
    print(f"{label}: {min(times):.2f} s (best of 3), {len(rows)} rows")
    return rows


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    index = sys.argv[1]
    day = ordinal(sys.argv[2] if len(sys.argv) > 2 else "2025-01-01")
    scratch = tempfile.mkdtemp()
    steps_path = os.path.join(scratch, "steps.sqlite")
    source = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    target = sqlite3.connect(steps_path)
    target.execute(
        "CREATE TABLE list_step (treaty TEXT NOT NULL, from_day INTEGER NOT NULL, status INTEGER NOT NULL,"
        " eif INTEGER, termination INTEGER, parties INTEGER NOT NULL, caveats TEXT NOT NULL,"
        " PRIMARY KEY (treaty, from_day)) WITHOUT ROWID")
    target.execute(
        "CREATE TABLE list_row (treaty TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL, short_title TEXT,"
        " kind TEXT NOT NULL, record TEXT NOT NULL) WITHOUT ROWID")
    count = 0
    for treaty, title, short, kind, record, blob in source.execute(
            "SELECT treaty, title, short_title, kind, record, steps FROM list_row WHERE steps IS NOT NULL"):
        target.execute("INSERT OR IGNORE INTO list_row VALUES (?, ?, ?, ?, ?)", (treaty, title, short, kind, record))
        target.executemany(
            "INSERT OR IGNORE INTO list_step VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(treaty,) + step for step in steps(blob)])
        count += 1
    target.commit()
    print(f"{count} treaties with steps copied into {steps_path}")

    def blobs():
        return [
            (treaty, title, short, kind, record) + row_on(blob, day)
            for treaty, title, short, kind, record, blob in source.execute(
                "SELECT treaty, title, short_title, kind, record, steps FROM list_row"
                " WHERE steps IS NOT NULL ORDER BY treaty, path")
        ]

    def table():
        return target.execute(
            "SELECT l.treaty, l.title, l.short_title, l.kind, l.record, s.status, s.eif, s.termination, s.parties,"
            " s.caveats FROM list_row l JOIN list_step s ON s.treaty = l.treaty AND s.from_day ="
            " (SELECT max(from_day) FROM list_step WHERE treaty = l.treaty AND from_day <= ?) ORDER BY l.treaty",
            (day,)).fetchall()

    def scan():
        return source.execute(
            "SELECT treaty, title, short_title, kind, record, steps FROM list_row"
            " WHERE steps IS NOT NULL ORDER BY treaty, path").fetchall()

    best("blobs: one scan of list_row, rows fetched only (Pacta searches each blob in Swift)", scan)
    from_blobs = best("blobs: the same, the step found in each blob in Python", blobs)
    from_table = best("steps: one table row per step, the last on or before the date per treaty", table)
    if [tuple(r) for r in from_blobs] != [tuple(r) for r in from_table]:
        print("the two layouts give different rows")
        return 1
    blob_bytes = source.execute("SELECT sum(length(steps)) FROM list_row").fetchone()[0]
    step_rows = target.execute("SELECT count(*) FROM list_step").fetchone()[0]
    target.execute("VACUUM")
    print(f"blobs: {blob_bytes / 1e6:.0f} MB of steps in list_row; steps: {step_rows} rows,"
          f" {os.path.getsize(steps_path) / 1e6:.0f} MB for list_step and its facts")
    os.remove(steps_path)
    os.rmdir(scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
