package dev.pyconcurrent.process.manager;

/**
 * The default proxy for a registered type: no typed methods, every call is made by name with
 * {@link #callMethod(String, Object...)}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: AutoProxy} / {@code MakeProxyType}, which build
 * a class with one method per exposed name at run time. Java cannot add methods at run time, so the exposed names
 * are checked here ({@link IllegalArgumentException} for a name the server did not expose, before any message is
 * sent) and called by name.
 */
public class AutoProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    public AutoProxy(ProxySpec spec) {
        super(spec);
    }

    /**
     * Calls an exposed method by name; the checked form of {@link #callMethod} that refuses names the server did
     * not expose (the server would refuse them too, with a {@link RemoteErrorException}).
     */
    public Object invoke(String methodName, Object... args) throws Exception {
        if (exposed() != null && !exposed().contains(methodName)) {
            throw new IllegalArgumentException("'" + typeid() + "' proxy has no exposed method '" + methodName
                    + "'; exposed: " + exposed());
        }
        return callMethod(methodName, args);
    }
}
