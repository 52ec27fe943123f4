package dev.pyconcurrent.examples.map;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * One input of the map: which number to square and how long the work takes. Its {@code writeObject} and
 * {@code readObject} print when and in which process it is serialized (article 003's step 2, in the main process)
 * and deserialized (steps 3-4, in a worker), if {@code loud}.
 *
 * <p>A class rather than a record on purpose: Java serialization never calls a record's {@code writeObject} or
 * {@code readObject}, and those two hooks are the point here (Python's counterpart would be {@code __reduce__} or
 * {@code __getstate__}/{@code __setstate__}).
 */
public final class Item implements Serializable {
    private static final long serialVersionUID = 1L;

    final int index;
    /** Simulated work, in milliseconds. */
    final long millis;
    /** Print the serialization steps of this item and of its answer. */
    final boolean loud;

    Item(int index, long millis, boolean loud) {
        this.index = index;
        this.millis = millis;
        this.loud = loud;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        if (loud) {
            Say.lineFromThread("step 2", "serialize " + this + " (Python: pickle.dumps)");
        }
        out.defaultWriteObject();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (loud) {
            Say.line("steps 3-4", "the bytes of " + this + " came over the Unix socket (3); deserialized (4)");
        }
    }

    @Override
    public String toString() {
        return "Item " + index;
    }
}
