package dev.pyconcurrent.futures;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.pyconcurrent.futures.FutureState.CANCELLED;
import static dev.pyconcurrent.futures.FutureState.CANCELLED_AND_NOTIFIED;
import static dev.pyconcurrent.futures.FutureState.FINISHED;
import static dev.pyconcurrent.futures.FutureState.PENDING;
import static dev.pyconcurrent.futures.FutureState.RUNNING;

/**
 * The "result pit" of one asynchronous call: empty while the call runs, filled exactly once with a result, an
 * exception or a cancellation, and observable from any number of threads.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: Future}. As there, one lock with one condition
 * variable guards the state, the waiting threads block on the condition, and the executor side fills the pit with
 * {@link #setResult(Object)} / {@link #setException(Throwable)}, which {@code signalAll} the condition before running
 * the done-callbacks outside the lock (see the package README for the hand-off). Where Java differs:
 * <ul>
 *   <li>It implements {@link java.util.concurrent.Future}; {@link #get()} keeps that contract (checked
 *       {@link ExecutionException}, {@link TimeoutException}, {@link InterruptedException}) while the Python-style
 *       {@link #result()} throws unchecked exceptions. A failed call surfaces from {@link #result()} as an
 *       {@link ExecutionFailedException} whose cause is the original throwable (why: see that class).</li>
 *   <li>{@link #cancel(boolean) cancel(true)} may stop a RUNNING call if the executor installed a
 *       {@link RunningCancelHook}; CPython cannot cancel running calls at all.</li>
 *   <li>{@link #state} is {@code volatile}, so {@link #done()}, {@link #cancelled()}, {@link #running()} and the
 *       already-finished path of {@link #result()} read it without taking the lock. Every write still happens under
 *       the lock; a finished future never changes again, and the values are written before the volatile state
 *       write that publishes them.</li>
 *   <li>The condition object and the callback/waiter lists are created only when first needed, so a future that
 *       nobody blocks on costs one lock and a few fields. The waiter list is dropped again when the future completes
 *       (it will never notify again), so removing a waiter from a completed future needs no lock.</li>
 *   <li>{@link #asCompletableFuture()} bridges into {@link CompletionStage} pipelines.</li>
 * </ul>
 *
 * <h2>State transitions (every legal one)</h2>
 * <pre>
 *   PENDING  -> RUNNING                 setRunningOrNotifyCancel() returns true (a worker picked the call up)
 *   PENDING  -> CANCELLED               cancel() returns true; blocked threads and callbacks are woken/run,
 *                                       wait()/asCompleted() waiters are NOT told yet
 *   CANCELLED -> CANCELLED_AND_NOTIFIED setRunningOrNotifyCancel() returns false; now the waiters are told
 *   PENDING  -> FINISHED                setResult()/setException() without running first (tests, simple executors)
 *   RUNNING  -> FINISHED                setResult()/setException()
 *   RUNNING  -> CANCELLED_AND_NOTIFIED  cancel(true) with a RunningCancelHook that stopped the call (Java only)
 * </pre>
 * Everything else is refused: {@code setResult}/{@code setException} in CANCELLED, CANCELLED_AND_NOTIFIED or
 * FINISHED throw {@link InvalidStateException}; {@code setRunningOrNotifyCancel} outside PENDING/CANCELLED logs an
 * error and throws {@link IllegalStateException}; {@code cancel} on RUNNING (unhooked) or FINISHED returns false and
 * changes nothing. FINISHED and CANCELLED_AND_NOTIFIED are terminal; CANCELLED is terminal for users ({@link #done()}
 * is true) but still awaits the executor's acknowledgement, which is why {@code wait}/{@code asCompleted} count only
 * CANCELLED_AND_NOTIFIED and FINISHED as completed.
 *
 * @param <T> the result type
 */
public class Future<T> implements java.util.concurrent.Future<T> {

    /** The library's logger, CPython's {@code LOGGER = logging.getLogger("concurrent.futures")}. */
    static final Logger LOGGER = LoggerFactory.getLogger("dev.pyconcurrent.futures");

