package dev.pyconcurrent.futures.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the README's example and checks what it prints. */
@Timeout(30)
class ReadmeExampleTest {
    @Test
    void readmeExamplePrintsWhatTheReadmeSays() {
        org.slf4j.LoggerFactory.getLogger(ReadmeExampleTest.class); // logging initialised before stdout is captured
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            ReadmeExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertEquals(String.join("\n", "ran on demo_0", "1", "4", "9", "queue never held more than 100",
                "[0, 1, 4, 9, 16]", "49", ""), buffer.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }
}
