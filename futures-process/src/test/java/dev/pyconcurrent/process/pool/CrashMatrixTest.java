package dev.pyconcurrent.process.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.process.pool.Crashes.Failure;

/**
 * The crash matrix, as loky tests it ({@code tests/test_reusable_executor.py::TestExecutorDeadLock.crash_cases}) and
 * as CPython's {@code test_deadlock.py::ExecutorDeadlockTest} does case by case: for every stage a call goes through
 * and every way it can fail there, the future ends with a typed exception within seconds, never a hang.
 *
 * <p>Ports {@code test_error_at_task_pickle}, {@code test_exit_at_task_unpickle}, {@code test_error_at_task_unpickle},
 * {@code test_crash_at_task_unpickle}, {@code test_crash_during_func_exec_on_worker},
 * {@code test_exit_during_func_exec_on_worker} (Java: a crash, not a SystemExit result),
 * {@code test_error_during_func_exec_on_worker}, {@code test_crash_during_result_pickle_on_worker},
 * {@code test_exit_during_result_pickle_on_worker} (Java: a crash), {@code test_error_during_result_pickle_on_worker},
 * {@code test_error_during_result_unpickle_in_result_handler}. Not applicable: exits and crashes at the two
 * parent-side stages (serializing the call, deserializing the result): they would end the test JVM itself
 * ({@code test_exit_during_result_unpickle_in_result_handler} raises SystemExit in CPython's manager thread; Java
 * has no such exception).
 */
@Timeout(60)
class CrashMatrixTest {
    /** "Within a few seconds": far above the real latency, far below a hang. */
    private static final Duration PROMPTLY = Duration.ofSeconds(15);

    enum Stage {
        SERIALIZE_CALL_IN_PARENT, DESERIALIZE_CALL_IN_WORKER, RUN_IN_WORKER, SERIALIZE_RESULT_IN_WORKER,
        DESERIALIZE_RESULT_IN_PARENT
    }

    /** What the future must end with. */
    enum Outcome {
        /** the future fails with the serialization error; the pool goes on */
        SERIALIZATION_ERROR,
        /** the future fails with the task's own exception; the pool goes on */
        TASK_EXCEPTION,
        /** the worker died: TerminatedWorkerException with its exit code, the pool is broken */
        WORKER_DIED,
        /** the pool is broken (a result it cannot read) */
        BROKEN
    }

    static Stream<Arguments> crashCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            for (Failure failure : Failure.values()) {
                Outcome outcome = expected(stage, failure);
                if (outcome != null) {
                    cases.add(Arguments.of(stage, failure, outcome));
                }
            }
        }
        return cases.stream();
    }

    private static Outcome expected(Stage stage, Failure failure) {
        boolean crash = failure == Failure.SYSTEM_EXIT || failure == Failure.HALT || failure == Failure.SIGKILL;
        switch (stage) {
            case SERIALIZE_CALL_IN_PARENT:
                return crash ? null : Outcome.SERIALIZATION_ERROR;
            case DESERIALIZE_CALL_IN_WORKER:
                return Outcome.WORKER_DIED; // CPython: BrokenProcessPool (the worker cannot go on)
            case RUN_IN_WORKER:
                return failure == Failure.SERIALIZER_THROWS ? null
                        : failure == Failure.EXCEPTION ? Outcome.TASK_EXCEPTION : Outcome.WORKER_DIED;
            case SERIALIZE_RESULT_IN_WORKER:
                return crash ? Outcome.WORKER_DIED : Outcome.SERIALIZATION_ERROR;
            default: // DESERIALIZE_RESULT_IN_PARENT
                return crash ? null : Outcome.BROKEN;
        }
    }

    @ParameterizedTest(name = "{0} fails by {1} -> {2}")
    @MethodSource("crashCases")
    void everyFailureEndsTheFutureWithATypedException(Stage stage, Failure failure, Outcome outcome) {
        ProcessPoolExecutorBuilder builder = ProcessPoolExecutor.builder().maxWorkers(1);
        if (failure == Failure.SERIALIZER_THROWS) {
            builder.serializer(new Crashes.TrapSerializer());
        }
        try (ProcessPoolExecutor pool = builder.build()) {
            Future<Object> future = submitFailing(pool, stage, failure);
            Throwable thrown = assertThrows(ExecutionFailedException.class, () -> future.result(PROMPTLY),
                    "a typed exception, not a hang").getCause();
            switch (outcome) {
                case SERIALIZATION_ERROR:
                    assertInstanceOf(SerializationException.class, thrown);
                    assertStillUsable(pool);
                    break;
                case TASK_EXCEPTION:
                    assertInstanceOf(IllegalStateException.class, thrown);
                    assertEquals("boom", thrown.getMessage());
                    assertStillUsable(pool);
                    break;
                case WORKER_DIED: {
                    TerminatedWorkerException dead = assertInstanceOf(TerminatedWorkerException.class, thrown);
                    assertEquals(expectedExitCode(failure), dead.exitCode(), dead.getMessage());
                    assertTrue(dead.getMessage().contains("terminated abruptly with exit code"), dead.getMessage());
                    assertBroken(pool);
                    break;
                }
                default:
                    assertInstanceOf(BrokenProcessPoolException.class, thrown);
                    assertFalse(thrown instanceof TerminatedWorkerException, "no worker died");
                    assertInstanceOf(SerializationException.class, thrown.getCause());
                    assertBroken(pool);
            }
        }
    }

    private static int expectedExitCode(Failure failure) {
        switch (failure) {
            case SYSTEM_EXIT:
                return Crashes.EXIT_STATUS;
            case HALT:
                return Crashes.HALT_STATUS;
            case SIGKILL:
                return -9;
            default:
                return 1; // the worker reports the undecodable call and exits with status 1
        }
    }

    private static Future<Object> submitFailing(ProcessPoolExecutor pool, Stage stage, Failure failure) {
        boolean trap = failure == Failure.SERIALIZER_THROWS;
        SerializableFunction<Object, Object> ignoreArg = arg -> "ok";
        switch (stage) {
            case SERIALIZE_CALL_IN_PARENT:
                return pool.submit(ignoreArg, trap ? new Crashes.Trap(true) : new Crashes.FailOnWrite(failure));
            case DESERIALIZE_CALL_IN_WORKER:
                return pool.submit(ignoreArg, trap ? new Crashes.Trap(false) : new Crashes.FailOnRead(failure));
            case RUN_IN_WORKER: {
                SerializableCallable<Object> run = () -> {
                    Crashes.act(failure);
                    return "unreachable";
                };
                return pool.submit(run);
            }
            case SERIALIZE_RESULT_IN_WORKER: {
                SerializableCallable<Object> result = () -> trap ? new Crashes.Trap(true)
                        : new Crashes.FailOnWrite(failure);
                return pool.submit(result);
            }
            default: {
                SerializableCallable<Object> result = () -> trap ? new Crashes.Trap(false)
                        : new Crashes.FailOnRead(failure);
                return pool.submit(result);
            }
        }
    }

    private static void assertStillUsable(ProcessPoolExecutor pool) {
        assertEquals(16, pool.submit(PoolTasks.SQUARE, 4).result(PROMPTLY));
    }

    private static void assertBroken(ProcessPoolExecutor pool) {
        assertTrue(pool.isBroken(), "the pool is broken");
        assertThrows(BrokenProcessPoolException.class, () -> pool.submit(PoolTasks.SQUARE, 4));
    }
}
