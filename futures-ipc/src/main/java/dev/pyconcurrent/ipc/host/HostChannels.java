package dev.pyconcurrent.ipc.host;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the current thread's {@link HostChannel} to a host, opening it on first use, and closes
 * the channels of threads that have died.
 *
 * <p>Why the reaper: a channel is the lock-owner identity of its thread. If a thread dies while
 * holding a remote lock, closing its channel makes the host release the lock, within about
 * {@link #REAP_INTERVAL_MILLIS}, instead of leaving it held for the life of the process.
 *
 * <p>CPython counterpart: {@code BaseProxy._tls} / {@code _connect} in {@code Lib/multiprocessing/managers.py},
 * which also keeps one connection to the manager per thread. CPython has no reaper: a dead thread's connection
 * simply stays open until the process ends.
 */
public final class HostChannels {
    static final long REAP_INTERVAL_MILLIS = 500;

    private static final ThreadLocal<Map<String, HostChannel>> CURRENT = ThreadLocal.withInitial(HashMap::new);
    private static final Set<HostChannel> ALL = ConcurrentHashMap.newKeySet();
    private static volatile boolean reaperStarted;

    private HostChannels() {
    }

    /** The current thread's channel to {@code ref}'s host. */
    public static HostChannel forCurrentThread(RemoteRef ref) {
        Map<String, HostChannel> mine = CURRENT.get();
        HostChannel c = mine.get(ref.address());
        if (c == null || c.isClosed()) {
            c = new HostChannel(ref);
            mine.put(ref.address(), c);
            ALL.add(c);
            startReaper();
        }
        return c;
    }

    static void forget(HostChannel c) {
        ALL.remove(c);
        if (Thread.currentThread() == c.owner) {
            CURRENT.get().remove(c.host().address(), c);
        }
    }

    private static void startReaper() {
        if (reaperStarted) {
            return;
        }
        synchronized (HostChannels.class) {
            if (reaperStarted) {
                return;
            }
            Thread t = new Thread(HostChannels::reap, "pyc-host-channel-reaper");
            t.setDaemon(true);
            t.start();
            reaperStarted = true;
        }
    }

    private static void reap() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(REAP_INTERVAL_MILLIS);   // a periodic sweep, not a synchronization
            } catch (InterruptedException e) {
                return;
            }
            for (HostChannel c : ALL) {
                if (!c.owner.isAlive() || c.isClosed()) {
                    c.close();
                    ALL.remove(c);
                }
            }
        }
    }
}
