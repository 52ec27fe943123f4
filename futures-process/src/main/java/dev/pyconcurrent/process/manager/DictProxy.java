package dev.pyconcurrent.process.manager;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A proxy for a manager {@code dict}: a {@link java.util.Map} whose every operation runs in the server.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: DictProxy} ({@code __getitem__},
 * {@code __setitem__}, {@code keys}, {@code values}, {@code items}, {@code copy}, {@code pop}, {@code popitem},
 * {@code setdefault}, {@code update}, and {@code __iter__} returned as an {@link IteratorProxy} through
 * {@code method_to_typeid}). As there: iterating ({@link #keySet()}, {@link #entrySet()}) walks a live iterator in
 * the server, so changing the dict meanwhile fails the next step with
 * {@link java.util.ConcurrentModificationException} (CPython's {@code RuntimeError: dictionary changed size
 * during iteration}); {@link #keys()}, {@link #values()}, {@link #items()} and {@link #copy()} return plain
 * copies; nested proxies stored as values come back as proxies of the same objects. {@code toString()} prints the
 * contents as CPython's {@code print(d)}: {@code {1: 2}}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class DictProxy<K, V> extends BaseProxy implements Map<K, V> {
    private static final long serialVersionUID = 1L;

    private final transient Map<K, V> view = new AbstractMap<>() {
        @Override
        public Set<Entry<K, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<K, V>> iterator() {
                    Iterator<K> keys = keyIterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return keys.hasNext();
                        }

                        @Override
                        public Entry<K, V> next() {
                            return new RemoteEntry(keys.next());
                        }
                    };
                }

                @Override
                public int size() {
                    return DictProxy.this.size();
                }
            };
        }

        @Override
        public V put(K key, V value) {
            return DictProxy.this.put(key, value);
        }

        @Override
        public V remove(Object key) {
            return DictProxy.this.remove(key);
        }
    };

    public DictProxy(ProxySpec spec) {
        super(spec);
    }

    @Override
    public int size() {
        return (Integer) call("len");
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) call("contains", key);
    }

    @Override
    public boolean containsValue(Object value) {
        return (Boolean) call("containsValue", value);
    }

    /** {@code d.get(key)}: {@code null} when missing. */
    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        return (V) call("get", key);
    }

    /** {@code d[key]}: a missing key throws {@link java.util.NoSuchElementException} (CPython's KeyError). */
    @SuppressWarnings("unchecked")
    public V getItem(Object key) {
        return (V) call("getItem", key);
    }

    /** {@code d[key] = value}; returns the value replaced, as {@code Map.put}. */
    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        return (V) call("setItem", key, value);
    }

    /** {@code d.pop(key, None)}. */
    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        return (V) call("pop", key, null);
    }

    /** {@code del d[key]}; missing: {@link java.util.NoSuchElementException}. */
    public void delItem(Object key) {
        call("delItem", key);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        call("update", new LinkedHashMap<>(m));
    }

    @Override
    public void clear() {
        call("clear");
    }

    /** {@code d.setdefault(key, value)}. */
    @SuppressWarnings("unchecked")
    public V setdefault(K key, V value) {
        return (V) call("setdefault", key, value);
    }

    /** {@code d.popitem()}: the last inserted pair, removed. */
    @SuppressWarnings("unchecked")
    public Map.Entry<K, V> popitem() {
        return (Map.Entry<K, V>) call("popitem");
    }

    /** {@code list(d.keys())}: a plain copy. */
    @SuppressWarnings("unchecked")
    public List<K> keys() {
        return (List<K>) call("keys");
    }

    /** {@code list(d.values())}: a plain copy. */
    @SuppressWarnings("unchecked")
    public List<V> valuesList() {
        return (List<V>) call("values");
    }

    /** {@code list(d.items())}: plain pairs. */
    @SuppressWarnings("unchecked")
    public List<Map.Entry<K, V>> items() {
        return (List<Map.Entry<K, V>>) call("items");
    }

    /** {@code d.copy()}: a plain, insertion-ordered map. */
    @SuppressWarnings("unchecked")
    public Map<K, V> copy() {
        return (Map<K, V>) call("copy");
    }

    /** {@code d | other}: a plain map with the pairs of both ({@code other} wins), the shared dict unchanged. */
    public Map<K, V> union(Map<? extends K, ? extends V> other) {
        Map<K, V> out = copy();
        out.putAll(other);
        return out;
    }

    /** {@code d |= other}: updates the shared dict, returns this proxy. */
    public DictProxy<K, V> ior(Map<? extends K, ? extends V> other) {
        putAll(other);
        return this;
    }

    /** {@code iter(d)}: a live key iterator in the server (an {@link IteratorProxy}). */
    @SuppressWarnings("unchecked")
    public Iterator<K> keyIterator() {
        return (Iterator<K>) call("iterator");
    }

    @Override
    public Set<K> keySet() {
        return view.keySet();
    }

    @Override
    public java.util.Collection<V> values() {
        return view.values();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return view.entrySet();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Map<?, ?> other && copy().equals(other instanceof DictProxy<?, ?> p
                ? p.copy() : other));
    }

    @Override
    public int hashCode() {
        return copy().hashCode();
    }

    /** An entry of the live iteration: its value is read (and written) in the server when asked for. */
    private final class RemoteEntry implements Map.Entry<K, V> {
        private final K key;

        RemoteEntry(K key) {
            this.key = key;
        }

        @Override
        public K getKey() {
            return key;
        }

        @Override
        public V getValue() {
            return getItem(key);
        }

        @Override
        public V setValue(V value) {
            return put(key, value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && java.util.Objects.equals(key, e.getKey())
                    && java.util.Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(key) ^ java.util.Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }

    /** The contents as CPython prints them: {@code {1: 2}}. */
    @Override
    public String toString() {
        return str();
    }
}
