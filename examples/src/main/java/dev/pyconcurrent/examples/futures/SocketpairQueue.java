package dev.pyconcurrent.examples.futures;

import java.util.HexFormat;
import java.util.concurrent.Callable;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.Pipe;
import dev.pyconcurrent.ipc.queues.Queue;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 000's "Cross process queue": how a task crosses from the parent to a child process and its result
 * comes back, first step by step by hand, then through a {@code Queue} that does the same steps for you.
 * Output (pids and byte counts vary with the JDK):
 * <pre>
 * == 1. By hand: a socket pair and the serializer (what the queue does inside) ==
 * [parent 7001] task = EachTask[n=1000000]
 * [parent 7001] 1. serialize(task) -&gt; 87 bytes: aced0005737200...
 * [parent 7001] 2. sendBytes: one frame = 4-byte length + 87 bytes into the socket's kernel buffer
 * [child  7002] 3. recvBytes -&gt; 87 bytes
 * [child  7002] 4. deserialize -&gt; EachTask[n=1000000]; running it -&gt; 3.1415916986605086
 * [child  7002] 5. serialize(result) -&gt; 84 bytes; 6. sendBytes back
 * [parent 7001] 7. recvBytes -&gt; 84 bytes; 8. deserialize -&gt; 3.1415916986605086
 * == 2. The same through a Queue: put and get do those steps ==
 * [parent 7001] callQueue.put(EachTask[n=1000000]): serialized on this thread, bytes kept in this JVM's host
 * [child  7003] callQueue.get() -&gt; EachTask[n=1000000]: bytes fetched from the host, deserialized here
 * [child  7003] resultQueue.put(3.1415916986605086): serialized here, a feeder thread streams the bytes to the host
 * [parent 7001] resultQueue.get() -&gt; 3.1415916986605086
 * </pre>
 *
 * <p><b>What it teaches.</b> Nothing but bytes crosses between processes: the parent serializes the task object
 * (pickle in CPython, Java serialization here; {@code aced0005} is the JDK stream's magic number, as
 * {@code 80 04} starts a pickle), writes the bytes into a kernel socket buffer, the child reads them and rebuilds
 * an equal object of its own. The result travels back the same way. The task is the article's {@code each_task}:
 * pi from the series {@code sqrt(6 * sum(1/i^2))}.
 *
 * <p><b>Where Java differs.</b> {@code Pipe.open()} is a real socket pair (a connected pair of Unix sockets, no
 * port, no network stack), but CPython then gives the child one end's file descriptor, and the JDK can pass
 * none. So when the child's end is serialized as a {@code Process} argument, the parent keeps the socket and
 * relays its frames to the child over a Unix socket of its resource host (one more hop; the bytes and frames
 * are unchanged). For the same reason this library's {@code Queue} is <em>hosted</em>: its items live as
 * serialized bytes in the JVM that created it and other processes reach them over a socket, as a CPython
 * {@code Manager} does, where CPython's queue is a kernel pipe every process holds descriptors to. (The article
 * says socketpair; on Linux CPython's {@code Queue} uses {@code Pipe(duplex=False)}, which is an
 * {@code os.pipe()}; a duplex {@code Pipe()} is the socketpair. Either way the bytes sit in a kernel buffer.)
 * Both ends must use the same serializer; here both use {@link Serializers#defaultSerializer()}.
 */
@Command(name = "socketpair-queue", mixinStandardHelpOptions = true,
        description = "A cross-process queue over a socketpair: serialize, write, read, deserialize, step by step.")
public final class SocketpairQueue implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "1000000", description = "terms of the pi series in the task (default: ${DEFAULT-VALUE})")
    int n;

    /** The article's {@code each_task(n)} as an object that can travel: pi from {@code sqrt(6 * sum(1/i^2))}. */
    record EachTask(int n) implements SerializableCallable<Double> {
        @Override
        public Double call() {
            double s = 0.0;
            for (int i = 0; i < n; i++) {
                s += 1.0 / (i + 1) / (i + 1);
            }
            return Math.sqrt(6 * s);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SocketpairQueue()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.println("== 1. By hand: a socket pair and the serializer (what the queue does inside) ==");
        int byHand = byHand();
        System.out.println("== 2. The same through a Queue: put and get do those steps ==");
        int throughQueue = throughQueue();
        return byHand == 0 && throughQueue == 0 ? 0 : 1;
    }

    // ------------------------------------------------------------------ 1. by hand

    private int byHand() throws Exception {
        Serializer pickle = Serializers.defaultSerializer();
        try (Pipe socketpair = Pipe.open()) {
            Connection parentEnd = socketpair.first();
            Connection childEnd = socketpair.second(); // handed over to the child through this JVM's host
            Process child = new Process(SocketpairQueue::byHandWorker, childEnd);
            child.start();

            EachTask task = new EachTask(n);
            say("parent", "task = " + task);
            byte[] bytes = pickle.serialize(task);
            say("parent", "1. serialize(task) -> " + bytes.length + " bytes: "
                    + HexFormat.of().formatHex(bytes, 0, Math.min(7, bytes.length)) + "...");
            // Printed before the write: once written, the child may print its step 3 at once.
            say("parent", "2. sendBytes: one frame = 4-byte length + " + bytes.length
                    + " bytes into the socket's kernel buffer");
            parentEnd.sendBytes(bytes);

            byte[] back = parentEnd.recvBytes();
            say("parent", "7. recvBytes -> " + back.length + " bytes; 8. deserialize -> " + pickle.deserialize(back));
            child.join();
            return child.exitCode();
        }
    }

    /** Runs in the child: the worker's side of the call queue and the result queue, by hand. */
    static void byHandWorker(Connection sharedEnd) throws Exception {
        Serializer pickle = Serializers.defaultSerializer();
        try (Connection end = sharedEnd) {
            byte[] bytes = end.recvBytes();
            say("child ", "3. recvBytes -> " + bytes.length + " bytes");
            EachTask task = (EachTask) pickle.deserialize(bytes);
            Double result = task.call();
            say("child ", "4. deserialize -> " + task + "; running it -> " + result);
            byte[] answer = pickle.serialize(result);
            say("child ", "5. serialize(result) -> " + answer.length + " bytes; 6. sendBytes back");
            end.sendBytes(answer);
        }
    }

    // ------------------------------------------------------------------ 2. through a Queue

    private int throughQueue() throws Exception {
        Queue<EachTask> callQueue = new Queue<>();
        Queue<Double> resultQueue = new Queue<>();
        Process child = new Process(SocketpairQueue::queueWorker, callQueue, resultQueue);
        child.start();

        EachTask task = new EachTask(n);
        say("parent", "callQueue.put(" + task + "): serialized on this thread, bytes kept in this JVM's host");
        callQueue.put(task);
        Double result = resultQueue.get();
        say("parent", "resultQueue.get() -> " + result);
        child.join();
        return child.exitCode();
    }

    /** Runs in the child: the same worker with the queues doing the serializing and the socket I/O. */
    static void queueWorker(Queue<EachTask> callQueue, Queue<Double> resultQueue) throws Exception {
        EachTask task = callQueue.get();
        say("child ", "callQueue.get() -> " + task + ": bytes fetched from the host, deserialized here");
        Double result = task.call();
        say("child ", "resultQueue.put(" + result + "): serialized here, a feeder thread streams the bytes to the host");
        resultQueue.put(result);
    }

    private static void say(String who, String what) {
        System.out.println("[" + who + " " + ProcessHandle.current().pid() + "] " + what);
    }
}
