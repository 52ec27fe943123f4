package dev.pyconcurrent.futures;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Storage and invocation of a future's done-callbacks, kept allocation-free for the common cases.
 *
 * <p>CPython counterpart: {@code Future._done_callbacks} (a list) and {@code Future._invoke_callbacks} in
 * {@code Lib/concurrent/futures/_base.py}. Java differs in the storage: the future's field holds null (no
 * callbacks, the hot path: nothing allocated), the single callback itself, or a {@link CallbackList} once there are
 * two or more. The future guards the field with its lock; invocation happens after the lock is released.
 */
final class DoneCallbacks {
    private DoneCallbacks() {
    }

    /** @return the new value of the future's callback field after adding {@code fn} */
    static Object append(Object current, Consumer<?> fn) {
        if (current == null) {
            return fn;
        }
        if (current instanceof CallbackList list) {
            list.add(fn);
            return list;
        }
        CallbackList list = new CallbackList();
        list.add(current);
        list.add(fn);
        return list;
    }

    /** Runs every callback in {@code taken} (as returned by {@link #append}) in registration order. */
    static void invokeAll(Object taken, Future<?> future) {
        if (taken == null) {
            return;
        }
        if (taken instanceof CallbackList list) {
            for (Object fn : list) {
                invoke(fn, future);
            }
        } else {
            invoke(taken, future);
        }
    }

    /**
     * Runs one callback. An {@link Exception} is logged with the future's description and swallowed, so one bad
     * callback never stops the others nor breaks the future (CPython catches {@code Exception} the same way); an
     * {@link Error} propagates, as CPython lets {@code BaseException} through.
     */
    @SuppressWarnings("unchecked")
    static void invoke(Object fn, Future<?> future) {
        try {
            ((Consumer<Object>) fn).accept(future);
        } catch (Exception e) {
            Future.LOGGER.error("exception calling callback for {}", future, e);
        }
    }

    /** A marker type, so a single stored callback can never be mistaken for the list. */
    private static final class CallbackList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        CallbackList() {
            super(4);
        }
    }
}
