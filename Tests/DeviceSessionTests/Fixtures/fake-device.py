#!/usr/bin/python3
"""A small scripted Cisco-like CLI for the DeviceSession tests.

It plays an IOS router or an ASA on its terminal (a pty from sshd, from the test, or a
socat serial pair): raw mode with its own echo like a real device, enable with a secret,
paging with --More-- unless turned off, device errors, debugs that print asynchronous
lines, and an audit file with every command line it received.
"""
import argparse
import os
import sys
import termios
import threading
import time
import tty

p = argparse.ArgumentParser()
p.add_argument("--persona", default="ios", choices=["ios", "asa"])
p.add_argument("--hostname")
p.add_argument("--audit")
p.add_argument("--enable-secret", default="")
p.add_argument("--enable-secret-file", help="read the enable secret from this file (keeps it out of argv)")
p.add_argument("--login", help="USER:PASS asked before the prompt (console)")
p.add_argument("--press-return", action="store_true")
p.add_argument("--no-paging-commands", action="store_true")
p.add_argument("--page-lines", type=int, default=24)
p.add_argument("--banner", action="store_true")
p.add_argument("--async-mid-output", action="store_true")
p.add_argument("--split-lines", action="store_true",
               help="print debug messages in the middle of counter lines and table rows, as a console does")
p.add_argument("--debug-interval", type=float, default=0.3)
p.add_argument("--drop-once", help="marker file: the first session drops the line after --drop-after commands")
p.add_argument("--drop-after", type=int, default=3)
p.add_argument("--garbage", action="store_true", help="print line noise, as a console at the wrong speed would")
p.add_argument("--start-privileged", action="store_true")
args = p.parse_args()

asa = args.persona == "asa"
if args.enable_secret_file:
    with open(args.enable_secret_file) as f:
        args.enable_secret = f.read().strip()
hostname = args.hostname or ("asa-edge" if asa else "core-rtr.lab-1")
lock = threading.Lock()
state = {"priv": args.start_privileged, "paging": True, "debugs": set(), "peer": None, "monitor": False, "alive": True}
out_fd = 1
in_fd = 0


def audit(text):
    if args.audit:
        with open(args.audit, "a") as f:
            f.write(text + "\n")


column = {"start": True}


def write(text, own_line=False):
    data = text.replace("\r\n", "\n").replace("\n", "\r\n")
    with lock:
        # Like IOS, an asynchronous message starts on a line of its own.
        if own_line and not column["start"]:
            data = "\r\n" + data
        if data:
            column["start"] = data.endswith("\n")
        os.write(out_fd, data.encode())


def prompt_text():
    return hostname + ("#" if state["priv"] else ">") + (" " if asa else "")


pending = bytearray()


def read_byte():
    while not pending:
        try:
            chunk = os.read(in_fd, 1024)
        except OSError:
            chunk = b""
        if not chunk:
            audit("EOF")
            state["alive"] = False
            os._exit(0)
        pending.extend(chunk)
    b = pending[0]
    del pending[0]
    return b


def read_line(echo=True):
    buf = bytearray()
    while True:
        b = read_byte()
        if b in (13, 10):
            if b == 13 and pending[:1] in (b"\n", b"\0"):
                del pending[0]
            if echo:
                write("\n")
            return buf.decode(errors="replace")
        if b in (8, 127):
            if buf:
                buf.pop()
                if echo:
                    write("\b \b")
            continue
        if b == 3:  # Ctrl-C abandons the line
            if echo:
                write("^C\n")
            return None
        if b < 32:
            continue
        buf.append(b)
        if echo:
            write(chr(b))


def emit_async(text):
    write(text + "\n", own_line=True)


def stamp():
    t = time.gmtime()
    return time.strftime("*%b %d %H:%M:%S", t) + ".%03d" % (int(time.time() * 1000) % 1000)


def debug_emitter():
    n = 0
    while state["alive"]:
        time.sleep(args.debug_interval)
        if state["debugs"]:
            n += 1
            peer = state["peer"] or "10.1.1.2"
            if "isakmp" in state["debugs"]:
                emit_async(f"{stamp()}: ISAKMP: (0):received packet from {peer} dport 500 sport 500 Global (R) MM_NO_STATE")
            if "ipsec" in state["debugs"]:
                emit_async(f"{stamp()}: IPSEC(validate_proposal_request): proposal part #1")


ISAKMP_IOS = """IPv4 Crypto ISAKMP SA
dst             src             state          conn-id status
10.1.1.2        10.1.1.1        QM_IDLE           1001 ACTIVE

IPv6 Crypto ISAKMP SA
"""

