"""UpdateExpression: SET / REMOVE / ADD / DELETE, arithmetic, functions, nested paths and list
indexes on a rich item (answers with ReturnValues ALL_NEW), and the request errors."""

from tests.golden.inputs.expressions.condition import with_envelope
from tests.golden.inputs.common import unique_name, OVERFLOW_ARITH, PRECISION, K, S, TRIM_NOTE, aws_trimmed, case, expr_params, get, hash_table, rich_setup, slug

GOOD = [
    "SET s = :world", "SET fresh = :x", "SET n = n + :one", "SET n = n - :ten", "SET n = :one + :two",
    "SET n = n + :half", "SET fresh = :half - :one", "SET n = n - n", "SET l = list_append(l, :l2)",
    "SET l = list_append(:l2, l)", "SET fresh = list_append(:l2, :emptyl)", "SET fresh = if_not_exists(fresh, :x)",
    "SET n = if_not_exists(n, :one)", "SET n = if_not_exists(fresh, n)", "SET m.a = :two", "SET m.fresh = :x",
    "SET m.b.c = :x", "SET m.b.fresh = :x", "SET l[0] = :v", "SET l[10] = :v", "SET l[2][0] = :v", "SET l[3].k = :x",
    "SET m.l[0] = :one", "SET #m.#dt = :x", "SET #dt = :x", "SET a = :one, b = :two", "SET fresh = s", "SET fresh = m.b",
    "SET fresh = l[1]", "SET n = if_not_exists(n, :one) + :one", "SET l = list_append(if_not_exists(fresh, :emptyl), :l2)",
    "SET s = :empty", "SET n = n + :big", "REMOVE s", "REMOVE s, n, b", "REMOVE absent", "REMOVE m.a", "REMOVE m.b.c",
    "REMOVE l[0]", "REMOVE l[0], l[1]", "REMOVE l[10]", "REMOVE l[2][0]", "REMOVE #m.#dt", "REMOVE m.absent.x",
    "ADD n :one", "ADD fresh :one", "ADD ss :ss_d", "ADD ns :ns_9", "ADD fresh :ss_a", "ADD ss :ss_a", "ADD bs :bs_1",
    "DELETE ss :ss_a", "DELETE ss :ss_d", "DELETE ns :ns_1", "DELETE bs :bs_1", "DELETE fresh :ss_a",
    "DELETE ss :ss", "SET a = :one REMOVE s ADD n :one DELETE ss :ss_a", "REMOVE s SET a = :one",
    "set a = :one", "SET a=:one,b=:two", "SET a = :one, b = a", "ADD n :one, ns :ns_9", "SET #a = :one",
    "SET fresh = :m", "SET m.b = :m", "SET fresh.a = :one",
]

ERRORS = [
    "", "   ", "SET", "SET a", "SET a :one", "SET a = ", "SET = :one", "SET a = :one,", "SET a = :one SET b = :two",
    "REMOVE", "REMOVE a,", "REMOVE :one", "ADD", "ADD a", "ADD a = :one", "DELETE ss", "DELETE ss = :ss_a",
    "UPDATE a = :one", "SET a = :one REMOVE", "REMOVE s REMOVE n", "ADD n :one ADD n :one", "DELETE ss :ss_a DELETE ns :ns_1",
    "SET a = :one + :two + :four", "SET a = (:one + :two)", "SET a = :one * :two", "SET a = -:one",
    "SET s = s + :one", "SET n = n + :hello", "SET fresh = absent + :one", "SET n = :hello - :one",
    "SET fresh = list_append(s, :l2)", "SET fresh = list_append(:l2)", "SET fresh = list_append(:l2, :l2, :l2)",
    "SET fresh = if_not_exists(:one, :one)", "SET fresh = if_not_exists(n)", "SET fresh = size(s)",
    "SET fresh = attribute_exists(s)", "SET fresh = foo(s)", "SET fresh = LIST_APPEND(l, :l2)",
    "SET absent.a = :one", "SET s.a = :one", "SET l[1].a = :one", "SET absent[0] = :one", "SET s[0] = :one",
    "SET m[0] = :one", "SET pk = :x", "REMOVE pk", "ADD pk :one", "SET a = :one REMOVE a", "SET m.a = :one, m = :m",
    "SET m = :m, m.a = :one", "SET a = :one, a = :two", "REMOVE l[0] SET l[0] = :one", "SET m.b.c = :x REMOVE m.b",
    "REMOVE l[0], l[0]", "ADD n :one SET n = :two", "ADD s :one", "ADD n :hello", "ADD l :l2", "ADD ss :ns_1",
    "ADD m.a :one", "ADD l[0] :one", "ADD n :null", "DELETE n :one", "DELETE ss :ns_1", "DELETE s :ss_a",
    "DELETE ss :a", "SET name = :one", "REMOVE value", "SET #undefined = :one", "SET a = :undefined",
    "SET n = n + :big + :big", "SET n = :big + :big", "SET n = :big - :big - :big", "REMOVE l[99999999999]",
    "SET fresh = :one REMOVE fresh.a", "SET #a = :one, a = :two", "SET a = :one; REMOVE b",
    "SET n = if_not_exists(absent, :big) + :big",
]

