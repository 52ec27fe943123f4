package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.process.manager.referents.ManagedArray;
import dev.pyconcurrent.process.manager.referents.ManagedDict;
import dev.pyconcurrent.process.manager.referents.ManagedList;
import dev.pyconcurrent.process.manager.referents.ManagedValue;
import dev.pyconcurrent.process.manager.referents.Namespace;
import dev.pyconcurrent.process.manager.referents.ThreadBarrier;
import dev.pyconcurrent.process.manager.referents.ThreadCondition;
import dev.pyconcurrent.process.manager.referents.ThreadEvent;
import dev.pyconcurrent.process.manager.referents.ThreadLock;
import dev.pyconcurrent.process.manager.referents.ThreadQueue;
import dev.pyconcurrent.process.manager.referents.ThreadRLock;
import dev.pyconcurrent.process.manager.referents.ThreadSemaphore;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * A manager with the standard shared types: queues, locks, events, conditions, barriers, list, dict, Namespace,
 * Value and Array, each created in the server and used through a typed proxy.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: SyncManager} and {@code multiprocessing.Manager()}
 * ({@link #startNew()}). Type ids are CPython's: {@code Queue}, {@code JoinableQueue}, {@code Event},
 * {@code Lock}, {@code RLock}, {@code Semaphore}, {@code BoundedSemaphore}, {@code Condition}, {@code Barrier},
 * {@code list}, {@code dict}, {@code Value}, {@code Array}, {@code Namespace} (plus {@code Iterator}, used for
 * {@code iter(dict)}). Java differs: the creating methods are lower camel case ({@code manager.lock()} for
 * {@code manager.Lock()}); {@code Pool} is not offered (the server process is a daemon and cannot start workers);
 * the referents are this library's thread-level types ({@code referents} package) mirroring
 * {@code threading}/{@code queue}.
 */
public class SyncManager extends BaseManager {

    public SyncManager() {
        this((SocketAddress) null, null);
    }

    public SyncManager(SocketAddress address, byte[] authkey) {
        this(address, authkey, dev.pyconcurrent.ipc.serialization.Serializers.trustedPeerSerializer().name(),
                DEFAULT_SHUTDOWN_TIMEOUT);
    }

    public SyncManager(SocketAddress address, byte[] authkey, String serializer, Duration shutdownTimeout) {
        super(address, authkey, serializer, shutdownTimeout);
        register("Queue", ThreadQueue::fromArgs, QueueProxy::new);
        register("JoinableQueue", ThreadQueue::fromArgs, QueueProxy::new);
        register("Event", ThreadEvent::fromArgs, EventProxy::new);
        register("Lock", ThreadLock::fromArgs, AcquirerProxy::new);
        register("RLock", ThreadRLock::fromArgs, AcquirerProxy::new);
        register("Semaphore", ThreadSemaphore::fromArgs, AcquirerProxy::new);
        register("BoundedSemaphore", ThreadSemaphore::boundedFromArgs, AcquirerProxy::new);
        register("Condition", ThreadCondition::fromArgs, ConditionProxy::new);
        register("Barrier", ThreadBarrier::fromArgs, BarrierProxy::new);
        register("list", ManagedList::fromArgs, ListProxy::new);
        register(new Registration("dict", ManagedDict::fromArgs, null, Map.of("iterator", "Iterator"),
                DictProxy::new));
        register("Value", ManagedValue::fromArgs, ValueProxy::new);
        register("Array", ManagedArray::fromArgs, ArrayProxy::new);
        register("Namespace", Namespace::fromArgs, NamespaceProxy::new);
        register(new Registration("Iterator", null, null, null, IteratorProxy::new));
    }

    /** CPython's {@code multiprocessing.Manager()}: a started {@code SyncManager}. */
    public static SyncManager startNew() {
        SyncManager m = new SyncManager();
        m.start();
        return m;
    }

    @SuppressWarnings("unchecked")
    public <E> QueueProxy<E> queue() {
        return create(QueueProxy.class, "Queue");
    }

    /** {@code Queue(maxsize)}; {@code maxsize <= 0} is unbounded. */
    @SuppressWarnings("unchecked")
    public <E> QueueProxy<E> queue(int maxsize) {
        return create(QueueProxy.class, "Queue", maxsize);
    }

    @SuppressWarnings("unchecked")
    public <E> QueueProxy<E> joinableQueue() {
        return create(QueueProxy.class, "JoinableQueue");
    }

    @SuppressWarnings("unchecked")
    public <E> QueueProxy<E> joinableQueue(int maxsize) {
        return create(QueueProxy.class, "JoinableQueue", maxsize);
    }

    public EventProxy event() {
        return create(EventProxy.class, "Event");
    }

    public AcquirerProxy lock() {
        return create(AcquirerProxy.class, "Lock");
    }

    public AcquirerProxy rLock() {
        return create(AcquirerProxy.class, "RLock");
    }

    public AcquirerProxy semaphore(int value) {
        return create(AcquirerProxy.class, "Semaphore", value);
    }

    public AcquirerProxy boundedSemaphore(int value) {
        return create(AcquirerProxy.class, "BoundedSemaphore", value);
    }

    /** {@code Condition()}: over a new RLock in the server. */
    public ConditionProxy condition() {
        return create(ConditionProxy.class, "Condition");
    }

    /** {@code Condition(lock)}: over a {@link #lock()} or {@link #rLock()} of this manager. */
    public ConditionProxy condition(AcquirerProxy lock) {
        return create(ConditionProxy.class, "Condition", lock);
    }

    public BarrierProxy barrier(int parties) {
        return create(BarrierProxy.class, "Barrier", parties);
    }

    /** {@code Barrier(parties, timeout=seconds)}: the default timeout of each {@code await}. */
    public BarrierProxy barrier(int parties, double timeoutSeconds) {
        return create(BarrierProxy.class, "Barrier", parties, timeoutSeconds);
    }

    /** {@code Value(typecode, value)}. */
    @SuppressWarnings("unchecked")
    public <T> ValueProxy<T> value(char typecode, T value) {
        return create(ValueProxy.class, "Value", String.valueOf(typecode), value);
    }

    /** {@code Array(typecode, sequence)}. */
    public ArrayProxy array(char typecode, Collection<? extends Number> values) {
        return create(ArrayProxy.class, "Array", String.valueOf(typecode), new java.util.ArrayList<>(values));
    }

    @SuppressWarnings("unchecked")
    public <E> ListProxy<E> list() {
        return create(ListProxy.class, "list");
    }

    /** {@code list(iterable)}; the elements may be proxies (nested). */
    @SuppressWarnings("unchecked")
    public <E> ListProxy<E> list(Collection<? extends E> initial) {
        return create(ListProxy.class, "list", new java.util.ArrayList<>(initial));
    }

    @SuppressWarnings("unchecked")
    public <K, V> DictProxy<K, V> dict() {
        return create(DictProxy.class, "dict");
    }

    /** {@code dict(mapping)}; values may be proxies (nested). */
    @SuppressWarnings("unchecked")
    public <K, V> DictProxy<K, V> dict(Map<? extends K, ? extends V> initial) {
        return create(DictProxy.class, "dict", new java.util.LinkedHashMap<>(initial));
    }

    public NamespaceProxy namespace() {
        return create(NamespaceProxy.class, "Namespace");
    }

    /** {@code Namespace(**attributes)}. */
    public NamespaceProxy namespace(Map<String, ?> attributes) {
        return create(NamespaceProxy.class, "Namespace", new java.util.TreeMap<>(attributes));
    }

}
