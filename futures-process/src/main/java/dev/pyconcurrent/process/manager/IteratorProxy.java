package dev.pyconcurrent.process.manager;

import java.util.Iterator;

/**
 * A proxy for an iterator held by the server, e.g. what {@code iter(dict_proxy)} returns.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: IteratorProxy} ({@code __next__}, {@code send},
 * {@code throw}, {@code close}). Java's {@link Iterator} asks {@code hasNext()} before {@code next()}, so each
 * step is two calls; {@code send}/{@code throw} have no Java iterator equivalent.
 */
public class IteratorProxy extends BaseProxy implements Iterator<Object> {
    private static final long serialVersionUID = 1L;

    public IteratorProxy(ProxySpec spec) {
        super(spec);
    }

    @Override
    public boolean hasNext() {
        return (Boolean) call("hasNext");
    }

    @Override
    public Object next() {
        return call("next");
    }
}
