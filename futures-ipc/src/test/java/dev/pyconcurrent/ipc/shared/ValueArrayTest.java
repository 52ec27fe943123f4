package dev.pyconcurrent.ipc.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.host.ResourceTracker;
import dev.pyconcurrent.ipc.sync.Guard;
import dev.pyconcurrent.ipc.sync.Lock;
import dev.pyconcurrent.ipc.sync.RLock;
import dev.pyconcurrent.ipc.testing.ChildJvm;
import dev.pyconcurrent.ipc.testing.ChildJvms;
import dev.pyconcurrent.ipc.testing.Handles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Value} and {@link Array}, in the creating JVM and in children. Ports from CPython's
 * {@code _test_multiprocessing.py}: {@code _TestValue::test_value} (typecodes i, d, h, q; 'c' is not
 * supported), {@code test_rawvalue}, {@code test_getobj_getlock} ({@code get_obj} has no Java
 * counterpart: the object is its own raw view), {@code test_invalid_typecode};
 * {@code _TestArray::test_array} (child prefix sum), {@code test_array_from_size},
 * {@code test_rawarray}, {@code test_getobj_getlock_obj}, {@code test_invalid_typecode}; plus the
 * article's {@code Value('d')}/{@code Array('i', range(10))} example, {@code _TestSharedCTypes::test_sharedctypes}
 * and {@code test_synchronize} (int, double, long long and a double array doubled by a child, without and with a
 * lock; CPython's struct and char array have no Java counterpart here), a cross-process increment
 * under the lock, and file cleanup after a SIGKILLed creator.
 */
@Timeout(60)
class ValueArrayTest {
    private static final Duration CHILD = Duration.ofSeconds(30);
    private final ChildJvms children = new ChildJvms();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    static void writeValues(Object[] a) {
        ((Value) a[0]).set(-1);
        ((Value) a[1]).set(-1.5);
        ((Value) a[2]).set(-3);
        ((Value) a[3]).set(1L << 40);
    }

    static void prefixSum(Object[] a) {
        Array arr = (Array) a[0];
        for (int i = 1; i < arr.length(); i++) {
            arr.set(i, arr.getLong(i) + arr.getLong(i - 1));
        }
    }

    static void articleExample(Object[] a) {
        ((Value) a[0]).set(3.14);
        ((Array) a[1]).set(0, 5);
    }

    /** {@code _double} of CPython's {@code test_sharedctypes}: doubles every value, in place, in the child. */
    static void doubleAll(Object[] a) {
        Value x = (Value) a[0];
        Value y = (Value) a[1];
        Value z = (Value) a[2];
        Array arr = (Array) a[3];
        x.setLong(x.getLong() * 2);
        y.setDouble(y.getDouble() * 2);
        z.setLong(z.getLong() * 2);
        for (int i = 0; i < arr.length(); i++) {
            arr.set(i, arr.getDouble(i) * 2);
        }
    }

    static void incrementUnderLock(Object[] a) throws Exception {
        Value v = (Value) a[0];
        for (int i = 0; i < 200; i++) {
            try (Guard g = v.getLock().guard()) {
                v.setLong(v.getLong() + 1);
            }
        }
    }

    static void createAndWait(Object[] a) throws Exception {
        Value v = new Value('i', 1);
        Array arr = new Array('d', 4);
        System.out.println(v.path());
        System.out.println(arr.path());
        System.out.println(Handles.encode(new Lock()));     // starts this child's resource host too
        Thread.sleep(60_000);                               // stay alive until killed
    }

    @Test
    void valuesStartWithTheirInitialValueAndChildWritesAreVisible() throws Exception {
        Value i = new Value('i', 25);
        Value d = new Value('d', 1.25);
        Value h = new Value('h', -7);
        Value q = new Value('q', 1L << 33);
        assertEquals(25, i.get());
        assertEquals(1.25, d.get());
        assertEquals(-7, h.get());
        assertEquals(1L << 33, q.get());
        children.start(getClass(), "writeValues", i, d, h, q).assertSucceeds(CHILD);
        assertEquals(-1, i.get());
        assertEquals(-1.5, d.get());
        assertEquals(-3, h.get());
        assertEquals(1L << 40, q.get());
    }

    @Test
    void rawValuesWorkAcrossProcessesToo() throws Exception {
        Value i = new Value('i', 25, false);
        Value d = new Value('d', 1.25, false);
        Value h = new Value('h', -7, false);
        Value q = new Value('q', 5L, false);
        children.start(getClass(), "writeValues", i, d, h, q).assertSucceeds(CHILD);
        assertEquals(-1, i.get());
        assertEquals(-1.5, d.get());
    }

    @ParameterizedTest(name = "lock={0}")
    @ValueSource(booleans = {false, true})
    void aChildDoublesSharedNumbersAndADoubleArrayInPlace(boolean lock) throws Exception {
        // test_sharedctypes (lock=False) and test_synchronize (lock=True); struct and char array ('c') not supported
        Value x = new Value('i', 7, lock);
        Value y = new Value('d', 1.0 / 3.0, lock);
        Value z = new Value('q', 1L << 60 >> 1, lock);
        Array arr = new Array('d', List.of(0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25), lock);
        children.start(getClass(), "doubleAll", x, y, z, arr).assertSucceeds(CHILD);
        assertEquals(14, x.getLong());
        assertEquals(2.0 / 3.0, y.getDouble());
        assertEquals(1L << 60, z.getLong());
        for (int i = 0; i < arr.length(); i++) {
            assertEquals(i * 0.5, arr.getDouble(i), "element " + i);
        }
    }

    @Test
    void lockArgumentRules() {
        Value byDefault = new Value('i', 5);
        assertTrue(byDefault.hasLock());
        assertTrue(byDefault.getLock() instanceof RLock);
        Lock lock = new Lock();
        Value given = new Value('i', 5, lock);
        assertSame(lock, given.getLock());
        Value raw = new Value('i', 5, false);
        assertFalse(raw.hasLock());
        assertThrows(UnsupportedOperationException.class, raw::getLock);
        Array rawArray = new Array('i', 3, false);
        assertThrows(UnsupportedOperationException.class, rawArray::getLock);
        assertSame(lock, new Array('i', 3, lock).getLock());
    }

    @Test
    void anUnknownTypecodeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Value('x', 0));
        assertTrue(e.getMessage().contains("bad typecode"));
        assertThrows(IllegalArgumentException.class, () -> new Array('x', 3));
    }

    @Test
    void valuesOutsideTheTypecodesRangeAreRefused() {
        Value b = new Value('b', 0, false);
        assertThrows(IllegalArgumentException.class, () -> b.set(300));
        assertEquals(0, b.get());
        Value ub = new Value('B', 255, false);
        assertEquals(255, ub.get());
        assertThrows(IllegalArgumentException.class, () -> ub.set(-1));
        Value ui = new Value('I', 4_294_967_295L, false);
        assertEquals(4_294_967_295L, ui.get());
        Value uq = new Value('Q', -1L, false);
        assertEquals("18446744073709551615", Long.toUnsignedString(uq.getLong()));
        assertThrows(IllegalArgumentException.class, () -> new Value('i', 1.5));
        Value f = new Value('f', 0.5, false);
        assertEquals(0.5f, f.get());
    }

    @Test
    void everyTypecodeHasCPythonsLp64Size() {
        assertEquals(List.of(1, 1, 2, 2, 4, 4, 8, 8, 8, 8, 4, 8),
                "bBhHiIlLqQfd".chars().map(c -> TypeCode.of((char) c).size()).boxed().toList());
    }

    @Test
    void arrayIndexingSlicingAndAChildsPrefixSum() throws Exception {
        List<Integer> seq = List.of(681, -35, 49, 923, 134, 78, -5, 0, 2);
        Array arr = new Array('i', seq);
        assertEquals(seq.size(), arr.length());
        assertEquals(-35, arr.get(1));
        assertEquals(List.of(49, 923), arr.slice(2, 4));
        assertEquals(List.of(0, 2), arr.slice(7, 100));
        arr.setSlice(2, List.of(7, 8));
        assertEquals(List.of(681, -35, 7, 8, 134), arr.slice(0, 5));
        arr.setSlice(2, List.of(49, 923));
        assertThrows(IndexOutOfBoundsException.class, () -> arr.get(seq.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> arr.setSlice(8, List.of(1, 2)));
        children.start(getClass(), "prefixSum", arr).assertSucceeds(CHILD);
        List<Number> expected = new ArrayList<>();
        long sum = 0;
        for (int v : seq) {
            sum += v;
            expected.add((int) sum);
        }
        assertEquals(expected, arr.toList());
    }

    @Test
    void anArrayFromASizeIsZeroFilledEvenAfterMemoryWasUsed() {
        for (int round = 0; round < 3; round++) {
            Array arr = new Array('i', 10);
            assertEquals(java.util.Collections.nCopies(10, 0), arr.toList());
            for (int i = 0; i < 10; i++) {
                arr.set(i, 99);
            }
            arr.close();
        }
    }

    @Test
    void theArticlesExampleValueAndArrayAreWrittenByTheChild() throws Exception {
        Value num = new Value('d', 0.0);
        Array arr = new Array('i', IntStream.range(0, 10).boxed().toList());
        children.start(getClass(), "articleExample", num, arr).assertSucceeds(CHILD);
        assertEquals(3.14, num.get());
        assertEquals(List.of(5, 1, 2, 3, 4, 5, 6, 7, 8, 9), arr.toList());
    }

    /** Bash: two child processes and this one increment one value under its lock; no update is lost. */
    @Test
    void incrementsUnderTheLockFromThreeProcessesAreNotLost() throws Exception {
        Value v = new Value('q', 0);
        ChildJvm a = children.start(getClass(), "incrementUnderLock", v);
        ChildJvm b = children.start(getClass(), "incrementUnderLock", v);
        for (int i = 0; i < 200; i++) {
            try (Guard g = v.getLock().guard()) {
                v.setLong(v.getLong() + 1);
            }
        }
        a.assertSucceeds(CHILD);
        b.assertSucceeds(CHILD);
        assertEquals(600L, v.getLong());
    }

    @Test
    void filesOfACreatorKilledWithSigkillAreSweptAway() throws Exception {
        ChildJvm c = children.start(getClass(), "createAndWait");
        Path value = Paths.get(c.nextLine(CHILD));
        Path array = Paths.get(c.nextLine(CHILD));
        Lock remoteLock = Handles.decode(c.nextLine(CHILD));
        assertTrue(Files.exists(value) && Files.exists(array));
        List<Path> hostDirs = new ArrayList<>();
        try (var dirs = Files.newDirectoryStream(ResourceTracker.tempBase(), ResourceTracker.HOST_PREFIX + c.pid() + "-*")) {
            dirs.forEach(hostDirs::add);
        }
        assertEquals(1, hostDirs.size(), "the child's resource host directory");
        assertFalse(remoteLock.isHostedHere());
        c.kill();
        ResourceTracker.sweepDeadCreatorsNow();
        assertFalse(Files.exists(value));
        assertFalse(Files.exists(array));
        assertFalse(Files.exists(hostDirs.get(0)));
    }

    @Test
    void closeRemovesTheFileButKeepsTheMappingUsable() {
        Value v = new Value('i', 3);
        Path p = Paths.get(v.path());
        assertTrue(Files.exists(p));
        v.close();
        assertFalse(Files.exists(p));
        v.set(4);
        assertEquals(4, v.get());
    }
}