ISAKMP_ASA = """IKEv1 SAs:

   Active SA: 1
    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)
Total IKE SA: 1

1   IKE Peer: 10.1.1.2
    Type    : L2L             Role    : initiator
    Rekey   : no              State   : MM_ACTIVE
"""


def ipsec_ios(peer):
    sas = ""
    for direction, spi, conn in (("inbound", "0x1A2B3C4D(439041101)", 2001), ("outbound", "0x9A2B3C4D(2586524749)", 2002)):
        sas += f"""     {direction} esp sas:
      spi: {spi}
        transform: esp-aes esp-sha-hmac ,
        in use settings ={{Tunnel, }}
        conn id: {conn}, flow_id: SW:{conn - 2000}, sibling_flags 80000040, crypto map: VPN-MAP
        sa timing: remaining key lifetime (k/sec): (4607999/3500)
        IV size: 16 bytes
        replay detection support: Y
        Status: ACTIVE(ACTIVE)

     {direction} ah sas:

     {direction} pcp sas:

"""
    return f"""
interface: GigabitEthernet0/1
    Crypto map tag: VPN-MAP, local addr 10.1.1.1

   protected vrf: (none)
   local  ident (addr/mask/prot/port): (192.168.1.0/255.255.255.0/0/0)
   remote ident (addr/mask/prot/port): (192.168.2.0/255.255.255.0/0/0)
   current_peer {peer} port 500
     PERMIT, flags={{origin_is_acl,}}
    #pkts encaps: 120, #pkts encrypt: 120, #pkts digest: 120
    #pkts decaps: 118, #pkts decrypt: 118, #pkts verify: 118
    #pkts compressed: 0, #pkts decompressed: 0
    #pkts not compressed: 0, #pkts compr. failed: 0
    #pkts not decompressed: 0, #pkts decompress failed: 0
    #send errors 0, #recv errors 0

     local crypto endpt.: 10.1.1.1, remote crypto endpt.: {peer}
     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/1
     current outbound spi: 0x9A2B3C4D(2586524749)
     PFS (Y/N): N, DH group: none

{sas}"""


RUNNING = """crypto isakmp policy 10
 encr aes
 authentication pre-share
crypto isakmp key Sup3rSecretPSK address 10.1.1.2
tunnel-group 10.1.1.2 ipsec-attributes
 ikev1 pre-shared-key An0therSecret
username admin password 0 AdminPassw0rd
"""


def invalid():
    if asa:
        write("ERROR: % Invalid input detected at '^' marker.\n")
    else:
        write("                 ^\n% Invalid input detected at '^' marker.\n\n")


split_count = {"n": 0}


def split_position(line):
    """Where a debug message cuts the line: inside a word, after ", ", before ",";
    inside an address in a table row. None for lines left whole."""
    if line.startswith("    #pkts ") and "#pkts" in line[8:]:
        second = line.index("#pkts", 8)
        return [second + 3, second, line.index(", #")][split_count["n"] % 3]
    if line.startswith("10.1.1.2 ") and "QM_IDLE" in line:
        return 20
    return None


def show(text, mid_async=None):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    shown = 0
    for i, line in enumerate(lines):
        if mid_async and i == len(lines) // 2:
            for a in mid_async:
                emit_async(a)
        if state["paging"] and shown == args.page_lines - 1:
            more = "<--- More --->" if asa else " --More-- "
            write(more)
            key = read_byte()
            erase = "\r" + " " * len(more) + "\r" if asa else "\b" * len(more) + " " * len(more) + "\b" * len(more)
            write(erase)
            if key in (ord("q"), 3):
                write("\n")
                return
            shown = 0 if key == 32 else shown - 1
        cut = split_position(line) if args.split_lines else None
        if cut is not None:
            split_count["n"] += 1
            write(line[:cut])
            emit_async(f"{stamp()}: ISAKMP (0:1001): sending packet to 10.1.1.2 my_port 500 peer_port 500 (I) QM_IDLE")
            if split_count["n"] % 2 == 0:
                emit_async(f"{stamp()}: %CRYPTO-6-IKMP_NOT_ENCRYPTED: IKE packet from 10.1.1.2 was not encrypted")
            write(line[cut:] + "\n")
        else:
            write(line + "\n")
        shown += 1
        if state["debugs"]:
            time.sleep(0.002)


def words_match(words, *keywords):
    if len(words) < len(keywords):
        return False
    return all(k.startswith(w) for w, k in zip(words, keywords))


