"""Request checks shared by CreateTable and UpdateTable: throughput bounds, on-demand limits,
stream and SSE specifications. (Lengths, enums and required members come from the service
model in api/shapes.py; these are the rules the model cannot express.)"""

from __future__ import annotations

from typing import Any

from ddbserver.errors import invalid_parameter, validation

MAX_UNITS = 1_000_000_000_000
OUT_OF_BOUNDS = "Given value {value} for {member} is out of bounds"
ON_DEMAND_RANGE = "Requested {member} for OnDemandThroughput for table is outside of valid range"
STREAM_NEEDS_VIEW = "Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams."
STREAM_VIEW_WITHOUT_ENABLE = "Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present."


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


def stream(spec: dict[str, Any] | None) -> dict[str, Any] | None:
    """StreamSpecification: a view type exactly when the stream is enabled."""
    if spec is None:
        return None
    if spec["StreamEnabled"] and not spec.get("StreamViewType"):
        raise validation(STREAM_NEEDS_VIEW)
    if not spec["StreamEnabled"] and spec.get("StreamViewType"):
        raise validation(STREAM_VIEW_WITHOUT_ENABLE)
    return {k: spec[k] for k in ("StreamEnabled", "StreamViewType") if k in spec}


def sse(spec: dict[str, Any] | None) -> dict[str, Any] | None:
    """SSESpecification: encryption with a KMS key when Enabled, or when SSEType is given
    without Enabled (as AWS infers); otherwise the AWS-owned key, which DescribeTable omits."""
    if spec is None:
        return None
    enabled = spec.get("Enabled", "SSEType" in spec)
    out: dict[str, Any] = {"Enabled": bool(enabled)}
    if enabled:
        out["SSEType"] = spec.get("SSEType") or "KMS"
        if spec.get("KMSMasterKeyId"):
            out["KMSMasterKeyId"] = spec["KMSMasterKeyId"]
    return out
