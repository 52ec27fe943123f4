package dev.pyconcurrent.process.pool.worker;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

import dev.pyconcurrent.ipc.serialization.Serializer;

/**
 * A serializable lambda or method reference sent <em>by reference</em>: the names that identify its code plus its
 * captured values, rebuilt in the worker without an {@code ObjectInputStream}.
 *
 * <p>CPython counterpart: how pickle writes a module-level function: not its code but a reference
 * ({@code module} + {@code qualname}, rebuilt by an import and an attribute lookup). A serializable Java lambda is
 * the same kind of thing: {@link SerializedLambda} holds the capturing class, the implementation method's name and
 * signature, and the captured arguments; JDK serialization rebuilds it by calling the capturing class's synthetic
 * {@code $deserializeLambda$} method. This class does exactly that, but writes the names with {@link Wire} instead
 * of an object stream.
 *
 * <p>Why: a worker JVM's first {@code ObjectInputStream} costs tens of milliseconds of start-up, paid by every
 * worker: {@code ObjectInputFilter.Config} asks for a {@code System.Logger}, and the JDK then scans every jar of the
 * class path for a {@code LoggerFinder} (≈ 20–26 ms with 37 jars, measured; see the module README). The first call
 * of most pools is a lambda with an {@code Integer} or {@code String} argument, so with this path the worker needs no
 * object stream at all. Steady-state calls do not care: the pool sends each function once per worker
 * ({@link FunctionTable}).
 *
 * <p>Trust: rebuilding calls the capturing class's {@code $deserializeLambda$}, which is what deserializing a
 * {@code SerializedLambda} does anyway. {@link Wire} uses this path only with the trusted-peer serializer
 * (everything is allowed there, as for pickle between a pool and the workers it spawned); any other serializer
 * gets the lambda as an ordinary object. A lambda whose {@code writeReplace} cannot be reached (a named module that
 * does not open its package) also falls back to the serializer.
 */
final class LambdaReference {
    /** Each lambda class's private {@code writeReplace()}, or empty if it is not a reachable serializable lambda. */
    private static final ClassValue<Optional<Method>> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            if (!type.isHidden() || !Serializable.class.isAssignableFrom(type)) {
                return Optional.empty();                    // lambda classes are hidden classes since JDK 15
            }
            try {
                Method method = type.getDeclaredMethod("writeReplace");
                method.setAccessible(true);
                return Optional.of(method);
            } catch (NoSuchMethodException | RuntimeException unreachable) {
                return Optional.empty();
            }
        }
    };

    private LambdaReference() {
    }

    /** The lambda's serial form, or null if {@code value} is not a serializable lambda this path can reach. */
    static SerializedLambda describe(Object value) {
        Optional<Method> writeReplace = WRITE_REPLACE.get(value.getClass());
        if (writeReplace.isEmpty()) {
            return null;
        }
        try {
            Object form = writeReplace.get().invoke(value);
            return form instanceof SerializedLambda ? (SerializedLambda) form : null;
        } catch (IllegalAccessException | InvocationTargetException unexpected) {
            return null;
        }
    }

    /** Writes the names and the captured values (each with {@link Wire#writeValue}, so they may nest). */
    static void write(WireBuffer out, SerializedLambda form, Serializer serializer) {
        out.writeString(form.getCapturingClass().replace('/', '.'));
        out.writeString(form.getFunctionalInterfaceClass());
        out.writeString(form.getFunctionalInterfaceMethodName());
        out.writeString(form.getFunctionalInterfaceMethodSignature());
        out.writeInt(form.getImplMethodKind());
        out.writeString(form.getImplClass());
        out.writeString(form.getImplMethodName());
        out.writeString(form.getImplMethodSignature());
        out.writeString(form.getInstantiatedMethodType());
        out.writeInt(form.getCapturedArgCount());
        for (int i = 0; i < form.getCapturedArgCount(); i++) {
            Wire.writeValue(out, form.getCapturedArg(i), serializer);
        }
    }

    /**
     * Rebuilds what {@link #write} wrote, as {@code SerializedLambda.readResolve} would.
     *
     * @throws IllegalArgumentException if the capturing class is missing or does not recognise the lambda
     */
    static Object read(WireReader in, Serializer serializer) {
        String capturingClassName = in.readString();
        String interfaceClass = in.readString();
        String interfaceMethod = in.readString();
        String interfaceSignature = in.readString();
        int implKind = in.readInt();
        String implClass = in.readString();
        String implMethod = in.readString();
        String implSignature = in.readString();
        String instantiatedType = in.readString();
        int capturedCount = in.readInt();
        if (capturedCount < 0 || capturedCount > 255) {                 // the JVM's limit on method parameters
            throw new IllegalArgumentException("corrupt lambda reference: " + capturedCount + " captured values");
        }
        Object[] captured = new Object[capturedCount];
        for (int i = 0; i < capturedCount; i++) {
            captured[i] = Wire.readValue(in, serializer);
        }
        Class<?> capturingClass;
        try {
            capturingClass = Class.forName(capturingClassName, false, loader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot rebuild lambda: class " + capturingClassName
                    + " is not on this JVM's class path", e);
        }
        SerializedLambda form = new SerializedLambda(capturingClass, interfaceClass, interfaceMethod,
                interfaceSignature, implKind, implClass, implMethod, implSignature, instantiatedType, captured);
        try {
            Method deserialize = capturingClass.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
            deserialize.setAccessible(true);
            return deserialize.invoke(null, form);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot rebuild lambda " + implClass + "::" + implMethod + ": "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot rebuild lambda " + implClass + "::" + implMethod + ": " + e, e);
        }
    }

    /** The loader an {@code ObjectInputStream} would use for application classes in this worker. */
    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : LambdaReference.class.getClassLoader();
    }
}
