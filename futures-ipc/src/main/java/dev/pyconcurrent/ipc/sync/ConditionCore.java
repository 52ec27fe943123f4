package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostCall;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.HostedResource;
import dev.pyconcurrent.ipc.host.Waits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host-side state of a {@link Condition}: the queue of waiters, on top of the
 * {@link SemLockCore} of its lock (which must live in the same host, so that release-wait-reacquire
 * is atomic there).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: Condition}, which builds the
 * same thing from three semaphores ({@code _sleeping_count}, {@code _woken_count},
 * {@code _wait_semaphore}). Here a waiter is a ticket in a FIFO queue, as in {@code threading.Condition}.
 *
 * <h2>A waiter's states and transitions</h2>
 * <pre>
 *   wait():   caller must own the lock (else IllegalMonitorStateException)
 *             QUEUED (ticket added BEFORE the lock is released, so no notify can be missed)
 *             --notify(n) pops it--&gt; NOTIFIED --&gt; re-acquires the lock (all recursion levels) --&gt; returns true
 *             --timeout--&gt; removed --&gt; re-acquires --&gt; returns false
 *             --interrupted (local) / cancelled (remote)--&gt; removed --&gt; re-acquires --&gt; InterruptedException
 *             --remote caller died--&gt; removed; lock not re-acquired
 *   A ticket that was NOTIFIED but whose owner then gives up passes the notification to the next
 *   waiter, so notify(n) wakes n live waiters when there are that many.
 * </pre>
 */
final class ConditionCore implements HostedResource {
    static final byte OP_WAIT = HostProtocol.FIRST_RESOURCE_OP;
    static final byte OP_NOTIFY = OP_WAIT + 1;

    private static final class Ticket {
        final Object owner;
        boolean notified;

        Ticket(Object owner) {
            this.owner = owner;
        }
    }

    private final String name;
    final SemLockCore lock;
    private final ReentrantLock mon = new ReentrantLock();
    private final java.util.concurrent.locks.Condition changed = mon.newCondition();
    private final ArrayDeque<Ticket> waiters = new ArrayDeque<>();

    ConditionCore(String name, SemLockCore lock) {
        this.name = name;
        this.lock = lock;
    }

    @Override
    public String describe() {
        return name;
    }

    boolean await(long timeoutNanos, Caller caller) throws InterruptedException {
        lock.checkMine(caller, "cannot wait on un-acquired lock");
        Ticket t = new Ticket(caller.owner());
        mon.lock();
        try {
            waiters.addLast(t);
        } finally {
            mon.unlock();
        }
        int levels = lock.releaseFully(caller);
        boolean notified;
        try {
            mon.lock();
            try {
                notified = Waits.await(changed, () -> t.notified, timeoutNanos, caller);
                if (!notified) {
                    waiters.remove(t);
                }
            } finally {
                mon.unlock();
            }
        } catch (InterruptedException e) {
            giveUp(t);
            lock.reacquire(caller, levels);                // as threading: the lock is held again on exit
            throw e;
        } catch (RuntimeException e) {
            giveUp(t);                                      // remote caller gone: nothing to re-acquire for
            throw e;
        }
        lock.reacquire(caller, levels);
        return notified;
    }

    void notify(int n, Caller caller) {
        lock.checkMine(caller, "cannot notify on un-acquired lock");
        mon.lock();
        try {
            wake(n);
        } finally {
            mon.unlock();
        }
    }

    private void wake(int n) {
        int woken = 0;
        while (woken < n && !waiters.isEmpty()) {
            waiters.pollFirst().notified = true;
            woken++;
        }
        if (woken > 0) {
            changed.signalAll();
        }
    }

    private void giveUp(Ticket t) {
        mon.lock();
        try {
            if (!waiters.remove(t) && t.notified) {
                wake(1);                                    // do not swallow a notification
            }
        } finally {
            mon.unlock();
        }
    }

    /** Waiters queued (for tests: CPython checks its sleeping/woken counters the same way). */
    int waiting() {
        mon.lock();
        try {
            return waiters.size();
        } finally {
            mon.unlock();
        }
    }

    @Override
    public void ownerGone(Object gone) {
        mon.lock();
        try {
            for (Iterator<Ticket> it = waiters.iterator(); it.hasNext(); ) {
                if (it.next().owner == gone) {
                    it.remove();
                }
            }
        } finally {
            mon.unlock();
        }
        lock.ownerGone(gone);
    }

    @Override
    public void serve(byte op, ByteBuffer args, HostCall call) throws IOException, InterruptedException {
        switch (op) {
            case OP_WAIT -> call.answer(await(args.getLong(), call.caller()));
            case OP_NOTIFY -> {
                notify(args.getInt(), call.caller());
                call.ok();
            }
            default -> throw new IllegalArgumentException(name + ": unknown op " + op);
        }
    }
}
