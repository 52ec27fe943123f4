package dev.pyconcurrent.examples.map;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * One result of the map: the square and the worker that computed it. Its {@code writeObject} and {@code readObject}
 * print article 003's step 7 (serialized in the worker) and steps 8-9 (its bytes reach the main process, which
 * deserializes them), if {@code loud}. A class, not a record, for the same reason as {@link Item}.
 */
public final class Answer implements Serializable {
    private static final long serialVersionUID = 1L;

    final int index;
    final long square;
    final long workerPid;
    final boolean loud;

    Answer(int index, long square, long workerPid, boolean loud) {
        this.index = index;
        this.square = square;
        this.workerPid = workerPid;
        this.loud = loud;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        if (loud) {
            Say.line("step 7", "serialize " + this);
        }
        out.defaultWriteObject();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (loud) {
            Say.lineFromThread("steps 8-9", "the bytes of " + this + " came back over the socket (8); deserialized (9)");
        }
    }

    @Override
    public String toString() {
        return "Answer " + index + " = " + square;
    }
}
