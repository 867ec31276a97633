"""Tables, their settings, tags and items survive a server restart (--data-dir)."""

from __future__ import annotations

from typing import Any

from tests.conftest import ServerProcess, client


def test_tables_survive_restart(tmp_path: Any) -> None:
    """Everything DescribeTable and ListTagsOfResource report is the same after a restart."""
    srv = ServerProcess(["--data-dir", str(tmp_path), "--no-sync"]).start()  # a clean stop syncs
    try:
        ddb = client(srv.url)
        ddb.create_table(
            TableName="kept", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4},
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
            Tags=[{"Key": "env", "Value": "test"}], TableClass="STANDARD_INFREQUENT_ACCESS",
        )
        ddb.put_item(TableName="kept", Item={"pk": {"S": "a"}, "v": {"N": "1"}})
        ddb.update_table(TableName="kept", ProvisionedThroughput={"ReadCapacityUnits": 2, "WriteCapacityUnits": 4})
        before = ddb.describe_table(TableName="kept")["Table"]
    finally:
        srv.stop()
    srv.start()
    try:
        ddb = client(srv.url)
        assert ddb.list_tables()["TableNames"] == ["kept"]
        after = ddb.describe_table(TableName="kept")["Table"]
        assert after == before
        assert ddb.list_tags_of_resource(ResourceArn=after["TableArn"])["Tags"] == [{"Key": "env", "Value": "test"}]
        assert ddb.get_item(TableName="kept", Key={"pk": {"S": "a"}})["Item"]["v"] == {"N": "1"}
    finally:
        srv.stop()
