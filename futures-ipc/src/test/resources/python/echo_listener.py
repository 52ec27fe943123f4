"""Interop peer: CPython's own multiprocessing.connection.Listener for a Java Client.

argv: <AF_UNIX path> <authkey hex>. Prints READY once listening, AUTHENTICATED after the
handshake, echoes every byte message back until EOF. Exit 3 on AuthenticationError.
"""
import sys
from multiprocessing.connection import Listener, AuthenticationError

print("python", sys.version.split()[0], flush=True)
with Listener(sys.argv[1], family="AF_UNIX", authkey=bytes.fromhex(sys.argv[2])) as listener:
    print("READY", flush=True)
    try:
        conn = listener.accept()
    except AuthenticationError as e:
        print("AuthenticationError:", e, flush=True)
        sys.exit(3)
    print("AUTHENTICATED", flush=True)
    with conn:
        while True:
            try:
                message = conn.recv_bytes()
            except EOFError:
                break
            conn.send_bytes(message)
print("DONE", flush=True)
