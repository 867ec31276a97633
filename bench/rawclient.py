"""A minimal HTTP/1.1 keep-alive client on an asyncio Protocol, for the timed loop only.

aiohttp's client spent 120-240 µs of CPU per request on this machine, as much as the servers
measured, so it capped (and flattened) the throughput of the faster servers. This client sends
precomputed request bytes and parses only what it needs from the answer (status line,
Content-Length or chunked body, Connection: close): a few µs per request. It is not a general
HTTP client; the set-up still goes through aiohttp.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit


def request_bytes(host: str, port: int, headers: dict[str, str], body: bytes) -> bytes:
    head = [f"POST / HTTP/1.1", f"Host: {host}:{port}"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    head += [f"Content-Length: {len(body)}", "", ""]
    return "\r\n".join(head).encode("latin-1") + body


class ProtocolError(Exception):
    pass


class Connection(asyncio.Protocol):
    """One keep-alive connection; `exchange(request)` sends it and returns (status, body)."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.waiter: asyncio.Future[tuple[int, bytes]] | None = None
        self.closed = False
        self.made: asyncio.Future[None] | None = None

    @classmethod
    async def open(cls, host: str, port: int) -> "Connection":
        loop = asyncio.get_running_loop()
        _, conn = await loop.create_connection(cls, host, port)
        if conn.transport is None:  # uvloop calls connection_made on the next loop turn
            conn.made = loop.create_future()
            await conn.made
        return conn

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is not an asyncio.Transport
        if self.made is not None and not self.made.done():
            self.made.set_result(None)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("connection closed by the server"))

    def exchange(self, request: bytes) -> "asyncio.Future[tuple[int, bytes]]":
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return self.waiter

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        self.buf += data
        parsed = _parse(self.buf)
        if parsed is None:
            return
        status, body, end, close = parsed
        del self.buf[:end]
        if close:
            self.close()
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result((status, body))


def _parse(buf: bytearray) -> tuple[int, bytes, int, bool] | None:
    """(status, body, bytes used, server closes) of one complete response in `buf`, or None."""
    head_end = buf.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    head = bytes(buf[:head_end]).decode("latin-1").split("\r\n")
    parts = head[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        raise ProtocolError(f"not an HTTP response: {head[0]!r}")
    status = int(parts[1])
    length = None
    chunked = False
    close = parts[0] == "HTTP/1.0"
    for line in head[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif name == "connection":
            close = value.strip().lower() == "close"
    start = head_end + 4
    if chunked:
        got = _chunked(buf, start)
        if got is None:
            return None
        body, end = got
        return status, body, end, close
    if length is None:
        if not close:
            length = 0  # no body and keep-alive (e.g. 204)
        else:
            return None  # body until close: not used by the servers compared
    if len(buf) - start < length:
        return None
    return status, bytes(buf[start:start + length]), start + length, close


def _chunked(buf: bytearray, pos: int) -> tuple[bytes, int] | None:
    out = bytearray()
    while True:
        line_end = buf.find(b"\r\n", pos)
        if line_end < 0:
            return None
        size = int(bytes(buf[pos:line_end]).split(b";")[0], 16)
        pos = line_end + 2
        if size == 0:
            trailer_end = buf.find(b"\r\n\r\n", pos - 2)
            if trailer_end < 0:
                return None
            return bytes(out), trailer_end + 4
        if len(buf) < pos + size + 2:
            return None
        out += buf[pos:pos + size]
        pos += size + 2


def host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80
