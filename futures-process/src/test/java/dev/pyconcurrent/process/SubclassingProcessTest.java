package dev.pyconcurrent.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link Process} subclass that overrides {@code run()} and carries its own fields to the child.
 *
 * <p>Ports {@code Lib/test/_test_multiprocessing.py: _TestSubclassingProcess.test_subclassing} (the uppercasing
 * worker; results travel through a file instead of a Pipe, since the IPC module is separate) and the name rule
 * of {@code BaseProcess.__init__} ({@code type(self).__name__ + '-' + identity}).
 */
@Timeout(60)
class SubclassingProcessTest {
    @TempDir
    Path dir;

    /** CPython's {@code _UpperCaser}, reduced to a batch: upper-cases each word into a file. */
    static final class UpperCaser extends Process {
        private static final long serialVersionUID = 1L;
        private final List<String> words;
        private final String out;

        UpperCaser(List<String> words, String out) {
            this.words = words;
            this.out = out;
        }

        @Override
        public void run() {
            for (String word : words) {
                ChildIO.append(out, word.toUpperCase());
            }
            ChildIO.append(out, "ran as " + Process.currentProcess().name());
        }
    }

    @Test
    void subclassRunOverrideRunsInTheChildWithItsFields() throws Exception {
        Path out = dir.resolve("out");
        UpperCaser upper = new UpperCaser(List.of("hello", "world"), out.toString());
        upper.setDaemon(true);
        upper.start();
        upper.join();
        assertEquals(0, upper.exitCode());
        assertEquals(List.of("HELLO", "WORLD", "ran as " + upper.name()), ChildIO.lines(out));
    }

    @Test
    void subclassDefaultNameUsesItsClassName() {
        UpperCaser upper = new UpperCaser(List.of(), "unused");
        assertTrue(upper.name().startsWith("UpperCaser-"), upper.name());
        assertTrue(upper.toString().startsWith("<UpperCaser name='UpperCaser-"), upper.toString());
    }
}
