package dev.pyconcurrent.futures;

/**
 * Executor-side extension point that lets {@link Future#cancel(boolean) cancel(true)} stop a future that is already
 * RUNNING.
 *
 * <p>CPython counterpart: none. In CPython {@code Future.cancel()} on a RUNNING future always returns False
 * ({@code Lib/concurrent/futures/_base.py}); the only way to stop running work is
 * {@code ProcessPoolExecutor.terminate_workers()}. Java's {@link java.util.concurrent.Future#cancel(boolean)} has a
 * {@code mayInterruptIfRunning} flag, so an executor that <em>can</em> stop one running task (the process pool kills
 * the worker JVM running it) installs a hook with {@link Future#setRunningCancelHook(RunningCancelHook)}. A future
 * without a hook (the thread pool never installs one) keeps CPython's behaviour.
 *
 * <p>Contract: the hook is called without the future's lock held, once per {@code cancel(true)} call that finds the
 * future RUNNING, so concurrent cancellations may call it more than once (it must be idempotent), and possibly
 * concurrently with the executor delivering a result. It returns {@code true} only if the task will never
 * deliver a result that the caller should see; the future then moves RUNNING → CANCELLED_AND_NOTIFIED, unless a
 * result won the race, in which case {@code cancel} returns {@code false}. Executors that install a hook should use
 * {@link Future#trySetResult(Object)} / {@link Future#trySetException(Throwable)}, which report rather than throw
 * when a cancellation won.
 */
@FunctionalInterface
public interface RunningCancelHook {
    /**
     * Stops the task behind {@code future}.
     *
     * @param future the RUNNING future being cancelled
     * @return true if the task was stopped and will deliver no result
     */
    boolean cancelRunning(Future<?> future);
}
