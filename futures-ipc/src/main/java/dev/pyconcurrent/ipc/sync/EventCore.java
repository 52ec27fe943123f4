package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostCall;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.HostedResource;
import dev.pyconcurrent.ipc.host.Waits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host-side flag of an {@link Event}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: Event} ({@code _cond} plus a
 * {@code _flag} semaphore). Transitions: {@code set()} UNSET → SET and wakes every waiter;
 * {@code clear()} SET → UNSET; {@code wait(t)} returns the flag as it is when the wait ends.
 */
final class EventCore implements HostedResource {
    static final byte OP_SET = HostProtocol.FIRST_RESOURCE_OP;
    static final byte OP_CLEAR = OP_SET + 1;
    static final byte OP_IS_SET = OP_SET + 2;
    static final byte OP_WAIT = OP_SET + 3;

    private final String name;
    private final ReentrantLock mon = new ReentrantLock();
    private final Condition changed = mon.newCondition();
    private boolean flag;

    EventCore(String name) {
        this.name = name;
    }

    @Override
    public String describe() {
        return name;
    }

    void set() {
        mon.lock();
        try {
            flag = true;
            changed.signalAll();
        } finally {
            mon.unlock();
        }
    }

    void clear() {
        mon.lock();
        try {
            flag = false;
        } finally {
            mon.unlock();
        }
    }

    boolean isSet() {
        mon.lock();
        try {
            return flag;
        } finally {
            mon.unlock();
        }
    }

    boolean await(long timeoutNanos, Caller caller) throws InterruptedException {
        mon.lock();
        try {
            return Waits.await(changed, () -> flag, timeoutNanos, caller);
        } finally {
            mon.unlock();
        }
    }

    @Override
    public void serve(byte op, ByteBuffer args, HostCall call) throws IOException, InterruptedException {
        switch (op) {
            case OP_SET -> {
                set();
                call.ok();
            }
            case OP_CLEAR -> {
                clear();
                call.ok();
            }
            case OP_IS_SET -> call.answer(isSet());
            case OP_WAIT -> call.answer(await(args.getLong(), call.caller()));
            default -> throw new IllegalArgumentException(name + ": unknown op " + op);
        }
    }
}