def handle(line):
    words = line.lower().split()
    if not words:
        return
    if words_match(words, "enable") and len(words) == 1:
        if state["priv"]:
            return
        write("Password: ")
        secret = read_line(echo=False)
        write("\n")
        if secret is not None and secret == args.enable_secret:
            state["priv"] = True
        else:
            write("Invalid password\n" if asa else "% Access denied\n\n")
        return
    if asa and words_match(words, "changeto", "context") and len(words) == 3:
        global hostname
        hostname = hostname.split("/")[0] + "/" + words[2]
        return
    if words[0] in ("exit", "logout", "quit"):
        audit("LOGOUT")
        os._exit(0)
    if words_match(words, "terminal", "length") and len(words) == 3:
        if asa or args.no_paging_commands:
            return invalid()
        state["paging"] = words[2] != "0"
        return
    if words_match(words, "terminal", "pager"):
        if not asa or args.no_paging_commands:
            return invalid()
        state["paging"] = words[-1] != "0"
        return
    if words_match(words, "terminal", "width") or words_match(words, "terminal", "monitor"):
        state["monitor"] = state["monitor"] or words[1].startswith("mon")
        return
    if words_match(words, "terminal", "no", "monitor"):
        state["monitor"] = False
        return
    if words_match(words, "undebug", "all") or words_match(words, "no", "debug", "all"):
        state["debugs"].clear()
        write("All possible debugging has been turned off\n")
        return
    if words_match(words, "no", "debug", "crypto", "condition"):
        state["peer"] = None
        return
    if words_match(words, "debug", "crypto", "condition", "peer"):
        state["peer"] = words[-1]
        return
    if words_match(words, "debug", "crypto") and len(words) >= 3:
        kind = {"isakmp": "isakmp", "ikev1": "isakmp", "ipsec": "ipsec", "ikev2": "ikev2"}.get(words[2])
        if kind is None or (not asa and words[2] == "ikev1"):
            return invalid()
        state["debugs"].add(kind)
        if not asa:
            write(f"Crypto {kind.upper()} debugging is on\n")
        return
    if not state["priv"] and not words_match(words, "show", "version"):
        return invalid()
    if words_match(words, "show", "crypto", "isakmp", "sa"):
        return show(ISAKMP_ASA if asa else ISAKMP_IOS)
    if words_match(words, "show", "crypto", "ipsec", "sa"):
        peer = words[words.index("peer") + 1] if "peer" in words[:-1] else "10.1.1.2"
        mid = None
        if args.async_mid_output:
            mid = [f"{stamp()}: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=10.1.1.1, prot=50, spi=0xDEADBEEF(3735928559), srcaddr={peer}",
                   f"{stamp()}: ISAKMP: (1001):purging node 1234567"]
        return show(ipsec_ios(peer), mid)
    if words_match(words, "show", "running-config"):
        return show(RUNNING)
    if words_match(words, "show", "version"):
        return show(("Cisco Adaptive Security Appliance Software Version 9.8(4)\n" if asa else "Cisco IOS Software, C880 Software, Version 15.4(3)M\n") + f"{hostname} uptime is 1 day\n")
    if words_match(words, "show", "hang"):
        while True:
            time.sleep(3600)
    if words_match(words, "clear", "crypto"):
        return
    return invalid()


def main():
    global out_fd
    if os.isatty(in_fd):
        tty.setraw(in_fd, termios.TCSANOW)
    if args.garbage:
        while True:
            os.write(out_fd, bytes([0xF0, 0x8E, 0xFE, 0x80, 0x9C, 0xE0, 0xFC, 0x0F]) * 8)
            time.sleep(0.2)
    threading.Thread(target=debug_emitter, daemon=True).start()
    audit("CONNECT")
    if args.banner:
        write("\n**************************************************\n* Authorised access only. Sessions are logged.   *\n* core-rtr.lab-1# is not a prompt: banners lie.  *\n**************************************************\n\n")
    if args.press_return:
        write("\n\nPress RETURN to get started!\n\n")
        while read_line(echo=False) is None:
            pass
    if args.login:
        user, password = args.login.split(":", 1)
        while True:
            write("\nUser Access Verification\n\nUsername: ")
            u = read_line()
            write("Password: ")
            pw = read_line(echo=False)
            write("\n")
            if u == user and pw == password:
                break
            write("% Login invalid\n")
    commands = 0
    while True:
        write(prompt_text())
        line = read_line()
        if line is None:
            continue
        audit(line)
        commands += 1
        if args.drop_once and commands >= args.drop_after and not os.path.exists(args.drop_once):
            open(args.drop_once, "w").close()
            audit("DROP")
            os._exit(1)
        handle(line)


main()
