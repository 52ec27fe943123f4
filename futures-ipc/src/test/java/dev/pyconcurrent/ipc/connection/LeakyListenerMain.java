package dev.pyconcurrent.ipc.connection;

/**
 * Child-JVM entry point for {@link SocketCleanupAtExitTest}: opens a Listener and a Pipe, prints
 * the socket directory and file, and exits without closing anything.
 */
public final class LeakyListenerMain {
    public static void main(String[] args) throws Exception {
        Listener listener = new Listener();
        Pipe.open();
        System.out.println("DIR " + SocketDirectory.directory());
        System.out.println("FILE " + ((java.net.UnixDomainSocketAddress) listener.address()).getPath());
        System.out.flush();
        System.exit(0);
    }
}
