package dev.pyconcurrent.process.manager;

import java.util.List;

/**
 * Everything a proxy is built from; passed to a proxy class's constructor by {@link ProxyType}.
 *
 * <p>CPython counterpart: the arguments of {@code BaseProxy.__init__(token, serializer, manager=None,
 * authkey=None, exposed=None, incref=True, manager_owned=False)}. Only this package creates specs: a custom proxy
 * class takes one in its constructor and passes it to {@code super(spec)}.
 */
public final class ProxySpec {
    final Token token;
    final String serializer;
    final BaseManager manager;
    final byte[] authkey;
    final List<String> exposed;
    final boolean incref;
    final boolean managerOwned;

    ProxySpec(Token token, String serializer, BaseManager manager, byte[] authkey, List<String> exposed,
              boolean incref, boolean managerOwned) {
        this.token = token;
        this.serializer = serializer;
        this.manager = manager;
        this.authkey = authkey.clone();
        this.exposed = exposed == null ? null : List.copyOf(exposed);
        this.incref = incref;
        this.managerOwned = managerOwned;
    }

    public Token token() {
        return token;
    }

    /** The methods the server lets this proxy call ({@code null} when unknown). */
    public List<String> exposed() {
        return exposed;
    }
}
