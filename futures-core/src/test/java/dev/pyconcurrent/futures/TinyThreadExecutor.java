package dev.pyconcurrent.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pyconcurrent.futures.function.SerializableCallable;

/**
 * A minimal thread-backed {@link Executor} for testing the core without the real pools: a fixed set of daemon
 * threads runs CPython-style work items ({@code set_running_or_notify_cancel}, call, {@code set_result} /
 * {@code set_exception}). Test-only; the real pool lives in futures-thread.
 */
public final class TinyThreadExecutor extends Executor {
    private final ThreadPoolExecutor threads;
    private final AtomicInteger submitted = new AtomicInteger();
    private boolean shutdown;

    /** @param workers number of worker threads */
    public TinyThreadExecutor(int workers) {
        AtomicInteger n = new AtomicInteger();
        threads = new ThreadPoolExecutor(workers, workers, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "TinyThreadExecutor_" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> Future<T> submit(SerializableCallable<T> task) {
        Future<T> f = new Future<>();
        synchronized (this) {
            if (shutdown) {
                throw new IllegalStateException("cannot schedule new futures after shutdown");
            }
            submitted.incrementAndGet();
            threads.execute(new WorkItem<>(f, task));
        }
        return f;
    }

    /** @return how many calls were submitted so far */
    public int submittedCount() {
        return submitted.get();
    }

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        synchronized (this) {
            shutdown = true;
            if (cancelFutures) {
                List<Runnable> queued = new ArrayList<>();
                threads.getQueue().drainTo(queued);
                for (Runnable r : queued) {
                    ((WorkItem<?>) r).future().cancel();
                }
            }
            threads.shutdown();
        }
        if (wait) {
            try {
                if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("workers did not finish within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** CPython's {@code thread._WorkItem}. */
    record WorkItem<T>(Future<T> future, Callable<T> task) implements Runnable {
        @Override
        public void run() {
            if (!future.setRunningOrNotifyCancel()) {
                return;
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
    }
}
