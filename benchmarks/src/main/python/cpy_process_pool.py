"""Workloads 2, 3, 6: ProcessPoolExecutor with the spawn start method (mirrors cpython-baseline.md #2, #3).

spawn is the start method comparable with Java (a JVM cannot fork); functions live in this module so
spawned workers can import them.
"""
import multiprocessing as mp
import time
from concurrent.futures import ProcessPoolExecutor, wait


def square(x):
    return x * x


def _pool(workers, method):
    return ProcessPoolExecutor(workers, mp_context=mp.get_context(method))


def _warm(ex, workers):
    # A 2,000-task map makes sure every worker exists (3.11 spawns on demand) and has run code.
    list(ex.map(square, range(2000)))


def startup(workers=2, method="spawn"):
    """Constructor -> first submit(square, 1).result(); the pool is shut down outside the clock."""
    t0 = time.perf_counter()
    ex = _pool(workers, method)
    ex.submit(square, 1).result()
    elapsed = time.perf_counter() - t0
    ex.shutdown()
    return {"startup_ms": elapsed * 1e3}


def throughput(mode="submit", tasks=20_000, workers=2, chunksize=1, method="spawn"):
    """Fresh pool, warmed; timed: `tasks` x square via submit+wait or map(chunksize)."""
    with _pool(workers, method) as ex:
        _warm(ex, workers)
        t0 = time.perf_counter()
        if mode == "submit":
            wait([ex.submit(square, i) for i in range(tasks)])
        else:
            for _ in ex.map(square, range(tasks), chunksize=chunksize):
                pass
        elapsed = time.perf_counter() - t0
    return {"tasks_per_s": tasks / elapsed}


def _percentile(sorted_values, q):
    # nearest rank
    k = max(0, min(len(sorted_values) - 1, int(round(q * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def latency(calls=2000, workers=2, method="spawn"):
    """Fresh pool, warmed (2,000-task map + 200 calls); `calls` sequential submit(square, i).result()."""
    with _pool(workers, method) as ex:
        _warm(ex, workers)
        for i in range(200):
            ex.submit(square, i).result()
        samples = []
        for i in range(calls):
            t0 = time.perf_counter_ns()
            ex.submit(square, i).result()
            samples.append(time.perf_counter_ns() - t0)
    samples.sort()
    return {"p50_us": _percentile(samples, 0.50) / 1e3, "p99_us": _percentile(samples, 0.99) / 1e3}
