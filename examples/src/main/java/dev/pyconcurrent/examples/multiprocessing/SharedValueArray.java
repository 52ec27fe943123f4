package dev.pyconcurrent.examples.multiprocessing;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import dev.pyconcurrent.ipc.shared.Array;
import dev.pyconcurrent.ipc.shared.Value;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Article 002's {@code Value}/{@code Array} example: the parent creates {@code Value('d', 0.0)} and
 * {@code Array('i', range(10))} in shared memory, a child writes {@code n.value = 3.14} and {@code a[0] = 5},
 * and after {@code join()} the parent sees both writes. Output:
 * <pre>
 * 3.14
 * [5, 1, 2, 3, 4, 5, 6, 7, 8, 9]
 * </pre>
 * This is exactly what the article's code does. (The example in CPython's own documentation is a longer one:
 * it stores {@code 3.1415927} and negates every element, printing {@code [0, -1, -2, ...]}; the article
 * shortened it to the two assignments reproduced here.)
 *
 * <p><b>What it teaches.</b> The child changes the parent's numbers without sending anything back: both map the
 * same memory. Only objects built by {@code multiprocessing} are shared; an ordinary field would be copied into
 * the child and its changes lost.
 *
 * <p><b>Where Java differs.</b> CPython allocates ctypes objects in an anonymous shared mmap inherited by the
 * child. Here the memory is a file in {@code /dev/shm} mapped by both JVMs ({@code FileChannel.map}); the child
 * receives a small handle naming the file and maps it. {@code get()}/{@code set()} are single volatile accesses
 * that do not take the value's lock (CPython's synchronized wrapper takes it for each access); compound
 * updates such as {@code +=} need {@code getLock()}, as in CPython.
 */
@Command(name = "value-array", mixinStandardHelpOptions = true,
        description = "Shared memory: a child sets Value('d') to 3.14 and a[0] = 5 of Array('i', range(10)).")
public final class SharedValueArray implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SharedValueArray()).execute(args));
    }

    /** The article's {@code f(n, a)}: runs in the child, writes straight into the shared memory. */
    static void f(Value n, Array a) {
        n.set(3.14);
        a.set(0, 5);
    }

    @Override
    public Integer call() throws Exception {
        Value num = new Value('d', 0.0);
        List<Integer> range10 = IntStream.range(0, 10).boxed().toList();
        Array arr = new Array('i', range10);
        Process p = new Process(SharedValueArray::f, num, arr);
        p.start();
        p.join();
        System.out.println(num.get());     // print(num.value)
        System.out.println(arr.toList());  // print(arr[:])
        return p.exitCode();
    }
}
