package dev.pyconcurrent.process.manager;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and calls a referent's methods by name: the server side of Python's dynamic attribute lookup.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: public_methods(obj)} (every callable attribute
 * not starting with {@code _}) and the {@code getattr(obj, methodname)(*args)} of {@code Server.serve_client}.
 * Java differs: "public methods" are the object's public Java methods minus those of {@code java.lang.Object}
 * ({@code toString}, {@code equals}, ...); a name may be overloaded, so the call picks the first overload whose
 * parameters accept the arguments (same count; each argument an instance of the parameter's boxed type, or a
 * number converted to a primitive number parameter).
 */
final class Exposure {
    private static final Set<String> OBJECT_METHODS = Set.of("toString", "equals", "hashCode", "getClass",
            "wait", "notify", "notifyAll");
    private static final Map<Class<?>, Map<String, List<Method>>> CACHE = new ConcurrentHashMap<>();

    private Exposure() {
    }

    /** CPython's {@code public_methods(obj)}: public method names, not starting with '_', sorted. */
    static List<String> publicMethods(Object obj) {
        Set<String> names = new TreeSet<>(methodsOf(obj.getClass()).keySet());
        names.removeIf(n -> n.startsWith("_"));
        return new ArrayList<>(names);
    }

    /**
     * Calls {@code obj.name(args)}.
     *
     * @throws NoSuchMethodException no public overload accepts these arguments
     * @throws InvocationTargetException the method threw (its exception is the cause)
     */
    static Object invoke(Object obj, String name, Object[] args) throws NoSuchMethodException,
            InvocationTargetException, IllegalAccessException {
        List<Method> candidates = methodsOf(obj.getClass()).get(name);
        if (candidates != null) {
            for (Method m : candidates) {                  // first pass: exact instances
                if (m.getParameterCount() == args.length && accepts(m.getParameterTypes(), args, false)) {
                    return m.invoke(obj, args);
                }
            }
            for (Method m : candidates) {                  // second pass: numeric conversions
                if (m.getParameterCount() == args.length && accepts(m.getParameterTypes(), args, true)) {
                    return m.invoke(obj, convert(m.getParameterTypes(), args));
                }
            }
        }
        throw new NoSuchMethodException("'" + obj.getClass().getSimpleName() + "' object has no public method '"
                + name + "' taking " + describe(args));
    }

    private static Map<String, List<Method>> methodsOf(Class<?> type) {
        return CACHE.computeIfAbsent(type, Exposure::scan);
    }

    private static Map<String, List<Method>> scan(Class<?> type) {
        Map<String, List<Method>> byName = new ConcurrentHashMap<>();
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() == Object.class || OBJECT_METHODS.contains(m.getName())
                    || Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic()) {
                continue;
            }
            Method callable = accessible(m);
            if (callable != null) {
                byName.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(callable);
            }
        }
        return byName;
    }

    /**
     * The method, made callable. A public method of a non-public class (a JDK iterator, a user's package-private
     * class) is called through the same method of a public supertype when there is one.
     */
    private static Method accessible(Method m) {
        if (Modifier.isPublic(m.getDeclaringClass().getModifiers()) && m.getDeclaringClass().getModule()
                .isExported(m.getDeclaringClass().getPackageName())) {
            return m;
        }
        if (m.trySetAccessible()) {
            return m;
        }
        for (Class<?> c = m.getDeclaringClass(); c != null; c = c.getSuperclass()) {
            Method found = inPublicSupertype(c, m);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Method inPublicSupertype(Class<?> type, Method m) {
        for (Class<?> i : type.getInterfaces()) {
            try {
                Method candidate = i.getMethod(m.getName(), m.getParameterTypes());
                if (Modifier.isPublic(candidate.getDeclaringClass().getModifiers())) {
                    return candidate;
                }
            } catch (NoSuchMethodException ignored) {
                // not declared there
            }
        }
        return null;
    }

    private static boolean accepts(Class<?>[] params, Object[] args, boolean convertNumbers) {
        for (int i = 0; i < params.length; i++) {
            Class<?> p = box(params[i]);
            Object a = args[i];
            if (a == null) {
                if (params[i].isPrimitive()) {
                    return false;
                }
            } else if (!p.isInstance(a)) {
                if (!(convertNumbers && a instanceof Number && Number.class.isAssignableFrom(p)
                        && params[i].isPrimitive())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Object[] convert(Class<?>[] params, Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < params.length; i++) {
            if (params[i].isPrimitive() && out[i] instanceof Number n) {
                Class<?> p = params[i];
                out[i] = p == int.class ? (Object) n.intValue() : p == long.class ? (Object) n.longValue()
                        : p == double.class ? (Object) n.doubleValue() : p == float.class ? (Object) n.floatValue()
                        : p == short.class ? (Object) n.shortValue() : (Object) n.byteValue();
            }
        }
        return out;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == int.class ? Integer.class : c == long.class ? Long.class : c == double.class ? Double.class
                : c == boolean.class ? Boolean.class : c == float.class ? Float.class : c == char.class
                ? Character.class : c == short.class ? Short.class : c == byte.class ? Byte.class : Void.class;
    }

    private static String describe(Object[] args) {
        if (args.length == 0) {
            return "no arguments";
        }
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < args.length; i++) {
            out.append(i == 0 ? "" : ", ").append(args[i] == null ? "null" : args[i].getClass().getSimpleName());
        }
        return out.append(')').toString();
    }
}
