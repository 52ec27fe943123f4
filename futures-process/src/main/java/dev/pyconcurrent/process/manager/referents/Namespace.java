package dev.pyconcurrent.process.manager.referents;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The referent of a {@code Namespace} proxy: a bag of named attributes.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: Namespace} (attributes in {@code __dict__}, a
 * {@code repr} that lists the attributes not starting with {@code _}, sorted by name: {@code Namespace(a=10)}).
 * Java has no dynamic attributes, so they are {@link #getattr}/{@link #setattr}/{@link #delattr} calls; a missing
 * one is a {@link NoSuchElementException} (CPython's {@code AttributeError}).
 */
public final class Namespace implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, Object> attributes = new TreeMap<>();

    public Namespace(Map<String, ?> initial) {
        attributes.putAll(initial);
    }

    /** The server-side factory: {@code Namespace()} or {@code Namespace(**kwds)} given as a map. */
    @SuppressWarnings("unchecked")
    public static Namespace fromArgs(Object[] args) {
        return new Namespace(args.length == 0 || args[0] == null ? Map.of() : (Map<String, ?>) args[0]);
    }

    public synchronized Object getattr(String name) {
        if (!attributes.containsKey(name)) {
            throw new NoSuchElementException("'Namespace' object has no attribute '" + name + "'");
        }
        return attributes.get(name);
    }

    public synchronized boolean hasattr(String name) {
        return attributes.containsKey(name);
    }

    public synchronized void setattr(String name, Object value) {
        attributes.put(name, value);
    }

    public synchronized void delattr(String name) {
        if (attributes.remove(name) == null && !attributes.containsKey(name)) {
            throw new NoSuchElementException("'Namespace' object has no attribute '" + name + "'");
        }
    }

    /** {@code Namespace(a=10, name='Bob')}: public attributes only, sorted by name. */
    @Override
    public synchronized String toString() {
        StringBuilder out = new StringBuilder("Namespace(");
        String sep = "";
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            if (!e.getKey().startsWith("_")) {
                out.append(sep).append(e.getKey()).append('=').append(PyRepr.repr(e.getValue()));
                sep = ", ";
            }
        }
        return out.append(')').toString();
    }
}
