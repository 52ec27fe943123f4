package dev.pyconcurrent.process.manager;

/**
 * A proxy for a manager {@code Namespace}: named attributes held by the server.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: NamespaceProxy}, which forwards
 * {@code __getattribute__}, {@code __setattr__} and {@code __delattr__}. Java has no dynamic attributes:
 * {@code n.a = 10} is {@code n.set("a", 10)}, {@code n.a} is {@code n.get("a")}, {@code del n.a} is
 * {@code n.delete("a")}; a missing attribute throws {@link java.util.NoSuchElementException} (CPython's
 * {@code AttributeError}). {@code toString()} is CPython's {@code print(n)}: {@code Namespace(a=10)}, hiding names
 * that start with {@code _}.
 */
public class NamespaceProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    public NamespaceProxy(ProxySpec spec) {
        super(spec);
    }

    public Object get(String name) {
        return call("getattr", name);
    }

    public boolean has(String name) {
        return (Boolean) call("hasattr", name);
    }

    public void set(String name, Object value) {
        call("setattr", name, value);
    }

    public void delete(String name) {
        call("delattr", name);
    }

    @Override
    public String toString() {
        return str();
    }
}
