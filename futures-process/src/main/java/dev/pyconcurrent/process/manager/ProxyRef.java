package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.ipc.host.ProcessAuthKey;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The serialized form of a proxy, and its rebuilding on arrival.
 *
 * <p>CPython counterpart: the {@code (RebuildProxy, (func, token, serializer, kwds))} that {@code
 * BaseProxy.__reduce__} returns, and {@code RebuildProxy}: inside the manager's own server the new proxy is
 * "manager owned" (no {@code incref}; the object is remembered in {@code id_to_local_proxy_obj}); anywhere else it
 * takes its own reference. The proxy class must have a constructor taking a {@link ProxySpec}.
 */
final class ProxyRef implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Class<? extends BaseProxy> proxyClass;
    private final Token token;
    private final String serializer;
    private final String[] exposed;
    /** Only when the manager's key differs from the sending process's key. */
    private final byte[] authkey;

    ProxyRef(Class<? extends BaseProxy> proxyClass, Token token, String serializer, String[] exposed,
             byte[] authkey) {
        this.proxyClass = proxyClass;
        this.token = token;
        this.serializer = serializer;
        this.exposed = exposed;
        this.authkey = authkey;
    }

    @Serial
    private Object readResolve() throws ObjectStreamException {
        Server server = Server.current();
        boolean owned = server != null && server.address().equals(token.address());
        byte[] key = authkey != null ? authkey : owned ? server.authkey() : ProcessAuthKey.get();
        if (owned) {
            server.rememberLocalProxy(token.id());
        }
        ProxySpec spec = new ProxySpec(token, serializer, null, key, exposed == null ? null : Arrays.asList(exposed),
                !owned, owned);
        try {
            Constructor<? extends BaseProxy> make = proxyClass.getDeclaredConstructor(ProxySpec.class);
            make.setAccessible(true);
            return make.newInstance(spec);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;                                     // e.g. ManagerConnectionException: the manager is gone
            }
            throw invalid(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw invalid(e);
        }
    }

    private InvalidObjectException invalid(Throwable cause) {
        InvalidObjectException e = new InvalidObjectException("cannot rebuild a " + proxyClass.getName()
                + " for " + token + ": it needs a constructor taking a ProxySpec (" + cause + ")");
        e.initCause(cause);
        return e;
    }
}
