package dev.pyconcurrent.examples.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.pyconcurrent.process.pool.PoolTrace;

/**
 * Follows the calls of one {@code map} through the pool: which work ids it submitted (in input order), where each one
 * was last seen and how it ended. The map scenario uses it to count calls (chunksize), to announce the socket hop
 * (step 3) and to show, after a timeout, what {@code map} could cancel and what ran on.
 *
 * <p>Why a trace: {@code map}'s iterator keeps its futures to itself, as CPython's {@code result_iterator} generator
 * does, so the states of the calls it cancelled cannot be asked from the futures; the pool's hops tell the same story.
 * The pool calls these methods on its own threads; they only record (and print one line) and never block.
 *
 * <p>Where a call is, as last reported (each moves only forward): SUBMITTED (PENDING, in the work queue) → IN_CALL_QUEUE
 * (RUNNING) → ON_WORKER (RUNNING, sent to a worker) → RESULT_QUEUED → DONE (result, exception or cancelled); or
 * SUBMITTED → DONE (cancelled before it reached the call queue).
 */
final class MapTrace implements PoolTrace {

    enum Place { SUBMITTED, IN_CALL_QUEUE, ON_WORKER, RESULT_QUEUED, DONE }

    /** Print the socket hop of each call. */
    volatile boolean loud;

    // All guarded by this.
    private final List<Long> calls = new ArrayList<>();
    private final Map<Long, String> taskText = new HashMap<>();
    private final Map<Long, Place> place = new HashMap<>();
    private final Map<Long, Long> workerPid = new HashMap<>();
    private final Map<Long, String> outcome = new HashMap<>();
    private int sentToWorkers;

    /** Forget the previous map: the next calls are numbered from 0 again. */
    synchronized void reset() {
        calls.clear();
        taskText.clear();
        place.clear();
        workerPid.clear();
        outcome.clear();
        sentToWorkers = 0;
    }

    @Override
    public synchronized void submitted(long workId, Object task) {
        calls.add(workId); // map submits on the caller's thread, in input order
        taskText.put(workId, String.valueOf(task));
        place.put(workId, Place.SUBMITTED);
    }

    @Override
    public synchronized void movedToCallQueue(long workId) {
        advance(workId, Place.IN_CALL_QUEUE);
    }

    @Override
    public void takenByWorker(long workId, long pid) {
        synchronized (this) {
            advance(workId, Place.ON_WORKER);
            workerPid.put(workId, pid);
            sentToWorkers++;
        }
        if (loud) {
            Say.lineFromThread("pool", "work item " + workId + " goes to worker pid " + pid
                    + ": serialize its call (2), write the frame to that worker's Unix socket (3)");
        }
    }

    @Override
    public synchronized void resultQueued(long workId, long pid, boolean failed) {
        advance(workId, Place.RESULT_QUEUED);
    }

    @Override
    public synchronized void futureSet(long workId, String outcome) {
        advance(workId, Place.DONE);
        this.outcome.put(workId, outcome);
    }

    /** Hops of one call are reported by different threads; keep the furthest one. */
    private void advance(long workId, Place to) {
        Place from = place.get(workId);
        if (from == null || from.compareTo(to) < 0) {
            place.put(workId, to);
        }
    }

    /** @return this map's work ids in input order (one per call: per item, or per chunk) */
    synchronized List<Long> calls() {
        return new ArrayList<>(calls);
    }

    synchronized String taskText(long workId) {
        return taskText.get(workId);
    }

    /** @return how many calls a channel thread sent to a worker (one CALL frame each) */
    synchronized int sentToWorkers() {
        return sentToWorkers;
    }

    synchronized Place place(long workId) {
        return place.get(workId);
    }

    synchronized Long workerPid(long workId) {
        return workerPid.get(workId);
    }

    /** @return "result", "exception", "cancelled", or null if the pool has not reported an end yet */
    synchronized String outcome(long workId) {
        return outcome.get(workId);
    }
}
