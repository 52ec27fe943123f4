package dev.pyconcurrent.process.manager;

import java.util.List;

/**
 * Not a test: prints rough costs of a manager (start-up, a proxy call's round trip, creating an object), for the
 * README. Run with {@code java -cp <test classpath> dev.pyconcurrent.process.manager.ManagerMeasurement [serializer]}.
 */
public final class ManagerMeasurement {
    private ManagerMeasurement() {
    }

    public static void main(String[] args) {
        String serializer = args.length > 0 ? args[0] : "jdk-trusted";
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            try (SyncManager m = new SyncManager(null, null, serializer, BaseManager.DEFAULT_SHUTDOWN_TIMEOUT)) {
                m.start();
                long started = System.nanoTime();
                ListProxy<Integer> l = m.list(List.of(1, 2, 3));
                l.size();                                    // opens this thread's connection
                int calls = 5_000;
                long c0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    l.size();
                }
                long c1 = System.nanoTime();
                int creates = 200;
                for (int i = 0; i < creates; i++) {
                    m.list().close();
                }
                long c2 = System.nanoTime();
                m.shutdown();
                long stopped = System.nanoTime();
                System.out.printf("start %.0f ms, call %.1f us, create+close %.2f ms, shutdown %.0f ms%n",
                        (started - t0) / 1e6, (c1 - c0) / 1e3 / calls, (c2 - c1) / 1e6 / creates,
                        (stopped - c2) / 1e6);
            }
        }
    }
}
