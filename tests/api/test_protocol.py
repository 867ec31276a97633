"""DynamoDB's JSON wire protocol: content types, bodies, targets, authentication, CORS,
request ids, CRC32 and compression, as AWS answers them."""

from __future__ import annotations

import gzip
import re
import zlib
from typing import Any

import pytest

from ddbserver.api import protocol
from tests.api.wire import post
from tests.conftest import client

# --- routing and content types -----------------------------------------------------------------


def test_health_check(server):
    """GET / answers 200 with DynamoDB's health text."""
    reply = post(server.url, None, method="GET", headers={"Content-Type": None})
    assert reply.status == 200
    assert reply.body == b"healthy: dynamodb.us-east-1.amazonaws.com "


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_not_found(server, method):
    """Methods other than POST (and GET /) answer 404 <UnknownOperationException/>."""
    reply = post(server.url, "ListTables", {}, method=method)
    assert reply.status == 404
    assert reply.body == b"<UnknownOperationException/>\n"
    assert reply.headers["x-amz-crc32"] == "3552371480"


@pytest.mark.parametrize("content_type", [None, "text/plain", "whatever", "application/x-amz-json-1.1"])
def test_post_without_json_content_type_is_not_found(server, content_type):
    """A POST whose Content-Type is not one DynamoDB takes (x-amz-json-1.1 included) is not an API call: 404."""
    reply = post(server.url, "ListTables", {}, headers={"Content-Type": content_type})
    assert reply.status == 404
    assert reply.body == b"<UnknownOperationException/>\n"


@pytest.mark.parametrize("content_type", ["application/json", "application/x-amz-json-1.0",
                                          "application/json; charset=utf-8"])
def test_json_content_types_are_accepted_and_echoed(server, content_type):
    """application/json and application/x-amz-json-1.0 both work; the reply carries the same type."""
    reply = post(server.url, "ListTables", {}, headers={"Content-Type": content_type})
    assert reply.status == 200
    assert reply.headers["Content-Type"] == content_type.split(";")[0]
    assert "TableNames" in reply.json()


def test_unknown_operation(server):
    """A target naming no operation is UnknownOperationException, with no message."""
    reply = post(server.url, "ListTable", {})
    assert reply.status == 400
    assert reply.json() == {"__type": "com.amazon.coral.service#UnknownOperationException"}


@pytest.mark.parametrize("target", [None, "whatever", "DynamoDBStreams_20120810.NoSuchOperation", "Kinesis_20131202.ListStreams",
                                    "DynamoDB_20111205.ListTables", "DynamoDB_20120810.", "DynamoDB_20120810",
                                    "DynamoDB_20120810.ListTables.x"])
def test_wrong_target_prefix(server, target):
    """A missing target, or one of another service or API version, is UnknownOperationException."""
    reply = post(server.url, None, {}, headers={"X-Amz-Target": target})
    assert reply.json() == {"__type": "com.amazon.coral.service#UnknownOperationException"}


def test_target_checked_before_authentication(server):
    """An unknown target without credentials is still UnknownOperationException."""
    reply = post(server.url, "Nope", {}, headers={"Authorization": None})
    assert reply.error == ("UnknownOperationException", None)


# --- bodies --------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"hi", b"{", b"\xff\xfe{}", b'{"TableName": "\xc3\x28"}', b"[" * 5000 + b"]" * 5000])
def test_malformed_json_is_serialization_exception(server, raw):
    """A body that is not JSON (or not UTF-8, or nested past the parser's limit) is a bare SerializationException."""
    reply = post(server.url, "ListTables", raw=raw)
    assert reply.status == 400
    assert reply.json() == {"__type": "com.amazon.coral.service#SerializationException"}


def test_malformed_json_checked_before_target(server):
    """The body is parsed before the target is looked at."""
    reply = post(server.url, None, raw=b"hi")
    assert reply.error == ("SerializationException", None)


@pytest.mark.parametrize("raw,expected", [
    (b"[]", "Start of list found where not expected"),
    (b"5", "Unexpected field type"),
    (b'"x"', "Unexpected field type"),
])
def test_non_object_json(server, raw, expected):
    """The request must be a JSON object."""
    reply = post(server.url, "ListTables", raw=raw)
    assert reply.error == ("SerializationException", expected)


