package dev.pyconcurrent.benchmarks.children;

import dev.pyconcurrent.ipc.queues.Queue;
import dev.pyconcurrent.process.Process;

/** A child JVM that takes items from {@code in} and puts them on {@code out} until it gets {@code null}. */
public final class QueueEchoChild extends Process {
    private static final long serialVersionUID = 1L;

    private final Queue<Integer> in;
    private final Queue<Integer> out;

    public QueueEchoChild(Queue<Integer> in, Queue<Integer> out) {
        super("bench-queue-echo");
        this.in = in;
        this.out = out;
        setDaemon(true);
    }

    @Override
    public void run() throws Exception {
        Integer item;
        while ((item = in.get()) != null) {
            out.put(item);
        }
        out.close();
        out.joinThread();
    }
}
