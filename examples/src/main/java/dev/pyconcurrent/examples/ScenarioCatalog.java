package dev.pyconcurrent.examples;

import java.util.List;
import java.util.function.Supplier;

/**
 * Every article scenario, in the order the articles tell them, with the picocli command that runs it.
 */
public final class ScenarioCatalog {

    /**
     * One scenario.
     *
     * @param name               the launcher name ({@code ./examples/run NAME})
     * @param article            the article and section it reproduces
     * @param summary            one line for {@code --help}
     * @param command            creates the picocli command object
     */
    public record Scenario(String name, String article, String summary, Supplier<Object> command) {
    }

    private ScenarioCatalog() {
    }

    /** All scenarios, in article order. */
    public static List<Scenario> all() {
        return List.of(
                // 000/001: concurrent.futures
                ready("thread-pool", "000 multithreading", "N threads run M one-second tasks; shows interleaved prints",
                        dev.pyconcurrent.examples.futures.ThreadPoolSquares::new),
                ready("process-pool", "000 multiprocess", "the pi series per n across P processes; speed-up up to the core count",
                        dev.pyconcurrent.examples.futures.ProcessPoolPi::new),
                ready("future-internals", "000 Future", "the Future as a condition-variable result pit",
                        dev.pyconcurrent.examples.futures.FutureInternals::new),
                ready("thread-pool-internals", "000 thread pool internals", "the task queue between submitter and competing workers",
                        dev.pyconcurrent.examples.futures.ThreadPoolInternals::new),
                ready("unbounded-queue", "000 thread pool internals", "memory grows with the unbounded queue, stays flat when bounded",
                        dev.pyconcurrent.examples.futures.UnboundedQueue::new),
                ready("process-pool-internals", "000 process pool internals", "the six-step data flow of the process pool, traced live",
                        dev.pyconcurrent.examples.futures.ProcessPoolInternals::new),
                ready("socketpair-queue", "000 process pool internals", "a cross-process queue over a socketpair, step by step",
                        dev.pyconcurrent.examples.futures.SocketpairQueue::new),
                // 002: multiprocessing
                ready("fork", "002 os.fork", "the JVM cannot fork: the spawn equivalent with parent/child pids",
                        dev.pyconcurrent.examples.multiprocessing.ForkEquivalent::new),
                ready("process", "002 Process", "start a child process and join it",
                        dev.pyconcurrent.examples.multiprocessing.ProcessStartJoin::new),
                ready("pool-map", "002 Pool", "Pool.map over a list on 8 worker processes, then close/join",
                        dev.pyconcurrent.examples.multiprocessing.PoolMap::new),
                ready("pool-apply-async", "002 Pool", "Pool.apply_async: submission does not wait; 8 calls run at a time",
                        dev.pyconcurrent.examples.multiprocessing.PoolApplyAsync::new),
                ready("pool-apply", "002 Pool", "Pool.apply: each call blocks, so one runs at a time",
                        dev.pyconcurrent.examples.multiprocessing.PoolApply::new),
                ready("pool-imap", "002 Pool", "imap returns at once in input order, imap_unordered in completion "
                        + "order, imap(buffersize=) over an endless input",
                        dev.pyconcurrent.examples.multiprocessing.PoolImap::new),
                ready("queue", "002 Queue", "a writer and a reader process share a Queue",
                        dev.pyconcurrent.examples.multiprocessing.QueueWriterReader::new),
                ready("queue-shutdown", "002 Queue", "CPython main's Queue.shutdown(): the endless reader ends by "
                        + "itself, no terminate()",
                        dev.pyconcurrent.examples.multiprocessing.QueueShutdown::new),
                ready("joinable-queue", "002 JoinableQueue", "a producer and a daemon consumer with task_done/join",
                        dev.pyconcurrent.examples.multiprocessing.JoinableQueueConsumer::new),
                ready("value-array", "002 Value and Array", "shared memory: prints 3.14 and [5, 1, 2, ..., 9]",
                        dev.pyconcurrent.examples.multiprocessing.SharedValueArray::new),
                ready("pipe", "002 Pipe", "parent and child greet each other over a Pipe",
                        dev.pyconcurrent.examples.multiprocessing.PipeGreeting::new),
                ready("manager", "002 Manager", "Value, Array, list, dict and Namespace through a Manager",
                        dev.pyconcurrent.examples.multiprocessing.ManagerShared::new),
                ready("lock", "002 Lock", "20 processes print under one Lock",
                        dev.pyconcurrent.examples.multiprocessing.LockedHello::new),
                ready("rlock", "002 RLock", "a re-entrant lock taken twice by its owner",
                        dev.pyconcurrent.examples.multiprocessing.RLockReentry::new),
                ready("semaphore", "002 Semaphore", "5 users, 2 slots",
                        dev.pyconcurrent.examples.multiprocessing.SemaphoreStalls::new),
                ready("condition", "002 Condition", "stage_1 notifies the stage_2 waiters",
                        dev.pyconcurrent.examples.multiprocessing.ConditionStages::new),
                ready("event", "002 Event", "a blocking waiter and a timeout waiter",
                        dev.pyconcurrent.examples.multiprocessing.EventWaiters::new),
                ready("dummy-pool", "002 multiprocessing.dummy", "the thread-backed Pool",
                        dev.pyconcurrent.examples.multiprocessing.DummyPool::new),
                ready("executor-submit", "002 concurrent.futures", "submit and result",
                        dev.pyconcurrent.examples.multiprocessing.ExecutorSubmit::new),
                ready("executor-map", "002 concurrent.futures", "map yields results in input order",
                        dev.pyconcurrent.examples.multiprocessing.ExecutorMap::new),
                ready("future-methods", "002 concurrent.futures", "done, running, cancel, result on live futures",
                        dev.pyconcurrent.examples.multiprocessing.FutureMethods::new),
                ready("wait", "002 wait", "wait with each return_when",
                        dev.pyconcurrent.examples.multiprocessing.WaitReturnWhen::new),
                ready("as-completed", "002 as_completed", "futures in completion order, random sleeps",
                        dev.pyconcurrent.examples.multiprocessing.AsCompleted::new),
                // 003: ProcessPoolExecutor.map
                ready("process-pool-map", "003 ProcessPoolExecutor.map", "map with a timeout; the ten serialize/socket steps made visible",
                        dev.pyconcurrent.examples.map.ProcessPoolMap::new));
    }

    private static Scenario ready(String name, String article, String summary, Supplier<Object> command) {
        return new Scenario(name, article, summary, command);
    }
}
