package dev.pyconcurrent.process.pool.worker;

import java.io.PrintWriter;
import java.io.StringWriter;

import java.lang.invoke.SerializedLambda;

import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;

/**
 * The message format between a pool and its workers: one message per {@code Connection} frame, a tag byte first.
 *
 * <p>CPython counterpart: the pickled {@code _CallItem(work_id, fn, args, kwargs)} and
 * {@code _ResultItem(work_id, exception, result, exit_pid)} of {@code Lib/concurrent/futures/process.py}, plus the
 * {@code None} sentinel and {@code _ExceptionWithTraceback}. Java differs, for speed: instead of pickling a whole
 * object per call, a call is a few fixed fields plus <em>values</em>, and common values (null, Integer, Long,
 * Double, Boolean, String) are written directly, and with the trusted-peer serializer a serializable lambda goes by
 * reference ({@link LambdaReference}, as pickle writes a function); only other objects go through the pool's
 * {@link Serializer}. A
 * function that many calls share (the {@code fn} of {@code submit(fn, arg)} and of {@code map}) is sent once per
 * worker under a number and referred to by that number afterwards (see {@link FunctionTable}).
 *
 * <pre>
 * parent → worker
 *   CALL   'C' workId:long shape:byte body (see the SHAPE_* constants)
 *   EXIT   'X'                                 CPython's None sentinel: finish and exit
 * worker → parent
 *   HELLO  'H' workerId:long pid:long          first message after connecting (authenticated)
 *   READY  'R' pid:long                        the initializer (if any) succeeded
 *   INIT_FAILED 'I' failure                    the initializer raised; the worker then exits
 *   RESULT 'O' workId:long retiring:byte value
 *   ERROR  'E' workId:long retiring:byte failure
 *   CHUNK  'K' workId:long retiring:byte n:int n × (0 value | 1 failure)   results of a map chunk
 *   FATAL  'F' failure                         the worker cannot go on (e.g. a call it cannot deserialize)
 *   BYE    'B' pid:long                        answer to EXIT
 * value   = tag:byte payload (the T_* constants); T_OBJECT carries length:int + serializer bytes; T_LAMBDA carries
 *           the names of a {@code SerializedLambda} and its captured values (see {@link LambdaReference})
 * failure = className:string message:string remoteTrace:string throwable:value (T_NULL if unserializable)
 * fnRef   = id:int define:byte [resetTable:byte fn:value]   (define=1 the first time this worker sees id)
 * </pre>
 * Public only so the parent-side pool package can use it; not an API.
 */
public final class Wire {
    public static final byte CALL = 'C';
    public static final byte EXIT = 'X';
    public static final byte HELLO = 'H';
    public static final byte READY = 'R';
    public static final byte INIT_FAILED = 'I';
    public static final byte RESULT = 'O';
    public static final byte ERROR = 'E';
    public static final byte CHUNK = 'K';
    public static final byte FATAL = 'F';
    public static final byte BYE = 'B';

    /** {@code submit(callable)}: body = callable:value. */
    public static final byte SHAPE_CALLABLE = 1;
    /** {@code submit(fn, arg)}: body = fnRef arg:value. */
    public static final byte SHAPE_FUNCTION = 2;
    /** {@code submit(fn, a, b)}: body = fnRef a:value b:value. */
    public static final byte SHAPE_BIFUNCTION = 3;
    /** a chunk of {@code map(fn, items)}: body = fnRef n:int n × arg:value. */
    public static final byte SHAPE_CHUNK1 = 4;
    /** a chunk of {@code map(fn, as, bs)}: body = fnRef n:int n × (a:value b:value). */
    public static final byte SHAPE_CHUNK2 = 5;

    static final byte T_NULL = 0;
    static final byte T_INT = 1;
    static final byte T_LONG = 2;
    static final byte T_DOUBLE = 3;
    static final byte T_TRUE = 4;
    static final byte T_FALSE = 5;
    static final byte T_STRING = 6;
    static final byte T_OBJECT = 7;
    static final byte T_LAMBDA = 8;

    private Wire() {
    }

