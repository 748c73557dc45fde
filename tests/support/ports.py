"""A free TCP port on 127.0.0.1 for a server started by a test."""

from __future__ import annotations

import random
import socket

# Below Linux's ephemeral range (32768–60999), from which every outgoing connection takes its
# local port: a port picked there can be taken by a client before the test's server binds it.
_LOW, _HIGH = 20000, 32000


def free_port() -> int:
    """A port nothing listens on now, outside the range outgoing connections draw from."""
    for _ in range(200):
        port = random.randint(_LOW, _HIGH)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError(f"no free port between {_LOW} and {_HIGH}")
