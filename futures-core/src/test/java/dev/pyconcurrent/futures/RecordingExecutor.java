package dev.pyconcurrent.futures;

import java.util.ArrayList;
import java.util.List;

import dev.pyconcurrent.futures.function.SerializableCallable;

/**
 * An executor that runs nothing: it records each submitted task with its PENDING future, so a test decides when and
 * how every future completes. Optionally refuses the n-th submission, like a pool that was shut down meanwhile.
 */
final class RecordingExecutor extends Executor {
    final List<SerializableCallable<?>> tasks = new ArrayList<>();
    final List<Future<?>> futures = new ArrayList<>();
    final List<String> shutdowns = new ArrayList<>();
    private final int refuseFrom;

    RecordingExecutor() {
        this(Integer.MAX_VALUE);
    }

    /** @param refuseFrom index of the first submission to refuse */
    RecordingExecutor(int refuseFrom) {
        this.refuseFrom = refuseFrom;
    }

    @Override
    public synchronized <T> Future<T> submit(SerializableCallable<T> task) {
        if (tasks.size() >= refuseFrom) {
            throw new IllegalStateException("cannot schedule new futures after shutdown");
        }
        Future<T> f = new Future<>();
        tasks.add(task);
        futures.add(f);
        return f;
    }

    /** Runs the i-th recorded task in the calling thread, the way a worker would. */
    @SuppressWarnings("unchecked")
    <T> void runTask(int i) {
        Future<T> f = (Future<T>) futures.get(i);
        if (!f.setRunningOrNotifyCancel()) {
            return;
        }
        try {
            f.setResult(((SerializableCallable<T>) tasks.get(i)).call());
        } catch (Exception e) {
            f.setException(e);
        }
    }

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        shutdowns.add("wait=" + wait + " cancelFutures=" + cancelFutures);
    }
}
