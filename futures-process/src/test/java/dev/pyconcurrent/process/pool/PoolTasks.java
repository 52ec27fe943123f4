package dev.pyconcurrent.process.pool;

import java.io.IOException;
import java.time.Duration;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;

/** Serializable tasks the pool tests send to worker JVMs (static, so they capture nothing). */
final class PoolTasks {
    private PoolTasks() {
    }

    static final SerializableFunction<Integer, Integer> SQUARE = x -> x * x;
    static final SerializableFunction<Integer, Integer> PLUS_ONE = x -> x + 1;
    /** The worker's pid. */
    static final SerializableCallable<Long> PID = () -> ProcessHandle.current().pid();
    /** Sleeps {@code millis}, then returns the worker's pid. */
    static final SerializableFunction<Integer, Long> SLEEP_THEN_PID = millis -> {
        sleep(millis);
        return ProcessHandle.current().pid();
    };
    /** Sleeps {@code millis}, then returns it. */
    static final SerializableFunction<Integer, Integer> SLEEP_MS = millis -> {
        sleep(millis);
        return millis;
    };

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILLs the calling JVM (a worker) and waits to die. */
    static void killSelf() {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(Duration.ofSeconds(30).toMillis());
        } catch (IOException | InterruptedException e) {
            Runtime.getRuntime().halt(70);
        }
    }

    static final Duration TIMEOUT = Duration.ofSeconds(20);
}
