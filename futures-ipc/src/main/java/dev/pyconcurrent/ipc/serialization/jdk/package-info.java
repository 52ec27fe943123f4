/**
 * The default serializer: JDK serialization behind a class allow-list
 * ({@link dev.pyconcurrent.ipc.serialization.DeserializationFilter}). Mirrors pickle as used by
 * {@code Lib/multiprocessing/reduction.py}.
 */
package dev.pyconcurrent.ipc.serialization.jdk;
