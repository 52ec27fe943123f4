package dev.pyconcurrent.ipc.testing;

import dev.pyconcurrent.ipc.host.ProcessAuthKey;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Entry point of a test child JVM: {@code ChildMain <class> <static method>}. Reads two lines from
 * stdin (the parent's authkey, then the serialized argument array, both base64), installs the
 * authkey as the futures-process bootstrap will, resolves the arguments (queues and locks become
 * proxies here) and calls {@code method(Object[] args)}. Exit code 0 on return, 1 on an exception
 * (its stack trace goes to the inherited stderr).
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] argv) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        ProcessAuthKey.set(Base64.getDecoder().decode(in.readLine()));
        Object[] args = (Object[]) Serializers.defaultSerializer().deserialize(Base64.getDecoder().decode(in.readLine()));
        Method m = Class.forName(argv[0]).getDeclaredMethod(argv[1], Object[].class);
        m.setAccessible(true);
        int code = 0;
        try {
            m.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }
}
