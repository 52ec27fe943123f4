package dev.pyconcurrent.futures.thread;

import java.time.Duration;
import java.util.List;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.Pool;

/** The example of {@code futures-thread/README.md}, kept compiling and running by {@link ReadmeExampleTest}. */
public final class ReadmeExample {
    private ReadmeExample() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        // 1. concurrent.futures.ThreadPoolExecutor: `with ThreadPoolExecutor(max_workers=2) as ex:`
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(2, "demo")) {
            Future<String> f = ex.submit(() -> Thread.currentThread().getName());
            System.out.println("ran on " + f.result());                              // ran on demo_0
            SerializableFunction<Integer, Integer> square = x -> x * x;
            ex.map(square, List.of(1, 2, 3)).forEachRemaining(System.out::println); // 1 4 9
        }

        // 2. Beyond CPython: a bounded queue pushes back on a fast producer instead of growing until OOM.
        try (ThreadPoolExecutor bounded = ThreadPoolExecutor.builder().maxWorkers(2).maxQueueSize(100)
                .queueFullPolicy(QueueFullPolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).build()) {
            for (int i = 0; i < 10_000; i++) {
                bounded.submit(() -> null); // blocks while 100 calls wait in the queue
            }
            System.out.println("queue never held more than " + bounded.maxQueueSize());
        }

        // 3. multiprocessing.dummy.Pool: `with ThreadPool(4) as pool: pool.map(sqr, range(10))`
        try (Pool pool = new ThreadPool(4)) {
            SerializableFunction<Integer, Integer> sqr = x -> x * x;
            System.out.println(pool.map(sqr, List.of(0, 1, 2, 3, 4)));              // [0, 1, 4, 9, 16]
            System.out.println(pool.applyAsync(sqr, 7).get(Duration.ofSeconds(5))); // 49
        }
    }
}
