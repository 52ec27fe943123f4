package dev.pyconcurrent.ipc.shared;

/**
 * Byte layout of a shared-memory file behind a {@link Value} or {@link Array}: one descriptor class
 * of offset constants (Agrona style), so readers in any process agree without parsing.
 * <pre>
 *   offset 0   int   MAGIC        0x50594D53 ("PYMS"): written last by the creator, checked by attachers
 *   offset 4   int   TYPECODE     the CPython typecode character
 *   offset 8   int   LENGTH       number of elements (1 for a Value)
 *   offset 12  int   (reserved)
 *   offset 16  ...   DATA         LENGTH elements of TYPECODE's size, native byte order;
 *                                 16 keeps every 8-byte element 8-byte aligned (mapped files start page-aligned)
 * </pre>
 * CPython counterpart: {@code Lib/multiprocessing/heap.py} arenas holding raw ctypes objects;
 * CPython writes no header (the child learns the type from the pickled wrapper). The header here
 * lets an attacher verify it mapped the right file.
 */
public final class SharedLayout {
    public static final int MAGIC = 0x50594D53;
    public static final int MAGIC_OFFSET = 0;
    public static final int TYPECODE_OFFSET = 4;
    public static final int LENGTH_OFFSET = 8;
    public static final int DATA_OFFSET = 16;

    private SharedLayout() {
    }

    /** Byte offset of element {@code index}. */
    public static int elementOffset(TypeCode type, int index) {
        return DATA_OFFSET + index * type.size();
    }

    /** Total file size for {@code length} elements. */
    public static long fileSize(TypeCode type, int length) {
        return DATA_OFFSET + (long) length * type.size();
    }
}
