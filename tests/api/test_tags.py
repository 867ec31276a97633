"""TagResource, UntagResource and ListTagsOfResource through boto3 (tables by ARN)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from ddbserver.api.context import ACCOUNT_ID
from tests.conftest import ServerProcess, client, error_of, make_table, unique

INVALID = "One or more parameter values were invalid: "


@pytest.fixture()
def arn(ddb):
    return ddb.describe_table(TableName=make_table(ddb))["Table"]["TableArn"]


def tags_of(ddb, arn):
    return {t["Key"]: t["Value"] for t in ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]}


def err(call, **kw):
    with pytest.raises(ClientError) as e:
        call(**kw)
    return error_of(e)


# ---- serialization -------------------------------------------------------------------

def test_new_table_has_no_tags(ddb, arn):
    """A table created without tags lists none."""
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == []


def test_tags_from_create_table(ddb):
    """Tags given to CreateTable are listed."""
    name = unique("tag")
    ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST", Tags=[{"Key": "env", "Value": "test"}, {"Key": "x", "Value": ""}])
    arn = ddb.describe_table(TableName=name)["Table"]["TableArn"]
    assert tags_of(ddb, arn) == {"env": "test", "x": ""}


# ---- validation ----------------------------------------------------------------------

def test_missing_table(ddb):
    """A table ARN naming no table is ResourceNotFoundException."""
    arn = f"arn:aws:dynamodb:us-east-1:{ACCOUNT_ID}:table/{unique('none')}"
    for call, kw in ((ddb.tag_resource, {"Tags": [{"Key": "a", "Value": "b"}]}),
                     (ddb.untag_resource, {"TagKeys": ["a"]}), (ddb.list_tags_of_resource, {})):
        assert err(call, ResourceArn=arn, **kw) == (
            "ResourceNotFoundException", f"Requested resource not found: ResourceArn: {arn} not found")


def test_other_account(ddb, arn):
    """A table ARN of another account is AccessDeniedException, whether or not the table exists
    there: the caller has no rights on it. The placeholder accounts that clients written against
    DynamoDB use for "some other account" (000000000000, 123456789012) are other accounts here too."""
    assert f":{ACCOUNT_ID}:" in arn
    for foreign in (arn.replace(f":{ACCOUNT_ID}:", ":123456789012:"),
                    arn.replace(f":{ACCOUNT_ID}:", ":000000000000:"),
                    f"arn:aws:dynamodb:us-east-1:000000000000:table/{unique('none')}"):
        for call, kw in ((ddb.tag_resource, {"Tags": [{"Key": "a", "Value": "b"}]}),
                         (ddb.untag_resource, {"TagKeys": ["a"]}), (ddb.list_tags_of_resource, {})):
            assert err(call, ResourceArn=foreign, **kw) == ("AccessDeniedException", "Access is denied")
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == []


@pytest.mark.parametrize("bad,message", [
    ("{arn}/index/gsi", INVALID + "Invalid resource arn provided, only table or stream is accepted. "
                        "Provided resource arn: {bad}"),
    ("not-an-arn", INVALID + "ARNs must start with 'arn:': {bad}"),
    ("arn:aws:s3:::bucket", INVALID + "Provided Arn is not a DynamoDB resource arn: {bad}"),
    ("arn:aws:dynamodb:eu-west-1:000000000000:table/abc", "Invalid TableArn: Invalid ResourceArn provided as input {bad}"),
])
def test_not_a_table_arn(ddb, arn, bad, message):
    """Only table ARNs of this region carry tags."""
    bad = bad.format(arn=arn)
    for call, kw in ((ddb.list_tags_of_resource, {}), (ddb.tag_resource, {"Tags": [{"Key": "a", "Value": "b"}]})):
        assert err(call, ResourceArn=bad, **kw) == ("ValidationException", message.format(bad=bad))


def test_empty_tag_list(ddb, arn):
    """TagResource needs at least one tag."""
    assert err(ddb.tag_resource, ResourceArn=arn, Tags=[]) == (
        "ValidationException", "Atleast one Tag needs to be provided as Input.")


def test_fifty_tags_at_most(ddb, arn):
    """A table holds at most 50 tags; re-tagging existing keys does not count twice."""
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(30)])
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": f"k{i}", "Value": "w"} for i in range(20, 50)])
    assert len(tags_of(ddb, arn)) == 50
    assert err(ddb.tag_resource, ResourceArn=arn, Tags=[{"Key": "k1", "Value": "x"}, {"Key": "one-more", "Value": "v"}]) == (
        "ValidationException", "Number of Tags exceed the current limit for the provided ResourceArn")
    assert len(tags_of(ddb, arn)) == 50 and tags_of(ddb, arn)["k1"] == "v"


@pytest.mark.parametrize("key,value,message", [
    ("bad#char", "v", "The Tag Key provided is invalid, Key: bad#char"),
    ("k", "bad#char", "The Tag Value provided is invalid, Value: bad#char"),
    ("aws:foo", "v", "Tag Key cannot be prefixed with aws:, Key: aws:foo"),
    ("AWS:foo", "v", "Tag Key cannot be prefixed with aws:, Key: AWS:foo"),
])
def test_invalid_tags(ddb, arn, key, value, message):
    """Tag keys and values use letters, digits, spaces and + - = . _ : / @; aws: (any case) is reserved."""
    assert err(ddb.tag_resource, ResourceArn=arn, Tags=[{"Key": key, "Value": value}]) == (
        "ValidationException", message)
    assert tags_of(ddb, arn) == {}


def test_untag_checks_keys(ddb, arn):
    """UntagResource needs keys and refuses aws: keys too."""
    assert err(ddb.untag_resource, ResourceArn=arn, TagKeys=[]) == (
        "ValidationException", "Atleast one Tag Key needs to be provided as Input.")
    assert err(ddb.untag_resource, ResourceArn=arn, TagKeys=["aws:foo"]) == (
        "ValidationException", "Tag Key cannot be prefixed with aws:, Key: aws:foo")


def test_allowed_characters(ddb, arn):
    """Spaces, + - = . _ : / @, letters of any script, empty values and case-distinct keys are fine."""
    tags = {"sp ace": "a b+c-d=e.f_g:h/i@j", "ключ": "значение", "Env": "", "env": "x", "myaws:foo": "1"}
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": k, "Value": v} for k, v in tags.items()])
    assert tags_of(ddb, arn) == tags


# ---- functionality -------------------------------------------------------------------

def test_tag_overwrite_untag(ddb, arn):
    """Tagging a key again replaces its value; untagging absent keys is not an error."""
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"},
                                            {"Key": " ", "Value": "9"}])
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "3"}])
    assert tags_of(ddb, arn) == {"a": "3", "b": "2", " ": "9"}
    ddb.untag_resource(ResourceArn=arn, TagKeys=["b", "not-there"])
    assert tags_of(ddb, arn) == {"a": "3", " ": "9"}


def test_tags_go_with_the_table(ddb):
    """A table deleted and created again under its name starts without tags."""
    name = make_table(ddb)
    arn = ddb.describe_table(TableName=name)["Table"]["TableArn"]
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "1"}])
    ddb.delete_table(TableName=name)
    make_table(ddb, name=name)
    assert tags_of(ddb, arn) == {}


@pytest.mark.parametrize("tag,message", [
    ({"Key": "k" * 129, "Value": "v"}, "The Tag Key provided is invalid, Key: " + "k" * 129),
    ({"Key": "k", "Value": "v" * 257}, "The Tag Value provided is invalid, Value: " + "v" * 257),
    ({"Key": "", "Value": "v"}, "The Tag Key provided is invalid, Key: "),
    ({"Key": "k"}, "The Tag Value provided is invalid, Value: null"),
    ({"Value": "v"}, "The Tag Key provided is invalid, Key: null"),
    ({"Key": "k", "Value": "🔑"}, "The Tag Value provided is invalid, Value: 🔑"),
    ({"Key": "a,b", "Value": "v"}, "The Tag Key provided is invalid, Key: a,b"),
])
def test_invalid_tag_all_or_nothing(ddb_raw, arn, tag, message):
    """A tag of the wrong length, without a member or outside the charset fails the whole
    request with DynamoDB's own text (not the model's constraint text)."""
    assert err(ddb_raw.tag_resource, ResourceArn=arn, Tags=[{"Key": "good", "Value": "v"}, tag]) == (
        "ValidationException", message)
    assert tags_of(ddb_raw, arn) == {}


def test_duplicate_keys(ddb, arn):
    """A key twice in one request is refused."""
    assert err(ddb.tag_resource, ResourceArn=arn, Tags=[{"Key": "dup", "Value": "1"}, {"Key": "dup", "Value": "2"}]) == (
        "ValidationException", "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup")


def test_untag_checks_key_lengths(ddb_raw, arn):
    """UntagResource reports a bad key in DynamoDB's own text."""
    assert err(ddb_raw.untag_resource, ResourceArn=arn, TagKeys=["k" * 129]) == (
        "ValidationException", "The Tag Key provided is invalid, Key: " + "k" * 129)
    assert err(ddb_raw.untag_resource, ResourceArn=arn, TagKeys=[""]) == (
        "ValidationException", "The Tag Key provided is invalid, Key: ")


def test_untag_at_most_fifty_keys(ddb, arn):
    """UntagResource takes at most 50 keys."""
    assert err(ddb.untag_resource, ResourceArn=arn, TagKeys=[f"k{i}" for i in range(51)]) == (
        "ValidationException", "Number of Tags exceed the current limit for the provided ResourceArn")


def test_account_id_flag():
    """`serve --account-id` sets the account in ARNs (e.g. DynamoDB Local's 000000000000 for
    code that builds ARNs with it); tagging then takes that account's ARNs."""
    srv = ServerProcess(["--in-memory", "--account-id", "000000000000"]).start()
    try:
        ddb = client(srv.url)
        name = make_table(ddb)
        arn = ddb.describe_table(TableName=name)["Table"]["TableArn"]
        assert arn == f"arn:aws:dynamodb:us-east-1:000000000000:table/{name}"
        ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}])
        assert tags_of(ddb, arn) == {"k": "v"}
    finally:
        srv.stop()
