/**
 * The objects a manager's server process holds (its "referents"): the thread-level types CPython's
 * {@code SyncManager} registers ({@code queue.Queue}, {@code threading.Lock}/{@code RLock}/{@code Semaphore}/
 * {@code BoundedSemaphore}/{@code Condition}/{@code Event}/{@code Barrier}, {@code list}, {@code dict},
 * {@code managers.Namespace}, {@code managers.Value}, {@code array.array}).
 *
 * <p>They live in exactly one JVM, the server; every other process reaches them through a proxy of
 * {@link dev.pyconcurrent.process.manager}. The server serves each client connection on its own thread and each
 * client thread has its own connection, so a "thread" of these objects (the owner of an {@link ThreadRLock}, the
 * waiter of a {@link ThreadCondition}) stands for one client thread, exactly as in CPython.
 *
 * <p>Their public methods are what a proxy may call by name (CPython's {@code public_methods}); {@code toString}
 * is CPython's {@code repr} of the referent ({@link PyRepr}), which is what {@code print(proxy)} shows.
 */
package dev.pyconcurrent.process.manager.referents;
