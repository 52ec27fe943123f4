package dev.pyconcurrent.benchmarks.harness;

/** Who produced a sample: this project, CPython, or one of the plain-JDK references. */
public enum Side {
    /** This project's API (pyconcurrent-java). */
    OURS("pyconcurrent-java"),
    /** CPython 3.11 on the same machine, in the same run. */
    CPYTHON("CPython"),
    /** Two JVMs over a plain JDK {@code SocketChannel} Unix socket pair, no framework: the IPC limit. */
    RAW_SOCKET("raw JDK socket"),
    /** {@code java.util.concurrent.ThreadPoolExecutor}: the JDK's own pool. */
    JUC("j.u.c. ThreadPoolExecutor"),
    /** {@code java Hello}: a bare JVM start, the floor of any worker start-up. */
    BARE_JVM("bare java Hello");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
