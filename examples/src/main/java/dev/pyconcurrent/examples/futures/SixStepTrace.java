package dev.pyconcurrent.examples.futures;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.pyconcurrent.process.pool.PoolTrace;

/**
 * A {@link PoolTrace} that prints each hop of a work item as one of the article's six steps, numbered as the article
 * numbers them, with the thread that reported it:
 * <pre>
 * [step 1] +  12 ms main                            work item 0: submit(...) put it in the work queue; ...
 * [step 2] +  13 ms ProcessPoolExecutor-1-manager   work item 0: moved from the work queue to the call queue; ...
 * </pre>
 *
 * <p><b>Why hops are sometimes held back.</b> The pool reports a hop right <em>after</em> doing it, on the thread that
 * did it. So two hops done by different threads can be reported in the opposite order: the manager thread puts an
 * item in the call queue and then reports step 2, but a worker's channel thread may already have taken it and
 * reported step 3; the manager sets the future and then reports step 5, but main may already have woken up with the
 * result (step 6). To print every item's steps in their real order, a step whose predecessor has not been printed
 * yet waits here and is printed, marked "(held back)", right after it. Every method is short and never blocks: the
 * pool calls them on its internal threads.
 *
 * <p>States per work item: steps 1..6 are printed in order, each exactly once; the item is done after step 6.
 */
final class SixStepTrace implements PoolTrace {

    private static final int STEPS = 6;

    private final long start = System.nanoTime();
    /** The work id of the last {@code submit} on each thread: the pool reports step 1 on the submitting thread. */
    private final ThreadLocal<Long> lastSubmitted = new ThreadLocal<>();
    /** Guarded by this. */
    private final Map<Long, Steps> items = new HashMap<>();
    /** Guarded by this: every worker pid that took a work item. */
    private final Set<Long> workerPids = new TreeSet<>();

    /** One work item's lines: {@code next} is the step to print next; later ones wait in {@code held}. */
    private static final class Steps {
        int next = 1;
        final String[] held = new String[STEPS + 1];
    }

    @Override
    public void submitted(long workId, Object task) {
        lastSubmitted.set(workId);
        hop(workId, 1, "submit(" + task + ") put it in the work queue; main got its future back");
    }

    @Override
    public void movedToCallQueue(long workId) {
        hop(workId, 2, "moved from the work queue to the call queue (future now RUNNING)");
    }

    @Override
    public void takenByWorker(long workId, long pid) {
        synchronized (this) {
            workerPids.add(pid);
        }
        hop(workId, 3, "taken from the call queue by worker pid " + pid + " (sent over its Unix socket)");
    }

    @Override
    public void resultQueued(long workId, long pid, boolean failed) {
        hop(workId, 4, "worker pid " + pid + " put its " + (failed ? "failure" : "result") + " on the result queue");
    }

    @Override
    public void futureSet(long workId, String outcome) {
        hop(workId, 5, "taken from the result queue; the future is set (" + outcome + ")");
    }

    /** Step 6, reported by main once {@code result()} returned. */
    void mainGotResult(long workId, Object result) {
        hop(workId, 6, "future.result() returned " + result);
    }

    /** @return the work id the pool gave the last {@code submit} made on this thread */
    long lastSubmittedWorkId() {
        Long id = lastSubmitted.get();
        if (id == null) {
            throw new IllegalStateException("this thread has not submitted anything through the traced pool");
        }
        return id;
    }

    synchronized Set<Long> workerPids() {
        return new TreeSet<>(workerPids);
    }

    /**
     * Records one step and prints every step of the item that is now in order. The line is composed now (its time and
     * thread are the reporter's), and printed now or, if an earlier step is missing, when that one arrives.
     */
    private synchronized void hop(long workId, int step, String what) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        String line = String.format("[step %d] +%5d ms %-32s work item %d: %s",
                step, ms, Thread.currentThread().getName(), workId, what);
        Steps steps = items.computeIfAbsent(workId, id -> new Steps());
        if (step != steps.next) {
            steps.held[step] = line + " (held back: step " + steps.next + " was reported later)";
            return;
        }
        System.out.println(line);
        steps.next++;
        // Goal: print whatever waited for this step, in order, and stop at the first gap.
        while (steps.next <= STEPS && steps.held[steps.next] != null) {
            System.out.println(steps.held[steps.next]);
            steps.held[steps.next] = null;
            steps.next++;
        }
        if (steps.next > STEPS) {
            items.remove(workId);
        }
    }
}
