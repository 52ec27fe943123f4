"""Interop peer: CPython's own multiprocessing.connection.Client against a Java Listener.

argv: <AF_UNIX path> <authkey hex>. Prints the Python version, then AUTHENTICATED once the
handshake passed, echoes every byte message back until EOF. Exit 3 on AuthenticationError.
"""
import sys
from multiprocessing.connection import Client, AuthenticationError

print("python", sys.version.split()[0], flush=True)
try:
    conn = Client(sys.argv[1], family="AF_UNIX", authkey=bytes.fromhex(sys.argv[2]))
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
