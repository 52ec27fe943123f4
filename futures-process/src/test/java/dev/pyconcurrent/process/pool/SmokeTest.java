package dev.pyconcurrent.process.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.MapOptions;

@Timeout(60)
class SmokeTest {
    @Test
    void submitAndMapWork() {
        long t0 = System.nanoTime();
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            assertEquals(256, pool.submit((Integer b, Integer e) -> (int) Math.pow(b, e), 2, 8).result());
            System.out.println("first result ms " + (System.nanoTime() - t0) / 1e6);
            List<Integer> out = new java.util.ArrayList<>();
            pool.map((Integer x) -> x * x, List.of(1, 2, 3, 4, 5), MapOptions.defaults().withChunksize(2))
                    .forEachRemaining(out::add);
            assertEquals(List.of(1, 4, 9, 16, 25), out);
        }
    }
}
