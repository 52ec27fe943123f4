package dev.pyconcurrent.examples.multiprocessing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pyconcurrent.ipc.shared.Value;
import dev.pyconcurrent.ipc.sync.Condition;
import dev.pyconcurrent.ipc.sync.Guard;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Article 002's {@code Condition} example: two {@code stage_2} processes wait on a condition; a second apart they
 * are started, then {@code s1} does the first stage and wakes them all with {@code notify_all()}. Output:
 * <pre>
 * Starting stage_2[1]
 * Starting stage_2[2]
 * Starting s1
 * s1 done and ready for stage 2
 * stage_2[1] running
 * stage_2[2] running
 * </pre>
 * (The two {@code running} lines may come in either order.)
 *
 * <p><b>What it teaches.</b> A condition variable is a lock plus a waiting room: {@code wait} releases the lock
 * and sleeps until notified, then takes the lock back; {@code notify_all} wakes every waiter, which then run one
 * at a time as each gets the lock.
 *
 * <p><b>Where Java differs, and one fix.</b> The article's {@code stage_2} calls a bare {@code cond.wait()} and
 * relies on the one-second pauses for the waiters to be waiting before {@code s1} notifies; a notification sent
 * before a waiter arrives is lost and that waiter sleeps forever. A forked CPython child is ready in a
 * millisecond; a JVM takes ~100 ms, so with {@code --scale 0.1} that race would be lost. Here {@code stage_2}
 * waits for a <em>state</em> instead ({@code cond.waitFor(() -> stage1Done == 1)}, Python's {@code wait_for}):
 * {@code s1} sets the flag under the condition's lock before notifying, and a late waiter sees the flag and
 * does not wait at all. That is the robust way to use any condition variable; the printed lines are the
 * article's. Java names: {@code wait}/{@code notify_all} are {@code await}/{@code signalAll}, because
 * {@code Object.wait/notifyAll} are final. The condition and its {@code RLock} live in the parent JVM; the
 * release-wait-reacquire of {@code await} happens atomically there, so no notification is missed in between.
 */
@Command(name = "condition", mixinStandardHelpOptions = true,
        description = "stage_1 notifies the stage_2 waiters through a Condition.")
public final class ConditionStages implements Callable<Integer> {

    @Mixin
    TimeScale time = new TimeScale();

    /** The condition and the state it guards (the flag needs no lock of its own: the condition's lock guards it). */
    record Stages(Condition cond, Value stage1Done) implements Serializable {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConditionStages()).execute(args));
    }

    /** Performs the first stage of work, then notifies stage_2 to continue. */
    static void stage1(Stages s) throws InterruptedException {
        String name = Process.currentProcess().name();
        System.out.println("Starting " + name);
        try (Guard g = s.cond().guard()) { // with cond:
            System.out.println(name + " done and ready for stage 2");
            s.stage1Done().setLong(1);
            s.cond().signalAll(); // cond.notify_all()
        }
    }

    /** Waits for the condition telling us stage_1 is done. */
    static void stage2(Stages s) throws InterruptedException {
        String name = Process.currentProcess().name();
        System.out.println("Starting " + name);
        try (Guard g = s.cond().guard()) { // with cond:
            s.cond().waitFor(() -> s.stage1Done().getLong() == 1); // article: cond.wait()
            System.out.println(name + " running");
        }
    }

    @Override
    public Integer call() throws Exception {
        Stages stages = new Stages(new Condition(), new Value('i', 0, false));
        Process s1 = Process.builder().name("s1").target(ConditionStages::stage1).args(stages).build();
        List<Process> s2Clients = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            s2Clients.add(Process.builder().name("stage_2[" + i + "]")
                    .target(ConditionStages::stage2).args(stages).build());
        }
        for (Process c : s2Clients) {
            c.start();
            time.sleep(1);
        }
        s1.start();

        s1.join();
        int failed = s1.exitCode() == 0 ? 0 : 1;
        for (Process c : s2Clients) {
            c.join();
            failed += c.exitCode() == 0 ? 0 : 1;
        }
        return failed == 0 ? 0 : 1;
    }
}
