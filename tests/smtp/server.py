#!/usr/bin/python3
"""The SMTP server of the e-mail tests (`./x test` starts it on loopback; docs/email.md).

aiosmtpd (Debian's python3-aiosmtpd) on 127.0.0.1: STARTTLS required before anything else,
with the certificate given; AUTH required (PLAIN, LOGIN), one user and its password (from a
file), every other login refused (535). Each message received is written to --mail-dir as one
.eml file (the bytes as received, written to a temporary name then renamed). For the tests'
failures, by the recipient address's local part:

  tuchoi…  refused with 550 (RCPT TO), the message goes nowhere;
  ngat…    the connection is closed at RCPT TO, without a reply (a lost connection).

It writes its port to --port-file once it listens, and stops on SIGTERM or SIGINT.
"""

import argparse
import itertools
import logging
import os
import signal
import socket
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self, mail_dir):
        self.mail_dir = mail_dir
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("ngat"):
            session_transport = server.transport
            if session_transport is not None:
                session_transport.abort()
            return "421 4.4.2 connection dropped by the test server"
        if local.startswith("tuchoi"):
            return "550 5.1.1 <%s>: Recipient address rejected: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = next(self.counter)
        name = "%06d-%d.eml" % (n, os.getpid())
        tmp = os.path.join(self.mail_dir, "." + name + ".tmp")
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(self.mail_dir, name))
        return "250 2.0.0 OK queued as %06d" % n


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("--mail-dir", required=True)
    p.add_argument("--port-file", required=True)
    a = p.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with open(a.password_file, "rb") as f:
        password = f.read().splitlines()[0]
    user = a.user.encode()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user
            and auth_data.password == password
        )
        return AuthResult(success=ok, handled=False)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    os.makedirs(a.mail_dir, exist_ok=True)
    port = free_port()
    controller = Controller(
        Handler(a.mail_dir),
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        auth_require_tls=True,
        authenticator=authenticator,
        decode_data=False,
    )
    controller.start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, a.port_file)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
