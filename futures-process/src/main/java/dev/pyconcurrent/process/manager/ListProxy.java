package dev.pyconcurrent.process.manager;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;

/**
 * A proxy for a manager {@code list}: a {@link java.util.List} whose every operation runs in the server.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: ListProxy} ({@code BaseListProxy} plus
 * {@code __iadd__}/{@code __imul__} returning the proxy). As there: iteration goes through {@link #get(int)}
 * (so it sees changes made meanwhile), {@link #plus} ({@code +}) and {@link #copy()} return plain lists, and
 * {@link #iadd}/{@link #imul} ({@code +=}, {@code *=}) change the shared list and return this proxy. Other
 * proxies can be stored in it (nested proxies) and come back as proxies of the same objects. Each call is atomic in
 * the server; a sequence of calls is not. {@code toString()} prints the contents as CPython's {@code print(l)}:
 * {@code ['Hello']}.
 *
 * @param <E> the element type (elements are serialized copies)
 */
public class ListProxy<E> extends BaseProxy implements List<E> {
    private static final long serialVersionUID = 1L;

    /** The {@code java.util} view: AbstractList gives iterators, equals, hashCode, subList over get/size. */
    private final transient List<E> view = new AbstractList<>() {
        @Override
        public E get(int index) {
            return ListProxy.this.get(index);
        }

        @Override
        public int size() {
            return ListProxy.this.size();
        }

        @Override
        public E set(int index, E element) {
            return ListProxy.this.set(index, element);
        }

        @Override
        public void add(int index, E element) {
            ListProxy.this.add(index, element);
        }

        @Override
        public E remove(int index) {
            return ListProxy.this.remove(index);
        }
    };

    public ListProxy(ProxySpec spec) {
        super(spec);
    }

    // ---------------------------------------------------------------- the remote calls

    @Override
    public int size() {
        return (Integer) call("len");
    }

    /** {@code l[index]}; a negative index counts from the end, as in Python. */
    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) call("getItem", index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E set(int index, E element) {
        return (E) call("setItem", index, element);
    }

    /** {@code l.append(x)}; always true. */
    @Override
    public boolean add(E element) {
        call("append", element);
        return true;
    }

    /** {@code l.insert(index, x)}. */
    @Override
    public void add(int index, E element) {
        call("insert", index, element);
    }

    /** {@code l.pop(index)}. */
    @Override
    @SuppressWarnings("unchecked")
    public E remove(int index) {
        return (E) call("pop", index);
    }

    /** {@code l.remove(x)} if present. */
    @Override
    public boolean remove(Object o) {
        if (!contains(o)) {
            return false;
        }
        try {
            call("remove", o);
            return true;
        } catch (java.util.NoSuchElementException raced) {
            return false;                                    // removed by someone else in between
        }
    }

    @Override
    public boolean contains(Object o) {
        return (Boolean) call("contains", o);
    }

    @Override
    public int indexOf(Object o) {
        return contains(o) ? index(o) : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return (Integer) call("lastIndex", o);
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        call("extend", new ArrayList<>(c));
        return !c.isEmpty();
    }

    @Override
    public void clear() {
        call("clear");
    }

    // ---------------------------------------------------------------- Python's list methods

    /** {@code l.append(x)}. */
    public void append(E element) {
        call("append", element);
    }

    /** {@code l.extend(values)}. */
    public void extend(Collection<? extends E> values) {
        call("extend", new ArrayList<>(values));
    }

    /** {@code l.pop()}: removes and returns the last item. */
    @SuppressWarnings("unchecked")
    public E pop() {
        return (E) call("pop");
    }

    /** {@code l.index(x)}; missing: {@link java.util.NoSuchElementException} (CPython's ValueError). */
    public int index(Object o) {
        return (Integer) call("index", o);
    }

    /** {@code l.count(x)}. */
    public int count(Object o) {
        return (Integer) call("count", o);
    }

    /** {@code l.reverse()}. */
    public void reverse() {
        call("reverse");
    }

    /** {@code l.sort()} by natural order. */
    public void sort() {
        call("sort");
    }

    /** {@code l[from:to]} as a plain list (Python's slice bounds: negative counts from the end, clamped). */
    @SuppressWarnings("unchecked")
    public List<E> slice(int from, int to) {
        return (List<E>) call("slice", from, to);
    }

    /** {@code l[:]}: a plain copy. */
    @SuppressWarnings("unchecked")
    public List<E> copy() {
        return (List<E>) call("copy");
    }

    /** {@code l + other}: a plain list. */
    public List<E> plus(Collection<? extends E> other) {
        List<E> out = copy();
        out.addAll(other);
        return out;
    }

    /** {@code l * n}: a plain list, the shared one unchanged. */
    public List<E> times(int n) {
        List<E> once = copy();
        List<E> out = new ArrayList<>(Math.max(0, n) * once.size());
        for (int i = 0; i < n; i++) {
            out.addAll(once);
        }
        return out;
    }

    /** {@code l += values}: extends the shared list, returns this proxy. */
    public ListProxy<E> iadd(Collection<? extends E> values) {
        call("iadd", new ArrayList<>(values));
        return this;
    }

    /** {@code l *= n}: repeats the shared list in place, returns this proxy. */
    public ListProxy<E> imul(int n) {
        call("imul", n);
        return this;
    }

    // ---------------------------------------------------------------- the rest of java.util.List

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Iterator<E> iterator() {
        return view.iterator();
    }

    @Override
    public ListIterator<E> listIterator() {
        return view.listIterator();
    }

    @Override
    public ListIterator<E> listIterator(int index) {
        return view.listIterator(index);
    }

    @Override
    public List<E> subList(int fromIndex, int toIndex) {
        return view.subList(fromIndex, toIndex);
    }

    @Override
    public Object[] toArray() {
        return copy().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return copy().toArray(a);
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        List<E> now = copy();
        return now.containsAll(c);
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        return view.addAll(index, c);
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return view.removeAll(c);
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return view.retainAll(c);
    }

    /** Equal to any list with the same elements (compared with a copy), as {@code java.util.List} requires. */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof List<?> other && copy().equals(other instanceof ListProxy<?> p
                ? p.copy() : other));
    }

    @Override
    public int hashCode() {
        return copy().hashCode();
    }

    /** The contents as CPython prints them: {@code ['Hello']}. */
    @Override
    public String toString() {
        return str();
    }
}
