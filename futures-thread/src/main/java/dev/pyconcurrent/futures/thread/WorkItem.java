package dev.pyconcurrent.futures.thread;

import java.util.concurrent.Callable;

import dev.pyconcurrent.futures.Future;

/**
 * One queued call and the future it fills.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/thread.py: _WorkItem}. {@link #run()} acknowledges a
 * cancellation or moves the future to RUNNING ({@code set_running_or_notify_cancel}), runs the call, and stores
 * its result or whatever it threw (CPython catches {@code BaseException}; here every {@link Throwable}, including
 * errors, so a failing call never kills its worker).
 *
 * @param <T> the result type
 */
final class WorkItem<T> {
    final Future<T> future;
    private final Callable<T> task;

    WorkItem(Future<T> future, Callable<T> task) {
        this.future = future;
        this.task = task;
    }

    void run() {
        if (!future.setRunningOrNotifyCancel()) {
            return; // cancelled while queued; the waiters were just told
        }
        T value;
        try {
            value = task.call();
        } catch (Throwable t) {
            future.setException(t);
            return;
        }
        future.setResult(value);
    }

    @Override
    public String toString() {
        return "WorkItem[" + task + "]";
    }
}
