"""Request checks shared by CreateTable and UpdateTable: throughput bounds, on-demand limits,
stream and SSE specifications. (Lengths, enums and required members come from the service
model in api/shapes.py; these are the rules the model cannot express.)"""

from __future__ import annotations

from typing import Any

from ddbserver.errors import invalid_parameter, validation

MAX_UNITS = 1_000_000_000_000
OUT_OF_BOUNDS = "Given value {value} for {member} is out of bounds"
ON_DEMAND_RANGE = "Requested {member} for OnDemandThroughput for table is outside of valid range"
# (view type missing when enabling, view type given when disabling), for CreateTable and UpdateTable
STREAM_VIEW_RULES = {
    True: ("Table is being created with a stream enabled, UpdateViewType is required",
           "Table is being created with a stream disabled, UpdateViewType should not be specified"),
    False: ("If stream is being enabled then UpdateViewType is required",
            "If stream is being disabled, then UpdateViewType must not be specified"),
}
TABLE_CLASSES = ("STANDARD", "STANDARD_INFREQUENT_ACCESS")
INVALID_TABLE_CLASS = (
    "Invalid table-class parameter provided. Please try again with a valid table-class value: "
    "[STANDARD, STANDARD_INFREQUENT_ACCESS]."
)
SSE_TYPE_WHEN_DISABLED = "SSEType can not be specified if Enabled is false"
SSE_KEY_WHEN_DISABLED = "KMSMasterKeyId can not be specified if Enabled is false"
SSE_KEY_NEEDS_KMS = "SSEType KMS is required if KMSMasterKeyId is specified"
SSE_AES256 = "SSEType AES256 is not supported"


def table_class(value: str | None) -> str | None:
    """TableClass: DynamoDB checks it here, in its own words (api/shapes.py leaves it alone)."""
    if value is not None and value not in TABLE_CLASSES:
        raise validation(INVALID_TABLE_CLASS)
    return value


def throughput(spec: dict[str, Any] | None) -> dict[str, int] | None:
    """ProvisionedThroughput: both members (the model requires them), each at most 10^12."""
    if spec is None:
        return None
    for member in ("ReadCapacityUnits", "WriteCapacityUnits"):
        if spec[member] > MAX_UNITS:
            raise validation(OUT_OF_BOUNDS.format(value=spec[member], member=member))
    return {"ReadCapacityUnits": spec["ReadCapacityUnits"], "WriteCapacityUnits": spec["WriteCapacityUnits"]}


def on_demand(spec: dict[str, Any] | None, allow_clear: bool) -> dict[str, int] | None:
    """OnDemandThroughput: each maximum is a positive number (-1 clears it in UpdateTable)."""
    if spec is None:
        return None
    out: dict[str, int] = {}
    for member in ("MaxReadRequestUnits", "MaxWriteRequestUnits"):
        if member not in spec:
            continue
        value = spec[member]
        if value < 1 and not (allow_clear and value == -1):
            raise invalid_parameter(ON_DEMAND_RANGE.format(member=member))
        out[member] = value
    return out


def stream(spec: dict[str, Any] | None, creating: bool) -> dict[str, Any] | None:
    """StreamSpecification: a view type exactly when the stream is enabled."""
    if spec is None:
        return None
    needs_view, view_without_enable = STREAM_VIEW_RULES[creating]
    if spec["StreamEnabled"] and not spec.get("StreamViewType"):
        raise invalid_parameter(needs_view)
    if not spec["StreamEnabled"] and spec.get("StreamViewType"):
        raise invalid_parameter(view_without_enable)
    return {k: spec[k] for k in ("StreamEnabled", "StreamViewType") if k in spec}


def sse(spec: dict[str, Any] | None) -> dict[str, Any] | None:
    """SSESpecification: encryption with a KMS key when Enabled, or when SSEType is given
    without Enabled (as AWS infers); otherwise the AWS-owned key, which DescribeTable omits."""
    if spec is None:
        return None
    enabled = spec.get("Enabled", "SSEType" in spec)
    if not enabled and spec.get("SSEType"):
        raise invalid_parameter(SSE_TYPE_WHEN_DISABLED)
    if not enabled and spec.get("KMSMasterKeyId"):
        raise invalid_parameter(SSE_KEY_WHEN_DISABLED)
    if spec.get("SSEType") == "AES256":
        raise invalid_parameter(SSE_AES256)
    if spec.get("KMSMasterKeyId") and spec.get("SSEType") != "KMS":
        raise invalid_parameter(SSE_KEY_NEEDS_KMS)
    out: dict[str, Any] = {"Enabled": bool(enabled)}
    if enabled:
        out["SSEType"] = spec.get("SSEType") or "KMS"
        if spec.get("KMSMasterKeyId"):
            out["KMSMasterKeyId"] = spec["KMSMasterKeyId"]
    return out
