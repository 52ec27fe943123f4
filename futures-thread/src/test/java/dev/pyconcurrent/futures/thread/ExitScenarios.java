package dev.pyconcurrent.futures.thread;

import java.time.Duration;

/**
 * Child-JVM programs for {@link InterpreterExitTest}: each ends its {@code main} in a way CPython's
 * {@code test_shutdown.py} scripts end theirs.
 */
public final class ExitScenarios {
    private ExitScenarios() {
    }

    private static Object sleepAndPrint(String word, long millis) throws InterruptedException {
        Thread.sleep(millis);
        System.out.println(word);
        return null;
    }

    /** @param args one scenario name */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "exit-without-shutdown" -> {
                ThreadPoolExecutor ex = new ThreadPoolExecutor(5);
                ex.submit(() -> sleepAndPrint("apple", 300));
            }
            case "shutdown-no-wait" -> {
                ThreadPoolExecutor ex = new ThreadPoolExecutor(5);
                ex.submit(() -> sleepAndPrint("apple", 300));
                ex.shutdown(false);
            }
            case "cancel-futures-no-wait" -> {
                ThreadPoolExecutor ex = new ThreadPoolExecutor(2);
                ex.submit(() -> sleepAndPrint("apple", 200));
                for (int i = 0; i < 10; i++) {
                    ex.submit(() -> sleepAndPrint("banana", 200));
                }
                ex.shutdown(false, true);
            }
            case "submit-after-interpreter-shutdown" -> {
                ThreadPoolExecutor ex = new ThreadPoolExecutor(2);
                ex.submit(() -> 1).result();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (System.nanoTime() < deadline) { // JVM hooks run concurrently: retry until ours ran
                        try {
                            ex.submit(() -> 1);
                            Thread.onSpinWait();
                        } catch (IllegalStateException e) {
                            System.out.println(e.getMessage());
                            return;
                        }
                    }
                    System.out.println("never refused");
                }));
            }
            case "system-exit-in-task" -> {
                ThreadPoolExecutor ex = new ThreadPoolExecutor(2);
                ex.submit(() -> {
                    System.exit(3);
                    return null;
                });
                Thread.sleep(10_000); // the exit above ends the JVM long before this
            }
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
    }
}
