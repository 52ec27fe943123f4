package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.Pipe;
import dev.pyconcurrent.ipc.queues.Queue;
import dev.pyconcurrent.ipc.serialization.DeserializationFilter;
import dev.pyconcurrent.ipc.serialization.jdk.JdkSerializer;
import dev.pyconcurrent.process.Process;
import dev.pyconcurrent.process.pool.ProcessPoolExecutor;

/**
 * An application's own classes (this package is outside the library's {@code dev.pyconcurrent.**}) cross to
 * worker processes and back through the pool, a queue and a pipe, as they do in CPython: these peers were
 * spawned by this JVM or authenticated with its authkey, so their default serializer trusts the class path.
 * A pool configured with a strict allow-list refuses them, with a message that says how to widen it.
 */
@Timeout(90)
class UserClassesAcrossProcessesTest {

    /** An application type the library has never heard of. */
    record Order(String item, int quantity) implements Serializable {
    }

    @Test
    void poolRunsAnApplicationLambdaOnAnApplicationRecord() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).build()) {
            Future<Order> doubled = pool.submit((Order o) -> new Order(o.item(), o.quantity() * 2), new Order("tea", 2));
            assertEquals(new Order("tea", 4), doubled.result(Duration.ofSeconds(60)));
        }
    }

    @Test
    void applicationRecordTravelsThroughAHostedQueue() throws Exception {
        Queue<Order> orders = new Queue<>();
        Process child = new Process((Queue<Order> q) -> q.put(new Order("coffee", 3)), orders);
        child.start();
        assertEquals(new Order("coffee", 3), orders.get(Duration.ofSeconds(60)));
        child.join(Duration.ofSeconds(30));
    }

    @Test
    void applicationRecordTravelsThroughAPipeEnd() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Process child = new Process((Connection c) -> c.send(new Order("cake", 1)), pipe.second());
            child.start();
            assertEquals(new Order("cake", 1), pipe.first().recv());
            child.join(Duration.ofSeconds(30));
        }
    }

    @Test
    void aStrictAllowListShippedToWorkersRefusesApplicationClassesAndSaysHowToWiden() {
        JdkSerializer strict = new JdkSerializer(DeserializationFilter.defaults());
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).serializer(strict).build()) {
            Future<Integer> f = pool.submit((Order o) -> o.quantity(), new Order("tea", 2));
            ExecutionFailedException e = assertThrows(ExecutionFailedException.class,
                    () -> f.result(Duration.ofSeconds(60)));
            assertTrue(String.valueOf(stackText(e)).contains("DeserializationFilter.allow"), stackText(e));
        }
    }

    @Test
    void aWidenedAllowListTravelsToTheWorkers() throws Exception {
        JdkSerializer widened = new JdkSerializer(DeserializationFilter.defaults().allow("com.example.app.**"));
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).serializer(widened).build()) {
            Future<List<Order>> f = pool.submit((Order o) -> List.of(o, o), new Order("tea", 2));
            assertEquals(List.of(new Order("tea", 2), new Order("tea", 2)), f.result(Duration.ofSeconds(60)));
        }
    }

    private static String stackText(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
