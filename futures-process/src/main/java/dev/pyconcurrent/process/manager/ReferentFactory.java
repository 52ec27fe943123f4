package dev.pyconcurrent.process.manager;

import java.io.Serializable;

/**
 * Makes a shared object in the manager's server: the {@code callable} of {@code BaseManager.register(typeid,
 * callable, ...)}. It travels to the server process by serialization, so a lambda or method reference must be
 * typed as this interface where it is written; it runs there, with the arguments the client gave
 * {@link BaseManager#create}.
 *
 * <p>CPython counterpart: the {@code callable} in {@code Lib/multiprocessing/managers.py: BaseManager.register},
 * called as {@code callable(*args, **kwds)} by {@code Server.create}. Java differs: the arguments arrive as one
 * array (no keyword arguments).
 */
@FunctionalInterface
public interface ReferentFactory extends Serializable {
    Object create(Object[] args) throws Exception;
}
