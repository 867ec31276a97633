"""ConditionExpression: every comparator, function and logical operator, evaluated against a rich
item (a PutItem with the condition over the stored item), and the request errors."""

from typing import Any

from tests.golden.inputs.common import unique_name, NOT_NUMERIC, K, RICH, S, case, expr_params, rich_setup, slug, value_override, WRAPPED_VALUE

# AWS reports the request errors of expressions and of ExpressionAttributeNames/Values inside
# "1 validation error detected: " on PutItem, DeleteItem and UpdateItem (GetItem bare), and says
# "ExpressionAttributeValues can only be specified when using expressions" with no ": X is null".
ENVELOPE = "1 validation error detected: "
ENVELOPE_NOTE = ("DynamoDB Local reports expression request errors bare; AWS wraps them in '1 validation error "
                 "detected: ' on PutItem/DeleteItem/UpdateItem and drops the ': ConditionExpression is null' tail "
                 "(paritysuite/dynamodb-conformance error-messages tests, eu-west-2 and us-east-1, 2026-10-09)")
_ENVELOPED_STARTS = ("Invalid ConditionExpression: ", "Invalid UpdateExpression: ", "ExpressionAttributeNames ",
                     "ExpressionAttributeValues ", "Value provided in ExpressionAttribute")
_VALUES_ONLY_WITH = "ExpressionAttributeValues can only be specified when using expressions"


def aws_envelope(resp: dict[str, Any]) -> dict[str, Any] | None:
    """The AWS answer to a write operation's expression request error (None: same as recorded)."""
    message = resp.get("message") or ""
    if resp["status"] != 400 or resp.get("type") != "ValidationException" or not message.startswith(_ENVELOPED_STARTS):
        return None
    if message.startswith(_VALUES_ONLY_WITH):
        message = _VALUES_ONLY_WITH
    wrapped = WRAPPED_VALUE.fullmatch(message)
    if wrapped:
        message = wrapped.group(1)
    return {"message": ENVELOPE + message}


