package dev.pyconcurrent.ipc.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The children a test started; {@link #close()} (call it from {@code @AfterEach}) kills any still
 * running, so a failed test never leaves a JVM behind.
 */
public final class ChildJvms implements AutoCloseable {
    private final List<ChildJvm> children = new ArrayList<>();

    public synchronized ChildJvm start(Class<?> owner, String method, Object... args) {
        ChildJvm c = ChildJvm.start(owner, method, args);
        children.add(c);
        return c;
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (ChildJvm c : children) {
            c.close();
        }
        children.clear();
        dev.pyconcurrent.ipc.host.ResourceTracker.sweepDeadCreatorsNow();       // files of SIGKILLed children
    }
}
