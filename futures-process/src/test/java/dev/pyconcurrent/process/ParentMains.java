package dev.pyconcurrent.process;

/**
 * Small programs run as a <em>parent</em> JVM by {@link ParentJvmTest}, whose stdout/stderr the test captures.
 */
final class ParentMains {
    private ParentMains() {
    }

    /** A child prints, another fails; the parent prints the exit codes after both. */
    static final class ChildPrints {
        public static void main(String[] args) throws Exception {
            Process hello = new Process(() -> System.out.println("hello from " + Process.currentProcess().name()));
            hello.start();
            hello.join();
            Process failing = new Process(() -> {
                throw new IllegalStateException("boom in the child");
            });
            failing.start();
            failing.join();
            System.out.println("parent saw " + hello.exitCode() + " " + failing.exitCode());
        }
    }

    /** main returns at once; a non-daemon child finishes later and must still print (the JVM waits for it). */
    static final class NonDaemonOutlivesMain {
        public static void main(String[] args) {
            Process child = new Process(() -> {
                ChildIO.sleep(500);
                System.out.println("child done");
            });
            child.start();
            System.out.println("main returns");
        }
    }

    /** A daemon child sleeps; main prints its pid and returns: the exit hook must terminate the child. */
    static final class DaemonTerminatedAtExit {
        public static void main(String[] args) {
            Process child = Process.builder().daemon(true).target(ChildIO::sleepLong).build();
            child.start();
            System.out.println("daemon pid " + child.pid());
        }
    }
}
