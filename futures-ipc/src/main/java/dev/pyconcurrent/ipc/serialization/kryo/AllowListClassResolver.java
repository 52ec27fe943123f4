package dev.pyconcurrent.ipc.serialization.kryo;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import dev.pyconcurrent.ipc.serialization.DeserializationFilter;
import dev.pyconcurrent.ipc.serialization.SerializationException;

/**
 * Kryo's class resolver with the allow-list check: a class named in the stream is refused with a
 * {@link SerializationException} before Kryo instantiates it. (Kryo loads the class without
 * initializing it, so no static initializer of a refused class runs.)
 */
final class AllowListClassResolver extends DefaultClassResolver {
    private final DeserializationFilter filter;

    AllowListClassResolver(DeserializationFilter filter) {
        this.filter = filter;
    }

    @Override
    protected Registration readName(Input input) {
        Registration registration = super.readName(input);
        Class<?> type = registration.getType();
        if (!filter.allowsClass(type) && !isLambdaInternal(type)) {
            throw new SerializationException("refused to deserialize " + type.getName()
                    + ": not allowed by " + filter + "; widen the allow-list with"
                    + " DeserializationFilter.allow(\"" + type.getName() + "\")", type.getName(), null);
        }
        return registration;
    }

    /** Kryo's own stand-in type for lambdas; the capturing class inside it is checked separately. */
    private static boolean isLambdaInternal(Class<?> type) {
        return type == com.esotericsoftware.kryo.serializers.ClosureSerializer.Closure.class;
    }
}
