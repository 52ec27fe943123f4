package dev.pyconcurrent.benchmarks.children;

/** {@code java Hello}: the bare JVM start the worker start-up figures are compared with. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("Hello");
    }
}
