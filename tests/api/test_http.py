"""HTTP/1.1 as clients speak it to DynamoDB: keep-alive, pipelining answered in order, chunked
bodies, `Expect: 100-continue`, HEAD, `Connection: close`, HTTP/1.0, and malformed requests
(400, connection closed, server unharmed)."""

from __future__ import annotations

import json
import socket
from typing import Any

from tests.conftest import make_table

AUTH = ("Authorization: AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host, Signature=0\r\nX-Amz-Date: 20260101T000000Z\r\n")


def request(op: str, body: dict[str, Any], extra: str = "", version: str = "1.1") -> bytes:
    data = json.dumps(body).encode()
    head = (f"POST / HTTP/{version}\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.{op}\r\n"
            f"Content-Type: application/x-amz-json-1.0\r\n{AUTH}Content-Length: {len(data)}\r\n{extra}\r\n")
    return head.encode() + data


def read_response(sock: socket.socket, buf: bytearray) -> tuple[int, dict[str, str], bytes]:
    """One response from `sock` (leftover bytes stay in `buf`)."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    head, _, rest = bytes(buf).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        rest += chunk
    buf[:] = rest[length:]
    return status, headers, rest[:length]


def connect(server: Any) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=10)


def closed(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def test_keep_alive_serves_many_requests_on_one_connection(server):
    """One connection carries request after request."""
    with connect(server) as sock:
        buf = bytearray()
        for _ in range(50):
            sock.sendall(request("ListTables", {}))
            status, headers, body = read_response(sock, buf)
            assert status == 200 and "TableNames" in json.loads(body)
            assert "x-amzn-requestid" in headers and "connection" not in headers
            assert headers["date"].endswith(" GMT") and headers["server"] == "Server"


def test_pipelined_requests_are_answered_in_order(server, ddb):
    """Requests sent back to back before any answer (a read after a write, a write after a read)
    are answered in the order they were sent, each seeing the ones before it."""
    name = make_table(ddb)
    with connect(server) as sock:
        batch = b"".join([
            request("PutItem", {"TableName": name, "Item": {"pk": {"S": "a"}, "n": {"N": "1"}}}),
            request("GetItem", {"TableName": name, "Key": {"pk": {"S": "a"}}}),
            request("UpdateItem", {"TableName": name, "Key": {"pk": {"S": "a"}}, "UpdateExpression": "ADD n :one",
                                   "ExpressionAttributeValues": {":one": {"N": "1"}}, "ReturnValues": "UPDATED_NEW"}),
            request("GetItem", {"TableName": name, "Key": {"pk": {"S": "a"}}}),
        ])
        sock.sendall(batch)
        buf = bytearray()
        answers = [json.loads(read_response(sock, buf)[2]) for _ in range(4)]
    assert answers[0] == {}
    assert answers[1]["Item"]["n"] == {"N": "1"}
    assert answers[2] == {"Attributes": {"n": {"N": "2"}}}
    assert answers[3]["Item"]["n"] == {"N": "2"}


def test_chunked_body_and_expect_continue(server):
    """A chunked body is read whole; `Expect: 100-continue` gets its interim answer."""
    data = json.dumps({"Limit": 5}).encode()
    head = (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
            f"Content-Type: application/x-amz-json-1.0\r\n{AUTH}Transfer-Encoding: chunked\r\n"
            f"Expect: 100-continue\r\n\r\n").encode()
    with connect(server) as sock:
        sock.sendall(head)
        buf = bytearray()
        status, _, _ = read_response(sock, buf)
        assert status == 100
        sock.sendall(b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data))
        status, _, body = read_response(sock, buf)
        assert status == 200 and "TableNames" in json.loads(body)


def test_head_has_headers_only(server):
    with connect(server) as sock:
        sock.sendall(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while data.count(b"HTTP/1.1 200") < 2 or not data.endswith(b"amazonaws.com "):
            chunk = sock.recv(4096)
            assert chunk
            data += chunk
    first, second = data.split(b"HTTP/1.1 200")[1:]
    assert first.endswith(b"\r\n\r\n")  # no body after the HEAD answer's headers
    assert second.endswith(b"healthy: dynamodb.us-east-1.amazonaws.com ")


def test_connection_close_and_http_1_0(server):
    """`Connection: close` and HTTP/1.0 without keep-alive end the connection after the answer."""
    for raw in (request("ListTables", {}, extra="Connection: close\r\n"), request("ListTables", {}, version="1.0")):
        with connect(server) as sock:
            sock.sendall(raw)
            buf = bytearray()
            status, headers, _ = read_response(sock, buf)
            assert status == 200 and headers.get("connection") == "close"
            assert closed(sock)


def test_http_1_0_keep_alive_is_confirmed(server):
    """An HTTP/1.0 client asking for keep-alive is told it is kept, and can send another request."""
    with connect(server) as sock:
        buf = bytearray()
        for _ in range(2):
            sock.sendall(request("ListTables", {}, extra="Connection: keep-alive\r\n", version="1.0"))
            status, headers, _ = read_response(sock, buf)
            assert status == 200 and headers.get("connection") == "keep-alive"


def test_malformed_http_is_400_and_the_server_carries_on(server):
    """Garbage gets 400 and a closed connection; the next client is served as usual."""
    for garbage in (b"NOT HTTP AT ALL\r\n\r\n", b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
                    b"\x00\xff\xfe\r\n\r\n"):
        with connect(server) as sock:
            sock.sendall(garbage)
            buf = bytearray()
            status, _, _ = read_response(sock, buf)
            assert status == 400
            assert closed(sock)
    with connect(server) as sock:
        sock.sendall(request("ListTables", {}))
        assert read_response(sock, bytearray())[0] == 200


def test_client_gone_mid_write_does_not_lose_the_write(server, ddb):
    """A client that closes right after sending a write loses only the answer."""
    name = make_table(ddb)
    with connect(server) as sock:
        sock.sendall(request("PutItem", {"TableName": name, "Item": {"pk": {"S": "gone"}}}))
    import time
    deadline = time.monotonic() + 10
    while "Item" not in ddb.get_item(TableName=name, Key={"pk": {"S": "gone"}}):
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_answers_that_wait_are_driven_to_the_end_and_stop_waits_for_them():
    """A coroutine answer that waits on futures (a write), yields bare (asyncio.sleep(0)), or
    gathers is resumed to its end without a Task; stop() waits for an answer in flight and it is
    written; a cancelled future closes only its connection."""
    import asyncio

    from ddbserver.api.http import Response, Server

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        gate: asyncio.Future[str] = loop.create_future()
        doomed: asyncio.Future[str] = loop.create_future()

        async def answer(path: str) -> Response:
            if path == "/doomed":
                await doomed
            await asyncio.sleep(0)
            parts = await asyncio.gather(gate, asyncio.sleep(0, result="b"))
            return Response(200, {}, ("".join(parts) + path).encode())

        server = Server(lambda req: answer(req.path))
        await server.start("127.0.0.1", 0)
        port = server._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

        async def get(path: str) -> bytes:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            data = await reader.read()  # the server closes every connection at stop
            writer.close()
            return data

        pending = asyncio.ensure_future(get("/x"))
        doomed_reply = asyncio.ensure_future(get("/doomed"))
        while server.inflight < 2:
            await asyncio.sleep(0.01)
        doomed.cancel()
        assert await asyncio.wait_for(doomed_reply, 5) == b""  # closed without an answer
        assert server.inflight == 1
        stopping = asyncio.ensure_future(server.stop(timeout=10))
        await asyncio.sleep(0.05)
        assert not stopping.done()  # waits for the answer in flight
        gate.set_result("a")
        await asyncio.wait_for(stopping, 5)
        reply = await asyncio.wait_for(pending, 5)
        assert reply.startswith(b"HTTP/1.1 200 OK\r\n") and reply.endswith(b"\r\n\r\nab/x")
        assert server.inflight == 0

    asyncio.run(scenario())
