package dev.pyconcurrent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.Pipe;
import dev.pyconcurrent.ipc.queues.Queue;
import dev.pyconcurrent.ipc.sync.Lock;

/**
 * Objects hosted by the parent, handed to a {@link Process} as arguments exactly as
 * {@code Process(target=f, args=(q,))} does: the child adopts the parent's authkey from the spawn frame before
 * its arguments are deserialized, so their handles authenticate with the parent's resource host.
 *
 * <p>Ports the shape of {@code _TestQueue.test_put}/{@code _TestConnection.test_connection} with a child process
 * on the other side.
 */
@Timeout(60)
class ProcessWithHostedObjectsTest {

    @Test
    void childPutsIntoAQueueThatTheParentHosts() throws Exception {
        Queue<String> queue = new Queue<>();
        Process child = new Process((Queue<String> q) -> q.put("hello from " + ProcessHandle.current().pid()), queue);
        child.start();
        String got = queue.get(Duration.ofSeconds(30));
        child.join(Duration.ofSeconds(30));
        assertEquals("hello from " + child.pid(), got);
        assertEquals(0, child.exitCode());
    }

    @Test
    void childTakesTwoArgumentsAQueueAndALock() throws Exception {
        Queue<Integer> queue = new Queue<>();
        Lock lock = new Lock();
        Process child = new Process((Queue<Integer> q, Lock l) -> {
            l.acquire();
            try {
                q.put(42);
            } finally {
                l.release();
            }
        }, queue, lock);
        child.start();
        assertEquals(42, queue.get(Duration.ofSeconds(30)));
        child.join(Duration.ofSeconds(30));
        assertEquals(0, child.exitCode());
    }

    @Test
    void childAnswersOverASharedPipeEnd() throws Exception {
        try (Pipe pipe = Pipe.open()) {
            Connection parentEnd = pipe.first();
            // Serializing the end hands it over: the child deserializes a live Connection relayed by this JVM.
            Process child = new Process((Connection c) -> {
                c.send("greetings from the child");
                c.send("you said: " + c.recv());
            }, pipe.second());
            child.start();
            assertEquals("greetings from the child", parentEnd.recv());
            parentEnd.send("hello");
            assertEquals("you said: hello", parentEnd.recv());
            child.join(Duration.ofSeconds(30));
            assertEquals(0, child.exitCode());
        }
    }
}
