/**
 * Serializable functional interfaces: the library's answer to "can pickle find this function?".
 *
 * <p>CPython ships a task to a worker process by pickling a <em>reference</em> to a module-level
 * function plus its arguments. Java lambdas and method references are only serializable when their
 * <em>target type</em> is {@link java.io.Serializable}; a lambda assigned to a plain
 * {@link java.util.concurrent.Callable} can never cross a process boundary. Every executor entry point
 * in this library therefore takes one of the types below, so that a lambda written at the call site
 * of {@code submit} is serializable by construction. Thread pools never serialize, so for them these
 * are ordinary functional interfaces; captured variables only need to be serializable when the task
 * really travels to another JVM.
 */
package dev.pyconcurrent.futures.function;
