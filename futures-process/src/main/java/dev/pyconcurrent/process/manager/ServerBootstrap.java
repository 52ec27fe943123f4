package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.serialization.Serializers;
import dev.pyconcurrent.process.ProcessTarget;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What runs in the manager's server process: the initializer, then the {@link Server}, whose address goes back
 * to the parent over a pipe before serving starts.
 *
 * <p>CPython counterpart: {@code BaseManager._run_server(registry, address, authkey, serializer, writer,
 * initializer, initargs)}. Java differs: a failure before serving (initializer threw, address in use) is sent to
 * the parent as a {@code #TRACEBACK} reply instead of leaving it to see only EOF, so {@code start()} can say why.
 */
final class ServerBootstrap {
    private ServerBootstrap() {
    }

    /** The process target of the server process. */
    static void runServer(Launch launch) throws Exception {
        Connection writer = launch.writer();
        Server server;
        try {
            if (launch.initializer() != null) {
                launch.initializer().run(launch.initargs(), Map.of());
            }
            server = new Server(launch.registry(), launch.address() == null ? null
                    : Addressing.parse(launch.address()), launch.authkey(), Serializers.get(launch.serializer()));
        } catch (Throwable e) {
            report(writer, new Reply(Reply.TRACEBACK, Server.traceback(e)));
            throw e;
        }
        report(writer, Reply.ofReturn(server.address()));
        server.serveForever();
    }

    private static void report(Connection writer, Reply reply) throws IOException {
        try (writer) {
            writer.send(reply);
        }
    }

    /** The arguments of {@code _run_server}, serialized into the server process. */
    record Launch(Map<String, Registration.ServerPart> registry, String address, byte[] authkey, String serializer,
                  Connection writer, ProcessTarget initializer, List<Object> initargs) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }
}
