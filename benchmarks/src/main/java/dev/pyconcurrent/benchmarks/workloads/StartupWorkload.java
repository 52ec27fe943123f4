package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.children.Commands;
import dev.pyconcurrent.benchmarks.children.ConnectionChild;
import dev.pyconcurrent.benchmarks.children.Hello;
import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Jvm;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.benchmarks.harness.Target;
import dev.pyconcurrent.benchmarks.harness.Workload;
import dev.pyconcurrent.ipc.connection.Addresses;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.Listener;
import dev.pyconcurrent.process.Process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Workload 6: worker start. Pool construction → first result (2 workers; CPython's {@code spawn} pool starts one
 * worker on the first submit), a library {@code Process.start()} → the child connected back and ready, and the
 * floor: a bare {@code java Hello} (fork + exec + JVM start + exit + wait). Two samples per side per repetition.
 */
public final class StartupWorkload implements Workload {
    @Override
    public String id() {
        return "startup";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Row pool = ctx.results().row("pool-startup", "6. process pool, 2 workers", "construction → first result",
                        "ms", false)
                .target(Target.timeWithin(Side.CPYTHON, 1.0).and(Target.timeWithin(Side.BARE_JVM, 1.5)))
                .limit("JVM start of the worker (≈ 40 ms of it is the JVM itself), class loading from the AppCDS "
                        + "archive, the first Unix socket (the JDK seeds a SecureRandom), rebuilding the first lambda; "
                        + "CPython: interpreter start + imports");
        Row process = ctx.results().row("process-start", "6. Process (child JVM)",
                        "start() → child connected back", "ms", false)
                .limit("JVM start, library class loading, Unix socket connect + HMAC handshake");
        int samples = 2;
        ctx.alternate(() -> {
            for (int i = 0; i < samples; i++) {
                ctx.record(pool, Side.BARE_JVM, bareJavaMillis());
                ctx.record(process, Side.BARE_JVM, bareJavaMillis());
                ctx.record(process, Side.OURS, processStartMillis());
                OursProcessPool.startup(ctx, pool);
            }
        }, () -> {
            for (int i = 0; i < samples; i++) {
                ctx.record(pool, Side.CPYTHON, ctx.py("process_pool_startup", "workers", 2).get("startup_ms"));
            }
        });
    }

    /** fork + exec + wait of {@code java -cp <benchmarks> Hello} with default flags, in ms. */
    static double bareJavaMillis() throws IOException, InterruptedException {
        List<String> cmd = List.of(Jvm.java(), "-cp", Jvm.entryOf(Hello.class), Hello.class.getName());
        long t0 = System.nanoTime();
        java.lang.Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int exit = p.waitFor();
        long t1 = System.nanoTime();
        if (exit != 0) {
            throw new IOException("java Hello exited with " + exit);
        }
        return (t1 - t0) / 1e6;
    }

    /** {@code Process.start()} → the child has connected, passed the handshake and said it is ready, in ms. */
    static double processStartMillis() throws IOException, InterruptedException {
        try (Listener listener = new Listener(Addresses.arbitraryUnix(), Process.currentProcess().authkey())) {
            long t0 = System.nanoTime();
            ConnectionChild child = new ConnectionChild(listener.address().toString());
            child.start();
            try (Connection conn = listener.accept()) {
                conn.recvBytes();
                long t1 = System.nanoTime();
                conn.sendBytes(Commands.encode(Commands.EXIT, 0));
                if (!child.join(Duration.ofSeconds(10))) {
                    child.kill();
                }
                return (t1 - t0) / 1e6;
            }
        }
    }
}
