package dev.pyconcurrent.process.manager;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Server}'s table of shared objects and their reference counts.
 *
 * <p>CPython counterpart: the {@code id_to_obj}, {@code id_to_refcount}, {@code id_to_local_proxy_obj} and
 * {@code mutex} attributes of {@code Lib/multiprocessing/managers.py: Server}, with its {@code create},
 * {@code incref}, {@code decref}, {@code get_methods}, {@code number_of_objects} and {@code debug_info}. Kept in a
 * class of its own so that {@code Server} is about connections and dispatch.
 *
 * <h2>An object's reference count</h2>
 * <pre>
 *   create: id_to_obj[id] = entry, refcount += 1 (the creating client's proxy owns that reference)
 *   incref (a proxy was deserialized in some process): refcount += 1; an id no longer counted but still held
 *          by a proxy stored inside another shared object (id_to_local_proxy_obj) is tracked again at 1
 *   decref (a proxy was closed or collected): refcount -= 1; at 0 the entry leaves id_to_obj
 * </pre>
 * A proxy deserialized inside the server (one stored in a shared list or dict) is "manager owned": it takes no
 * reference, and its object is kept in {@code id_to_local_proxy_obj} for as long as the server lives (CPython
 * does the same, bpo-30256).
 *
 * <p>Java differs: object ids are a counter in hex (CPython uses {@code id(obj)}), but the same object registered
 * twice keeps its id, as in CPython.
 */
final class ServerObjects {
    private final Map<String, Registration.ServerPart> registry;
    private final String address;
    private final ReentrantLock mutex = new ReentrantLock();
    /** id → (referent, exposed, method_to_typeid); guarded by {@link #mutex}. "0" is CPython's placeholder. */
    private final Map<String, Entry> idToObj = new LinkedHashMap<>();
    private final Map<String, Integer> idToRefcount = new LinkedHashMap<>();
    private final Map<String, Entry> idToLocalProxyObj = new ConcurrentHashMap<>();
    private final IdentityHashMap<Object, String> objToId = new IdentityHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    ServerObjects(Map<String, Registration.ServerPart> registry, String address) {
        this.registry = registry;
        this.address = address;
        idToObj.put("0", new Entry(null, Set.of(), null));
    }

    /** Makes a new shared object; returns {@code {id, exposed}} with one reference counted for the caller. */
    Object[] create(String typeid, Object[] args) throws Exception {
        Registration.ServerPart part = registry.get(typeid);
        if (part == null) {
            throw new IllegalArgumentException("unknown typeid '" + typeid + "'; registered: " + registry.keySet());
        }
        Object obj;
        if (part.factory() == null) {
            if (args.length != 1) {
                throw new IllegalArgumentException("typeid '" + typeid + "' has no callable: pass exactly the object");
            }
            obj = args[0];
        } else {
            obj = part.factory().create(referents(args));   // runs outside the mutex: factories may block
        }
        if (obj == null) {
            throw new IllegalArgumentException("the callable of typeid '" + typeid + "' returned null");
        }
        List<String> exposed = new ArrayList<>(part.exposed() != null ? part.exposed() : Exposure.publicMethods(obj));
        if (part.methodToTypeid() != null) {
            exposed.addAll(part.methodToTypeid().keySet());
        }
        mutex.lock();
        try {
            String ident = objToId.get(obj);
            if (ident == null) {
                ident = Long.toHexString(nextId.getAndIncrement());
                objToId.put(obj, ident);
            }
            idToObj.put(ident, new Entry(obj, Set.copyOf(exposed), part.methodToTypeid()));
            idToRefcount.merge(ident, 1, Integer::sum);
            return new Object[] {ident, exposed.toArray(new String[0])};
        } finally {
            mutex.unlock();
        }
    }

    /** Arguments that are proxies of this server's own objects are replaced by the objects (e.g. a Condition's lock). */
    private Object[] referents(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof BaseProxy p && p.token().address().equals(address)) {
                Entry e = lookup(p.token().id());
                if (e != null) {
                    out[i] = e.obj;
                }
            }
        }
        return out;
    }

    Entry lookup(String ident) {
        mutex.lock();
        try {
            Entry e = idToObj.get(ident);
            return e != null ? e : idToLocalProxyObj.get(ident);
        } finally {
            mutex.unlock();
        }
    }

    void incref(String ident) {
        mutex.lock();
        try {
            Integer count = idToRefcount.get(ident);
            if (count != null) {
                idToRefcount.put(ident, count + 1);
            } else if (idToLocalProxyObj.containsKey(ident)) {
                idToRefcount.put(ident, 1);                  // tracked again: a stored proxy escaped to a client
                idToObj.put(ident, idToLocalProxyObj.get(ident));
                objToId.put(idToObj.get(ident).obj, ident);
            } else {
                throw new IllegalArgumentException("KeyError: no shared object with id '" + ident + "'");
            }
        } finally {
            mutex.unlock();
        }
    }

    void decref(String ident) {
        mutex.lock();
        try {
            Integer count = idToRefcount.get(ident);
            if (count == null) {
                if (idToLocalProxyObj.containsKey(ident)) {
                    return;                                  // only held inside the server: nothing to count
                }
                throw new IllegalArgumentException("KeyError: no shared object with id '" + ident + "'");
            }
            if (count <= 1) {
                idToRefcount.remove(ident);
                Entry gone = idToObj.remove(ident);
                if (gone != null && !idToLocalProxyObj.containsKey(ident)) {
                    objToId.remove(gone.obj);
                }
            } else {
                idToRefcount.put(ident, count - 1);
            }
        } finally {
            mutex.unlock();
        }
    }

    /** A proxy of object {@code ident} was deserialized inside this server: keep the object for its sake. */
    void rememberLocalProxy(String ident) {
        mutex.lock();
        try {
            Entry e = idToObj.get(ident);
            if (e != null) {
                idToLocalProxyObj.putIfAbsent(ident, e);
            }
        } finally {
            mutex.unlock();
        }
    }

    String[] getMethods(Token token) {
        Entry e = lookup(token.id());
        if (e == null) {
            throw new IllegalArgumentException("KeyError: no shared object with id '" + token.id() + "'");
        }
        return e.exposed.toArray(new String[0]);
    }

    int numberOfObjects() {
        mutex.lock();
        try {
            return idToObj.size() - 1;                       // not counting the "0" placeholder
        } finally {
            mutex.unlock();
        }
    }

    String debugInfo() {
        mutex.lock();
        try {
            StringBuilder out = new StringBuilder();
            for (Map.Entry<String, Entry> e : new TreeMap<>(idToObj).entrySet()) {
                if (!e.getKey().equals("0")) {
                    String text = String.valueOf(e.getValue().obj);
                    out.append("  ").append(e.getKey()).append(":       refcount=")
                            .append(idToRefcount.get(e.getKey())).append("\n    ")
                            .append(text, 0, Math.min(75, text.length())).append('\n');
                }
            }
            return out.toString();
        } finally {
            mutex.unlock();
        }
    }

    /** One {@code id_to_obj} value: CPython's {@code (obj, exposed, method_to_typeid)}. */
    record Entry(Object obj, Set<String> exposed, Map<String, String> methodToTypeid) {
    }
}
