/**
 * Test support: real child JVMs ({@link dev.pyconcurrent.ipc.testing.ChildJvm}) that receive the
 * parent's authkey and serialized handles, since this module's tests cannot use futures-process.
 */
package dev.pyconcurrent.ipc.testing;
