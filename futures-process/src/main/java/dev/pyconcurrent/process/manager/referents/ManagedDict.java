package dev.pyconcurrent.process.manager.referents;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The referent of a {@code dict} proxy: an insertion-ordered Python dict held by the manager's server.
 *
 * <p>CPython counterpart: the built-in {@code dict} behind {@code SyncManager.register('dict', dict, DictProxy)}.
 * Java differs: dunder methods have Java names; a missing key in {@link #getItem} is a
 * {@link NoSuchElementException} (CPython's {@code KeyError}); {@link #iterator()} is a key iterator that fails with
 * {@link java.util.ConcurrentModificationException} when the dict changes under it (CPython's
 * {@code RuntimeError: dictionary changed size during iteration}). Calls are atomic (this object's monitor) except
 * the iterator's steps, which, as in CPython, see concurrent changes and then fail.
 */
public final class ManagedDict implements java.io.Serializable, ValueCopy {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<Object, Object> map;

    public ManagedDict(Map<?, ?> initial) {
        this.map = new LinkedHashMap<>(initial);
    }

    /** The server-side factory: {@code dict()} or {@code dict(mapping)}. */
    public static ManagedDict fromArgs(Object[] args) {
        if (args.length == 0 || args[0] == null) {
            return new ManagedDict(Map.of());
        }
        if (args[0] instanceof Map<?, ?> m) {
            return new ManagedDict(m);
        }
        throw new IllegalArgumentException("cannot convert '" + args[0].getClass().getName() + "' to a dict");
    }

    public synchronized int len() {
        return map.size();
    }

    /** {@code d[key]}: a missing key fails (CPython's {@code KeyError}). */
    public synchronized Object getItem(Object key) {
        if (!map.containsKey(key)) {
            throw new NoSuchElementException("KeyError: " + PyRepr.repr(key));
        }
        return map.get(key);
    }

    /** {@code d.get(key)}: {@code null} when missing. */
    public synchronized Object get(Object key) {
        return map.get(key);
    }

    public synchronized Object get(Object key, Object fallback) {
        return map.getOrDefault(key, fallback);
    }

    /** {@code d[key] = value}; returns the value it replaced (Java's {@code Map.put}). */
    public synchronized Object setItem(Object key, Object value) {
        return map.put(key, value);
    }

    public synchronized void delItem(Object key) {
        if (!map.containsKey(key)) {
            throw new NoSuchElementException("KeyError: " + PyRepr.repr(key));
        }
        map.remove(key);
    }

    public synchronized boolean contains(Object key) {
        return map.containsKey(key);
    }

    public synchronized boolean containsValue(Object value) {
        return map.containsValue(value);
    }

    /** {@code d.pop(key, default)}: removes and returns the value, or {@code fallback} when missing. */
    public synchronized Object pop(Object key, Object fallback) {
        return map.containsKey(key) ? map.remove(key) : fallback;
    }

    /** {@code d.popitem()}: removes and returns the last inserted pair (LIFO, as in CPython 3.7+). */
    public synchronized Map.Entry<Object, Object> popitem() {
        if (map.isEmpty()) {
            throw new NoSuchElementException("popitem(): dictionary is empty");
        }
        Map.Entry<Object, Object> last = null;
        for (Map.Entry<Object, Object> e : map.entrySet()) {
            last = e;
        }
        map.remove(last.getKey());
        return new AbstractMap.SimpleEntry<>(last.getKey(), last.getValue());
    }

    public synchronized Object setdefault(Object key, Object fallback) {
        return map.computeIfAbsent(key, k -> fallback);
    }

    public synchronized void update(Map<?, ?> other) {
        map.putAll(other);
    }

    public synchronized void clear() {
        map.clear();
    }

    public synchronized ArrayList<Object> keys() {
        return new ArrayList<>(map.keySet());
    }

    public synchronized ArrayList<Object> values() {
        return new ArrayList<>(map.values());
    }

    public synchronized List<Map.Entry<Object, Object>> items() {
        List<Map.Entry<Object, Object>> out = new ArrayList<>(map.size());
        for (Map.Entry<Object, Object> e : map.entrySet()) {
            out.add(new AbstractMap.SimpleEntry<>(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** A plain copy ({@code d.copy()}, or CPython's {@code _getvalue()}). */
    public synchronized LinkedHashMap<Object, Object> copy() {
        return new LinkedHashMap<>(map);
    }

    @Override
    public LinkedHashMap<Object, Object> copyValue() {
        return copy();
    }

    /**
     * {@code iter(d)}: a live key iterator, handed out as an iterator proxy ({@code method_to_typeid}). Each step
     * locks the dict; a change since the iterator was made fails the next step.
     */
    public Iterator<Object> iterator() {
        Iterator<Object> keys;
        synchronized (this) {
            keys = map.keySet().iterator();
        }
        ManagedDict owner = this;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                synchronized (owner) {
                    return keys.hasNext();
                }
            }

            @Override
            public Object next() {
                synchronized (owner) {
                    return keys.next();
                }
            }
        };
    }

    @Override
    public synchronized String toString() {
        return PyRepr.repr(map);
    }
}
