package dev.pyconcurrent.ipc.queues;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostChannel;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.HostStream;
import dev.pyconcurrent.ipc.host.RemoteRef;
import dev.pyconcurrent.ipc.host.ResourceHost;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.shared.Value;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link Queue}, {@link JoinableQueue} and {@link SimpleQueue} share: the two ways of reaching
 * the {@link QueueCore} (directly in the host JVM, through the resource host everywhere else),
 * {@code get}, the size queries and the handle.
 *
 * <p>Exactly one of {@link #core} (host JVM) and {@link #remote} (proxy) is set, for life.
 */
abstract class QueueBase<E> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final AtomicLong NAMES = new AtomicLong();

    /** The state itself, in the host JVM; null in a proxy. */
    final transient QueueCore core;
    /** Where the state lives, in a proxy; null in the host JVM. */
    final transient RemoteRef remote;
    final transient Serializer serializer;
    final transient int maxsize;
    final transient QueueHandle.Kind kind;
    final transient String name;
    /** In a proxy of a Queue or JoinableQueue: the host's shut-down state in shared memory; else null. */
    final transient Value shutDownFlag;
    transient volatile boolean closed;
    transient volatile boolean used;
    /** This process streamed items to the host since the last sync (so size queries must sync first). */
    transient volatile boolean streamed;

    QueueBase(QueueHandle.Kind kind, int maxsize, Serializer serializer) {
        this.kind = kind;
        this.maxsize = Math.max(0, maxsize);
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.name = kindName(kind) + "#" + NAMES.incrementAndGet() + "@pid" + ProcessHandle.current().pid();
        this.core = new QueueCore(name, this.maxsize, kind == QueueHandle.Kind.JOINABLE);
        this.remote = null;
        this.shutDownFlag = null;
    }

    QueueBase(QueueHandle handle) {
        this.kind = handle.kind();
        this.maxsize = handle.maxsize();
        this.serializer = Serializers.get(handle.serializer());
        this.name = kindName(kind) + "#" + handle.ref().objectId() + "@pid" + handle.ref().hostPid();
        this.core = null;
        this.remote = handle.ref();
        this.shutDownFlag = handle.shutDownFlag();
    }

    private static String kindName(QueueHandle.Kind kind) {
        return switch (kind) {
            case QUEUE -> "Queue";
            case JOINABLE -> "JoinableQueue";
            case SIMPLE -> "SimpleQueue";
        };
    }

    /** Shared by the public {@code get} variants. */
    E doGet(long wireTimeout) throws InterruptedException {
        checkOpen();
        used = true;
        if (core != null) {
            byte[] item = core.take(wireTimeout, Caller.local());
            if (item == null) {
                throw new QueueEmptyException(emptyMessage(wireTimeout));
            }
            core.delivered();
            return decode(item, 0, item.length);
        }
        HostChannel ch = remote.channel();
        ch.begin(QueueCore.OP_GET, remote.objectId()).putLong(wireTimeout);
        ByteBuffer r = ch.call("get on " + name);
        if (r.get(0) != HostProtocol.STATUS_OK) {
            if (r.get(1) == QueueCore.REFUSED_SHUT_DOWN) {
                throw shutDownException();
            }
            throw new QueueEmptyException(emptyMessage(wireTimeout));
        }
        return decode(r.array(), 1, r.limit() - 1);
    }

    @SuppressWarnings("unchecked")
    final E decode(byte[] bytes, int offset, int length) {
        return (E) serializer.deserialize(bytes, offset, length);
    }

    private String emptyMessage(long wireTimeout) {
        return wireTimeout == 0 ? name + " is empty" : name + " stayed empty for the whole timeout";
    }

    /** {items queued in the host, slots reserved, unfinished tasks}, counting this process's own puts. */
    final long[] sizes() {
        if (core != null) {
            return core.sizes();
        }
        flushOwnPuts();
        HostChannel ch = remote.channel();
        ch.begin(QueueCore.OP_SIZE, remote.objectId());
        ByteBuffer r = ch.callQuick("size of " + name);
        return new long[] {r.getLong(), r.getLong(), r.getLong()};
    }

    /**
     * In a proxy: returns once every item this process put so far has been applied by the host
     * (sent by the feeder, then a SYNC round trip on the same stream), so that a following request
     * sees them. Nothing to do if this process streamed nothing since the last flush.
     */
    final void flushOwnPuts() {
        if (core == null && streamed) {
            streamed = false;
            awaitLocalBufferSent();
            HostStream.to(remote).sync();
        }
    }

    /** The queue-wide state: {@link QueueCore#ALIVE}, {@code SHUT_DOWN} or {@code SHUT_DOWN_IMMEDIATE}. */
    final int shutDownState() {
        if (core != null) {
            return core.state();
        }
        return shutDownFlag == null ? QueueCore.ALIVE : shutDownFlag.get().intValue();
    }

    final QueueShutDownException shutDownException() {
        return new QueueShutDownException(name + " is shut down");
    }

    /** Waits until this process's not-yet-sent puts are on the wire (the feeder, for {@link Queue}). */
    void awaitLocalBufferSent() {
    }

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    /** True if the host's state lives in this JVM (no socket between this object and its items). */
    public final boolean isHostedHere() {
        return core != null;
    }

    /**
     * Serialization replaces the queue with a {@link QueueHandle}; the receiving JVM turns it into a
     * proxy (or this very object, back in the host). Exporting starts the resource host on first use.
     */
    @Serial
    protected final Object writeReplace() {
        if (core == null) {
            return new QueueHandle(remote, kind, maxsize, serializer.name(), shutDownFlag);
        }
        RemoteRef ref = ResourceHost.get().export(this, core, kindName(kind));
        Value flag = kind == QueueHandle.Kind.SIMPLE ? null : core.sharedFlag();
        return new QueueHandle(ref, kind, maxsize, serializer.name(), flag);
    }

    @Override
    public String toString() {
        int st = kind == QueueHandle.Kind.SIMPLE ? QueueCore.ALIVE : shutDownState();
        return "<" + name + (core != null ? " hosted here" : " proxy") + (closed ? ", closed" : "")
                + (st == QueueCore.SHUT_DOWN ? ", shut down" : st == QueueCore.SHUT_DOWN_IMMEDIATE ? ", shut down (immediate)" : "")
                + ">";
    }
}