    /**
     * Writes one value: the common immutable JDK types directly, anything else through {@code serializer}.
     *
     * @throws dev.pyconcurrent.ipc.serialization.SerializationException if the serializer refuses the object; the
     *         buffer then holds a partial message and must be reset
     */
    public static void writeValue(WireBuffer out, Object value, Serializer serializer) {
        if (value == null) {
            out.writeByte(T_NULL);
        } else if (value.getClass() == Integer.class) {
            out.writeByte(T_INT).writeInt((Integer) value);
        } else if (value.getClass() == Long.class) {
            out.writeByte(T_LONG).writeLong((Long) value);
        } else if (value.getClass() == Double.class) {
            out.writeByte(T_DOUBLE).writeLong(Double.doubleToRawLongBits((Double) value));
        } else if (value.getClass() == Boolean.class) {
            out.writeByte((Boolean) value ? T_TRUE : T_FALSE);
        } else if (value.getClass() == String.class) {
            out.writeByte(T_STRING).writeString((String) value);
        } else {
            SerializedLambda lambda = lambdasByReference(serializer) ? LambdaReference.describe(value) : null;
            if (lambda != null) {
                out.writeByte(T_LAMBDA);
                LambdaReference.write(out, lambda, serializer);
                return;
            }
            byte[] bytes = serializer.serialize(value);
            out.writeByte(T_OBJECT).writeBytes(bytes);
        }
    }

    /**
     * Lambdas travel by reference only between peers that trust each other completely (the pool's default
     * serializer); a restricted or custom serializer sees every object itself.
     */
    private static boolean lambdasByReference(Serializer serializer) {
        return serializer == Serializers.trustedPeerSerializer();
    }

    /**
     * Reads one value written by {@link #writeValue}.
     *
     * @throws dev.pyconcurrent.ipc.serialization.SerializationException if the serializer cannot rebuild it
     */
    public static Object readValue(WireReader in, Serializer serializer) {
        int tag = in.readByte();
        switch (tag) {
            case T_NULL:
                return null;
            case T_INT:
                return in.readInt();
            case T_LONG:
                return in.readLong();
            case T_DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            case T_TRUE:
                return Boolean.TRUE;
            case T_FALSE:
                return Boolean.FALSE;
            case T_STRING:
                return in.readString();
            case T_OBJECT: {
                int length = in.readLengthOfBytes();
                int offset = in.position();
                in.skip(length); // skip first: even a failing deserialize leaves the reader after the value
                return serializer.deserialize(in.array(), offset, length);
            }
            case T_LAMBDA:
                if (!lambdasByReference(serializer)) {
                    throw new IllegalArgumentException("a lambda sent by reference is refused by the "
                            + serializer.name() + " serializer");
                }
                return LambdaReference.read(in, serializer);
            default:
                throw new IllegalArgumentException("unknown value tag " + tag + " in a pool message");
        }
    }

    /**
     * Writes a failure: its class, message and formatted stack trace as text (which always arrive), and the
     * throwable itself if the serializer can write it (CPython's {@code _ExceptionWithTraceback}).
     */
    public static void writeFailure(WireBuffer out, Throwable failure, Serializer serializer) {
        out.writeString(failure.getClass().getName());
        out.writeString(String.valueOf(failure.getMessage()));
        out.writeString(formatTrace(failure));
        int mark = out.size();
        try {
            writeValue(out, failure, serializer);
        } catch (RuntimeException unserializable) {
            // The text above still tells the story; the parent rebuilds a stand-in exception from it.
            out.truncate(mark);
            out.writeByte(T_NULL);
        }
    }

    /** The four parts of a failure as they arrived; the parent turns them into an exception. */
    public record Failure(String className, String message, String remoteTrace, Throwable original) {
    }

    /** Reads a failure; a throwable that fails to deserialize is replaced by null (the text still arrives). */
    public static Failure readFailure(WireReader in, Serializer serializer) {
        String className = in.readString();
        String message = in.readString();
        String trace = in.readString();
        Throwable original;
        try {
            Object value = readValue(in, serializer);
            original = value instanceof Throwable ? (Throwable) value : null;
        } catch (RuntimeException undeserializable) {
            original = null;
        }
        return new Failure(className, message, trace, original);
    }

    /** The stack trace as {@link Throwable#printStackTrace()} prints it. */
    public static String formatTrace(Throwable failure) {
        StringWriter text = new StringWriter(512);
        try (PrintWriter writer = new PrintWriter(text)) {
            failure.printStackTrace(writer);
        }
        return text.toString();
    }
}
