"""DynamoError, the one error type of ddbserver, and constructors for DynamoDB's errors.

Anything may raise a DynamoError; api/protocol.py is the only place that turns one into a
response. The caller that knows the parameter adds a prefix ("Invalid UpdateExpression: ").
"""

from __future__ import annotations

from typing import Any

DYNAMO_PREFIX = "com.amazonaws.dynamodb.v20120810#"
CORAL_SERVICE_PREFIX = "com.amazon.coral.service#"
CORAL_VALIDATE_PREFIX = "com.amazon.coral.validate#"


class DynamoError(Exception):
    """An error DynamoDB would answer with: `__type`, message, HTTP status, extra members."""

    __slots__ = ("type", "message", "status", "extra", "prefix")

    def __init__(
        self,
        type_: str,
        message: str | None,
        status: int = 400,
        extra: dict[str, Any] | None = None,
        prefix: str = DYNAMO_PREFIX,
    ) -> None:
        super().__init__(f"{type_}: {message}")
        self.type = type_
        self.message = message
        self.status = status
        self.extra = extra
        self.prefix = prefix

    def with_prefix(self, text: str) -> "DynamoError":
        """The same error with `text` put before its message (the caller knows the parameter)."""
        return DynamoError(self.type, text + (self.message or ""), self.status, self.extra, self.prefix)

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"__type": self.prefix + self.type}
        if self.message is not None:
            out["message"] = self.message
        if self.extra:
            out.update(self.extra)
        return out


def validation(message: str) -> DynamoError:
    return DynamoError("ValidationException", message, prefix=CORAL_VALIDATE_PREFIX)


def invalid_parameter(message: str) -> DynamoError:
    """"One or more parameter values were invalid: ..." (DynamoDB's most common prefix)."""
    return validation("One or more parameter values were invalid: " + message)


def serialization(message: str | None = None) -> DynamoError:
    return DynamoError("SerializationException", message, prefix=CORAL_SERVICE_PREFIX)


def unknown_operation() -> DynamoError:
    return DynamoError("UnknownOperationException", "An unknown operation was requested.")


def not_found(message: str = "Requested resource not found") -> DynamoError:
    return DynamoError("ResourceNotFoundException", message)


def table_not_found() -> DynamoError:
    return not_found("Cannot do operations on a non-existent table")


def resource_in_use(message: str) -> DynamoError:
    return DynamoError("ResourceInUseException", message)


def conditional_failed(item: dict[str, Any] | None = None) -> DynamoError:
    extra = {"Item": item} if item is not None else None
    return DynamoError("ConditionalCheckFailedException", "The conditional request failed", extra=extra)


def missing_auth_token() -> DynamoError:
    return DynamoError(
        "MissingAuthenticationToken",
        "Request must contain either a valid (registered) AWS access key ID or X.509 certificate.",
    )


def incomplete_signature(message: str) -> DynamoError:
    return DynamoError("IncompleteSignatureException", message)


def access_denied(message: str = "Access is denied") -> DynamoError:
    """A request on another account's resource (HTTP 400, like DynamoDB's other client errors)."""
    return DynamoError("AccessDeniedException", message, prefix=CORAL_SERVICE_PREFIX)


def limit_exceeded(message: str) -> DynamoError:
    return DynamoError("LimitExceededException", message)


def internal(message: str = "The server encountered an internal error trying to fulfill the request") -> DynamoError:
    return DynamoError("InternalServerError", message, status=500)


def item_collection_too_large() -> DynamoError:
    """A write that would grow an item collection (a table with local secondary indexes) past
    its limit. The message is DynamoDB's (developer guide, "Error handling": Collection size
    exceeded.; the trailing period is the guide's, not the service's)."""
    return DynamoError("ItemCollectionSizeLimitExceededException", "Collection size exceeded")


CANCELED = "Transaction cancelled, please refer cancellation reasons for specific reasons [{codes}]"


def transaction_canceled(reasons: list[dict[str, Any]]) -> DynamoError:
    """TransactionCanceledException: one reason per action, in request order ({"Code": "None"}
    for an action that would have succeeded); the message lists their codes."""
    codes = ", ".join(str(r["Code"]) for r in reasons)
    return DynamoError("TransactionCanceledException", CANCELED.format(codes=codes),
                       extra={"CancellationReasons": reasons})


def idempotent_mismatch(message: str = "") -> DynamoError:
    """A ClientRequestToken reused with a different request within its idempotency window
    (DynamoDB Local's message is empty; no AWS capture of the text is known)."""
    return DynamoError("IdempotentParameterMismatchException", message)
