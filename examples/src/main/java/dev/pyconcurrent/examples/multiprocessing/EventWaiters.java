package dev.pyconcurrent.examples.multiprocessing;

import java.io.Serializable;
import java.util.concurrent.Callable;

import dev.pyconcurrent.ipc.sync.Barrier;
import dev.pyconcurrent.ipc.sync.Event;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Article 002's {@code Event} example: process {@code block} waits for the event with no timeout, process
 * {@code nonblock} waits at most 2 seconds, and the main process sets the event after 3 seconds. The timeout
 * waiter gives up first and sees the flag still false; the blocking waiter wakes when the flag is set. Output:
 * <pre>
 * wait_for_event: starting
 * wait_for_event_timeout: starting
 * main: waiting before calling Event.set()
 * wait_for_event_timeout: e.is_set()-&gt; false
 * main: event is set
 * wait_for_event: e.is_set()-&gt; true
 * </pre>
 * (The last two lines may come in either order. Python prints {@code True}/{@code False}.)
 *
 * <p><b>What it teaches.</b> An event is a shared boolean that processes can wait for: {@code set()} wakes every
 * waiter, {@code wait(timeout)} returns after the timeout even if nobody set it, and {@code is_set()} tells which
 * of the two happened.
 *
 * <p><b>Where Java differs.</b> CPython's {@code wait} is a method name Java reserves ({@code Object.wait} is
 * final), so it is {@code await}. The event lives in the parent JVM. A forked child is waiting within a
 * millisecond of {@code start()}, so in the article the main's three seconds and the waiter's two are measured
 * from about the same instant; a child JVM takes ~100 ms or more to start, which would eat into those margins
 * (and with {@code --scale 0.1} could let the main set the event before the timeout waiter even started). So
 * the two children and the main first meet at a {@code Barrier(3)}, and every timing starts from there.
 */
@Command(name = "event", mixinStandardHelpOptions = true,
        description = "An Event with a blocking waiter and a timeout waiter.")
public final class EventWaiters implements Callable<Integer> {

    @Mixin
    TimeScale time = new TimeScale();

    /** What both waiters receive. */
    record Shared(Event e, Barrier lineUp, double timeoutSeconds) implements Serializable {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EventWaiters()).execute(args));
    }

    /** Waits for the event to be set before doing anything. */
    static void waitForEvent(Shared s) throws Exception {
        System.out.println("wait_for_event: starting");
        s.lineUp().await();
        s.e().await(); // e.wait()
        System.out.println("wait_for_event: e.is_set()-> " + s.e().isSet());
    }

    /** Waits {@code t} seconds and then times out. */
    static void waitForEventTimeout(Shared s) throws Exception {
        System.out.println("wait_for_event_timeout: starting");
        s.lineUp().await();
        s.e().await(s.timeoutSeconds()); // e.wait(t)
        System.out.println("wait_for_event_timeout: e.is_set()-> " + s.e().isSet());
    }

    @Override
    public Integer call() throws Exception {
        Shared shared = new Shared(new Event(), new Barrier(3), time.seconds(2));
        Process w1 = Process.builder().name("block").target(EventWaiters::waitForEvent).args(shared).build();
        w1.start();
        Process w2 = Process.builder().name("nonblock").target(EventWaiters::waitForEventTimeout).args(shared).build();
        w2.start();

        shared.lineUp().await(); // Java-only: start the clocks when both waiters are running (class comment)
        System.out.println("main: waiting before calling Event.set()");
        time.sleep(3);
        shared.e().set();
        System.out.println("main: event is set");
        w1.join();
        w2.join();
        return w1.exitCode() == 0 && w2.exitCode() == 0 ? 0 : 1;
    }
}
