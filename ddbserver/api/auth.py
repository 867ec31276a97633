"""Authentication, checked in shape as DynamoDB checks it (signatures are not verified: ddbserver
has no IAM, so any key signs).

A request carries SigV4 either in the Authorization header or in the query string (presigned).
Facts observed against AWS: no Authorization header, or one not starting with "AWS4-", is
MissingAuthenticationTokenException "Request is missing Authentication Token"; an "AWS4-..."
header lacking parts is IncompleteSignatureException listing every missing part, then
"Authorization=<header>".
"""

from __future__ import annotations

from collections.abc import Mapping

from ddbserver.api.http import Request
from ddbserver.errors import CORAL_SERVICE_PREFIX, DynamoError

SCHEME_PREFIX = "AWS4-"
HEADER_PARTS = ("Credential", "Signature", "SignedHeaders")
QUERY_PARTS = ("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders")
MISSING_TOKEN = "Request is missing Authentication Token"
MISSING_PART = "Authorization header requires '{part}' parameter."
MISSING_DATE = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
QUERY_INCOMPLETE = (
    "AWS query-string parameters must include {parts}. Re-examine the query-string parameters."
)


def missing_token() -> DynamoError:
    return DynamoError("MissingAuthenticationTokenException", MISSING_TOKEN, prefix=CORAL_SERVICE_PREFIX)


def incomplete(message: str) -> DynamoError:
    return DynamoError("IncompleteSignatureException", message, prefix=CORAL_SERVICE_PREFIX)


def check(request: Request) -> None:
    header = request.headers.get("authorization")
    if header is None:
        check_query(request.query)
        return
    check_header(header, request.headers)


def check_header(header: str, headers: Mapping[str, str]) -> None:
    """`headers`: the request's, names lower-cased."""
    if not header.startswith(SCHEME_PREFIX):
        raise missing_token()
    params: dict[str, str] = {}
    _, _, rest = header.partition(" ")
    for part in rest.split(","):
        name, _, value = part.strip().partition("=")
        params[name] = value
    problems = [MISSING_PART.format(part=p) for p in HEADER_PARTS if not params.get(p)]
    # A header complete but for the date is let through (DynamoDB Local does, and so do test
    # recipes written against it); otherwise the date is listed among the missing parts.
    if problems and "x-amz-date" not in headers and "date" not in headers:
        problems.append(MISSING_DATE)
    if problems:
        raise incomplete(" ".join(problems) + f" Authorization={header}")


def check_query(query: Mapping[str, str]) -> None:
    """Presigned requests: the SigV4 parameters in the query string."""
    if not any(p in query for p in QUERY_PARTS):
        raise missing_token()
    missing = [p for p in QUERY_PARTS if not query.get(p)]
    if missing:
        raise incomplete(QUERY_INCOMPLETE.format(parts=", ".join(f"'{p}'" for p in missing)))
