package dev.pyconcurrent.process.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.FutureState;
import dev.pyconcurrent.futures.function.SerializableCallable;

/**
 * Batches {@code map} inputs into chunks, submits each chunk as one call, and hands the base executor's map engine one
 * placeholder call per input whose future the chunk's result fills.
 *
 * <p>CPython counterpart: {@code _get_chunks} / {@code itertools.batched(zip(*iterables), chunksize)} (batching),
 * {@code partial(_process_chunk, fn)} (one call per batch) and {@code _chain_from_iterable_of_lists} (flattening). Java
 * differs in how the flattening is done: instead of a generator over chunk results, every input gets its own
 * {@link Future}, so the base {@code MapIterator} keeps its timeout, close and buffersize semantics unchanged, and an
 * exception fails only its own item (CPython main semantics of {@code test_map_exception} with a chunksize). A chunk is
 * submitted when its first member is requested, so with a buffersize the input is pulled lazily, a chunk at a time.
 * When every member of a chunk was cancelled (map closed or timed out) the chunk itself is cancelled.
 *
 * @param <R> the result type of one call
 */
final class ChunkBatcher<R> implements Iterator<SerializableCallable<R>> {
    private final ProcessPoolExecutor pool;
    private final Object fn;
    private final Iterator<?> firsts;
    private final Iterator<?> seconds;
    private final int chunksize;
    private final ArrayDeque<Member<R>> ready = new ArrayDeque<>();

    ChunkBatcher(ProcessPoolExecutor pool, Object fn, Iterator<?> firsts, Iterator<?> seconds, int chunksize) {
        this.pool = pool;
        this.fn = fn;
        this.firsts = firsts;
        this.seconds = seconds;
        this.chunksize = chunksize;
    }

    /** A placeholder call: {@link ProcessPoolExecutor#submit} returns its pre-made future instead of running it. */
    record Member<R>(Future<R> future) implements SerializableCallable<R> {
        @Override
        public R call() {
            throw new UnsupportedOperationException("a map chunk member runs only as part of its chunk");
        }
    }

    private boolean inputLeft() {
        return firsts.hasNext() && (seconds == null || seconds.hasNext());
    }

    @Override
    public boolean hasNext() {
        return !ready.isEmpty() || inputLeft();
    }

    @Override
    public SerializableCallable<R> next() {
        if (ready.isEmpty()) {
            formChunk();
        }
        Member<R> member = ready.pollFirst();
        if (member == null) {
            throw new NoSuchElementException("map input exhausted");
        }
        return member;
    }

    private void formChunk() {
        List<Object> as = new ArrayList<>(Math.min(chunksize, 1024));
        List<Object> bs = seconds == null ? null : new ArrayList<>(Math.min(chunksize, 1024));
        while (as.size() < chunksize && inputLeft()) {
            as.add(firsts.next());
            if (bs != null) {
                bs.add(seconds.next());
            }
        }
        if (as.isEmpty()) {
            return;
        }
        Future<Object> chunk = pool.submitCall(
                new PoolCalls.ChunkCall(fn, as.toArray(), bs == null ? null : bs.toArray()));
        List<Future<R>> members = new ArrayList<>(as.size());
        AtomicInteger notCancelled = new AtomicInteger(as.size());
        for (int i = 0; i < as.size(); i++) {
            Future<R> member = new Future<>();
            members.add(member);
            member.addDoneCallback(m -> {
                if (m.cancelled() && notCancelled.decrementAndGet() == 0) {
                    chunk.cancel(); // nobody wants any of it any more (a no-op once the chunk runs)
                }
            });
            ready.addLast(new Member<>(member));
        }
        chunk.addDoneCallback(done -> distribute(done, members));
    }

    @SuppressWarnings("unchecked")
    private static <R> void distribute(Future<Object> chunk, List<Future<R>> members) {
        Future.Snapshot<Object> outcome = chunk.snapshot();
        PoolCalls.ChunkResult results = outcome.cancelled() || outcome.exception() != null
                ? null : (PoolCalls.ChunkResult) outcome.result();
        for (int i = 0; i < members.size(); i++) {
            Future<R> member = members.get(i);
            if (outcome.cancelled()) {
                member.cancel();
            }
            if (!startOrAcknowledgeCancel(member)) {
                continue;
            }
            if (outcome.exception() != null) {
                member.trySetException(outcome.exception());
            } else if (results.failures()[i] != null) {
                member.trySetException(results.failures()[i]);
            } else {
                member.trySetResult((R) results.values()[i]);
            }
        }
    }

    /** setRunningOrNotifyCancel() for a member this thread alone completes; false if it was cancelled. */
    private static boolean startOrAcknowledgeCancel(Future<?> member) {
        FutureState s = member.currentState();
        if (s != FutureState.PENDING && s != FutureState.CANCELLED) {
            return false;
        }
        try {
            return member.setRunningOrNotifyCancel();
        } catch (IllegalStateException alreadyAcknowledged) {
            return false;
        }
    }
}
