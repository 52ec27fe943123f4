package dev.pyconcurrent.examples.multiprocessing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import dev.pyconcurrent.ipc.shared.Value;
import dev.pyconcurrent.ipc.sync.Guard;
import dev.pyconcurrent.ipc.sync.Semaphore;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Article 002's {@code Semaphore} example: five users, a toilet with two stalls ({@code Semaphore(2)}). Each
 * user process takes a stall, stays 0 to 3 seconds, leaves. Output (order varies):
 * <pre>
 * user0 got a stall (1 of 2 taken)
 * user2 got a stall (2 of 2 taken)
 * user0 OK
 * user1 got a stall (2 of 2 taken)
 * ...
 * user4 OK
 * </pre>
 * The article prints {@code user0 占到一个茅坑} ("got a stall") and {@code user0 OK}. The occupancy in brackets
 * is this example's addition, so that "never more than two inside" can be read off the output: a shared
 * {@code Value('i')} counts who is inside, updated under its own lock right after {@code acquire} and right
 * before {@code release}.
 *
 * <p><b>What it teaches.</b> A semaphore is a lock with a counter: up to N holders at once, the (N+1)-th waits
 * until someone releases. (The {@code OK} line is printed after {@code release}, as in the article, so a new
 * user's "got a stall" may appear just before the leaving user's {@code OK}.)
 *
 * <p><b>Where Java differs.</b> CPython's semaphore is a POSIX named semaphore; here it lives in the parent JVM
 * and children call it over a socket. If a child dies holding units, the parent gives them back (CPython loses
 * them). The counter is a compound update ({@code +=}), so it needs the value's lock, exactly as in CPython.
 */
@Command(name = "semaphore", mixinStandardHelpOptions = true,
        description = "5 users, 2 slots: a Semaphore(2) shared by 5 processes.")
public final class SemaphoreStalls implements Callable<Integer> {

    @Mixin
    TimeScale time = new TimeScale();

    @Option(names = "--users", defaultValue = "5", description = "how many user processes (default: ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--stalls", defaultValue = "2", description = "the semaphore's value (default: ${DEFAULT-VALUE})")
    int stalls;

    /** What every user process receives. */
    record Toilet(Semaphore sem, Value inside, int stalls, double scale) implements Serializable {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SemaphoreStalls()).execute(args));
    }

    /** The article's {@code go_wc(sem, user)}: runs in each user process. */
    static void goWc(Toilet t, String user) throws InterruptedException {
        t.sem().acquire();
        long taken;
        try (Guard g = t.inside().getLock().guard()) {
            taken = t.inside().getLong() + 1;
            t.inside().setLong(taken);
        }
        System.out.println(user + " got a stall (" + taken + " of " + t.stalls() + " taken)");
        TimeScale.sleep(ThreadLocalRandom.current().nextInt(0, 4), t.scale()); // random.randint(0, 3)
        try (Guard g = t.inside().getLock().guard()) {
            t.inside().setLong(t.inside().getLong() - 1);
        }
        t.sem().release();
        System.out.println(user + " OK");
    }

    @Override
    public Integer call() throws Exception {
        Toilet toilet = new Toilet(new Semaphore(stalls), new Value('i', 0), stalls, time.factor());
        List<Process> pl = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            Process p = new Process(SemaphoreStalls::goWc, toilet, "user" + i);
            p.start();
            pl.add(p);
        }
        int failed = 0;
        for (Process p : pl) {
            p.join();
            failed += p.exitCode() == 0 ? 0 : 1;
        }
        return failed == 0 ? 0 : 1;
    }
}
