package dev.pyconcurrent.process.spawn;

import dev.pyconcurrent.ipc.host.ProcessAuthKey;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.reflect.InvocationTargetException;

/**
 * The {@code main} class of every spawned child JVM.
 *
 * <p>Mirrors {@code Lib/multiprocessing/spawn.py: spawn_main/_main}: read the preparation data and the pickled process
 * object from the pipe, then bootstrap it and exit with its exit code. Steps:
 * <ol>
 *   <li>read one {@link SpawnFrame} from the raw stdin (no read-ahead, no Java serialization yet);</li>
 *   <li>{@link ExitReport#install install the exit report} (so every later failure is reported correctly);</li>
 *   <li>replace {@code System.in} by an empty stream (CPython points the child's {@code sys.stdin} at
 *       {@code os.devnull}) and start the {@link ParentWatcher} on the real stdin;</li>
 *   <li>deserialize the payload into a {@link ChildEntryPoint} (or rebuild it from plain fields, for a
 *       {@link ChildJvmLauncher#dataPayload data payload}) and run it;</li>
 *   <li>leave with its status once the other non-daemon threads are done.</li>
 * </ol>
 *
 * <p><b>Start-up cost is the point of this class.</b> It touches no logging framework and no class that would
 * initialise one; everything before the payload's own code is JDK classes from the default CDS archive plus the few
 * small classes of this package. Keep it that way: every extra class here is paid by every child JVM.
 */
public final class ChildBootstrap {
    /** Exit status when the child cannot even read or deserialize its payload. */
    public static final int BOOTSTRAP_FAILURE_STATUS = 1;

    private ChildBootstrap() {
    }

    public static void main(String[] args) {
        FileInputStream stdin = new FileInputStream(FileDescriptor.in);
        SpawnFrame frame;
        try {
            frame = SpawnFrame.readFrom(stdin);
        } catch (IOException e) {
            System.err.println("pyconcurrent child bootstrap: cannot read the spawn frame from stdin: " + e);
            System.exit(BOOTSTRAP_FAILURE_STATUS);
            return;
        }
        byte[] payload = frame.payload();
        if (payload.length == 0 || payload[0] != ChildJvmLauncher.DATA_PAYLOAD_MARK) {
            SerializationWarmUp.start();                   // a Java-serialized payload: see the class
        }
        ExitReport.install(frame.exitReportPath(), frame.parentPid());
        byte[] parentKey = frame.authkey();
        if (parentKey.length > 0) {
            ProcessAuthKey.set(parentKey); // before the payload's handles resolve: they authenticate with it
        }
        System.setIn(new ByteArrayInputStream(new byte[0]));
        ParentWatcher watcher = ParentWatcher.start(stdin, frame.exitWithParent());

        ChildEntryPoint entryPoint;
        try {
            entryPoint = deserialize(payload);
        } catch (IOException | ClassNotFoundException | ClassCastException | LinkageError e) {
            System.err.println("pyconcurrent child bootstrap: cannot deserialize the payload (is the child's classpath"
                    + " the parent's?)");
            e.printStackTrace();
            System.exit(BOOTSTRAP_FAILURE_STATUS);
            return;
        }
        int status;
        try {
            status = entryPoint.runInChild(new ChildContext(frame.parentPid(), watcher));
        } catch (RuntimeException | Error e) {
            // Entry points catch their own task failures; reaching this is a bug in the entry point itself.
            System.err.println("pyconcurrent child bootstrap: entry point failed");
            e.printStackTrace();
            status = BOOTSTRAP_FAILURE_STATUS;
        }
        exit(status);
    }

    private static ChildEntryPoint deserialize(byte[] payload) throws IOException, ClassNotFoundException {
        if (payload.length > 0 && payload[0] == ChildJvmLauncher.DATA_PAYLOAD_MARK) {
            return fromData(payload);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            return (ChildEntryPoint) in.readObject();
        }
    }

    /** A {@link ChildJvmLauncher#dataPayload data payload}: no Java serialization on the start path. */
    private static ChildEntryPoint fromData(byte[] payload) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload, 1, payload.length - 1));
        Class<?> type = Class.forName(in.readUTF(), true, ClassLoader.getSystemClassLoader());
        try {
            return (ChildEntryPoint) type.getMethod("fromData", DataInput.class).invoke(null, in);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot rebuild " + type.getName() + " from its data payload", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IOException(type.getName() + " has no public static fromData(DataInput)", e);
        }
    }

    /**
     * Runs the JDK's one-time serialization set-up on a side thread while the main thread installs the exit report and
     * the parent watcher. The first {@code ObjectInputStream} initialises {@code ObjectInputFilter.Config}, which asks
     * for a {@code System.Logger}, and the JDK then opens every jar of the class path looking for a
     * {@code LoggerFinder} (≈ 20–30 ms with a few dozen jars, measured), paid by every child whose payload is
     * Java-serialized (a {@code Process}); pool workers get data payloads and skip it. A named class, not a lambda:
     * a JVM's first lambda costs a bootstrap the main thread should not pay here.
     */
    private static final class SerializationWarmUp implements Runnable {
        static void start() {
            Thread thread = new Thread(new SerializationWarmUp(), "pyconcurrent-serialization-warm-up");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            java.io.ObjectInputFilter.Config.getSerialFilter(); // its class initialiser is the expensive part
        }
    }

    /**
     * CPython's {@code _bootstrap} ends with {@code threading._shutdown()} (wait for non-daemon threads) and then
     * {@code sys.exit(exitcode)}. Returning from {@code main} gives exactly that for status 0; any other status
     * needs {@code System.exit}, which would not wait, so we join the non-daemon threads first.
     */
    static void exit(int status) {
        System.out.flush();
        System.err.flush();
        if (status == 0) {
            return;
        }
        awaitOtherNonDaemonThreads();
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    private static void awaitOtherNonDaemonThreads() {
        Thread self = Thread.currentThread();
        boolean waited = true;
        // Goal: no user non-daemon thread is alive when we call System.exit. Threads may start threads, so repeat
        // until a pass finds none to wait for.
        while (waited) {
            waited = false;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread != self && !thread.isDaemon() && thread.isAlive()) {
                    try {
                        thread.join();
                        waited = true;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
