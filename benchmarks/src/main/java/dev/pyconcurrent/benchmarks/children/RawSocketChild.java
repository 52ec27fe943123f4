package dev.pyconcurrent.benchmarks.children;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The child of the raw limit: a plain JVM (started with {@code ProcessBuilder}, no library code) that connects to
 * the parent's Unix socket and obeys {@link Commands}.
 *
 * <p>Usage: {@code java -cp ... RawSocketChild <socket path>}.
 */
public final class RawSocketChild {
    private RawSocketChild() {
    }

    public static void main(String[] args) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(args[0]));
            RawFrames frames = new RawFrames(ch);
            ByteBuffer command = ByteBuffer.allocateDirect(Commands.LENGTH);
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            frames.write(ByteBuffer.allocate(0)); // ready
            while (true) {
                frames.read(command);
                int count = command.getInt(0);
                int size = command.getInt(4);
                if (count == Commands.EXIT) {
                    return;
                }
                if (count == Commands.ECHO) {
                    while (frames.read(buffer) > 0) {
                        frames.write(buffer);
                    }
                    continue;
                }
                ByteBuffer payload = ByteBuffer.allocateDirect(size);
                for (int i = 0; i < count; i++) {
                    frames.write(payload);
                }
            }
        }
    }
}
