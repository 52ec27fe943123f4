package dev.pyconcurrent.examples.multiprocessing;

import java.io.Serializable;
import java.util.concurrent.Callable;

import dev.pyconcurrent.ipc.sync.Event;
import dev.pyconcurrent.ipc.sync.Lock;
import dev.pyconcurrent.ipc.sync.RLock;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Article 002's {@code RLock} section. The article describes the re-entrant lock (an owner and a recursion
 * counter: every {@code acquire} by the owner adds one, every {@code release} removes one, the lock is free at
 * zero) but gives no code, so this is the natural example of that description: an owner process takes the
 * lock twice, a waiter process cannot get in until the owner has released <em>both</em> levels. Output:
 * <pre>
 * owner (5101): acquire() -&gt; depth 1
 * owner (5101): acquire() again by its owner, no deadlock -&gt; depth 2
 * owner (5101): a plain Lock taken again by its owner: acquire(block=False) -&gt; false (blocking would wait forever)
 * waiter (5102): acquire(block=False) -&gt; false: the owner holds it
 * waiter (5102): release() of a lock it does not own -&gt; IllegalMonitorStateException
 * waiter (5102): acquire() blocks until the owner has released every level...
 * owner (5101): release() -&gt; depth 1: still held, the waiter keeps waiting
 * owner (5101): release() -&gt; depth 0: the lock is free
 * waiter (5102): acquired -&gt; depth 1
 * </pre>
 *
 * <p><b>What it teaches.</b> Re-entrancy: code holding the lock may call code that takes it again (a method
 * calling another method of the same guarded object), which deadlocks with a plain {@code Lock}. The count must
 * return to zero before anyone else gets in, and only the owner may release.
 *
 * <p><b>Where Java differs.</b> The owner is (process, thread), as in CPython; the lock lives in the parent JVM and
 * the children call it over a socket. Releasing an {@code RLock} one does not own throws
 * {@code IllegalMonitorStateException} (CPython: {@code AssertionError}). Two {@code Event}s only order the
 * steps so that the output above is the same on every run; they are not part of the RLock lesson.
 */
@Command(name = "rlock", mixinStandardHelpOptions = true,
        description = "A re-entrant lock taken twice by its owner; a waiter gets it after both releases.")
public final class RLockReentry implements Callable<Integer> {

    @Mixin
    TimeScale time = new TimeScale();

    /** What both children receive: the lock and two events that put their steps in a fixed order. */
    record Shared(RLock rlock, Event ownerHoldsIt, Event waiterIsWaiting, double scale) implements Serializable {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RLockReentry()).execute(args));
    }

    static void owner(Shared s) throws InterruptedException {
        String me = "owner (" + ProcessHandle.current().pid() + ")";
        RLock rlock = s.rlock();
        rlock.acquire();
        System.out.println(me + ": acquire() -> depth " + rlock.holdCount());
        rlock.acquire();
        System.out.println(me + ": acquire() again by its owner, no deadlock -> depth " + rlock.holdCount());

        Lock plain = new Lock();
        plain.acquire();
        System.out.println(me + ": a plain Lock taken again by its owner: acquire(block=False) -> "
                + plain.acquire(false) + " (blocking would wait forever)");
        plain.release();

        s.ownerHoldsIt().set();
        s.waiterIsWaiting().await();
        TimeScale.sleep(1, s.scale());
        rlock.release();
        System.out.println(me + ": release() -> depth " + rlock.holdCount()
                + ": still held, the waiter keeps waiting");
        TimeScale.sleep(1, s.scale());
        // Printed before the call: once released, the waiter prints at once and could overtake this line.
        System.out.println(me + ": release() -> depth 0: the lock is free");
        rlock.release();
    }

    static void waiter(Shared s) throws InterruptedException {
        String me = "waiter (" + ProcessHandle.current().pid() + ")";
        RLock rlock = s.rlock();
        s.ownerHoldsIt().await();
        System.out.println(me + ": acquire(block=False) -> " + rlock.acquire(false) + ": the owner holds it");
        try {
            rlock.release();
            System.out.println(me + ": release() of a lock it does not own -> succeeded?!");
        } catch (IllegalMonitorStateException e) {
            System.out.println(me + ": release() of a lock it does not own -> " + e.getClass().getSimpleName());
        }
        System.out.println(me + ": acquire() blocks until the owner has released every level...");
        s.waiterIsWaiting().set();
        rlock.acquire();
        System.out.println(me + ": acquired -> depth " + rlock.holdCount());
        rlock.release();
    }

    @Override
    public Integer call() throws Exception {
        Shared shared = new Shared(new RLock(), new Event(), new Event(), time.factor());
        Process owner = new Process(RLockReentry::owner, shared);
        Process waiter = new Process(RLockReentry::waiter, shared);
        owner.start();
        waiter.start();
        owner.join();
        waiter.join();
        return owner.exitCode() == 0 && waiter.exitCode() == 0 ? 0 : 1;
    }
}
