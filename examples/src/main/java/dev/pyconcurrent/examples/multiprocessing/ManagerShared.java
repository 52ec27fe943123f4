package dev.pyconcurrent.examples.multiprocessing;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import dev.pyconcurrent.process.Process;
import dev.pyconcurrent.process.ProcessTarget;
import dev.pyconcurrent.process.manager.ArrayProxy;
import dev.pyconcurrent.process.manager.DictProxy;
import dev.pyconcurrent.process.manager.ListProxy;
import dev.pyconcurrent.process.manager.NamespaceProxy;
import dev.pyconcurrent.process.manager.SyncManager;
import dev.pyconcurrent.process.manager.ValueProxy;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Article 002's Manager example: the parent starts a manager (a server process), creates a {@code Value('d')},
 * an {@code Array('i', range(10))}, a {@code list}, a {@code dict} and a {@code Namespace} in it, and hands their
 * proxies to a child process, which sets {@code x.value = 3.14}, {@code arr[0] = 5}, appends {@code 'Hello'},
 * sets {@code d[1] = 2} and {@code n.a = 10}. After {@code join()} the parent prints them, exactly as CPython
 * 3.11 does:
 * <pre>
 * 3.14
 * array('i', [5, 1, 2, 3, 4, 5, 6, 7, 8, 9])
 * ['Hello']
 * {1: 2}
 * Namespace(a=10)
 * </pre>
 *
 * <p><b>What it teaches.</b> Nothing is shared in memory: the five objects live in the manager's own JVM (three
 * processes run here: parent, manager, child). Every {@code x.set(...)}, {@code l.add(...)} is a message to the
 * manager over an authenticated socket, and every print asks the manager for the object's repr. A proxy passed to
 * the child is serialized as a token (type id, manager address, object id); the child's copy connects to the
 * manager with the authkey it inherited from the parent.
 *
 * <p><b>Where Java differs.</b> Python's attribute syntax becomes method calls ({@code x.value = 3.14} is
 * {@code x.set(3.14)}, {@code n.a = 10} is {@code n.set("a", 10)}), the factory methods are lower camel case
 * ({@code manager.list()} for {@code manager.list()}, {@code manager.value('d', 0.0)} for {@code Value('d', 0.0)}),
 * and {@code with Manager() as m} is try-with-resources.
 */
@Command(name = "manager", mixinStandardHelpOptions = true,
        description = "A Manager's Value, Array, list, dict and Namespace, changed by a child process.")
public final class ManagerShared implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ManagerShared()).execute(args));
    }

    /** The shared objects, as the article's {@code args=(x, arr, l, d, n)}. */
    record Shared(ValueProxy<Double> x, ArrayProxy arr, ListProxy<String> l, DictProxy<Integer, Integer> d,
                  NamespaceProxy n) implements java.io.Serializable {
    }

    /** The article's {@code f(x, arr, l, d, n)}: runs in the child; each line is a call to the manager. */
    static void f(Shared s) {
        s.x().set(3.14);          // x.value = 3.14
        s.arr().set(0, 5);        // arr[0] = 5
        s.l().add("Hello");       // l.append('Hello')
        s.d().put(1, 2);          // d[1] = 2
        s.n().set("a", 10);       // n.a = 10
    }

    @Override
    public Integer call() throws Exception {
        try (SyncManager server = SyncManager.startNew()) {          // server = multiprocessing.Manager()
            ValueProxy<Double> x = server.value('d', 0.0);
            List<Integer> range10 = IntStream.range(0, 10).boxed().toList();
            ArrayProxy arr = server.array('i', range10);
            ListProxy<String> l = server.list();
            DictProxy<Integer, Integer> d = server.dict();
            NamespaceProxy n = server.namespace();

            ProcessTarget.OneArg<Shared> target = ManagerShared::f;
            Process proc = new Process(target, new Shared(x, arr, l, d, n));
            proc.start();
            proc.join();

            System.out.println(x.get());   // print(x.value)
            System.out.println(arr);       // print(arr)
            System.out.println(l);         // print(l)
            System.out.println(d);         // print(d)
            System.out.println(n);         // print(n)
            return proc.exitCode();
        }
    }
}
