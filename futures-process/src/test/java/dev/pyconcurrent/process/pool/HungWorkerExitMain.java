package dev.pyconcurrent.process.pool;

import java.time.Duration;
import java.util.List;

/**
 * Child-JVM program of {@code ProcessPoolShutdownTest#sigtermEndsTheJvmWhileAWorkerHangsBeforeConnecting}: a pool
 * whose only worker JVM is suspended before its {@code main} (so it never connects back) gets a call, then the program
 * announces itself and waits to be terminated; the pool's JVM exit hook must not wait for that worker forever.
 */
public final class HungWorkerExitMain {
    private HungWorkerExitMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1)
                .workerStartTimeout(Duration.ofMillis(Long.parseLong(args[0])))
                .jvmOptions(List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0"))
                .build();
        pool.submit(PoolTasks.SQUARE, 3);
        System.out.println("submitted");
        System.out.flush();
        Thread.sleep(60_000); // the test sends SIGTERM long before this ends
    }
}
