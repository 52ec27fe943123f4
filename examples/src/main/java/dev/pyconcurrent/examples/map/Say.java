package dev.pyconcurrent.examples.map;

import java.nio.charset.StandardCharsets;

/**
 * Prints {@code [tag] pid <pid>: text} as one write to standard output. The pool's worker JVMs inherit it, so lines
 * of the main process and of the workers go to the same place and, being single writes, never tear.
 */
final class Say {

    private Say() {
    }

    static void line(String tag, String text) {
        byte[] bytes = String.format("%-10s pid %d: %s%n", "[" + tag + "]", ProcessHandle.current().pid(), text)
                .getBytes(StandardCharsets.UTF_8);
        System.out.write(bytes, 0, bytes.length);
        System.out.flush();
    }

    /** The same, naming the thread too: in the main process several pool threads do the work. */
    static void lineFromThread(String tag, String text) {
        line(tag, text + "  (thread " + Thread.currentThread().getName() + ")");
    }
}
