package dev.pyconcurrent.process.manager.referents;

/**
 * A referent whose value a client can ask for as a plain object ({@code BaseProxy.getValue()}, CPython's
 * {@code _getvalue()} / {@code #GETVALUE}): CPython pickles the referent itself (a list arrives as a list); these
 * Java referents hand out the plain Java value they wrap.
 */
public interface ValueCopy {
    /** A serializable copy of this object's value. */
    Object copyValue();
}
