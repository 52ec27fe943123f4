"""Workload 1: ThreadPoolExecutor no-op throughput (mirrors cpython-baseline.md #1)."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait


def noop():
    return None


def thread_pool(tasks=100_000, workers=2):
    """Pool created and all its threads started first; timed: submit `tasks` no-ops + wait for all."""
    with ThreadPoolExecutor(max_workers=workers) as ex:
        # CPython starts threads lazily, one per submit while none is idle: make every worker exist
        # before the clock starts by holding them at a barrier.
        barrier = threading.Barrier(workers + 1)
        started = [ex.submit(barrier.wait) for _ in range(workers)]
        barrier.wait()
        wait(started)
        t0 = time.perf_counter()
        fs = [ex.submit(noop) for _ in range(tasks)]
        wait(fs)
        elapsed = time.perf_counter() - t0
    return {"tasks_per_s": tasks / elapsed}
