package dev.pyconcurrent.ipc.shared;

import dev.pyconcurrent.ipc.host.ResourceTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One memory-mapped file shared by processes, laid out as {@link SharedLayout} says.
 *
 * <p>The file lives in {@code /dev/shm} (tmpfs, so it is plain RAM) when that exists, else in the
 * temp directory, named {@code pyc-shm-<creator pid>-<n>-<random>} with mode 0600. The creator
 * deletes it at JVM exit (shutdown hook); if the creator is killed, the next JVM that uses this
 * module deletes it ({@link ResourceTracker#sweepDeadCreators()}). Processes that already mapped
 * it keep their mapping after the file is deleted (POSIX semantics), as with CPython's
 * {@code shm_unlink}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/heap.py: Arena} (an mmap of a file in a temp
 * directory, unlinked at once and passed to children by descriptor). The JDK cannot pass
 * descriptors, so the file must stay visible by name while children attach; hence the pid-named
 * file and the sweep.
 */
final class SharedMemory {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    final Path path;
    final MappedByteBuffer buffer;
    final TypeCode type;
    final int length;

    private SharedMemory(Path path, MappedByteBuffer buffer, TypeCode type, int length) {
        this.path = path;
        this.buffer = buffer;
        this.type = type;
        this.length = length;
    }

    /** Creates a zero-filled file for {@code length} elements of {@code type} and maps it. */
    static SharedMemory create(TypeCode type, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative array size " + length);
        }
        ResourceTracker.sweepDeadCreators();
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        String name = ResourceTracker.SHM_PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
                + "-" + Integer.toHexString(((r[0] & 0xff) << 24) | ((r[1] & 0xff) << 16) | ((r[2] & 0xff) << 8) | (r[3] & 0xff));
        Path path = ResourceTracker.sharedMemoryBase().resolve(name);
        long size = SharedLayout.fileSize(type, length);
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            ResourceTracker.deleteAtExit(path);
            MappedByteBuffer buf;
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                buf = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);   // extends the file with zeros
            }
            buf.order(ByteOrder.nativeOrder());
            buf.putInt(SharedLayout.TYPECODE_OFFSET, type.code());
            buf.putInt(SharedLayout.LENGTH_OFFSET, length);
            INTS.setRelease(buf, SharedLayout.MAGIC_OFFSET, SharedLayout.MAGIC);   // header complete
            return new SharedMemory(path, buf, type, length);
        } catch (IOException e) {
            ResourceTracker.deleteNow(path);
            throw new UncheckedIOException("cannot create shared memory " + path, e);
        }
    }

    /** Maps an existing file created by process {@code creatorPid} and checks its header. */
    static SharedMemory attach(Path path, TypeCode type, int length, long creatorPid) {
        long size = SharedLayout.fileSize(type, length);
        MappedByteBuffer buf;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ch.size() < size) {
                throw new IllegalStateException("shared memory " + path + " is " + ch.size() + " bytes, expected " + size);
            }
            buf = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("shared memory " + path + " no longer exists: its creator, process "
                    + creatorPid + ", has exited and removed it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map shared memory " + path, e);
        }
        buf.order(ByteOrder.nativeOrder());
        if ((int) INTS.getAcquire(buf, SharedLayout.MAGIC_OFFSET) != SharedLayout.MAGIC
                || buf.getInt(SharedLayout.TYPECODE_OFFSET) != type.code()
                || buf.getInt(SharedLayout.LENGTH_OFFSET) != length) {
            throw new IllegalStateException("shared memory " + path + " does not hold " + length
                    + " elements of typecode '" + type.code() + "'");
        }
        return new SharedMemory(path, buf, type, length);
    }

    Number getVolatile(int index) {
        return type.getVolatile(buffer, SharedLayout.elementOffset(type, checkIndex(index)));
    }

    void setVolatile(int index, Number value) {
        type.setVolatile(buffer, SharedLayout.elementOffset(type, checkIndex(index)), value);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " out of range for length " + length);
        }
        return index;
    }
}