@pytest.mark.parametrize("raw", [b"", b"   ", b"null"])
def test_empty_body_is_an_empty_request(server, raw):
    """An empty body (or null) is a request with no members."""
    reply = post(server.url, "ListTables", raw=raw)
    assert reply.status == 200
    assert "TableNames" in reply.json()
    reply = post(server.url, "DescribeTable", raw=raw)
    assert reply.error == ("ValidationException", "1 validation error detected: Value null at 'tableName' "
                           "failed to satisfy constraint: Member must not be null")


def test_deeply_nested_attribute_value(server, hash_table):
    """An item nested deeper than DynamoDB allows is refused with a 400, never a crash."""
    nested = b'{"M":{"x":' * 400 + b'{"S":"a"}' + b"}}" * 400
    raw = b'{"TableName":"' + hash_table.encode() + b'","Item":{"pk":{"S":"deep"},"a":' + nested + b"}}"
    reply = post(server.url, "PutItem", raw=raw)
    assert reply.status == 400
    assert reply.error[0] in ("ValidationException", "SerializationException")


@pytest.mark.parametrize("encoding,pack", [
    ("gzip", gzip.compress),
    ("deflate", zlib.compress),
    ("deflate", lambda data: (lambda c: c.compress(data) + c.flush())(zlib.compressobj(wbits=-15))),
])
def test_compressed_request_bodies(server, encoding, pack):
    """gzip and deflate (zlib-wrapped or raw) request bodies are inflated."""
    reply = post(server.url, "ListTables", raw=pack(b'{"Limit": 0}'), headers={"Content-Encoding": encoding})
    assert reply.error == ("ValidationException", "1 validation error detected: Value '0' at 'limit' failed to "
                           "satisfy constraint: Member must have value greater than or equal to 1")


def test_corrupt_compressed_body(server):
    """A body that does not inflate is a SerializationException."""
    reply = post(server.url, "ListTables", raw=b"garbage", headers={"Content-Encoding": "gzip"})
    assert reply.error == ("SerializationException", None)
    truncated = gzip.compress(b'{"Limit": 1}')[:-8]
    reply = post(server.url, "ListTables", raw=truncated, headers={"Content-Encoding": "gzip"})
    assert reply.error == ("SerializationException", None)


def test_body_size_cap(server):
    """Bodies over 16 MB are refused with 413, counting inflated bytes (a small gzip bomb too)."""
    bomb = gzip.compress(b" " * (protocol.MAX_BODY + 1))
    assert len(bomb) < 100_000
    reply = post(server.url, "ListTables", raw=bomb, headers={"Content-Encoding": "gzip"})
    assert reply.status == 413
    assert reply.error == ("RequestEntityTooLargeException", protocol.TOO_LARGE)


def test_body_at_the_cap_is_read(server):
    """Exactly 16 MB (inflated) is still accepted."""
    body = b" " * (protocol.MAX_BODY - 2) + b"{}"
    reply = post(server.url, "ListTables", raw=gzip.compress(body), headers={"Content-Encoding": "gzip"})
    assert reply.status == 200


# --- authentication -------------------------------------------------------------------------------


@pytest.mark.parametrize("header", [None, "AWS4", "Basic abc", ""])
def test_missing_authentication_token(server, header):
    """No Authorization header, or one that is not AWS4-*, is MissingAuthenticationTokenException."""
    reply = post(server.url, "ListTables", {}, headers={"Authorization": header})
    assert reply.status == 400
    assert reply.json() == {"__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
                            "message": "Request is missing Authentication Token"}


def test_incomplete_signature_lists_every_missing_part(server):
    """An AWS4- header lacking its parts is IncompleteSignatureException naming each one."""
    reply = post(server.url, "ListTables", {}, headers={"Authorization": "AWS4-", "X-Amz-Date": None})
    assert reply.json() == {
        "__type": "com.amazon.coral.service#IncompleteSignatureException",
        "message": "Authorization header requires 'Credential' parameter. Authorization header requires "
                   "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
                   "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                   "Authorization=AWS4-",
    }


def test_incomplete_signature_one_part(server):
    """Only the missing parts are listed."""
    header = "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host"
    reply = post(server.url, "ListTables", {}, headers={"Authorization": header})
    assert reply.error == ("IncompleteSignatureException",
                           f"Authorization header requires 'Signature' parameter. Authorization={header}")


