#!/usr/bin/env python3
"""The SQL peer of Pacta's whole-corpus status: the same events, the same answers, in DuckDB and in SQLite.

Run by `PactaBenchmarks --sql-peer N [--on DATE]` (Benchmarks/PactaBenchmarks/SQLPeerBenchmark.swift), which writes
into one folder the generated corpus as CSV tables and the engine's own rows:

  treaties.csv     t, kind, adopted, condition (consents | exchange), needed (N), eif_delay (days),
                   later_delay (days after the State's consent, empty: none), notice_months
  events.csv       t, state, act (signature | consent | exchange | denunciation), day
  negotiating.csv  t, state
  states.csv       id, code (the State's ISO code, for messages)
  pacta.csv        t, state, status, eif, ends: the engine's rows on the date

This script loads the tables into DuckDB (one thread: SET threads = 1) and into SQLite (in memory), computes the
same rows in SQL for the rule subset the generator uses (entry into force on N consents plus a delay in days, or on
the exchange of instruments; later consents with their own delay; denunciation with a notice in months, which for a
bilateral treaty ends it for both), times only the query (best of several runs; loading is reported apart), checks
that Pacta, DuckDB and SQLite agree row for row, and prints the times side by side. Exit status 1 where they differ.

Rows: one per treaty (state empty: the treaty's status, its date of entry into force, the date it ends) and one per
State named by the treaty's negotiating States or by an event up to the date (its status, the date the treaty enters
into force for it, the date its withdrawal takes effect). Dates that follow from the events up to the date are given
even where they lie after it, as the spec's "Status as JSON" says.

Month arithmetic keeps the month's end, as the spec's delays do (31 Aug + 6 months = 28 or 29 Feb). SQLite's
date(x, '+6 months') does not: it rolls 31 December over to 1 July, so the SQLite dialect below clamps by hand.
Both dialects are checked against Python's calendar before anything is timed.

Versions: written and measured with duckdb 2.0.1 from PyPI (`pip install --break-system-packages duckdb`) and the
sqlite3 module of Python 3.11 (SQLite 3.40.1).
"""

import argparse
import calendar
import datetime
import sqlite3
import sys
import time

import duckdb


# MARK: - Dialects


class DuckDB:
    """DuckDB's spelling of the few operations the dialects write differently. Dates are DATE values."""

    name = "DuckDB"

    @staticmethod
    def date(text):
        return f"DATE '{text}'"

    @staticmethod
    def add_days(day, count):
        return f"({day} + {count})"

    @staticmethod
    def add_months(day, count):
        # DuckDB's date + interval keeps the month's end (2025-08-31 + 6 months = 2026-02-28); it gives a
        # TIMESTAMP, hence the cast.
        return f"CAST({day} + to_months({count}) AS DATE)"

    @staticmethod
    def greatest(a, b):
        return f"greatest({a}, {b})"


class SQLite:
    """SQLite's spelling. Dates are ISO 8601 text, which compares in date order."""

    name = "SQLite"

    @staticmethod
    def date(text):
        return f"'{text}'"

    @staticmethod
    def add_days(day, count):
        return f"date({day}, {count} || ' days')"

    @staticmethod
    def add_months(day, count):
        # date(x, '+N months') normalises an overflowing day into the next month (2024-12-31 + 6 months is
        # 2025-07-01). Instead: the first of the month N months on, plus the day of the month less one, but no later
        # than the last day of that month (the first of the month after, less a day).
        first = f"date({day}, 'start of month', {count} || ' months')"
        same_day = f"date({first}, (CAST(strftime('%d', {day}) AS INTEGER) - 1) || ' days')"
        last_day = f"date({first}, '+1 month', '-1 day')"
        return f"min({same_day}, {last_day})"

    @staticmethod
    def greatest(a, b):
        # SQLite's scalar max(); NULL where either is NULL (never the case where it is used).
        return f"max({a}, {b})"


# MARK: - The query


