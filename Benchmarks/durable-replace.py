#!/usr/bin/env python3
"""The floor of a durable write on this machine's disk: what DurableFile.replace does for one treaty file (write a
temporary file in the same folder, fsync it, rename it over the file, fsync the folder), timed alone, for the sizes
the write benchmark's treaty has at its start (60 KB) and end (about 450 KB). No acknowledged write can be faster
than this; with group commit a write waits for the batch in flight and then for its own, so up to two of these.

    python3 Benchmarks/durable-replace.py [FOLDER] [RUNS]

FOLDER defaults to a new temporary folder (on the disk that holds /tmp); RUNS to 300 per size."""
import os
import sys
import tempfile
import time

folder = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="pacta-durable-")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 300
path = os.path.join(folder, "bench-200.yaml")
for size in (60_000, 450_000):
    data = os.urandom(size)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        temporary = os.path.join(folder, ".bench-200.yaml.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.write(fd, data)
        os.fsync(fd)
        os.close(fd)
        os.rename(temporary, path)
        directory = os.open(folder, os.O_RDONLY)
        os.fsync(directory)
        os.close(directory)
        times.append(time.perf_counter() - start)
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
    print(f"durable replace of {size // 1000} KB: p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f} ms, "
          f"p99 {pick(0.99):.1f} ms ({runs} runs)")
os.remove(path)
if len(sys.argv) <= 1:
    os.rmdir(folder)