def test_presigned_query_string(server):
    """SigV4 in the query string (a presigned request) is accepted; a partial one is not."""
    query = ("?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20260101%2Fus-east-1%2Fdynamodb%2Faws4_request"
             "&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=abc")
    reply = post(server.url, "ListTables", {}, headers={"Authorization": None}, path="/" + query)
    assert reply.status == 200
    reply = post(server.url, "ListTables", {}, headers={"Authorization": None},
                 path="/?X-Amz-Algorithm=AWS4-HMAC-SHA256")
    assert reply.error[0] == "IncompleteSignatureException"
    assert "'X-Amz-Credential'" in (reply.error[1] or "")


# --- response headers ----------------------------------------------------------------------------


def test_request_id_and_crc32(server):
    """Every reply has a 52-character request id and the CRC32 of its body."""
    for reply in (post(server.url, "ListTables", {}), post(server.url, "Nope", {})):
        assert re.fullmatch(r"[0-9A-Z]{52}", reply.headers["x-amzn-RequestId"])
        assert reply.headers["x-amz-crc32"] == str(zlib.crc32(reply.body))


def test_cors_preflight(server):
    """OPTIONS with an Origin is a CORS preflight: 200, empty, echoing the requested headers and method."""
    reply = post(server.url, None, method="OPTIONS", headers={
        "Origin": "http://example.com", "Access-Control-Request-Headers": "a, b, c",
        "Access-Control-Request-Method": "POST", "Content-Type": None})
    assert reply.status == 200
    assert reply.body == b""
    assert reply.headers["Access-Control-Allow-Origin"] == "*"
    assert reply.headers["Access-Control-Allow-Headers"] == "a, b, c"
    assert reply.headers["Access-Control-Allow-Methods"] == "POST"
    assert reply.headers["Access-Control-Max-Age"] == "172800"
    assert re.fullmatch(r"[0-9A-Z]{52}", reply.headers["x-amzn-RequestId"])


def test_options_without_origin_is_not_found(server):
    """OPTIONS without an Origin is not a preflight: 404."""
    reply = post(server.url, None, method="OPTIONS", headers={"Content-Type": None})
    assert reply.status == 404


def test_cors_headers_on_calls_from_a_browser(server):
    """A call with an Origin gets Access-Control-Allow-Origin and sees the request id and CRC headers."""
    reply = post(server.url, "ListTables", {}, headers={"Origin": "http://example.com"})
    assert reply.headers["Access-Control-Allow-Origin"] == "*"
    assert "x-amzn-RequestId" in reply.headers["Access-Control-Expose-Headers"]


def test_large_reply_is_gzipped_when_accepted(server, hash_table):
    """A large reply is gzip-compressed for a client that accepts gzip; the CRC32 covers the compressed bytes."""
    ddb = client(server.url)
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": "gz-big"}, "v": {"S": "x" * 20000}})
    body = {"TableName": hash_table, "Key": {"pk": {"S": "gz-big"}}}
    reply = post(server.url, "GetItem", body, headers={"Accept-Encoding": "gzip"})
    assert reply.headers["Content-Encoding"] == "gzip"
    assert reply.headers["x-amz-crc32"] == str(zlib.crc32(reply.body))
    assert len(gzip.decompress(reply.body)) > 20000
    small = post(server.url, "ListTables", {"Limit": 1}, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in small.headers


def gzip_client(url: str) -> Any:
    """A boto3 client that asks for gzip replies and inflates them before botocore parses them
    (botocore checks x-amz-crc32 on the bytes as received, i.e. compressed)."""
    ddb = client(url)

    def ask(request: Any, **_: Any) -> None:
        request.headers["Accept-Encoding"] = "gzip"

    def inflate(response_dict: Any, **_: Any) -> None:
        if response_dict["headers"].get("content-encoding") == "gzip":
            response_dict["body"] = gzip.decompress(response_dict["body"])

    ddb.meta.events.register("before-send.dynamodb", ask)
    ddb.meta.events.register("before-parse.dynamodb", inflate)
    return ddb


def test_boto3_client_asking_for_gzip_end_to_end(server, hash_table):
    """A boto3 client that asks for gzip gets the item back intact, CRC32 check included."""
    ddb = gzip_client(server.url)
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": "gz-e2e"}, "v": {"S": "y" * 30000}})
    got = ddb.get_item(TableName=hash_table, Key={"pk": {"S": "gz-e2e"}})
    assert got["ResponseMetadata"]["HTTPHeaders"]["content-encoding"] == "gzip"
    assert got["Item"]["v"]["S"] == "y" * 30000
