package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.ipc.connection.Client;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.serialization.Serializers;

import java.io.IOException;

/**
 * The client side of the protocol: send a request, read the reply, turn an error reply into an exception.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: dispatch(c, id, methodname, args, kwds)} and
 * {@code convert_to_error(kind, result)}.
 */
final class Dispatch {
    private Dispatch() {
    }

    /** Sends {@code (id, method, args)} on {@code c} and returns the {@code #RETURN} result. */
    static Object dispatch(Connection c, String id, String method, Object... args) throws Exception {
        c.send(new Request(id, method, args));
        Reply reply = (Reply) c.recv();
        if (Reply.RETURN.equals(reply.kind())) {
            return reply.result();
        }
        throw convertToError(reply);
    }

    /**
     * Opens a fresh authenticated connection, calls one of the server's public methods and closes it, as
     * CPython does for {@code create}, {@code incref}, {@code decref}, {@code shutdown}, ...
     *
     * @throws ManagerConnectionException if the server cannot be reached
     */
    static Object callServer(String address, byte[] authkey, String serializer, String method, Object... args)
            throws Exception {
        Connection c;
        try {
            c = Client.connect(Addressing.parse(address), authkey, Serializers.get(serializer));
        } catch (dev.pyconcurrent.ipc.connection.AuthenticationException e) {
            throw e;
        } catch (IOException e) {
            throw unreachable(address, method, e);
        }
        try (c) {
            return dispatch(c, null, method, args);
        } catch (IOException e) {
            throw new ManagerConnectionException("lost the connection to the manager at " + address + " during "
                    + method + "(): " + e, e);
        }
    }

    static ManagerConnectionException unreachable(String address, String what, IOException e) {
        return new ManagerConnectionException("cannot reach the manager at " + address + " for " + what
                + " (has it been shut down?): " + e, e);
    }

    /** CPython's {@code convert_to_error}. */
    static Exception convertToError(Reply reply) {
        switch (reply.kind()) {
            case Reply.ERROR:
                if (reply.result() instanceof Exception e) {
                    return e;
                }
                if (reply.result() instanceof Error err) {
                    throw err;
                }
                return new RemoteErrorException(String.valueOf(reply.result()));
            case Reply.TRACEBACK:
                return new RemoteErrorException(String.valueOf(reply.result()));
            case Reply.UNSERIALIZABLE:
                return new RemoteErrorException("Unserializable message: " + reply.result() + "\n");
            default:
                return new IllegalArgumentException("Unrecognized message type " + reply.kind());
        }
    }
}