def status_query(sql, on):
    """The rows of every treaty and every State on `on` (an ISO date), as one SELECT in the dialect `sql`."""
    on = sql.date(on)
    return f"""
WITH
-- Each State's acts up to the date, one row per treaty and State named by an act or by the negotiating States.
per AS (
    SELECT t, state,
           min(CASE WHEN act = 'signature' THEN day END) AS signed,
           min(CASE WHEN act = 'consent' THEN day END) AS consented,
           min(CASE WHEN act = 'denunciation' THEN day END) AS denounced
    FROM (SELECT t, state, act, day FROM events WHERE day <= {on} AND state IS NOT NULL
          UNION ALL
          SELECT t, state, NULL, NULL FROM negotiating) AS acts
    GROUP BY t, state
),
-- The date the entry-into-force condition is met: the day of the Nth consent (consents of one day count together,
-- so the Nth in date order falls on that day), or the day of the exchange of instruments.
ranked AS (
    SELECT t, consented, row_number() OVER (PARTITION BY t ORDER BY consented) AS k
    FROM per WHERE consented IS NOT NULL
),
met AS (
    SELECT r.t, r.consented AS met
    FROM ranked AS r JOIN treaties AS tr ON tr.t = r.t
    WHERE tr.condition = 'consents' AND r.k = tr.needed
    UNION ALL
    SELECT e.t, min(e.day)
    FROM events AS e JOIN treaties AS tr ON tr.t = e.t
    WHERE tr.condition = 'exchange' AND e.act = 'exchange' AND e.day <= {on}
    GROUP BY e.t
),
-- Each treaty's date of entry into force: the date met moved by the delay.
tr AS (
    SELECT t.t, t.kind, t.adopted, t.later_delay, t.notice_months, m.met,
           {sql.add_days("m.met", "t.eif_delay")} AS eif
    FROM treaties AS t LEFT JOIN met AS m ON m.t = t.t
),
-- Each State's date of entry into force: the treaty's for a consent on or before the date met; for a later one,
-- its consent moved by the later-consent delay (its consent's own day where the treaty has no such rule), never
-- before the treaty's. The date its denunciation takes effect: the notice added in months, keeping the month's end.
st AS (
    SELECT p.t, p.state, p.signed, p.consented,
           CASE WHEN p.consented IS NULL OR tr.met IS NULL THEN NULL
                WHEN p.consented <= tr.met THEN tr.eif
                WHEN tr.later_delay IS NULL THEN {sql.greatest("p.consented", "tr.eif")}
                ELSE {sql.greatest(sql.add_days("p.consented", "tr.later_delay"), "tr.eif")}
           END AS eif,
           {sql.add_months("p.denounced", "tr.notice_months")} AS leaves
    FROM per AS p JOIN tr ON tr.t = p.t
),
-- A bilateral treaty ends for both parties when a denunciation takes effect.
ending AS (
    SELECT st.t, min(st.leaves) AS ends
    FROM st JOIN tr ON tr.t = st.t
    WHERE tr.kind = 'bilateral' AND st.leaves IS NOT NULL
    GROUP BY st.t
),
ts AS (
    SELECT tr.t, tr.eif, e.ends,
           CASE WHEN {on} < tr.adopted THEN 'not-adopted'
                WHEN e.ends <= {on} THEN 'terminated'
                WHEN tr.eif <= {on} THEN 'in-force'
                ELSE 'not-in-force'
           END AS status
    FROM tr LEFT JOIN ending AS e ON e.t = tr.t
)
SELECT t, NULL AS state, status, eif, ends FROM ts
UNION ALL
SELECT st.t, st.state,
       CASE WHEN st.leaves <= {on} THEN 'withdrawn'
            WHEN ts.status = 'terminated' THEN 'none'
            WHEN st.consented IS NOT NULL AND ts.status = 'in-force' AND st.eif <= {on} THEN 'party'
            WHEN st.consented IS NOT NULL THEN 'contracting-state'
            WHEN st.signed IS NOT NULL THEN 'signatory'
            ELSE 'none'
       END,
       st.eif, st.leaves
FROM st JOIN ts ON ts.t = st.t
"""


# MARK: - Loading


def load_duckdb(folder):
    """A DuckDB database in memory on one thread, with the CSV tables loaded."""
    db = duckdb.connect()
    db.execute("SET threads = 1")
    types = {
        "treaties": "{'t': 'INTEGER', 'kind': 'VARCHAR', 'adopted': 'DATE', 'condition': 'VARCHAR', "
        "'needed': 'INTEGER', 'eif_delay': 'INTEGER', 'later_delay': 'INTEGER', 'notice_months': 'INTEGER'}",
        "events": "{'t': 'INTEGER', 'state': 'INTEGER', 'act': 'VARCHAR', 'day': 'DATE'}",
        "negotiating": "{'t': 'INTEGER', 'state': 'INTEGER'}",
    }
    for table, columns in types.items():
        db.execute(
            f"CREATE TABLE {table} AS SELECT * FROM read_csv('{folder}/{table}.csv', header = true, columns = {columns})"
        )
    return db


