package dev.pyconcurrent.examples.multiprocessing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.IMapIterator;
import dev.pyconcurrent.process.mppool.ProcessPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002, "Pool", the {@code imap()} and {@code imap_unordered()} bullets: "map blocks until every call has
 * finished; imap returns an iterable at once", and "imap_unordered does not keep the input order". In Python:
 * <pre>
 * with Pool(2) as pool:
 *     it = pool.imap(slow_square, range(8))              # returns at once
 *     print(list(it))                                    # input order
 *     print(list(pool.imap_unordered(slow_square, range(8))))   # completion order
 *     for x in pool.imap(slow_square, itertools.count(), buffersize=3):   # CPython main: an endless input
 *         ...
 * </pre>
 * What you should see (times and the unordered list vary):
 * <pre>
 * pool.imap returned its iterator after 0.1 ms; the first result came 0.30 s later, the last after 0.61 s
 * imap, input order:                [0, 1, 4, 9, 16, 25, 36, 49]
 * imap_unordered, completion order: [1, 0, 4, 9, 25, 16, 36, 49]  (item i sleeps (3 - i % 4) x 100 ms)
 * imap(buffersize=3) over an endless input: took 10 results, the input was read 13 times (at most 10 + 3)
 * </pre>
 * {@code slow_square(i)} sleeps longer for small {@code i % 4}, so calls finish out of input order: {@code imap} holds
 * the early finishers back until their turn, {@code imap_unordered} hands each one over as it arrives. The last line
 * shows CPython main's {@code buffersize} (3.15; older releases read the whole input first, which never ends for
 * {@code itertools.count()}): at most {@code buffersize} calls are read ahead of what the loop has taken.
 */
@Command(name = "pool-imap", mixinStandardHelpOptions = true,
        description = "multiprocessing.Pool: imap returns at once and keeps input order, imap_unordered yields in "
                + "completion order, imap(buffersize=) reads an endless input lazily.")
public final class PoolImap implements Callable<Integer> {

    @Option(names = "--processes", defaultValue = "2", description = "worker processes (default: ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--items", defaultValue = "8", description = "range(ITEMS) is mapped (default: ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--step-ms", defaultValue = "100",
            description = "item i sleeps (3 - i % 4) x STEP_MS (default: ${DEFAULT-VALUE})")
    long stepMillis;

    @Option(names = "--buffersize", defaultValue = "3", description = "imap buffersize (default: ${DEFAULT-VALUE})")
    int buffersize;

    @Option(names = "--take", defaultValue = "10",
            description = "results taken from the endless imap (default: ${DEFAULT-VALUE})")
    int take;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PoolImap()).execute(args));
    }

    /** The worker function: small {@code i % 4} sleeps longest, so results finish out of input order. */
    static int slowSquare(int i, long stepMillis) {
        try {
            Thread.sleep((3 - i % 4) * stepMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return i * i;
    }

    @Override
    public Integer call() throws Exception {
        List<Integer> range = IntStream.range(0, items).boxed().toList();
        long step = stepMillis;
        SerializableFunction<Integer, Integer> slowSquare = i -> slowSquare(i, step);
        try (ProcessPool pool = new ProcessPool(processes)) {          // with Pool(2) as pool:
            pool.map(x -> x, List.of(0));                             // workers up before the clocks start

            long t0 = System.nanoTime();
            IMapIterator<Integer> ordered = pool.imap(slowSquare, range);
            double returnedMs = (System.nanoTime() - t0) / 1e6;
            List<Integer> inOrder = new ArrayList<>();
            double firstS = -1;
            for (int x : ordered) {
                if (firstS < 0) {
                    firstS = (System.nanoTime() - t0) / 1e9;
                }
                inOrder.add(x);
            }
            double lastS = (System.nanoTime() - t0) / 1e9;
            System.out.printf("pool.imap returned its iterator after %.1f ms; the first result came %.2f s later, "
                    + "the last after %.2f s%n", returnedMs, firstS, lastS);
            System.out.println("imap, input order:                " + inOrder);

            List<Integer> unordered = new ArrayList<>();
            pool.imapUnordered(slowSquare, range).forEachRemaining(unordered::add);
            System.out.printf("imap_unordered, completion order: %s  (item i sleeps (3 - i %% 4) x %d ms)%n",
                    unordered, stepMillis);

            AtomicInteger reads = new AtomicInteger();
            Iterable<Integer> endless = () -> new Iterator<>() {       // itertools.count(), counting its reads
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Integer next() {
                    reads.incrementAndGet();
                    return next++;
                }
            };
            SerializableFunction<Integer, Integer> square = i -> i * i;
            IMapIterator<Integer> lazy = pool.imap(square, endless, 1, buffersize);
            for (int k = 0; k < take; k++) {
                lazy.next();
            }
            int read = reads.get();
            System.out.printf("imap(buffersize=%d) over an endless input: took %d results, the input was read %d "
                    + "times (at most %d + %d)%n", buffersize, take, read, take, buffersize);
            return read <= take + buffersize ? 0 : 1;
        }                                                             // with-exit: terminate()
    }
}
