"""Raw HTTP requests to a server, for the wire-protocol and validation tests (boto3 cannot send
a member of the wrong JSON type, a broken body or a bad header)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

AUTH = (
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=0"
)
HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "Authorization": AUTH,
    "X-Amz-Date": "20260101T000000Z",
}


class Reply:
    def __init__(self, status: int, headers: Any, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def error(self) -> tuple[str, str | None]:
        """(type after '#', message) of an error reply."""
        data = self.json()
        return data["__type"].split("#")[-1], data.get("message")


def post(url: str, operation: str | None, body: Any = None, raw: bytes | None = None,
         headers: dict[str, str | None] | None = None, method: str = "POST", path: str = "/") -> Reply:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    sent = dict(HEADERS)
    if operation is not None:
        sent["X-Amz-Target"] = f"DynamoDB_20120810.{operation}"
    for name, value in (headers or {}).items():
        if value is None:
            sent.pop(name, None)
        else:
            sent[name] = value
    request = urllib.request.Request(url + path, data=data, headers=sent, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return Reply(reply.status, reply.headers, reply.read())
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.headers, err.read())
