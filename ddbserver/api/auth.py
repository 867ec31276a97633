"""The Authorization header's shape, checked as DynamoDB checks it (signatures are not verified:
ddbserver has no IAM, so any key signs)."""

from __future__ import annotations

from aiohttp import web

from ddbserver.errors import incomplete_signature, missing_auth_token

ALGORITHM = "AWS4-HMAC-SHA256"


def check(request: web.BaseRequest) -> None:
    header = request.headers.get("Authorization")
    if header is None:
        if "X-Amz-Signature" in request.query or "X-Amz-Algorithm" in request.query:
            return
        raise missing_auth_token()
    if not header.startswith(ALGORITHM + " "):
        raise incomplete_signature(
            f"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization={header}"
        )
    params = {}
    for part in header[len(ALGORITHM) + 1:].split(","):
        name, _, value = part.strip().partition("=")
        params[name] = value
    missing = [n for n in ("Credential", "Signature", "SignedHeaders") if not params.get(n)]
    if missing:
        text = " ".join(f"Authorization header requires '{n}' parameter." for n in missing)
        raise incomplete_signature(f"{text} Authorization={header}")
