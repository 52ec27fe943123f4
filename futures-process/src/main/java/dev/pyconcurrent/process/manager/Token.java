package dev.pyconcurrent.process.manager;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names one shared object: its type id, the address of the manager's server that holds it, and its id there.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: Token} ({@code typeid}, {@code address},
 * {@code id}). Java differs: the address is kept as text ({@code /path/to/socket} or {@code host:port}, see
 * {@link dev.pyconcurrent.ipc.connection.Addresses#parse}) so a token deserializes under the strict allow-list
 * serializer, which refuses {@code java.net} classes.
 *
 * @param typeid  the registered type id, e.g. {@code "list"}
 * @param address the server's listener address
 * @param id      the object's id in the server's {@code id_to_obj}
 */
public record Token(String typeid, String address, String id) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public Token {
        Objects.requireNonNull(typeid, "typeid");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return "Token(typeid='" + typeid + "', address='" + address + "', id='" + id + "')";
    }
}
