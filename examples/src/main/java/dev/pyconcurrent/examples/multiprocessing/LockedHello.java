package dev.pyconcurrent.examples.multiprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pyconcurrent.ipc.sync.Lock;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002's {@code Lock} example: twenty processes each take one shared lock, print
 * {@code Hello Num: n}, and release it. Output (the order varies from run to run; every number appears
 * exactly once):
 * <pre>
 * Hello Num: 0
 * Hello Num: 2
 * Hello Num: 1
 * ...
 * Hello Num: 19
 * </pre>
 *
 * <p><b>What it teaches.</b> The lock is one object shared by all the processes; whoever holds it is alone in the
 * critical section (here, the terminal), the others wait their turn. The order is the order in which the
 * processes got the lock, not the order they were created in. The lock must be created once, in the parent, and
 * passed to every child ("this must be defined as global", the article's comment says): a lock created inside
 * each child would protect nothing.
 *
 * <p><b>Where Java differs.</b> CPython's {@code Lock} is a POSIX named semaphore every child opens. The JDK has
 * no such thing, so the lock lives in the parent JVM and each child's {@code acquire}/{@code release} is a call to
 * it over a Unix socket. A bonus CPython lacks: if a child dies holding the lock, the parent sees its connection
 * close and frees the lock. The article's parent does not join the children (CPython joins them at exit); the
 * launcher ends with {@code System.exit}, which does not wait, so this one joins them.
 */
@Command(name = "lock", mixinStandardHelpOptions = true,
        description = "20 processes print Hello Num under one Lock.")
public final class LockedHello implements Callable<Integer> {

    @Option(names = "--processes", defaultValue = "20", description = "how many processes (default: ${DEFAULT-VALUE})")
    int processes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LockedHello()).execute(args));
    }

    /** The article's {@code l(lock, num)}: runs in each child. */
    static void hello(Lock lock, Integer num) throws InterruptedException {
        lock.acquire();
        try {
            System.out.println("Hello Num: " + num);
        } finally {
            lock.release();
        }
    }

    @Override
    public Integer call() throws Exception {
        Lock lock = new Lock(); // one lock, created in the parent and shared by every child
        List<Process> children = new ArrayList<>();
        for (int num = 0; num < processes; num++) {
            Process p = new Process(LockedHello::hello, lock, num);
            p.start();
            children.add(p);
        }
        int failed = 0;
        for (Process p : children) {
            p.join();
            failed += p.exitCode() == 0 ? 0 : 1;
        }
        return failed == 0 ? 0 : 1;
    }
}
