package dev.pyconcurrent.ipc.connection;

import java.io.EOFException;
import java.io.IOException;

/** Test helper: a daemon thread that sends back every byte message it receives until EOF. */
final class Echo implements AutoCloseable {
    private final Thread thread;
    private final Connection connection;
    private volatile boolean closing;
    private volatile Throwable failure;

    private Echo(Connection connection) {
        this.connection = connection;
        thread = new Thread(() -> {
            try (connection) {
                while (true) {
                    byte[] m;
                    try {
                        m = connection.recvBytes();
                    } catch (EOFException eof) {
                        return;
                    }
                    connection.sendBytes(m);
                }
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    failure = e;
                }
            }
        }, "echo");
        thread.setDaemon(true);
    }

    static Echo start(Connection connection) {
        Echo e = new Echo(connection);
        e.thread.start();
        return e;
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        closing = true;
        connection.close();                                // wakes a recv blocked on it
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
