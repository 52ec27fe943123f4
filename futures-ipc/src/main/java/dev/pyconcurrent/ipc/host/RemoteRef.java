package dev.pyconcurrent.ipc.host;

import java.io.Serializable;

/**
 * Where a shared object lives: the host's socket address and process id, and the object's id in
 * that host. The serializable core of every handle.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: Token(typeid, address, id)}.
 * Java adds the host pid, so an error can name the process that died.
 *
 * @param address  the host's Unix socket path
 * @param hostPid  the host JVM's process id
 * @param objectId the object's id inside that host
 * @param kind     the object's type, for messages (e.g. {@code "Queue"})
 */
public record RemoteRef(String address, long hostPid, long objectId, String kind) implements Serializable {

    /** True if this JVM is the host of the object (so the local object should be used directly). */
    public boolean isLocal() {
        ResourceHost host = ResourceHost.runningOrNull();
        return host != null && hostPid == ProcessHandle.current().pid() && host.address().equals(address);
    }

    /**
     * The host-JVM object this reference names. Call only when {@link #isLocal()}.
     *
     * @throws IllegalStateException if this host never exported such an object
     */
    public Object localObject() {
        return ResourceHost.get().localObject(objectId);
    }

    /** The calls channel of the current thread to this object's host. */
    public HostChannel channel() {
        return HostChannels.forCurrentThread(this);
    }

    @Override
    public String toString() {
        return kind + "#" + objectId + "@pid" + hostPid;
    }
}
