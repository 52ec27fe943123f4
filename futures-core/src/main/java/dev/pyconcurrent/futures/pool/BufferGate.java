package dev.pyconcurrent.futures.pool;

/**
 * The back-pressure of {@code imap(..., buffersize)}: at most {@code buffersize} tasks of one job may be read from
 * the input and submitted before the consumer has taken their results.
 *
 * <p>CPython counterpart: the {@code threading.Semaphore(buffersize)} that CPython main's
 * {@code Lib/multiprocessing/pool.py: IMapIterator} creates when {@code buffersize} is given, acquired by the lazy
 * task generator before it reads each task from the input and released by {@code IMapIterator.next()} each time it
 * hands out a task's result. Releases before 3.15 have no {@code buffersize}: {@code imap} reads the whole input as
 * fast as the task handler can.
 *
 * <p>Where Java differs: CPython's task handler <em>blocks</em> in {@code acquire()}, so every job queued behind a
 * full buffered {@code imap} waits for its consumer too, and {@code terminate()} has to release the semaphores to
 * unblock it. Here the task handler never blocks on a gate: when no permit is left it <em>parks</em> the job
 * ({@link #park}) and goes on with the next job; the consumer's {@link #release} hands the job back (the
 * {@code resume} action puts it on the task queue again). {@link #close} (job aborted, pool terminated or broken)
 * ends the job's reading for good.
 *
 * <h2>States (under this object's monitor)</h2>
 * <pre>
 *   OPEN(p)  -> OPEN(p-1)   tryAcquire(): a permit for one more task (p > 0)
 *   OPEN(0)  -> PARKED      park(resume): the task handler leaves the job here
 *   OPEN(p)  -> OPEN(p+1)   release(): the consumer took a task's result
 *   PARKED   -> OPEN(1)     release(): resume runs (outside the monitor), the job goes back to the task queue
 *   OPEN/PARKED -> CLOSED   close(): tryAcquire() is false for good; a parked job is resumed so it can end
 * </pre>
 * CLOSED is final. Race reasoning: {@link #park} re-checks the permits under the same monitor {@link #release}
 * takes, so a release that lands between the task handler's failed {@link #tryAcquire} and its {@link #park} makes
 * {@code park} refuse (the handler simply reads on) instead of being lost.
 */
public final class BufferGate {
    private int permits;
    private Runnable parked;
    private boolean closed;

    /**
     * @param buffersize the number of tasks that may be read ahead of the consumer, at least 1
     * @throws IllegalArgumentException if {@code buffersize < 1}
     */
    public BufferGate(int buffersize) {
        Pool.checkBuffersize(buffersize);
        this.permits = buffersize;
    }

    /** @return true if one more task may be read now (a permit was taken); false if full or closed */
    public synchronized boolean tryAcquire() {
        if (closed || permits == 0) {
            return false;
        }
        permits--;
        return true;
    }

    /**
     * Leaves the job here until the consumer makes room.
     *
     * @param resume what a later {@link #release} or {@link #close} runs (in that caller's thread, so it must not
     *               block): put the job back on the task queue
     * @return true if parked; false if a permit arrived or the gate closed meanwhile (the caller goes on reading)
     */
    public synchronized boolean park(Runnable resume) {
        if (closed || permits > 0) {
            return false;
        }
        if (parked != null) {
            throw new IllegalStateException("a job is already parked at this gate");
        }
        parked = resume;
        return true;
    }

    /** The consumer took one task's result: one more task may be read; resumes a parked job. */
    public void release() {
        Runnable resume;
        synchronized (this) {
            permits++;
            resume = parked;
            parked = null;
        }
        if (resume != null) {
            resume.run();
        }
    }

    /** No task will be read any more (the job ended early); resumes a parked job so its task handler can end it. */
    public void close() {
        Runnable resume;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            resume = parked;
            parked = null;
        }
        if (resume != null) {
            resume.run();
        }
    }

    /** @return true once {@link #close} ran */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** @return the tasks that may still be read before the consumer must take a result (for tests, diagnostics) */
    public synchronized int availablePermits() {
        return permits;
    }

    @Override
    public synchronized String toString() {
        return "BufferGate[" + (closed ? "CLOSED" : parked != null ? "PARKED" : "OPEN(" + permits + ")") + "]";
    }
}
