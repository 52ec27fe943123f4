package dev.pyconcurrent.process.manager.referents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The referent of a {@code list} proxy: a Python list held by the manager's server.
 *
 * <p>CPython counterpart: the built-in {@code list} that {@code SyncManager.register('list', list, ListProxy)}
 * creates, with the methods {@code ListProxy} exposes ({@code __len__}, {@code __getitem__}, {@code append},
 * {@code pop}, ...). Java differs: Python's dunder methods have Java names ({@code len}, {@code getItem}, ...), and
 * indexes may be negative as in Python. Every method runs under this object's monitor, so concurrent proxies see
 * each call as atomic (CPython gets the same from the GIL).
 */
public final class ManagedList implements java.io.Serializable, ValueCopy {
    private static final long serialVersionUID = 1L;

    private final ArrayList<Object> items;

    public ManagedList(Collection<?> initial) {
        this.items = new ArrayList<>(initial);
    }

    /** The server-side factory: {@code list()} or {@code list(iterable)}. */
    public static ManagedList fromArgs(Object[] args) {
        if (args.length == 0 || args[0] == null) {
            return new ManagedList(List.of());
        }
        if (args[0] instanceof Collection<?> c) {
            return new ManagedList(c);
        }
        if (args[0] instanceof Object[] a) {
            return new ManagedList(java.util.Arrays.asList(a));
        }
        throw new IllegalArgumentException("'" + args[0].getClass().getName() + "' object is not iterable");
    }

    public synchronized int len() {
        return items.size();
    }

    public synchronized Object getItem(int index) {
        return items.get(position(index));
    }

    /** Sets the item and returns the one it replaced (Java's {@code List.set}). */
    public synchronized Object setItem(int index, Object value) {
        return items.set(position(index), value);
    }

    public synchronized void append(Object value) {
        items.add(value);
    }

    public synchronized void insert(int index, Object value) {
        int n = items.size();
        int at = index < 0 ? Math.max(0, index + n) : Math.min(index, n);   // Python clamps insert positions
        items.add(at, value);
    }

    public synchronized void extend(Collection<?> values) {
        items.addAll(values);
    }

    /** {@code l += values}; the proxy returns itself, as CPython's {@code __iadd__} does. */
    public synchronized void iadd(Collection<?> values) {
        items.addAll(values);
    }

    /** {@code l *= n}. */
    public synchronized void imul(int n) {
        List<Object> copy = new ArrayList<>(items);
        items.clear();
        for (int i = 0; i < n; i++) {
            items.addAll(copy);
        }
    }

    public synchronized Object pop() {
        return pop(-1);
    }

    public synchronized Object pop(int index) {
        if (items.isEmpty()) {
            throw new IndexOutOfBoundsException("pop from empty list");
        }
        return items.remove(position(index));
    }

    /** Python's {@code list.remove(value)}: the first equal item. */
    public synchronized void remove(Object value) {
        if (!items.remove(value)) {
            throw new NoSuchElementException("list.remove(x): x not in list");
        }
    }

    public synchronized int index(Object value) {
        int at = items.indexOf(value);
        if (at < 0) {
            throw new NoSuchElementException(PyRepr.repr(value) + " is not in list");
        }
        return at;
    }

    public synchronized int lastIndex(Object value) {
        return items.lastIndexOf(value);
    }

    public synchronized int count(Object value) {
        return Collections.frequency(items, value);
    }

    public synchronized boolean contains(Object value) {
        return items.contains(value);
    }

    public synchronized void reverse() {
        Collections.reverse(items);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized void sort() {
        ((List) items).sort(null);
    }

    public synchronized void clear() {
        items.clear();
    }

    /** Python's {@code l[from:to]} (negative and out-of-range bounds clamp as in Python); a plain list. */
    public synchronized ArrayList<Object> slice(int from, int to) {
        int n = items.size();
        int lo = clamp(from < 0 ? from + n : from, n);
        int hi = clamp(to < 0 ? to + n : to, n);
        return lo >= hi ? new ArrayList<>() : new ArrayList<>(items.subList(lo, hi));
    }

    /** A plain copy ({@code l[:]}, or CPython's {@code _getvalue()}). */
    public synchronized ArrayList<Object> copy() {
        return new ArrayList<>(items);
    }

    @Override
    public ArrayList<Object> copyValue() {
        return copy();
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(i, n));
    }

    private int position(int index) {
        int n = items.size();
        int at = index < 0 ? index + n : index;
        if (at < 0 || at >= n) {
            throw new IndexOutOfBoundsException("list index out of range: " + index + " (length " + n + ")");
        }
        return at;
    }

    @Override
    public synchronized String toString() {
        return PyRepr.repr(items);
    }
}
