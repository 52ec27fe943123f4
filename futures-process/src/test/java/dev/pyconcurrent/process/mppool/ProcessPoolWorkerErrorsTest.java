package dev.pyconcurrent.process.mppool;

import static dev.pyconcurrent.process.mppool.MpTasks.SQR;
import static dev.pyconcurrent.process.mppool.MpTasks.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.AsyncResult;
import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.process.pool.RemoteTraceback;

/**
 * Failures that come back from a worker: raised exceptions, unserializable results, exceptions and results the
 * parent cannot rebuild. One shared pool of two. Ports CPython's {@code _TestPoolWorkerErrors::test_async_error_callback}
 * and {@code test_unpickleable_result}; adds the Java answer to bpo-35311 (an exception that cannot be deserialized
 * in the parent makes CPython's pool hang forever; here the job fails), and a task the worker cannot rebuild (CPython's
 * worker dies; here that task fails and the worker goes on).
 */
@Timeout(60)
class ProcessPoolWorkerErrorsTest {
    private static ProcessPool pool;

    @BeforeAll
    static void startPool() {
        pool = new ProcessPool(2);
    }

    @AfterAll
    static void terminatePool() {
        pool.terminate();
    }

    @Test
    void errorCallbackGetsTheRemoteException() { // test_async_error_callback
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        AsyncResult<Integer> r = pool.applyAsync(MpTasks.RAISE, 5, null, seen::add);
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> r.get(TIMEOUT));
        assertInstanceOf(MpTasks.KeyLikeException.class, e.getCause());
        assertEquals(List.of(e.getCause()), seen);
        assertFalse(r.successful());
    }

    @Test
    void anUnserializableResultFailsWithMaybeEncodingAndTheWorkerSurvives() { // test_unpickleable_result
        List<Long> pids = pool.workerPids();
        for (int iteration = 0; iteration < 20; iteration++) {
            AsyncResult<Object> r = pool.applyAsync(MpTasks.UNSERIALIZABLE_RESULT);
            ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> r.get(TIMEOUT));
            MaybeEncodingException wrapped = assertInstanceOf(MaybeEncodingException.class, e.getCause());
            assertTrue(wrapped.value().contains("not serializable"), wrapped.value());
            assertTrue(wrapped.exc().contains("SerializationException"), wrapped.exc());
            assertEquals("Error sending result: '" + wrapped.value() + "'. Reason: '" + wrapped.exc() + "'",
                    wrapped.getMessage());
        }
        assertEquals(pids, pool.workerPids(), "no worker died");
        assertEquals(49, pool.apply(SQR, 7));
    }

    @Test
    void anExceptionTheParentCannotRebuildFailsTheJobInsteadOfHanging() { // bpo-35311
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class,
                () -> pool.applyAsync(MpTasks.RAISE_UNDESERIALIZABLE).get(TIMEOUT));
        RemoteTraceback standIn = assertInstanceOf(RemoteTraceback.class, e.getCause());
        assertTrue(standIn.remoteTrace().contains("UndeserializableException: cannot come back"), standIn.remoteTrace());
        assertEquals(16, pool.apply(SQR, 4), "the pool stays usable");
    }

    @Test
    void aResultTheParentCannotRebuildFailsTheJobWithTheSerializationError() {
        SerializableCallable<Object> refusing = () -> new MpTasks.UndeserializableException("as a result");
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class,
                () -> pool.applyAsync(refusing).get(TIMEOUT));
        assertInstanceOf(SerializationException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("cannot be deserialized in the parent"), e.getCause().getMessage());
        assertEquals(9, pool.apply(SQR, 3));
    }

    @Test
    void aTaskTheWorkerCannotRebuildFailsThatTaskAndTheWorkerGoesOn() {
        List<Long> pids = pool.workerPids();
        SerializableFunction<Object, String> describe = String::valueOf;
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class,
                () -> pool.apply(describe, new MpTasks.UndeserializableException("as an argument")));
        assertInstanceOf(SerializationException.class, e.getCause());
        Throwable last = e.getCause();
        while (last.getCause() != null) {
            last = last.getCause();
        }
        assertInstanceOf(RemoteTraceback.class, last, "it failed in the worker: its trace ends the cause chain");
        assertEquals("5", pool.apply(describe, 5), "the same function still works there");
        assertEquals(pids, pool.workerPids(), "no worker died");
    }

    @Test
    void aFailingMapChunkFailsTheMapWithItsOwnException() {
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class,
                () -> pool.map(MpTasks.RAISE, List.of(1, 2, 3), 1));
        assertInstanceOf(MpTasks.KeyLikeException.class, e.getCause());
        assertInstanceOf(RemoteTraceback.class, e.getCause().getCause());
    }
}
