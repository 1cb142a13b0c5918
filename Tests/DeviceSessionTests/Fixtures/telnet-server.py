#!/usr/bin/python3
"""A one-connection Telnet server for the tests: negotiates like a console server
(WILL ECHO, WILL SGA, DO TTYPE, DO NAWS, asks for the terminal type), records what
the client answered, and bridges the connection to a device program on a pty."""
import os
import pty
import select
import socket
import sys

IAC, DONT, DO, WONT, WILL, SB, SE = 255, 254, 253, 252, 251, 250, 240
port_file, record_file = sys.argv[1], sys.argv[2]
device = sys.argv[3:]

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(1)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.getsockname()[1]))
os.rename(port_file + ".tmp", port_file)
conn, _ = server.accept()
conn.sendall(bytes([IAC, WILL, 1, IAC, WILL, 3, IAC, DO, 24, IAC, DO, 31, IAC, SB, 24, 1, IAC, SE]))

pid, master = pty.fork()
if pid == 0:
    os.execv(device[0], device)

record = open(record_file, "wb")
state = "data"
sub = bytearray()
while True:
    ready, _, _ = select.select([conn, master], [], [])
    if master in ready:
        try:
            data = os.read(master, 4096)
        except OSError:
            data = b""
        if not data:
            break
        conn.sendall(data.replace(b"\xff", b"\xff\xff"))
    if conn in ready:
        data = conn.recv(4096)
        if not data:
            break
        out = bytearray()
        for b in data:
            if state == "data":
                if b == IAC:
                    state = "iac"
                elif b == 0 and out[-1:] == b"\r":
                    pass
                else:
                    out.append(b)
            elif state == "iac":
                if b == IAC:
                    out.append(b)
                    state = "data"
                elif b in (WILL, WONT, DO, DONT):
                    state = ("opt", b)
                elif b == SB:
                    sub = bytearray()
                    state = "sb"
                else:
                    state = "data"
            elif isinstance(state, tuple):
                record.write(bytes([IAC, state[1], b]))
                state = "data"
            elif state == "sb":
                if b == IAC:
                    state = "sbiac"
                else:
                    sub.append(b)
            elif state == "sbiac":
                if b == SE:
                    record.write(bytes([IAC, SB]) + bytes(sub) + bytes([IAC, SE]))
                    state = "data"
                else:
                    sub.append(b)
                    state = "sb"
        record.flush()
        if out:
            os.write(master, bytes(out))
conn.close()
