"""Workload 7: the article's pi job (shared/articles/000, "multi-process" part), end to end.

each_task is the article's loop (its print is dropped: console output is not the workload);
the whole `with ProcessPoolExecutor(P)` block is timed: pool start-up, compute, shutdown.
"""
import math
import multiprocessing as mp
import time
from concurrent.futures import ProcessPoolExecutor, wait


def each_task(n):
    s = 0.0
    for i in range(n):
        s += 1.0 / (i + 1) / (i + 1)
    return math.sqrt(6 * s)


def article_pi(processes=2, ns=(5_000_000, 5_001_000, 5_002_000, 5_003_000), method="spawn"):
    t0 = time.perf_counter()
    with ProcessPoolExecutor(processes, mp_context=mp.get_context(method)) as ex:
        fs = [ex.submit(each_task, int(n)) for n in ns]
        wait(fs)
        results = [f.result() for f in fs]
    elapsed = time.perf_counter() - t0
    return {"total_s": elapsed, "first_pi": results[0]}
