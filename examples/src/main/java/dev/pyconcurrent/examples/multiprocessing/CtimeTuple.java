package dev.pyconcurrent.examples.multiprocessing;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What article 002's {@code test(num)} returns in its concurrent.futures examples: the tuple
 * {@code (time.ctime(), num)}, printed the way Python prints it, {@code ('Thu Nov 25 14:32:45 2021', 1)}.
 *
 * @param ctime the local time in {@code time.ctime()}'s format
 * @param num   the argument the call got
 */
record CtimeTuple(String ctime, int num) implements Serializable {

    /** {@code time.ctime()}: weekday, month, day padded to two columns with a space, time, year. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    /** The article's {@code def test(num): return time.ctime(), num}. */
    static CtimeTuple test(int num) {
        return new CtimeTuple(LocalDateTime.now().format(CTIME), num);
    }

    /** Python's tuple repr. */
    @Override
    public String toString() {
        return "('" + ctime + "', " + num + ")";
    }
}
