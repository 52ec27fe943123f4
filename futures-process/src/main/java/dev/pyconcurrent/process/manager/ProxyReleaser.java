package dev.pyconcurrent.process.manager;

import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives a proxy's reference back to the server ({@code decref}) exactly once: when the proxy is closed, when it is
 * garbage collected, or when this JVM exits.
 *
 * <p>CPython counterpart: the {@code util.Finalize(self, BaseProxy._decref, ..., exitpriority=10)} registered by
 * {@code BaseProxy._incref}: it runs when the proxy is collected or at interpreter exit, and skips the call when
 * the manager is known to be shut down. Java uses a {@link Cleaner} for collection and one shutdown hook for exit
 * (bounded to {@link #EXIT_BUDGET_NANOS} in total, as a dead manager must never delay the exit).
 *
 * <p>A release's states: REGISTERED --close() / collected / JVM exit--&gt; RELEASED (the Cleaner guarantees once).
 */
final class ProxyReleaser {
    static final long EXIT_BUDGET_NANOS = 2_000_000_000L;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Set<Decref> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private ProxyReleaser() {
    }

    /** Registers {@code proxy}; the returned handle's {@code clean()} releases its reference now. */
    static Cleaner.Cleanable register(BaseProxy proxy, Token token, byte[] authkey, String serializer,
                                      ManagerState state) {
        installHook();
        Decref action = new Decref(token, authkey.clone(), serializer, state);
        Cleaner.Cleanable handle = CLEANER.register(proxy, action);
        action.handle = handle;
        LIVE.add(action);
        return handle;
    }

    private static void installHook() {
        if (!hookInstalled) {
            synchronized (ProxyReleaser.class) {
                if (!hookInstalled) {
                    Thread hook = new Thread(ProxyReleaser::releaseAllAtExit, "manager-proxy-release");
                    Runtime.getRuntime().addShutdownHook(hook);
                    hookInstalled = true;
                }
            }
        }
    }

    private static void releaseAllAtExit() {
        long deadline = System.nanoTime() + EXIT_BUDGET_NANOS;
        for (Decref d : LIVE.toArray(new Decref[0])) {
            if (System.nanoTime() - deadline > 0) {
                return;
            }
            Cleaner.Cleanable h = d.handle;
            if (h != null) {
                h.clean();
            }
        }
    }

    /** CPython's {@code BaseProxy._decref}; must not reference the proxy (or it would never be collected). */
    private static final class Decref implements Runnable {
        private final Token token;
        private final byte[] authkey;
        private final String serializer;
        private final ManagerState state;
        volatile Cleaner.Cleanable handle;

        Decref(Token token, byte[] authkey, String serializer, ManagerState state) {
            this.token = token;
            this.authkey = authkey;
            this.serializer = serializer;
            this.state = state;
        }

        @Override
        public void run() {
            LIVE.remove(this);
            if (state != null && !state.isStarted()) {
                return;                                      // the manager is shut down: nothing to tell it
            }
            try {
                Dispatch.callServer(token.address(), authkey, serializer, "decref", token.id());
            } catch (Exception ignored) {
                // the manager is gone or refused: it has nothing left to release for us
            }
        }
    }
}
