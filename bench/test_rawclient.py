"""The load generator's pieces that could silently distort a measurement: the raw client's
response parsing, the workloads' bodies and answer checks, percentiles, and the report.

Run with the benchmarks: `python -m pytest bench/` (not part of the default test run).
"""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest

import loadgen
import rawclient
import report
from workloads import ITEM_BYTES, WORKLOADS, item


def test_parse_content_length_and_leftover() -> None:
    """A complete response is cut at Content-Length; the next response's bytes stay."""
    buf = bytearray(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b\r\n\r\n{}HTTP/1.1 4")
    status, body, end, close = rawclient._parse(buf)  # type: ignore[misc]
    assert (status, body, close) == (200, b"{}", False)
    assert bytes(buf[end:]) == b"HTTP/1.1 4"


def test_parse_waits_for_the_whole_body() -> None:
    assert rawclient._parse(bytearray(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n{}")) is None
    assert rawclient._parse(bytearray(b"HTTP/1.1 200 OK\r\nContent-Len")) is None


def test_parse_chunked_and_close() -> None:
    buf = bytearray(b"HTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    b"3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n")
    status, body, end, close = rawclient._parse(buf)  # type: ignore[misc]
    assert (status, body, close, end) == (400, b'{"a":1}', True, len(buf))
    assert rawclient._parse(buf[:-2]) is None


def test_parse_rejects_garbage() -> None:
    with pytest.raises(rawclient.ProtocolError):
        rawclient._parse(bytearray(b"SSH-2.0-x\r\n\r\n"))


def test_request_bytes_have_length_and_target() -> None:
    raw = rawclient.request_bytes("127.0.0.1", 8000, loadgen.headers_for("GetItem"), b'{"a":1}')
    head, _, body = raw.partition(b"\r\n\r\n")
    assert body == b'{"a":1}'
    assert b"\r\nContent-Length: 7" in head and b"X-Amz-Target: DynamoDB_20120810.GetItem" in head


def test_connection_against_a_tiny_server() -> None:
    """Two exchanges on one keep-alive connection, answers split over several packets."""
    async def main() -> list[tuple[int, bytes]]:
        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            for _ in range(2):
                await reader.readuntil(b"\r\n\r\n")
                await reader.readexactly(2)
                for part in (b"HTTP/1.1 200 OK\r\nContent-", b"Length: 2\r\n\r\n", b"{", b"}"):
                    writer.write(part)
                    await writer.drain()
                    await asyncio.sleep(0)
            writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        conn = await rawclient.Connection.open("127.0.0.1", port)
        request = rawclient.request_bytes("127.0.0.1", port, {}, b"{}")
        out = [await conn.exchange(request), await conn.exchange(request)]
        conn.close()
        server.close()
        await server.wait_closed()
        return out

    assert asyncio.run(main()) == [(200, b"{}"), (200, b"{}")]


def test_items_are_about_one_kilobyte() -> None:
    one = item("pk", "put-000001")
    size = sum(len(k) + len(next(iter(v.values()))) for k, v in one.items())
    assert abs(size - ITEM_BYTES) <= 4


@pytest.mark.parametrize("name", sorted(WORKLOADS))
def test_bodies_are_valid_json_for_their_table(name: str) -> None:
    w = WORKLOADS[name]
    bodies = w.bodies()
    assert bodies and all(isinstance(orjson.loads(b), dict) for b in bodies[:5])
    assert w.table.name.encode() in bodies[0]


def test_answer_checks() -> None:
    assert WORKLOADS["get"].check(b'{"Item":{"pk":{"S":"x"}}}') and not WORKLOADS["get"].check(b"{}")
    assert WORKLOADS["query"].check(b'{"Count": 10, "Items": []}') and not WORKLOADS["query"].check(b'{"Count":3}')
    assert WORKLOADS["batch_write"].check(b'{"UnprocessedItems": {}}')
    assert not WORKLOADS["batch_write"].check(b'{"UnprocessedItems":{"t":[{}]}}')


def test_percentile_is_nearest_rank() -> None:
    values = [float(i) for i in range(1, 101)]
    assert loadgen.percentile(values, 50) == 50.0 and loadgen.percentile(values, 99) == 99.0
    assert loadgen.percentile([7.0], 99) == 7.0


def test_error_type_strips_the_namespace() -> None:
    body = b'{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"x"}'
    assert loadgen.error_type(body, 400) == "ResourceNotFoundException"
    assert loadgen.error_type(b"oops", 500) == "HTTP 500"


def _run(server: str, workload: str, throughput: float, errors: int = 0) -> dict[str, Any]:
    return {"server": server, "round": 0, "workload": workload, "concurrency": 16, "throughput": throughput,
            "p50_ms": 1.0, "p99_ms": 2.0, "errors": errors, "first_error": "HTTP 500" if errors else None,
            "completed": 100, "server_cpu_s": 0.01}


def test_report_ratio_errors_and_na() -> None:
    """A run with errors shows its errors and no ratio; a workload the server lacks shows n/a."""
    data = {
        "began": "now", "minutes": 1, "command": "python bench/compare.py",
        "plan": {"servers": ["ddbserver", "ddblocal", "moto"], "workloads": ["put", "query"], "concurrency": [16],
                 "rounds": 1, "duration": 1, "warmup": 1, "starts": 0, "items": 0, "pin": True, "prime": 0},
        "machine": {"cores": 2, "cpu": "x", "python": "3", "load_avg": (1, 1, 1), "load_avg_end": (1, 1, 1)},
        "versions": {"ddbserver": "a", "ddblocal": "b", "moto": "c"},
        "startup": {},
        "status": {"ddbserver": {"put": "ok", "query": "n/a: UnknownOperationException"},
                   "ddblocal": {"put": "ok", "query": "ok"}, "moto": {"put": "ok", "query": "ok"}},
        "runs": [_run("ddbserver", "put", 3000), _run("ddblocal", "put", 1500), _run("moto", "put", 10, errors=3),
                 _run("ddblocal", "query", 900), _run("moto", "query", 50)],
    }
    text = report.render(data)
    assert "| put | ops/s | 16 | 3,000 | 1,500 | errors (3: HTTP 500) | 2.00x | — |" in text
    assert "| query | ops/s | 16 | n/a | 900 | 50 | — | — |" in text
    assert "PutItem, 16 concurrent clients: ddbserver 3,000 requests/s, DynamoDB Local 1,500" in text


def test_read_workload_checks() -> None:
    """query100 wants a full page, scan_full a whole segment, batch_get every key back."""
    assert WORKLOADS["query100"].check(b'{"Count":100}') and not WORKLOADS["query100"].check(b'{"Count":10}')
    assert WORKLOADS["scan_full"].check(b'{"Count":1003,"Items":[]}')
    assert not WORKLOADS["scan_full"].check(b'{"Count":900,"LastEvaluatedKey":{"pk":{"S":"x"}}}')
    assert not WORKLOADS["scan_full"].check(b'{"Count":0}')
    hundred = b",".join(b'{"pk":{"S":"k"}}' for _ in range(100))
    good = b'{"Responses":{"bench_batch_get":[' + hundred + b']},"UnprocessedKeys":{}}'
    assert WORKLOADS["batch_get"].check(good)
    assert not WORKLOADS["batch_get"].check(good.replace(b'"UnprocessedKeys":{}', b'"UnprocessedKeys":{"t":{}}'))
    assert not WORKLOADS["batch_get"].check(b'{"Responses":{"bench_batch_get":[{"pk":{"S":"k"}}]}}')


def test_scan_full_segments_cover_the_table_in_small_pages() -> None:
    """Cycling through scan_full's bodies is one full pass; each segment stays far below 1 MB."""
    from workloads import SCAN_FULL_ITEM_BYTES, SCAN_FULL_ITEMS, SCAN_FULL_SEGMENTS
    bodies = [orjson.loads(b) for b in WORKLOADS["scan_full"].bodies()]
    assert sorted(b["Segment"] for b in bodies) == list(range(SCAN_FULL_SEGMENTS))
    assert all(b["TotalSegments"] == SCAN_FULL_SEGMENTS and "Limit" not in b for b in bodies)
    assert SCAN_FULL_ITEMS // SCAN_FULL_SEGMENTS * SCAN_FULL_ITEM_BYTES * 3 < 1024 * 1024
    keys = [k["pk"]["S"] for b in WORKLOADS["batch_get"].bodies()
            for k in orjson.loads(b)["RequestItems"]["bench_batch_get"]["Keys"]]
    assert len(keys) == len(set(keys)) == 1000
