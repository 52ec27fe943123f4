/**
 * {@code multiprocessing.managers} for the JVM: a server process that holds shared objects, and proxies that call
 * them from any process.
 *
 * <p>Mirrors {@code Lib/multiprocessing/managers.py}. {@link dev.pyconcurrent.process.manager.BaseManager} starts
 * the {@link dev.pyconcurrent.process.manager.Server} in a child JVM (or connects to one by address and authkey);
 * {@link dev.pyconcurrent.process.manager.SyncManager} registers the standard types. A proxy
 * ({@link dev.pyconcurrent.process.manager.BaseProxy}) sends {@code (ident, methodname, args)} over its thread's
 * authenticated connection and gets {@code (kind, result)} back, kind being {@code #RETURN}, {@code #ERROR},
 * {@code #TRACEBACK}, {@code #UNSERIALIZABLE} or {@code #PROXY}. Objects are reference counted by the server:
 * creating or deserializing a proxy takes a reference, closing or collecting it gives it back.
 *
 * <pre>{@code
 * try (SyncManager manager = SyncManager.startNew()) {
 *     ListProxy<String> l = manager.list();
 *     Process p = new Process(list -> list.add("Hello"), l);
 *     p.start();
 *     p.join();
 *     System.out.println(l);        // ['Hello']
 * }
 * }</pre>
 *
 * <p>How this differs from {@code dev.pyconcurrent.ipc} queues and locks: those are hosted by the JVM that
 * creates them, with a binary protocol per type; a manager is one separate server process with one generic
 * protocol, any registered type, and objects that outlive their creator as long as the manager runs.
 */
package dev.pyconcurrent.process.manager;
