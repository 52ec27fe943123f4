package dev.pyconcurrent.process.manager;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One entry of a manager's registry: what {@code BaseManager.register} records for a type id.
 *
 * <p>CPython counterpart: the {@code (callable, exposed, method_to_typeid, proxytype)} tuple in
 * {@code BaseManager._registry}. Java differs: the part the server needs ({@link ServerPart}) is split from the
 * proxy type, so only serializable things travel to the server process.
 *
 * @param typeid         the name clients create objects by
 * @param factory        makes the referent in the server; {@code null}: the first argument is the referent (used
 *                       for results of {@code method_to_typeid}, and by clients that only {@code connect()})
 * @param exposed        method names proxies may call; {@code null}: every public method of the referent
 * @param methodToTypeid methods whose result is itself shared and returned as a proxy of the given type id
 * @param proxyType      builds the client-side proxy
 */
public record Registration(String typeid, ReferentFactory factory, List<String> exposed,
                           Map<String, String> methodToTypeid, ProxyType proxyType) {

    public Registration {
        exposed = exposed == null ? null : List.copyOf(exposed);
        methodToTypeid = methodToTypeid == null ? null : Map.copyOf(methodToTypeid);
        proxyType = proxyType == null ? AutoProxy::new : proxyType;
    }

    ServerPart serverPart() {
        return new ServerPart(factory, exposed, methodToTypeid);
    }

    /** What the server keeps per type id. */
    record ServerPart(ReferentFactory factory, List<String> exposed, Map<String, String> methodToTypeid)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }
}
