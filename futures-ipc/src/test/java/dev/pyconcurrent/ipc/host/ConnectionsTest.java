package dev.pyconcurrent.ipc.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.Pipe;
import dev.pyconcurrent.ipc.serialization.Serializers;
import dev.pyconcurrent.ipc.testing.ChildJvm;
import dev.pyconcurrent.ipc.testing.ChildJvms;
import java.io.EOFException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Passing a {@link Connection} end to a child ({@link Connections#shareable}), the article's Pipe
 * example {@code Process(target=f, args=(child_conn,))}, plus the handle rules: same-JVM resolution
 * gives the original end back, and the end attaches once. No CPython test counterpart beyond the
 * Pipe cases of {@code _TestConnection} that pass a connection to a child process.
 */
@Timeout(60)
class ConnectionsTest {
    private final ChildJvms children = new ChildJvms();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    static void echoTwiceThenClose(Object[] a) throws Exception {
        Connection conn = (Connection) a[0];
        conn.send(List.of(42, "hello"));                    // the article: conn.send([42, None, 'hello'])
        Object got = conn.recv();
        conn.send("echo:" + got);
        byte[] big = conn.recvBytes();
        conn.sendBytes(big);
        conn.close();
    }

    @Test
    void aChildUsesAPipeEndPassedAsAnArgument() throws Exception {
        Pipe pipe = Pipe.open();
        Connection parent = pipe.first();
        ChildJvm c = children.start(getClass(), "echoTwiceThenClose", Connections.shareable(pipe.second()));
        assertEquals(List.of(42, "hello"), parent.recv());
        parent.send("ping");
        assertEquals("echo:ping", parent.recv());
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        parent.sendBytes(big);
        byte[] back = parent.recvBytes();
        assertTrue(java.util.Arrays.equals(big, back));
        assertThrows(EOFException.class, parent::recv);     // the child's close reaches us
        c.assertSucceeds(Duration.ofSeconds(30));
        parent.close();
    }

    @Test
    void resolvingInTheSameJvmGivesTheOriginalEndOnce() throws Exception {
        Pipe pipe = Pipe.open();
        Connections.SharedConnection shared = Connections.shareable(pipe.second());
        byte[] bytes = Serializers.defaultSerializer().serialize(shared);
        assertSame(pipe.second(), Serializers.defaultSerializer().deserialize(bytes));
        assertThrows(RuntimeException.class, () -> Serializers.defaultSerializer().deserialize(bytes));
        pipe.close();
    }

    @Test
    void aConnectionItselfSerializesAsAHandOver() throws Exception {
        Pipe pipe = Pipe.open();
        byte[] bytes = Serializers.defaultSerializer().serialize(pipe.second());   // no shareable() needed
        assertSame(pipe.second(), Serializers.defaultSerializer().deserialize(bytes));
        pipe.close();
    }
}
