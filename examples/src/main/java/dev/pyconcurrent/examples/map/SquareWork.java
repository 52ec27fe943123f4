package dev.pyconcurrent.examples.map;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * The mapped function: squares an {@link Item} after sleeping its {@code millis} (simulated work). Its class
 * initialiser prints article 003's step 5 in every process that loads it, and the pool's one-time shipping of the
 * function to each worker is printed too.
 *
 * <p>CPython pickles a module-level function as a reference (module and name), and unpickling it in the worker
 * imports that module: step 5. A Java function object travels as serialized bytes and its class is loaded and
 * initialised in the worker: the same moment, and the same reason the function must be defined where every process
 * can find it (the classpath here, an importable module there). This pool sends a function once per worker and
 * refers to it by number afterwards; CPython puts the reference into every call.
 */
public final class SquareWork implements SerializableFunction<Item, Answer> {
    private static final long serialVersionUID = 1L;

    static {
        Say.line("step 5", "class SquareWork loaded and initialised (Python: the function's module is imported)");
    }

    @Override
    public Answer apply(Item item) throws InterruptedException {
        if (item.loud) {
            Say.line("step 6", "run square(" + item + ")");
        }
        Thread.sleep(item.millis); // simulated work, not synchronisation
        return new Answer(item.index, (long) item.index * item.index, ProcessHandle.current().pid(), item.loud);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        Say.lineFromThread("function", "serialize the function square (sent once per worker, then named by number)");
        out.defaultWriteObject();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Say.line("function", "deserialized the function square");
    }

    @Override
    public String toString() {
        return "square";
    }
}