    private static final AtomicLong NEXT_LOCK_ORDER = new AtomicLong();
    private static final VarHandle LOCK_ORDER;

    static {
        try {
            LOCK_ORDER = MethodHandles.lookup().findVarHandle(Future.class, "lockOrder", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** CPython's {@code self._condition = threading.Condition()}: the lock half (reentrant, like its RLock). */
    private final ReentrantLock lock = new ReentrantLock();
    /** The condition half, created by the first thread that has to block; guarded by {@link #lock}. */
    private Condition doneCondition;
    /** Written only under {@link #lock}; read anywhere. A FINISHED read publishes {@link #result}/{@link #exception}. */
    private volatile FutureState state = PENDING;
    private T result;
    private Throwable exception;
    /** null, one {@code Consumer}, or an {@code ArrayList} of them, in registration order; guarded by the lock. */
    private Object callbacks;
    /** wait()/asCompleted() waiters currently installed; null until the first one; guarded by the lock. */
    private List<Waiter> waiters;
    /** Guarded by the lock. */
    private RunningCancelHook runningCancelHook;
    /** Global lock-acquisition order for {@link AcquireFutures}; 0 until first needed. */
    @SuppressWarnings("unused")
    private volatile long lockOrder;

    /** Creates a PENDING future. Meant for executors and tests, as in CPython. */
    public Future() {
    }

    // ------------------------------------------------------------------ user side: queries

    /** @return true if the call was cancelled (CANCELLED or CANCELLED_AND_NOTIFIED); CPython {@code cancelled()} */
    public boolean cancelled() {
        FutureState s = state;
        return s == CANCELLED || s == CANCELLED_AND_NOTIFIED;
    }

    /** @return true while a worker executes the call; CPython {@code running()} */
    public boolean running() {
        return state == RUNNING;
    }

    /** @return true if the call finished or was cancelled; CPython {@code done()} */
    public boolean done() {
        FutureState s = state;
        return s != PENDING && s != RUNNING;
    }

    /** @return the current state; named so as not to clash with {@code Future.state()} of JDK 19+ */
    public FutureState currentState() {
        return state;
    }

    @Override
    public boolean isCancelled() {
        return cancelled();
    }

    @Override
    public boolean isDone() {
        return done();
    }

    // ------------------------------------------------------------------ user side: cancel

    /**
     * CPython's {@code cancel()}: never stops a running call.
     *
     * @return true if the future is (now or already) cancelled; false if it is running or finished
     */
    public boolean cancel() {
        return cancel(false);
    }

    /**
     * Cancels the call. PENDING becomes CANCELLED (blocked threads wake, callbacks run, the executor will skip the
     * call); an already cancelled future returns true unchanged; FINISHED returns false. A RUNNING future returns
     * false unless {@code mayInterruptIfRunning} is set <em>and</em> the executor installed a
     * {@link RunningCancelHook} that stops the call.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        Object toRun;
        RunningCancelHook hook;
        lock.lock();
        try {
            FutureState s = state;
            if (s == FINISHED) {
                return false;
            }
            if (s == CANCELLED || s == CANCELLED_AND_NOTIFIED) {
                return true;
            }
            if (s == PENDING) {
                // Waiters of wait()/asCompleted() are not told here: the executor tells them when it calls
                // setRunningOrNotifyCancel() and sees the cancellation (CPython does the same).
                state = CANCELLED;
                signalBlockedThreadsLocked();
                toRun = takeCallbacksLocked();
                hook = null;
            } else { // RUNNING
                hook = runningCancelHook;
                if (!mayInterruptIfRunning || hook == null) {
                    return false;
                }
                toRun = null;
            }
        } finally {
            lock.unlock();
        }
        if (hook == null) {
            invokeCallbacks(toRun);
            return true;
        }
        return cancelRunningThroughHook(hook);
    }

    /** The Java-only RUNNING -> CANCELLED_AND_NOTIFIED path; the hook runs unlocked because it may block. */
    private boolean cancelRunningThroughHook(RunningCancelHook hook) {
        if (!hook.cancelRunning(this)) {
            return false;
        }
        Object toRun;
        lock.lock();
        try {
            // Race: while the hook ran unlocked, the executor may have delivered a result (it wins: return false),
            // or a concurrent cancel(true) may have completed the cancellation already (return true).
            FutureState s = state;
            if (s != RUNNING) {
                return s == CANCELLED_AND_NOTIFIED;
            }
            // Straight to CANCELLED_AND_NOTIFIED: setRunningOrNotifyCancel() already ran for this call, so nobody
            // else would ever notify the waiters.
            state = CANCELLED_AND_NOTIFIED;
            notifyWaitersLocked(WaiterEvent.CANCELLED);
            signalBlockedThreadsLocked();
            toRun = takeCallbacksLocked();
        } finally {
            lock.unlock();
        }
        invokeCallbacks(toRun);
        return true;
    }

    // ------------------------------------------------------------------ user side: results

    /**
     * Waits without limit for the call; CPython {@code result()}.
     *
     * @return the call's result (may be null)
     * @throws CancelledException       if the future was cancelled
     * @throws ExecutionFailedException if the call raised; the cause is what it raised
     * @throws WaitInterruptedException if the waiting thread was interrupted
     */
    public T result() {
        return result(null);
    }

    /**
     * Waits at most {@code timeout} for the call; CPython {@code result(timeout)}.
     *
     * @param timeout how long to wait; null waits without limit, zero or negative only checks
     * @return the call's result (may be null)
     * @throws FutureTimeoutException   if the call did not complete in time
     * @throws CancelledException       if the future was cancelled
     * @throws ExecutionFailedException if the call raised; the cause is what it raised
     * @throws WaitInterruptedException if the waiting thread was interrupted
     */
    public T result(Duration timeout) {
        FutureState s = state; // fast path: a done future needs no lock (volatile read publishes the value)
        if (s == PENDING || s == RUNNING) {
            s = awaitDoneOrThrow(timeout);
        }
        if (s == FINISHED) {
            Throwable failure = exception;
            if (failure != null) {
                throw new ExecutionFailedException(failure);
            }
            return result;
        }
        throw cancelledException();
    }

    /**
     * Waits without limit; CPython {@code exception()}.
     *
     * @return what the call raised, or null if it returned normally
     */
    public Throwable exception() {
        return exception(null);
    }

    /**
     * Waits at most {@code timeout}; CPython {@code exception(timeout)}. Returns, never throws, the call's failure.
     *
     * @param timeout how long to wait; null waits without limit, zero or negative only checks
     * @return what the call raised, or null if it returned normally
     * @throws FutureTimeoutException   if the call did not complete in time
     * @throws CancelledException       if the future was cancelled
     * @throws WaitInterruptedException if the waiting thread was interrupted
     */
    public Throwable exception(Duration timeout) {
        FutureState s = state;
        if (s == PENDING || s == RUNNING) {
            s = awaitDoneOrThrow(timeout);
        }
        if (s == FINISHED) {
            return exception;
        }
        throw cancelledException();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        FutureState s = state;
        if (s == PENDING || s == RUNNING) {
            s = awaitDone(Long.MAX_VALUE, false);
        }
        return reportForGet(s);
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        FutureState s = state;
        if (s == PENDING || s == RUNNING) {
            s = awaitDone(unit.toNanos(timeout), true);
            if (s == null) {
                throw new TimeoutException(this + " did not complete within " + timeout + " " + unit);
            }
        }
        return reportForGet(s);
    }

    /**
     * An atomic view of the outcome, CPython's {@code _get_snapshot()} (main). Lock-free: it reads the volatile
     * state once, and a FINISHED future's fields never change.
     *
     * @return done, cancelled, result and exception as one consistent tuple
     */
    public Snapshot<T> snapshot() {
        FutureState s = state;
        if (s == FINISHED) {
            return new Snapshot<>(true, false, result, exception);
        }
        boolean cancelled = s == CANCELLED || s == CANCELLED_AND_NOTIFIED;
        return new Snapshot<>(cancelled, cancelled, null, null);
    }

    /**
     * One consistent reading of a future, see {@link Future#snapshot()}.
     *
     * @param done      the future is done
     * @param cancelled the future was cancelled
     * @param result    the result if it finished normally, else null
     * @param exception the failure if it finished by raising, else null
     * @param <T>       the result type
     */
    public record Snapshot<T>(boolean done, boolean cancelled, T result, Throwable exception) {
    }

    // ------------------------------------------------------------------ user side: callbacks and bridges

    /**
     * Registers {@code fn} to run once the future is done; CPython {@code add_done_callback}. Callbacks run in
     * registration order, in the thread that completes the future, after the lock is released. If the future is
     * already done, {@code fn} runs at once in the calling thread. An exception thrown by {@code fn} is logged with
     * this future's description and never propagates (an {@link Error} does propagate, as CPython lets
     * {@code BaseException} through).
     *
     * @param fn receives this future
     */
    public void addDoneCallback(Consumer<? super Future<T>> fn) {
        Objects.requireNonNull(fn, "fn");
        lock.lock();
        try {
            FutureState s = state;
            if (s == PENDING || s == RUNNING) {
                // Not done, so the completing thread has not taken the list yet and will see this entry.
                appendCallbackLocked(fn);
                return;
            }
        } finally {
            lock.unlock();
        }
        invokeCallback(fn);
    }

    /**
     * A {@link CompletableFuture} that completes when this future does (cancelled, exceptionally with the original
     * throwable, or normally). Cancelling the returned object cancels this future (without interrupting a running
     * call); completing it by hand does not affect this future.
     *
     * @return a new bridge, completed through a done-callback
     */
    public CompletableFuture<T> asCompletableFuture() {
        return CompletableFutureBridge.of(this);
    }

    /** @return a read-only {@link CompletionStage} view of this future */
    public CompletionStage<T> asCompletionStage() {
        return asCompletableFuture().minimalCompletionStage();
    }

    // ------------------------------------------------------------------ executor side

    /**
     * Executors call this right before running the call; CPython {@code set_running_or_notify_cancel()}.
     * PENDING becomes RUNNING (returns true: run the call). CANCELLED becomes CANCELLED_AND_NOTIFIED and every
     * {@code wait}/{@code asCompleted} waiter is told (returns false: skip the call). No {@code signalAll} is needed
     * for the latter: {@code cancel()} already woke the blocked threads.
     *
     * @return true if the call should run, false if it was cancelled
     * @throws IllegalStateException if called twice or after a result was set (CPython's RuntimeError)
     */
    public boolean setRunningOrNotifyCancel() {
        lock.lock();
        try {
            FutureState s = state;
            if (s == CANCELLED) {
                state = CANCELLED_AND_NOTIFIED;
                notifyWaitersLocked(WaiterEvent.CANCELLED);
                return false;
            }
            if (s == PENDING) {
                state = RUNNING;
                return true;
            }
            LOGGER.error("{} in unexpected state: {}", this, s);
            throw new IllegalStateException("Future in unexpected state: " + s + ": " + this);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fills the pit with a result; CPython {@code set_result}. Allowed from PENDING or RUNNING.
     *
     * @param value the result, may be null
     * @throws InvalidStateException if the future is already finished or cancelled ({@code "FINISHED: <future>"})
     */
    public void setResult(T value) {
        complete(value, null, true);
    }

    /**
     * Fills the pit with a failure; CPython {@code set_exception}. Allowed from PENDING or RUNNING.
     *
     * @param failure what the call raised; not null
     * @throws InvalidStateException if the future is already finished or cancelled
     */
    public void setException(Throwable failure) {
        complete(null, Objects.requireNonNull(failure, "failure"), true);
    }

    /**
     * Like {@link #setResult(Object)} but reports instead of throwing when the future is already done, for
     * executors whose futures can be cancelled while running (see {@link RunningCancelHook}).
     *
     * @param value the result
     * @return true if this call finished the future
     */
    public boolean trySetResult(T value) {
        return complete(value, null, false);
    }

    /**
     * Like {@link #setException(Throwable)} but returns false instead of throwing when the future is already done.
     *
     * @param failure what the call raised; not null
     * @return true if this call finished the future
     */
    public boolean trySetException(Throwable failure) {
        return complete(null, Objects.requireNonNull(failure, "failure"), false);
    }

    /**
     * Installs the hook that {@link #cancel(boolean) cancel(true)} uses on a RUNNING future (executor side).
     *
     * @param hook the hook, or null to restore CPython's "running futures cannot be cancelled"
     */
    public void setRunningCancelHook(RunningCancelHook hook) {
        lock.lock();
        try {
            runningCancelHook = hook;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The condition-variable hand-off. Under the lock: check, store the value, publish it with the volatile state
     * write, tell the wait()/asCompleted() waiters, and signalAll the blocked threads. Those threads cannot run
     * before we unlock, and when they re-acquire the lock they see FINISHED. The callbacks run after the unlock so
     * a slow or re-entrant callback never holds up the woken threads.
     */
    private boolean complete(T value, Throwable failure, boolean throwIfDone) {
        Object toRun;
        lock.lock();
        try {
            FutureState s = state;
            if (s != PENDING && s != RUNNING) {
                if (throwIfDone) {
                    throw new InvalidStateException(s + ": " + this);
                }
                return false;
            }
            result = value;
            exception = failure;
            state = FINISHED;
            notifyWaitersLocked(failure == null ? WaiterEvent.RESULT : WaiterEvent.EXCEPTION);
            signalBlockedThreadsLocked();
            toRun = takeCallbacksLocked();
        } finally {
            lock.unlock();
        }
        invokeCallbacks(toRun);
        return true;
    }

    // ------------------------------------------------------------------ blocking

    /** Blocks until done; the unchecked, Python-style flavour used by result()/exception(). */
    private FutureState awaitDoneOrThrow(Duration timeout) {
        try {
            FutureState s = timeout == null ? awaitDone(Long.MAX_VALUE, false) : awaitDone(Timeouts.toNanos(timeout), true);
            if (s == null) {
                throw new FutureTimeoutException(this + " did not complete within " + Timeouts.describe(timeout));
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(toString(), e);
        }
    }

    /**
     * Blocks on the condition until the future is done. Goals of the loop: (1) re-check the state after every wake-up,
     * because Java conditions (like POSIX ones) wake spuriously; (2) keep one deadline across wake-ups (CPython waits
     * once and may give up early on a spurious wake-up; looping to the deadline is still conformant).
     *
     * @return the done state, or null if {@code timed} and the time ran out
     */
    private FutureState awaitDone(long nanos, boolean timed) throws InterruptedException {
        lock.lock();
        try {
            long remaining = nanos;
            for (FutureState s = state; s == PENDING || s == RUNNING; s = state) {
                if (timed && remaining <= 0L) {
                    return null;
                }
                if (doneCondition == null) {
                    doneCondition = lock.newCondition();
                }
                if (timed) {
                    remaining = doneCondition.awaitNanos(remaining);
                } else {
                    doneCondition.await();
                }
            }
            return state;
        } finally {
            lock.unlock();
        }
    }

    private void signalBlockedThreadsLocked() {
        if (doneCondition != null) { // null: nobody ever blocked, nothing to wake
            doneCondition.signalAll();
        }
    }

    private T reportForGet(FutureState s) throws ExecutionException {
        if (s == FINISHED) {
            if (exception != null) {
                throw new ExecutionException(exception);
            }
            return result;
        }
        throw cancelledException();
    }

    private CancelledException cancelledException() {
        return new CancelledException(this + " was cancelled");
    }

    // ------------------------------------------------------------------ callbacks

    private void appendCallbackLocked(Consumer<? super Future<T>> fn) {
        callbacks = DoneCallbacks.append(callbacks, fn);
    }

    /** Detaches the callbacks so they run once and the future stops referencing them. */
    private Object takeCallbacksLocked() {
        Object taken = callbacks;
        callbacks = null;
        return taken;
    }

    private void invokeCallbacks(Object taken) {
        DoneCallbacks.invokeAll(taken, this);
    }

    private void invokeCallback(Object fn) {
        DoneCallbacks.invoke(fn, this);
    }

    // ------------------------------------------------------------------ waiters (package-private, see Futures)

    private void notifyWaitersLocked(WaiterEvent event) {
        List<Waiter> ws = waiters;
        if (ws == null) {
            return;
        }
        for (Waiter w : ws) {
            switch (event) {
                case RESULT -> w.addResult(this);
                case EXCEPTION -> w.addException(this);
                case CANCELLED -> w.addCancelled(this);
            }
        }
        // Every caller has just moved to FINISHED or CANCELLED_AND_NOTIFIED, which are terminal: this future never
        // notifies again, and no waiter is ever added to a completed future. Dropping the list frees the waiters
        // and lets removeWaiter() skip the lock (CPython keeps the list; nothing can observe the difference).
        waiters = null;
    }

    private enum WaiterEvent { RESULT, EXCEPTION, CANCELLED }

    /** The lock {@link AcquireFutures} takes; CPython's {@code f._condition}. */
    ReentrantLock conditionLock() {
        return lock;
    }

    /** Caller holds the lock and has seen this future not completed under it (see notifyWaitersLocked). */
    void addWaiterLocked(Waiter waiter) {
        if (waiters == null) {
            waiters = new ArrayList<>(2);
        }
        waiters.add(waiter);
    }

    /**
     * Uninstalls {@code waiter} (a no-op if it was never installed here).
     *
     * @return true if this future was completed (FINISHED or CANCELLED_AND_NOTIFIED) at the moment of removal, which
     *         is exactly when it has told the waiter: the state change and the notification happen in one critical
     *         section. {@link Futures#wait} uses this as CPython uses {@code waiter.finished_futures}.
     */
    boolean removeWaiter(Waiter waiter) {
        // Lock-free when completed. Race reasoning: the state is written under the lock, in the same critical
        // section as notifyWaitersLocked(), which ends by dropping the list. If we read a completed state, that
        // section has run or is running and leaves nothing to remove, and no waiter is added later
        // (addWaiterLocked is only called on futures seen pending under the lock). The section may still be
        // telling the waiter; that is why callers take the returned flag, not the waiter's record, as the truth.
        // Plain CANCELLED is not terminal for waiters (CANCELLED_AND_NOTIFIED still notifies): take the lock.
        FutureState s = state;
        if (s == FINISHED || s == CANCELLED_AND_NOTIFIED) {
            return true;
        }
        lock.lock();
        try {
            if (waiters != null) {
                waiters.remove(waiter);
            }
            s = state;
            return s == FINISHED || s == CANCELLED_AND_NOTIFIED;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many wait()/asCompleted() waiters are installed (tests check that none leak) */
    int waiterCount() {
        lock.lock();
        try {
            return waiters == null ? 0 : waiters.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return the stored failure; meaningful once FINISHED (read after a volatile state read) */
    Throwable storedException() {
        return exception;
    }

    /** A process-wide unique number giving every future a place in the global lock order (CPython sorts by id). */
    long lockOrder() {
        long order = (long) LOCK_ORDER.getVolatile(this);
        if (order != 0L) {
            return order;
        }
        long candidate = NEXT_LOCK_ORDER.incrementAndGet();
        return LOCK_ORDER.compareAndSet(this, 0L, candidate) ? candidate : (long) LOCK_ORDER.getVolatile(this);
    }

    // ------------------------------------------------------------------ repr

    /**
     * CPython's repr without the angle brackets: {@code Future@1b6d3586 state=pending},
     * {@code ... state=finished returned Integer}, {@code ... state=finished raised IOException}.
     */
    @Override
    public String toString() {
        FutureState s = state;
        String head = typeName(this) + "@" + Integer.toHexString(System.identityHashCode(this)) + " state="
                + s.description();
        if (s != FINISHED) {
            return head;
        }
        Throwable failure = exception;
        if (failure != null) {
            return head + " raised " + typeName(failure);
        }
        return head + " returned " + (result == null ? "null" : typeName(result));
    }

    private static String typeName(Object o) {
        String simple = o.getClass().getSimpleName();
        return simple.isEmpty() ? o.getClass().getName() : simple;
    }
}
