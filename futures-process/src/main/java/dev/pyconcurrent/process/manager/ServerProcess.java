package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.Pipe;
import dev.pyconcurrent.process.Process;
import dev.pyconcurrent.process.ProcessTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starting and stopping a manager's server process, for {@link BaseManager}.
 *
 * <p>CPython counterpart: the process half of {@code BaseManager.start} (a pipe, a {@code Process} running
 * {@code _run_server} named {@code <ManagerClass>-<identity>}, the address read back from the pipe) and of
 * {@code BaseManager._finalize_manager} (the {@code shutdown} request, then {@code join(shutdown_timeout)},
 * {@code terminate()}, {@code join(shutdown_timeout)}, {@code kill()}). Java differs: the pipe is duplex and the
 * parent keeps its writer end open until the address arrives (the child's end is relayed through this JVM's
 * resource host, see {@code dev.pyconcurrent.ipc.host.Connections}); a dead child is noticed by polling its
 * liveness, and the wait is bounded by {@link #START_TIMEOUT}.
 */
final class ServerProcess {
    /** How long {@code start()} waits for the server process to report its address. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private ServerProcess() {
    }

    /** A started server process and the address it reported. */
    record Started(Process process, String address) {
    }

    /**
     * Starts the server process for {@code launch} (whose writer is filled in here) and waits for its address.
     *
     * @throws IllegalStateException if the process fails before serving (the server-side trace is in the message)
     */
    static Started launch(String managerClassName, ServerBootstrap.Launch launch) {
        Pipe pipe;
        try {
            // Duplex although only one message flows: a one-way end cannot be relayed to a child (the relay
            // copies both directions), see dev.pyconcurrent.ipc.host.Connections.
            pipe = Pipe.open(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the pipe for the manager's address: " + e, e);
        }
        try (Connection reader = pipe.first(); Connection writer = pipe.second()) {
            ProcessTarget.OneArg<ServerBootstrap.Launch> target = ServerBootstrap::runServer;
            Process p = new Process(target, new ServerBootstrap.Launch(launch.registry(), launch.address(),
                    launch.authkey(), launch.serializer(), writer, launch.initializer(), launch.initargs()));
            p.setName(managerClassName + "-" + Arrays.stream(p.identity()).mapToObj(Integer::toString)
                    .collect(Collectors.joining(":")));
            p.setDaemon(true);
            p.start();
            // The writer stays open here until the address arrives: the child's copy is a hand-over relayed
            // through this JVM's resource host, which needs this end (CPython closes it: it passed a real fd).
            return new Started(p, awaitAddress(reader, p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the manager's server process: " + e, e);
        }
    }

    private static String awaitAddress(Connection reader, Process p) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (!reader.poll(100, TimeUnit.MILLISECONDS)) {
                if (!p.isAlive() && !reader.poll()) {
                    p.join(Duration.ofSeconds(5));
                    throw new IllegalStateException("the manager process " + p.name() + " exited (exit code "
                            + p.exitCode() + ") before reporting its address");
                }
                if (System.nanoTime() - deadline > 0) {
                    p.kill();
                    throw new IllegalStateException("the manager process " + p.name() + " did not report its "
                            + "address within " + START_TIMEOUT.toSeconds() + " s (killed)");
                }
            }
            Reply reply;
            try {
                reply = (Reply) reader.recv();
            } catch (java.io.EOFException e) {
                p.join(Duration.ofSeconds(5));
                throw new IllegalStateException("the manager process " + p.name() + " exited (exit code "
                        + p.exitCode() + ") before reporting its address");
            }
            if (!Reply.RETURN.equals(reply.kind())) {
                p.join(Duration.ofSeconds(5));
                throw new IllegalStateException("the manager process " + p.name() + " failed to start:\n"
                        + reply.result());
            }
            return (String) reply.result();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.kill();
            throw new IllegalStateException("interrupted while starting the manager process", e);
        }
    }

    /** CPython's {@code _finalize_manager}, for the process: ask, wait, terminate, wait, kill. */
    static void stop(Process p, String address, byte[] authkey, String serializer, Duration shutdownTimeout) {
        try {
            if (!p.isAlive()) {
                return;
            }
            try {
                Dispatch.callServer(address, authkey, serializer, "shutdown");
            } catch (Exception ignored) {
                // already stopping or dead: the joins below decide
            }
            if (!p.join(shutdownTimeout)) {
                p.terminate();
                if (!p.join(shutdownTimeout)) {
                    p.kill();
                    p.join(Duration.ofSeconds(5));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
