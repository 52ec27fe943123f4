package dev.pyconcurrent.benchmarks.harness;

import java.util.List;

/** The "Method" section of docs/benchmarks.md: how each side is timed (mirrors shared/cpython-baseline.md). */
final class Method {
    private Method() {
    }

    static final List<String> LINES = List.of(
            "## Method",
            "",
            "- **One run, both sides.** The harness (`dev.pyconcurrent.benchmarks.BenchmarkMain`) keeps one CPython "
                    + "interpreter alive (`benchmarks/src/main/python/bench_driver.py`, the real binary behind "
                    + "`python3`, so pyenv's shim costs nothing) and sends it one workload at a time. Each workload "
                    + "runs 1 untimed warm-up repetition per side, then 5 recorded repetitions, Java first on even "
                    + "repetitions and CPython first on odd ones. All timing is in-process (`System.nanoTime`, "
                    + "`time.perf_counter`).",
            "- **CPython scripts mirror `shared/cpython-baseline.md`:** thread pool with its threads started before "
                    + "the clock; process pools with the `spawn` start method (the one a JVM can offer), a fresh "
                    + "pool per repetition warmed by a 2,000-task map; Queue/Pipe with `fork` children (only the IPC "
                    + "is timed), clock from a go signal to the last message received; ping-pong 1,000 untimed + "
                    + "10,000 timed round trips; the article's pi job timed around the whole `with "
                    + "ProcessPoolExecutor(P)` block.",
            "- **Java side:** the same shapes with this project's API. Cross-process IPC children are "
                    + "`dev.pyconcurrent.process.Process` JVMs (spawned by futures-process) that connect back to a "
                    + "`Listener` with the process authkey; they live for the whole workload so both JVMs are warm. "
                    + "Process pools are fresh per repetition, warmed the same way as CPython's (2,000-task map); the "
                    + "\"warm pool\" rows add one long-lived Java pool. "
                    + "The raw limit is a plain `ProcessBuilder` child JVM over a JDK `SocketChannel` "
                    + "(`benchmarks/.../children/RawFrames.java`): 4-byte length frames, one write per message, "
                    + "a 64 KiB read-ahead buffer.",
            "- **JVM flags:** the harness JVM runs with `-XX:+UseParallelGC` (set by `./benchmarks/run`); library "
                    + "children (Process, pool workers) with futures-process's defaults (`-XX:+UseSerialGC "
                    + "-XX:-UsePerfData -Xshare:auto` plus its AppCDS archive cache); the raw-socket child with "
                    + "`-XX:+UseSerialGC`.",
            "- **Pinned rows** run both processes of a side under `taskset -c 0`: a fresh pinned interpreter (which "
                    + "forks its echo child) or a fresh pinned JVM pair per repetition (20,000 untimed round trips "
                    + "first, so both JVMs are compiled). Unpinned ping-pong on this VM measures its cross-CPU "
                    + "wake-up cost (tens of µs, bimodal), not the implementation.",
            "- **Percentiles** are nearest-rank over the timed round trips of one repetition; the table shows the "
                    + "median (min–max) of those per-repetition figures.",
            "- **JMH** microbenchmarks (`./benchmarks/run jmh`) cover the hot paths in isolation: future hand-off "
                    + "(`setResult` → a blocked `result()` wakes), thread pool submit→result, `Connection` round "
                    + "trip, `Queue` put→get through a child process, process pool submit→result. A full run adds a "
                    + "short JMH run to this file; they have no CPython counterpart.");
}
