"""DescribeLimits and DescribeEndpoints through boto3."""

from __future__ import annotations


def test_describe_limits(ddb):
    """DescribeLimits reports AWS's default capacity quotas per account and per table."""
    r = ddb.describe_limits()
    r.pop("ResponseMetadata")
    assert r == {"AccountMaxReadCapacityUnits": 80000, "AccountMaxWriteCapacityUnits": 80000,
                 "TableMaxReadCapacityUnits": 40000, "TableMaxWriteCapacityUnits": 40000}


def test_describe_endpoints(ddb):
    """DescribeEndpoints names the regional endpoint, cached for 1440 minutes."""
    assert ddb.describe_endpoints()["Endpoints"] == [
        {"Address": "dynamodb.us-east-1.amazonaws.com", "CachePeriodInMinutes": 1440}]
