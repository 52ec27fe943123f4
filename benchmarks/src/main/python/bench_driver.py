"""CPython side of the pyconcurrent-java benchmark harness.

The Java harness (dev.pyconcurrent.benchmarks.harness.PythonDriver) starts this script once and
sends one JSON command per stdin line, e.g. {"workload": "thread_pool", "args": {"tasks": 100000}};
each answer is one JSON line on stdout: {"metrics": {...}} or {"error": "<traceback>"}.
Keeping one interpreter alive lets the harness alternate Java and CPython repetitions without
paying interpreter start-up between them (all timing happens inside each workload).

    python3 bench_driver.py                       # serve commands from stdin
    python3 bench_driver.py --once '<json cmd>'   # run one command and exit (used under taskset)
"""
import json
import platform
import sys
import traceback

import cpy_ipc
import cpy_pi
import cpy_process_pool
import cpy_threads

WORKLOADS = {
    "thread_pool": cpy_threads.thread_pool,
    "process_pool_startup": cpy_process_pool.startup,
    "process_pool_throughput": cpy_process_pool.throughput,
    "process_pool_latency": cpy_process_pool.latency,
    "ipc_throughput": cpy_ipc.throughput,
    "pipe_roundtrip": cpy_ipc.roundtrip,
    "article_pi": cpy_pi.article_pi,
}


def run(command):
    try:
        fn = WORKLOADS[command["workload"]]
        return {"metrics": fn(**command.get("args", {}))}
    except Exception:  # report, never die: the harness prints the traceback
        return {"error": traceback.format_exc()}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--once":
        print(json.dumps(run(json.loads(sys.argv[2]))), flush=True)
        return
    print(json.dumps({"ready": True, "version": platform.python_version(),
                      "implementation": platform.python_implementation(),
                      "executable": sys.executable}), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        if line == "quit":
            break
        print(json.dumps(run(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
