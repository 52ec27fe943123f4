package dev.pyconcurrent.benchmarks.children;

import dev.pyconcurrent.ipc.queues.Queue;
import dev.pyconcurrent.process.Process;

/**
 * The producer of the Queue workload: a child JVM that receives both queues as constructor arguments (they travel
 * as handles, as CPython's {@code Process(target=f, args=(q,))}), then for every command {@code [count, size]} on
 * {@code commands} puts {@code count} arrays of {@code size} bytes on {@code data}; {@code count == 0} ends it.
 */
public final class QueueChild extends Process {
    private static final long serialVersionUID = 1L;

    private final Queue<byte[]> data;
    private final Queue<int[]> commands;

    public QueueChild(Queue<byte[]> data, Queue<int[]> commands) {
        super("bench-queue-child");
        this.data = data;
        this.commands = commands;
        setDaemon(true);
    }

    @Override
    public void run() throws Exception {
        data.put(new byte[0]); // ready
        while (true) {
            int[] command = commands.get();
            if (command[0] == 0) {
                data.close();
                data.joinThread();
                return;
            }
            byte[] payload = new byte[command[1]];
            for (int i = 0; i < command[0]; i++) {
                data.put(payload);
            }
        }
    }
}
