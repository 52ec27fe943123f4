package dev.pyconcurrent.futures;

import java.util.Set;

/**
 * What {@link Futures#wait} returns: the futures that completed and those that did not.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: DoneAndNotDoneFutures}, a named 2-tuple of sets.
 * Java differs: the sets are unmodifiable and keep the input's iteration order (first occurrence), and the type
 * parameter is the <em>future</em> type, so {@code wait(List<Future<Integer>>)} gives sets of
 * {@code Future<Integer>} and a mixed list gives the common supertype.
 *
 * @param done    futures that are FINISHED or CANCELLED_AND_NOTIFIED
 * @param notDone all other futures (PENDING, RUNNING, and CANCELLED not yet noticed by an executor)
 * @param <F>     the future type
 */
public record DoneAndNotDoneFutures<F extends Future<?>>(Set<F> done, Set<F> notDone) {
}
