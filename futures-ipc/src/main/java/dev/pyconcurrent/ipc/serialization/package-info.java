/**
 * The pluggable serializer SPI ({@link dev.pyconcurrent.ipc.serialization.Serializer}, discovered
 * with {@link java.util.ServiceLoader}), its registry
 * ({@link dev.pyconcurrent.ipc.serialization.Serializers}) and the class allow-list every
 * implementation applies when rebuilding objects
 * ({@link dev.pyconcurrent.ipc.serialization.DeserializationFilter}).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/reduction.py} ({@code ForkingPickler}), the
 * pickle layer under {@code Connection.send/recv}. Implementations live in the {@code jdk} and
 * {@code kryo} sub-packages.
 */
package dev.pyconcurrent.ipc.serialization;