AWS_OVERFLOW = {"SET n = n + :big", "SET n = :big + :big", "SET n = if_not_exists(absent, :big) + :big"}
AWS_TRIM = {"SET n = n + :half", "SET fresh = :half - :one", "SET n = n - n"}


def update_body(expr, rv="ALL_NEW", **extra):
    body = {"TableName": "{T}", "Key": K(), "UpdateExpression": expr, "ReturnValues": rv}
    params = expr_params(expr)
    if "#a" in expr:
        params.setdefault("ExpressionAttributeNames", {})["#a"] = "a"
    body.update(params)
    body.update(extra)
    return body


CASES = []
seen = set()
for i, expr in enumerate(GOOD + ERRORS):
    name = unique_name(f"expr-{slug(expr)[:60] or 'empty'}", seen)
    kw = {"aws": aws_trimmed, "aws_note": TRIM_NOTE} if expr in AWS_TRIM else {}
    if expr in AWS_OVERFLOW:
        kw = OVERFLOW_ARITH
    CASES.append(case(name, "UpdateItem", update_body(expr), setup=rich_setup(), **kw))

CASES += [
    case("creates-missing-item", "UpdateItem", {"TableName": "{T}", "Key": K("new"), "UpdateExpression": "SET a = :one",
                                                "ReturnValues": "ALL_NEW", **expr_params(":one")}, setup=[hash_table()]),
    case("no-update-expression-creates-item", "UpdateItem", {"TableName": "{T}", "Key": K("new"), "ReturnValues": "ALL_NEW"},
         setup=[hash_table()], then=[get(K("new"))]),
    case("remove-on-missing-item", "UpdateItem", {"TableName": "{T}", "Key": K("new"), "UpdateExpression": "REMOVE a",
                                                  "ReturnValues": "ALL_NEW"}, setup=[hash_table()], then=[get(K("new"))]),
    case("add-on-missing-item", "UpdateItem", {"TableName": "{T}", "Key": K("new"), "UpdateExpression": "ADD c :one",
                                               "ReturnValues": "ALL_NEW", **expr_params(":one")}, setup=[hash_table()]),
    case("unused-value", "UpdateItem", update_body("SET a = :one", ExpressionAttributeValues={":one": {"N": "1"}, ":two": {"N": "2"}}),
         setup=rich_setup()),
    case("unused-name", "UpdateItem", update_body("SET a = :one", ExpressionAttributeNames={"#q": "q"}), setup=rich_setup()),
    case("value-used-by-condition-only", "UpdateItem", update_body("SET a = :one", ConditionExpression="n = :five",
                                                                   ExpressionAttributeValues={":one": {"N": "1"}, ":five": {"N": "5"}}),
         setup=rich_setup()),
    case("names-shared-with-condition", "UpdateItem", update_body("SET #n = :one", ConditionExpression="attribute_exists(#n)",
                                                                  ExpressionAttributeNames={"#n": "n"}), setup=rich_setup()),
    case("with-attribute-updates", "UpdateItem", update_body("SET a = :one", AttributeUpdates={"b": {"Action": "PUT", "Value": {"N": "1"}}}),
         setup=rich_setup()),
    case("item-too-large-after-update", "UpdateItem", {"TableName": "{T}", "Key": K(), "UpdateExpression": "SET big2 = :big",
                                                       "ExpressionAttributeValues": {":big": {"S": "<<b*300000>>"}}},
         setup=[hash_table(), {"op": "PutItem", "body": {"TableName": "{T}", "Item": {"pk": S("k"), "big": S("<<a*200000>>")}}}]),
]

CASES = with_envelope(CASES)
