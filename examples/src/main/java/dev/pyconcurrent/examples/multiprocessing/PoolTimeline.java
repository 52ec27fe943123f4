package dev.pyconcurrent.examples.multiprocessing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the three {@code Pool} scenarios of article 002 record about each call, and what they conclude from it: which
 * worker process ran it, when it started and ended, and so how many calls ran at the same time.
 *
 * <p>Each call runs in a worker JVM and returns its {@link Call} record to the parent (the article's {@code test(i)}
 * only prints; returning the record is what lets the parent show the point of each example). The clock is
 * {@link System#currentTimeMillis()}, the one wall clock every JVM of the machine shares.
 */
final class PoolTimeline {
    private PoolTimeline() {
    }

    /**
     * One call of {@code test(i)}.
     *
     * @param i           its argument
     * @param pid         the worker process that ran it
     * @param startMillis wall-clock start
     * @param endMillis   wall-clock end
     */
    record Call(int i, long pid, long startMillis, long endMillis) implements Serializable {
    }

    /** The article's {@code test(i)}: prints {@code i} (in the worker); works {@code workMillis} first. */
    static Call test(int i, long workMillis) {
        long start = System.currentTimeMillis();
        if (workMillis > 0) {
            try {
                Thread.sleep(workMillis); // stands for the work; the article's test only prints
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.out.println(i);
        return new Call(i, ProcessHandle.current().pid(), start, System.currentTimeMillis());
    }

    /** The most calls that were running at one instant (a sweep over the start and end times). */
    static int peakConcurrency(Collection<Call> calls) {
        TreeMap<Long, Integer> delta = new TreeMap<>();
        for (Call c : calls) {
            delta.merge(c.startMillis(), 1, Integer::sum);
            delta.merge(c.endMillis(), -1, Integer::sum); // an end at t frees its slot before a start at t
        }
        int running = 0;
        int peak = 0;
        for (int d : delta.values()) {
            running += d;
            peak = Math.max(peak, running);
        }
        return peak;
    }

    /** "N calls ran in P worker processes (pids ...)" with the calls per process. */
    static String perProcess(Collection<Call> calls) {
        Map<Long, Integer> byPid = new TreeMap<>();
        for (Call c : calls) {
            byPid.merge(c.pid(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        byPid.forEach((pid, n) -> parts.add(pid + "×" + n));
        return calls.size() + " calls ran in " + byPid.size() + " worker processes (pid×calls: "
                + String.join(", ", parts) + "), none in this one (pid " + ProcessHandle.current().pid() + ")";
    }

    static int distinctPids(Collection<Call> calls) {
        TreeSet<Long> pids = new TreeSet<>();
        calls.forEach(c -> pids.add(c.pid()));
        return pids.size();
    }

    static long firstEnd(Collection<Call> calls) {
        return calls.stream().mapToLong(Call::endMillis).min().orElse(0);
    }
}