def with_envelope(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attach `aws_envelope` to every PutItem/DeleteItem/UpdateItem step without an override."""
    for c in cases:
        for st in c["steps"]:
            if st["op"] in ("PutItem", "DeleteItem", "UpdateItem") and "aws" not in st:
                st["aws"] = aws_envelope
                st["aws_note"] = ENVELOPE_NOTE
    return cases

# (expression, holds on RICH?) -- the recorded answer says which; the flag only documents intent
TRUE_FALSE = [
    "n = :five", "n <> :five", "n < :six", "n <= :five", "n > :four", "n >= :six", "s = :hello", "s < :world",
    "s > :world", "b = :bin", "b > :b1", "ss = :ss", "ns = :ns", "l = :l", "m.a = :one", "l[1] = :one",
    "l[2][0] = :deep", "m.b.c = :z", "m.l[1] = :ten", "#m.#dt = :d", "m.dot.ted = :d", "l[3].k = :v",
    "n = :hello", "n < :hello", "absent = :x", "absent <> :x", "t = :t", "nul = :null", "empty_s = :empty",
    "empty_l = :emptyl", ":five = n", ":one = :one", ":one < :two", "n = n", "s <> s", "pk = :x",
    "n BETWEEN :four AND :six", "n BETWEEN :five AND :five", "s BETWEEN :a AND :z", "n BETWEEN :hello AND :world",
    "n IN (:four, :five)", "n IN (:one)", "s IN (:hello, :one)", "absent IN (:x)",
    "attribute_exists(s)", "attribute_exists(absent)", "attribute_not_exists(absent)", "attribute_not_exists(n)",
    "attribute_exists(m.b.c)", "attribute_exists(m.b.x)", "attribute_exists(l[0])", "attribute_exists(l[9])",
    "attribute_exists(#dt)", "attribute_exists(#m.#dt)", "attribute_exists(pk)",
    "attribute_type(s, :S)", "attribute_type(n, :N)", "attribute_type(n, :S)", "attribute_type(b, :B)",
    "attribute_type(t, :BOOL)", "attribute_type(nul, :NULL)", "attribute_type(ss, :SS)", "attribute_type(ns, :NS)",
    "attribute_type(bs, :BS)", "attribute_type(l, :L)", "attribute_type(m, :M)", "attribute_type(absent, :S)",
    "begins_with(s, :he)", "begins_with(s, :ell)", "begins_with(b, :b1)", "begins_with(n, :one)",
    "begins_with(s, :empty)", "begins_with(absent, :he)",
    "contains(s, :ell)", "contains(s, :x)", "contains(ss, :a)", "contains(ss, :x)", "contains(ns, :one)",
    "contains(bs, :b1)", "contains(l, :x)", "contains(l, :one)", "contains(l, :hello)", "contains(m, :a)",
    "contains(n, :five)", "contains(absent, :a)",
    "size(s) = :five", "size(ss) = :three", "size(ss) > :two", "size(ns) < :four", "size(l) = :four",
    "size(m) >= :four", "size(b) = :three", "size(n) = :one", "size(empty_s) = :zero", "size(absent) = :one",
    "size(s) BETWEEN :four AND :six", "size(l[2]) = :one",
    "n = :five AND s = :hello", "n = :five AND s = :world", "n = :six OR s = :hello", "n = :six OR s = :world",
    "NOT n = :five", "NOT (n = :six)", "NOT attribute_exists(absent)",
    "n = :six OR s = :hello AND t = :t", "(n = :six OR s = :hello) AND t = :null",
    "NOT n = :six AND s = :world", "n = :five AND NOT s = :world OR absent = :x",
    "((n = :five))", "n=:five", "n  =\n:five", "attribute_exists ( s )", "N = :five", "AND1 = :one",
]

ERRORS = [
    # syntax
    "n = ", "= :five", "n == :five", "n = :five AND", "(n = :five", "n = :five)", "n :five", "n = :five s = :hello",
    "attribute_exists(s", "attribute_exists()", "n BETWEEN :four", "n BETWEEN :four OR :six", "n IN ()",
    "n IN :five", "l[] = :one", "l[-1] = :one", "l[1.5] = :one", "l[a] = :one", "m. = :one", ".m = :one",
    "m..a = :one", "n = :five;", "n = :five, s = :hello", "n = 5", "n = 'five'", "n = \"five\"", "n <=> :five",
    "n != :five", "n =< :five", "n IS NULL", "n = :five &&  s = :hello", ":five", "n", "NOT", "n = #",
    "n = :", "@n = :five", "n = :five -- comment", "n + :one = :six", "#",
    # semantics
    "foo(n)", "size(n)", "attribute_exists(n) = :t", "size(s, s) = :five", "begins_with(s)", "contains(s)",
    "attribute_type(s)", "attribute_type(s, :bogus)", "attribute_type(s, :one)", "attribute_exists(:five)",
    "attribute_not_exists(size(s))", "begins_with(:he, s)", "contains(:hello, :ell)", "size(:hello) = :five",
    "ATTRIBUTE_EXISTS(s)", "n BETWEEN :six AND :four", "s BETWEEN :z AND :a", "name = :x", "size = :one",
    "s = :hello AND name = :x", "m.value = :one", "l[0].select = :x", "#missing = :x", "#undefined = :x",
    "n = :undefined", "l[99999999999] = :one", "if_not_exists(n, :one) = :five", "list_append(l, l) = :l",
    "n IN (:one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one,"
    " :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one,"
    " :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one,"
    " :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one,"
    " :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one,"
    " :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one, :one)",
]

EXTRA_VALUES = {":three": {"N": "3"}, ":zero": {"N": "0"}}


def put_with(expr, **extra):
    body = {"TableName": "{T}", "Item": {"pk": S("k"), "new": S("item")}, "ConditionExpression": expr}
    params = expr_params(expr)
    for v, val in EXTRA_VALUES.items():
        if v in expr:
            params.setdefault("ExpressionAttributeValues", {})[v] = val
    body.update(params)
    body.update(extra)
    return body


CASES = []
seen = set()
for i, expr in enumerate(TRUE_FALSE + ERRORS):
    name = unique_name(f"{'eval' if i < len(TRUE_FALSE) else 'error'}-{slug(expr)[:60]}", seen)
    CASES.append(case(name, "PutItem", put_with(expr), setup=rich_setup()))

# names and values: unused, undefined, malformed, mixed with legacy parameters
CASES += [
    case("unused-value", "PutItem", put_with("n = :five", ExpressionAttributeValues={":five": RICH["n"], ":x": S("x")}), setup=rich_setup()),
    case("unused-name", "PutItem", put_with("n = :five", ExpressionAttributeNames={"#zz": "zz"}), setup=rich_setup()),
    case("unused-name-and-value", "PutItem", put_with("attribute_exists(s)", ExpressionAttributeNames={"#zz": "zz"},
                                                      ExpressionAttributeValues={":x": S("x")}), setup=rich_setup()),
    case("empty-expression", "PutItem", put_with(""), setup=rich_setup()),
    case("blank-expression", "PutItem", put_with("   "), setup=rich_setup()),
    case("empty-names-map", "PutItem", put_with("n = :five", ExpressionAttributeNames={}), setup=rich_setup()),
    case("empty-values-map", "PutItem", put_with("attribute_exists(s)", ExpressionAttributeValues={}), setup=rich_setup()),
    case("names-without-expression", "PutItem", {"TableName": "{T}", "Item": K(), "ExpressionAttributeNames": {"#a": "a"}}, setup=rich_setup()),
    case("values-without-expression", "PutItem", {"TableName": "{T}", "Item": K(), "ExpressionAttributeValues": {":a": S("a")}}, setup=rich_setup()),
    case("name-key-without-hash", "PutItem", put_with("n = :five", ExpressionAttributeNames={"a": "a"}), setup=rich_setup()),
    case("value-key-without-colon", "PutItem", put_with("n = :five", ExpressionAttributeValues={":five": RICH["n"], "a": S("a")}), setup=rich_setup()),
    case("value-invalid-attribute-value", "PutItem", put_with("n = :five", ExpressionAttributeValues={":five": {"N": "x"}}), setup=rich_setup(),
         **value_override(NOT_NUMERIC + "x", True)),
    case("value-empty-set", "PutItem", put_with("n = :five", ExpressionAttributeValues={":five": {"SS": []}}), setup=rich_setup()),
    case("value-no-type", "PutItem", put_with("n = :five", ExpressionAttributeValues={":five": {}}), setup=rich_setup()),
    case("name-empty-value", "PutItem", put_with("#e = :five", ExpressionAttributeNames={"#e": ""}, ExpressionAttributeValues={":five": RICH["n"]}), setup=rich_setup()),
    case("reserved-word-via-name", "PutItem", put_with("#name = :x"), setup=rich_setup()),
    case("with-expected", "PutItem", put_with("n = :five", Expected={"n": {"Value": RICH["n"]}}), setup=rich_setup()),
    case("condition-on-missing-item", "PutItem", {"TableName": "{T}", "Item": K("other"), "ConditionExpression": "attribute_exists(pk)"},
         setup=rich_setup()),
    case("not-exists-on-missing-item", "PutItem", {"TableName": "{T}", "Item": K("other"), "ConditionExpression": "attribute_not_exists(pk)"},
         setup=rich_setup()),
    case("failed-returns-old-item", "PutItem", put_with("n = :six", ReturnValuesOnConditionCheckFailure="ALL_OLD"), setup=rich_setup()),
    case("failed-returns-none", "PutItem", put_with("n = :six", ReturnValuesOnConditionCheckFailure="NONE"), setup=rich_setup()),
    case("delete-condition-true", "DeleteItem", {"TableName": "{T}", "Key": K(), "ConditionExpression": "s = :hello", **expr_params(":hello")},
         setup=rich_setup()),
    case("delete-condition-false", "DeleteItem", {"TableName": "{T}", "Key": K(), "ConditionExpression": "s = :world",
                                                  "ReturnValuesOnConditionCheckFailure": "ALL_OLD", **expr_params(":world")}, setup=rich_setup()),
    case("update-condition-false", "UpdateItem", {"TableName": "{T}", "Key": K(), "UpdateExpression": "SET x = :x",
                                                  "ConditionExpression": "n > :ten", **expr_params(":x :ten")}, setup=rich_setup()),
]

CASES = with_envelope(CASES)
