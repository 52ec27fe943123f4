package dev.pyconcurrent.process.manager;

/**
 * Builds the client-side proxy for a registered type id: the {@code proxytype} of {@code BaseManager.register}.
 * Usually a proxy class's constructor, e.g. {@code ListProxy::new}; {@code AutoProxy::new} is the default.
 *
 * <p>CPython counterpart: {@code proxytype(token, serializer, manager=..., authkey=..., exposed=...)} in
 * {@code Lib/multiprocessing/managers.py}; the arguments are bundled in a {@link ProxySpec}.
 */
@FunctionalInterface
public interface ProxyType {
    BaseProxy make(ProxySpec spec);
}
