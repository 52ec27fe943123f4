/**
 * {@code concurrent.futures} core: the {@link dev.pyconcurrent.futures.Future} state machine, the module functions
 * {@link dev.pyconcurrent.futures.Futures#wait wait} and {@link dev.pyconcurrent.futures.Futures#asCompleted
 * asCompleted} with their waiters, the abstract {@link dev.pyconcurrent.futures.Executor} and the exceptions.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py}. Public types keep CPython's names with Java
 * conventions ({@code CancelledError} → {@link dev.pyconcurrent.futures.CancelledException}); the waiter classes
 * ({@code _Waiter}, {@code _AsCompletedWaiter}, {@code _FirstCompletedWaiter}, {@code _AllCompletedWaiter},
 * {@code _AcquireFutures}) are package-private here as they are private there. Logging goes to the slf4j logger
 * {@code dev.pyconcurrent.futures}, CPython's {@code concurrent.futures} logger. See {@code futures-core/README.md}
 * for the state diagram and the condition-variable hand-off.
 */
package dev.pyconcurrent.futures;
