package dev.pyconcurrent.process.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.process.Process;
import dev.pyconcurrent.process.ProcessTarget;

/**
 * Bounded "bash" test: threads of this JVM and of two child processes increment one counter in a manager dict,
 * each read-modify-write under a manager Lock. No increment may be lost; each thread has its own connection.
 */
@Timeout(120)
class ManagerStressTest {
    private static final int THREADS = 3;
    private static final int INCREMENTS = 20;

    /** The work of one client thread: {@code with lock: d['n'] += 1}, {@link #INCREMENTS} times. */
    static void hammer(AcquirerProxy lock, DictProxy<String, Integer> d) {
        for (int i = 0; i < INCREMENTS; i++) {
            try (AcquirerProxy.Held held = lock.hold()) {
                d.put("n", d.get("n") + 1);
            }
        }
    }

    static void hammerWithThreads(AcquirerProxy lock, DictProxy<String, Integer> d) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> hammer(lock, d), "hammer-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    @Test
    void noIncrementIsLostUnderAManagerLockAcrossThreadsAndProcesses() throws Exception {
        try (SyncManager manager = SyncManager.startNew()) {
            AcquirerProxy lock = manager.lock();
            DictProxy<String, Integer> d = manager.dict();
            d.put("n", 0);
            List<Process> children = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                ProcessTarget.TwoArgs<AcquirerProxy, DictProxy<String, Integer>> work =
                        ManagerStressTest::hammerWithThreads;
                Process p = new Process(work, lock, d);
                p.start();
                children.add(p);
            }
            hammerWithThreads(lock, d);
            for (Process p : children) {
                p.join(java.time.Duration.ofSeconds(60));
                assertEquals(0, p.exitCode());
            }
            assertEquals(3 * THREADS * INCREMENTS, d.get("n"));
        }
    }
}