def load_sqlite(folder):
    """An SQLite database in memory, with the CSV tables loaded (read with Python's csv module)."""
    import csv

    db = sqlite3.connect(":memory:")
    db.executescript(
        """
        CREATE TABLE treaties (t INTEGER PRIMARY KEY, kind TEXT, adopted TEXT, condition TEXT, needed INTEGER,
                               eif_delay INTEGER, later_delay INTEGER, notice_months INTEGER);
        CREATE TABLE events (t INTEGER, state INTEGER, act TEXT, day TEXT);
        CREATE TABLE negotiating (t INTEGER, state INTEGER);
        """
    )

    def rows(name, integers):
        """The rows of a CSV table, with the named columns as integers and empty fields as NULL."""
        with open(f"{folder}/{name}.csv", newline="") as file:
            reader = csv.reader(file)
            header = next(reader)
            wanted = [column in integers for column in header]
            for row in reader:
                yield tuple(
                    None if value == "" else int(value) if integer else value for value, integer in zip(row, wanted)
                )

    integers = {"t", "state", "needed", "eif_delay", "later_delay", "notice_months"}
    db.executemany("INSERT INTO treaties VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows("treaties", integers))
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", rows("events", integers))
    db.executemany("INSERT INTO negotiating VALUES (?, ?)", rows("negotiating", integers))
    db.commit()
    return db


# MARK: - Month arithmetic, checked


def add_months_reference(day, count):
    """`day` moved `count` months on, the day kept or the month's last day: the spec's `{months: N}`."""
    months = day.year * 12 + day.month - 1 + count
    year, month = divmod(months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def check_month_arithmetic(duck, lite):
    """Both dialects' month addition against the reference, over every day of 2023–2025 and 1 to 24 months.

    Stops the run at the first disagreement. The cases the issue names are among them: 2025-08-31 + 6 months is
    2026-02-28, 2023-08-31 + 6 months is 2024-02-29, 2024-12-31 + 6 months is 2025-06-30 (not 2025-07-01).
    """
    first, last = datetime.date(2023, 1, 1), datetime.date(2025, 12, 31)
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    cases = [(day, count) for day in days for count in range(1, 25)]
    expected = [add_months_reference(day, count).isoformat() for day, count in cases]
    # The same cases made in each database (a Python loop of inserts would take DuckDB seconds).
    duck.execute(
        "CREATE TEMP TABLE month_cases AS SELECT CAST(d AS DATE) AS day, CAST(n AS INTEGER) AS count "
        f"FROM range(DATE '{first}', DATE '{last}' + 1, INTERVAL 1 DAY) AS a(d), range(1, 25) AS b(n)"
    )
    lite.execute("CREATE TEMP TABLE month_cases (day TEXT, count INTEGER)")
    lite.executemany("INSERT INTO month_cases VALUES (?, ?)", [(d.isoformat(), n) for d, n in cases])
    for db, sql in ((duck, DuckDB), (lite, SQLite)):
        got = db.execute(
            f"SELECT CAST({sql.add_months('day', 'count')} AS TEXT) FROM month_cases ORDER BY day, count"
        ).fetchall()
        for (day, count), want, (have,) in zip(cases, expected, got):
            if want != have:
                sys.exit(f"{sql.name}: {day} + {count} months gives {have}, the spec {want}")
        assert len(got) == len(cases)
    for day, count, want in (("2025-08-31", 6, "2026-02-28"), ("2023-08-31", 6, "2024-02-29"),
                             ("2024-12-31", 6, "2025-06-30")):
        assert add_months_reference(datetime.date.fromisoformat(day), count).isoformat() == want
    print(f"month arithmetic: DuckDB and SQLite agree with the spec on {len(cases):,} cases "
          "(2024-12-31 + 6 months = 2025-06-30, 2025-08-31 + 6 months = 2026-02-28)")


# MARK: - Timing and comparing


def best_time(db, query, runs):
    """The best wall time in milliseconds of `CREATE TEMP TABLE result AS query` (computed in full, nothing
    fetched into Python), over `runs` runs."""
    best = float("inf")
    for _ in range(runs):
        db.execute("DROP TABLE IF EXISTS result")
        start = time.perf_counter()
        db.execute(f"CREATE TEMP TABLE result AS {query}")
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def fetched(db):
    """The result table as sorted tuples (t, state or -1, status, eif, ends), dates as ISO text or ''."""
    rows = db.execute(
        "SELECT t, coalesce(state, -1), status, coalesce(CAST(eif AS TEXT), ''), coalesce(CAST(ends AS TEXT), '') "
        "FROM result"
    ).fetchall()
    rows.sort()
    return rows


def pacta_rows(folder):
    """The engine's rows from pacta.csv, in the same form as ``fetched``."""
    import csv

    with open(f"{folder}/pacta.csv", newline="") as file:
        reader = csv.reader(file)
        next(reader)
        rows = [(int(t), int(state) if state else -1, status, eif, ends) for t, state, status, eif, ends in reader]
    rows.sort()
    return rows


def differences(name_a, a, name_b, b, codes):
    """Where two sorted row lists differ: a few examples each way, as lines. Empty where they agree."""
    if a == b:
        return []
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))

    def show(row):
        t, state, status, eif, ends = row
        who = "treaty" if state < 0 else codes.get(state, str(state))
        return f"gen-{t} {who}: {status}, in force {eif or '-'}, ends {ends or '-'}"

    lines = [f"{name_a} and {name_b} differ: {len(only_a):,} rows only in {name_a}, {len(only_b):,} only in {name_b}"]
    lines += [f"  {name_a}: {show(row)}" for row in only_a[:8]]
    lines += [f"  {name_b}: {show(row)}" for row in only_b[:8]]
    return lines


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("folder", help="the folder PactaBenchmarks --sql-peer wrote")
    arguments.add_argument("--on", required=True, help="the date, YYYY-MM-DD")
    arguments.add_argument("--pacta-ms", type=float, required=True, help="the status table's best time, in ms")
    arguments.add_argument("--engine-ms", type=float, help="the full engine's best time, in ms, every status kept")
    arguments.add_argument("--pacta-load-s", type=float, help="the status table's first call, which builds its compact form, in s")
    arguments.add_argument("--runs", type=int, default=5, help="runs of each query (best is kept)")
    options = arguments.parse_args()
    on = datetime.date.fromisoformat(options.on).isoformat()  # checked: it is put into the SQL text
    folder = options.folder

    start = time.perf_counter()
    duck = load_duckdb(folder)
    duck_load = time.perf_counter() - start
    start = time.perf_counter()
    lite = load_sqlite(folder)
    lite_load = time.perf_counter() - start
    events = duck.execute("SELECT count(*) FROM events").fetchone()[0]
    treaties = duck.execute("SELECT count(*) FROM treaties").fetchone()[0]
    print(f"loaded {treaties:,} treaties, {events:,} events: DuckDB {duck_load:.1f} s, SQLite {lite_load:.1f} s")
    check_month_arithmetic(duck, lite)

    # SQLite takes seconds a run at 250,000 treaties: at most three runs of it.
    lite_runs = max(1, min(options.runs, 3))
    duck_ms = best_time(duck, status_query(DuckDB, on), options.runs)
    lite_ms = best_time(lite, status_query(SQLite, on), lite_runs)

    # Row for row: the engine's rows against each database's.
    codes = {}
    with open(f"{folder}/states.csv") as file:
        next(file)
        for line in file:
            number, code = line.rstrip("\n").split(",")
            codes[int(number)] = code
    pacta, from_duck, from_lite = pacta_rows(folder), fetched(duck), fetched(lite)
    problems = differences("Pacta", pacta, "DuckDB", from_duck, codes)
    problems += differences("Pacta", pacta, "SQLite", from_lite, codes)
    problems += differences("DuckDB", from_duck, "SQLite", from_lite, codes)
    states = sum(1 for row in pacta if row[1] >= 0)
    if problems:
        print("\n".join(problems))
    else:
        print(f"rows compared: {len(pacta):,} ({treaties:,} treaty rows, {states:,} State rows): "
              "Pacta, DuckDB and SQLite agree row for row")

    # The times side by side.
    pacta_ms = options.pacta_ms
    sqlite_version = sqlite3.sqlite_version
    print()
    print(f"status of every treaty and State on {on}, {treaties:,} treaties, {events:,} events (query only; best of)")
    print(f"{'':34} {'time':>11} {'÷ Pacta':>9}   load")
    load = f"{options.pacta_load_s:.2f} s" if options.pacta_load_s is not None else ""
    print(f"{'Pacta status table, one core':34} {pacta_ms:8.1f} ms {1:8.2f}×   {load} (compact form built; table best of 5)")
    if options.engine_ms is not None:
        print(f"{'Pacta full engine, one core':34} {options.engine_ms:8.1f} ms {options.engine_ms / pacta_ms:8.2f}×"
              "   (every TreatyStatus kept; best of 5)")
    print(f"{'DuckDB ' + duckdb.__version__ + ', SET threads = 1':34} {duck_ms:8.1f} ms {duck_ms / pacta_ms:8.2f}×"
          f"   {duck_load:.1f} s (query best of {options.runs})")
    print(f"{'SQLite ' + sqlite_version + ', in memory':34} {lite_ms:8.1f} ms {lite_ms / pacta_ms:8.2f}×"
          f"   {lite_load:.1f} s (query best of {lite_runs})")
    print(f"goal at 250,000 treaties: under 250 ms on one core: {'met' if pacta_ms < 250 else 'not met'} here; "
          f"at least 2× faster than DuckDB: {'met' if duck_ms >= 2 * pacta_ms else 'not met'} here "
          f"({duck_ms / pacta_ms:.2f}×)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
