package dev.pyconcurrent.benchmarks.children;

import dev.pyconcurrent.ipc.connection.Addresses;
import dev.pyconcurrent.ipc.connection.Client;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.process.Process;

import java.nio.ByteBuffer;

/**
 * The library side's IPC child: a {@link Process} (a real child JVM started by futures-process) that connects back
 * with {@link Client#connect} and obeys {@link Commands} over a {@link Connection}, using the calls a user would:
 * {@code sendBytes(byte[])} (or, when the command asks, {@code sendBytes(ByteBuffer)} of a direct buffer) and
 * {@code recvBytesInto(byte[])}.
 */
public final class ConnectionChild extends Process {
    private static final long serialVersionUID = 1L;

    private final String address;

    public ConnectionChild(String address) {
        super("bench-connection-child");
        this.address = address;
        setDaemon(true);
    }

    @Override
    public void run() throws Exception {
        try (Connection conn = Client.connect(Addresses.parse(address), Process.currentProcess().authkey())) {
            byte[] command = new byte[Commands.LENGTH];
            byte[] buffer = new byte[(1 << 20) + 16];
            conn.sendBytes(new byte[0]); // ready
            while (true) {
                conn.recvBytesInto(command);
                int count = Commands.count(command);
                if (count == Commands.EXIT) {
                    return;
                }
                if (count == Commands.ECHO) {
                    int n;
                    while ((n = conn.recvBytesInto(buffer)) > 0) {
                        conn.sendBytes(buffer, 0, n);
                    }
                    continue;
                }
                if (Commands.direct(command)) {
                    ByteBuffer payload = ByteBuffer.allocateDirect(Commands.size(command));
                    for (int i = 0; i < count; i++) {
                        conn.sendBytes(payload.clear());
                    }
                    continue;
                }
                byte[] payload = new byte[Commands.size(command)];
                for (int i = 0; i < count; i++) {
                    conn.sendBytes(payload);
                }
            }
        }
    }
}
