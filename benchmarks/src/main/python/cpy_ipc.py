"""Workloads 4, 5: multiprocessing Queue/Pipe across processes (mirrors cpython-baseline.md #4, #5).

fork start method, as in the baseline: the child is a copy of this interpreter, so only the IPC is timed.
"""
import multiprocessing as mp
import time

_fork = mp.get_context("fork")


def _produce_queue(q, ready, go, count, size):
    payload = b"x" * size
    ready.set()
    go.wait()
    for _ in range(count):
        q.put(payload)
    q.close()
    q.join_thread()


def _produce_pipe(conn, ready, go, count, size):
    payload = b"x" * size
    ready.set()
    go.wait()
    for _ in range(count):
        conn.send_bytes(payload)
    conn.close()


def throughput(kind="queue", count=100_000, size=64):
    """Child produces `count` messages of `size` bytes; clock from go to the last message received."""
    ready, go = _fork.Event(), _fork.Event()
    if kind == "queue":
        q = _fork.Queue()
        child = _fork.Process(target=_produce_queue, args=(q, ready, go, count, size))
        receive = q.get
    else:
        reader, writer = _fork.Pipe()  # duplex: an AF_UNIX socketpair, as the Java side uses
        child = _fork.Process(target=_produce_pipe, args=(writer, ready, go, count, size))
        receive = reader.recv_bytes
    child.start()
    ready.wait()
    t0 = time.perf_counter()
    go.set()
    for _ in range(count):
        receive()
    elapsed = time.perf_counter() - t0
    child.join()
    return {"msgs_per_s": count / elapsed, "mib_per_s": count * size / elapsed / (1 << 20)}


def _echo(conn):
    # An empty message ends the loop: with fork the child also holds the parent's end, so it would
    # never see EOF.
    while True:
        message = conn.recv_bytes()
        if not message:
            return
        conn.send_bytes(message)


def roundtrip(rounds=10_000, warmup=1_000, size=64):
    """Child echoes; `warmup` then `rounds` timed send_bytes + recv_bytes round trips."""
    parent, child_end = _fork.Pipe()
    child = _fork.Process(target=_echo, args=(child_end,))
    child.start()
    child_end.close()
    payload = b"x" * size
    for _ in range(warmup):
        parent.send_bytes(payload)
        parent.recv_bytes()
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter_ns()
        parent.send_bytes(payload)
        parent.recv_bytes()
        samples.append(time.perf_counter_ns() - t0)
    parent.send_bytes(b"")
    child.join()
    parent.close()
    samples.sort()
    n = len(samples)
    return {"p50_us": samples[n // 2] / 1e3, "p99_us": samples[min(n - 1, int(n * 0.99))] / 1e3}
