/**
 * The fast binary serializer ({@code "kryo"}), built on Kryo 5 with the same class allow-list as
 * the JDK serializer. See the module README for the JDK-vs-Kryo measurements that chose it.
 */
package dev.pyconcurrent.ipc.serialization.kryo;
