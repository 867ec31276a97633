"""ExecuteStatement: SELECT (keys, filters, functions, IS, projections, ORDER BY, paging, indexes),
INSERT, UPDATE, DELETE (conditions, RETURNING), parameters and literals, and the refusals."""

from typing import Any

from tests.golden.inputs.common import NOT_FOUND, N, S, case, get, put, step, table, unique_name

NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: "
GRAMMAR_NOTE = ("DynamoDB Local echoes the statement after \"Statement wasn't well formed, can't be processed: \"; "
                "AWS gives its parser's detail (captured against AWS, eu-west-2 and us-east-1, October 2026: "
                "paritysuite/dynamodb-conformance tests/tier3/error-messages/partiqlGrammar.test.ts, "
                "partiqlFunctions.test.ts, partiqlMultiAttributeIndex.test.ts)")
NUMBER_NOTE = ("AWS appends where the literal is (' under root', ' under root.x', ' under root[1]') to a PartiQL number "
               "literal's error; DynamoDB Local does not (paritysuite/dynamodb-conformance partiqlGrammar.test.ts)")
FUNCTION_NOTE = ("AWS names the token's position ('at <line>:<column>:<length>') and words set_add/set_delete errors "
                 "its own way (paritysuite/dynamodb-conformance tests/tier3/error-messages/partiqlFunctions.test.ts)")
PARAM_NOTE = ("AWS reads a number parameter as the current value layer does: 'The parameter cannot be converted to a "
              "numeric value: <text>' (paritysuite/dynamodb-conformance partiqlParameterNumbers.test.ts); DynamoDB "
              "Local says 'A value provided cannot be converted into a number'")
DUPLICATE_NOTE = ("DynamoDB Local answers `DuplicateItem`; DynamoDB's error type is `DuplicateItemException` "
                  "(ExecuteStatement API reference; /work/shared/reference/ddblocal-vs-aws.md)")
INDEX_NOTE = ("AWS words PartiQL's index refusals its own way, unlike Query's (captured against AWS, eu-west-2: "
              "nubo-db/dynamodb-conformance tests/tier3/error-messages/partiqlIndexQualifier.test.ts)")
CAPTURE_NOTE = ("DynamoDB Local returns the item its own way here; AWS's answer as captured in "
                "paritysuite/dynamodb-conformance (eu-west-2, October 2026)")


def err(message: str, note: str = GRAMMAR_NOTE, type_: str = "ValidationException") -> dict[str, Any]:
    return {"aws": {"status": 400, "type": type_, "message": message, "body": {}}, "aws_note": note}


NAME_GROWTH = len("golden-") + 12 + len("-T") - len("{T}")  # harness.assign_names: a placeholder's real length


def at(statement: str, token: str) -> str:
    """DynamoDB's position of `token` in the statement as run ({T} replaced by its real name)."""
    return f"1:{statement.index(token) + 1 + NAME_GROWTH}:{len(token)}"


def es(statement: str, **extra: Any) -> dict[str, Any]:
    return {"Statement": statement, **extra}


RICH = {"pk": S("a"), "n": N(5), "s": S("str"), "t": {"BOOL": True}, "nul": {"NULL": True},
        "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "l": {"L": [N(1), S("two"), {"M": {"z": S("deep")}}]},
        "m": {"M": {"x": N(1), "y": {"M": {"z": S("zz")}}}}}
H_SETUP = [table("{T}", ("pk", "S")), put(RICH), put({"pk": S("b"), "n": N(7), "s": S("other")})]
R_SETUP = [table("{T}", ("pk", "S"), ("sk", "N")),
           *[put({"pk": S("p"), "sk": N(i), "v": N(i * 10), "odd": {"BOOL": bool(i % 2)}}) for i in range(1, 6)],
           put({"pk": S("q"), "sk": N(1), "v": N(1)})]
IDX_SETUP = [step("CreateTable", {
    "TableName": "{T}", "BillingMode": "PAY_PER_REQUEST",
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    "AttributeDefinitions": [{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "g", "l")],
    "GlobalSecondaryIndexes": [{"IndexName": "gsi", "Projection": {"ProjectionType": "KEYS_ONLY"},
                                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}]}],
    "LocalSecondaryIndexes": [{"IndexName": "lsi", "Projection": {"ProjectionType": "ALL"},
                               "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                             {"AttributeName": "l", "KeyType": "RANGE"}]}]}),
    *[put({"pk": S("p"), "sk": S(str(i)), "g": S("G"), "l": S(c), "data": S(f"d{i}")})
      for i, c in ((1, "c"), (2, "a"), (3, "b"))]]

# (name, statement, extra request members) on the hash table H_SETUP
H_SELECTS: list[tuple[str, str, dict[str, Any]]] = [
    ("select-star-key", "SELECT * FROM \"{T}\" WHERE pk = 'a'", {}),
    ("select-columns", "SELECT n, s, nope FROM \"{T}\" WHERE pk = 'a'", {}),
    ("select-map-member", "SELECT m.x FROM \"{T}\" WHERE pk = 'a'", {}),
    ("select-absent-key", "SELECT * FROM \"{T}\" WHERE pk = 'zzz'", {}),
    ("select-lowercase-keywords", "select * from \"{T}\" where pk = 'b' and n = 7", {}),
    ("select-scan-filter", "SELECT pk FROM \"{T}\" WHERE n > 6", {}),
    ("select-scan-all-consistent", "SELECT pk FROM \"{T}\" WHERE pk IN ['a', 'b'] AND n = 5", {"ConsistentRead": True}),
    ("select-or-keys", "SELECT pk FROM \"{T}\" WHERE pk = 'a' OR pk = 'b' AND n = 99", {}),
    ("select-reversed-equality", "SELECT pk FROM \"{T}\" WHERE 'a' = pk", {}),
    ("select-param-key", "SELECT pk, n FROM \"{T}\" WHERE pk = ?", {"Parameters": [S("b")]}),
    ("select-param-set-unordered", "SELECT pk FROM \"{T}\" WHERE pk = ? AND ss = ?",
     {"Parameters": [S("a"), {"SS": ["b", "a"]}]}),
    ("select-param-list-ordered", "SELECT pk FROM \"{T}\" WHERE pk = ? AND l = ?",
     {"Parameters": [S("a"), {"L": [S("two"), N(1)]}]}),
    ("select-param-map", "SELECT pk FROM \"{T}\" WHERE pk = ? AND m = ?",
     {"Parameters": [S("a"), {"M": {"y": {"M": {"z": S("zz")}}, "x": N(1)}}]}),
    ("select-between", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND n BETWEEN 4 AND 6", {}),
    ("select-ne", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND s <> 'str'", {}),
    ("select-bang-ne", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND n != 4", {}),
    ("select-not", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND NOT n = 4", {}),
    ("select-in-paren", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND n IN (4, 5)", {}),
    ("select-nested-path", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND m.y.z = 'zz'", {}),
    ("select-list-index", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND l[1] = 'two'", {}),
    ("select-exists", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND attribute_exists(ss)", {}),
    ("select-exists-upper", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND ATTRIBUTE_EXISTS(nope)", {}),
    ("select-not-exists", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND attribute_not_exists(nope)", {}),
    ("select-exists-true", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND attribute_exists(ss) = true", {}),
    ("select-size", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND size(s) = 3", {}),
    ("select-attribute-type", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND attribute_type(ns, 'NS')", {}),
    ("select-begins-with", "SELECT pk FROM \"{T}\" WHERE begins_with(s, 'ot')", {}),
    ("select-contains", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND contains(ss, 'b')", {}),
    ("select-is-null", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND nul IS NULL", {}),
    ("select-is-null-absent", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND nope IS NULL", {}),
    ("select-is-not-null", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND s IS NOT NULL", {}),
    ("select-is-missing", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND nope IS MISSING", {}),
    ("select-is-not-missing", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND n IS NOT MISSING", {}),
    ("select-is-boolean", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND t IS BOOLEAN", {}),
    ("select-is-string", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND s IS STRING", {}),
    ("select-is-struct", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND m IS STRUCT", {}),
    ("select-is-tuple", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND m IS TUPLE", {}),
    ("select-is-list", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND l IS LIST", {}),
    ("select-comments", "-- c\nSELECT pk FROM \"{T}\" /* b */ WHERE pk = 'a' -- end", {}),
    ("select-string-vs-number", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND s < 5", {}),
    ("select-quoted-attribute", "SELECT \"n\" FROM \"{T}\" WHERE \"pk\" = 'a'", {}),
    ("select-number-exponent", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND n = 0.5e1", {}),
    ("select-semicolon", "SELECT pk FROM \"{T}\" WHERE pk = 'a';", {}),
    ("select-number-leading-dot", "SELECT pk FROM \"{T}\" WHERE pk = 'a' AND n = .5E+1", {}),
]

# (name, statement, extra, aws override) refused on the hash table
H_REFUSED: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    ("leftover-token", "SELECT * FROM \"{T}\" WHERE pk = 'a' foo", {}, err(NOT_WELL_FORMED + "Unexpected token after expression")),
    ("stray-paren", "SELECT * FROM \"{T}\" WHERE pk = 'a')", {}, err(NOT_WELL_FORMED + "Unexpected token after expression")),
    ("order-by-on-delete", "DELETE FROM \"{T}\" WHERE pk = 'a' ORDER BY pk", {},
     err(NOT_WELL_FORMED + "Unexpected token after expression")),
    ("order-by-before-where", "SELECT * FROM \"{T}\" ORDER BY pk WHERE pk = 'a'", {},
     err(NOT_WELL_FORMED + "Unexpected token after expression")),
    ("returning-on-select", "SELECT * FROM \"{T}\" WHERE pk = 'a' RETURNING ALL NEW *", {},
     err(NOT_WELL_FORMED + "Unexpected token after expression")),
    ("insert-leftover", "INSERT INTO \"{T}\" VALUE {'pk': 'x'} foo", {}, err(NOT_WELL_FORMED + "Unexpected token after expression")),
    ("hash-comment", "SELECT * FROM \"{T}\" WHERE pk = 'a' # note", {}, err(NOT_WELL_FORMED)),
    ("open-block-comment", "SELECT * FROM \"{T}\" WHERE pk = 'a' /* note", {}, err(NOT_WELL_FORMED)),
    ("exponent-past-int", "SELECT * FROM \"{T}\" WHERE n = 1e2147483648", {}, err(NOT_WELL_FORMED)),
    ("where-without-condition", "SELECT * FROM \"{T}\" WHERE", {}, err(NOT_WELL_FORMED + "Unexpected term")),
    ("misspelled-select", "SLECT * FROM \"{T}\"", {}, err(NOT_WELL_FORMED + "Expected data manipulation")),
    ("path-through-keyword", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND attribute_exists(m.inner)", {},
     err(NOT_WELL_FORMED + "Invalid path dot component")),
    ("insert-values-keyword", "INSERT INTO \"{T}\" VALUES {'pk': 'v'}", {}, {}),
    ("is-number-type-name", "SELECT * FROM \"{T}\" WHERE n IS NUMBER", {}, {}),
    ("alias", "SELECT * FROM \"{T}\" t WHERE pk = 'a'", {}, {}),
    ("alias-as", "SELECT * FROM \"{T}\" AS t WHERE pk = 'a'", {}, {}),
    ("alias-update", "UPDATE \"{T}\" t SET a = 3 WHERE pk = 'a'", {}, {}),
    ("alias-delete", "DELETE FROM \"{T}\" t WHERE pk = 'a'", {}, {}),
    ("number-overflow", "SELECT * FROM \"{T}\" WHERE n = 1e126", {},
     err("Number overflow. Attempting to store a number with magnitude larger than supported range under root", NUMBER_NOTE)),
    ("number-underflow-set", "UPDATE \"{T}\" SET a = 1e-131 WHERE pk = 'a'", {},
     err("Number underflow. Attempting to store a number with magnitude smaller than supported range under root",
         NUMBER_NOTE)),
    ("number-39-digits", "SELECT * FROM \"{T}\" WHERE n = 123456789012345678901234567890123456789", {},
     err("Attempting to store more than 38 significant digits in a Number under root", NUMBER_NOTE)),
    ("number-in-map", "INSERT INTO \"{T}\" VALUE {'pk': 'x', 'm': {'x': 1e126}}", {},
     err("Number overflow. Attempting to store a number with magnitude larger than supported range under root.x",
         NUMBER_NOTE)),
    ("number-in-list", "INSERT INTO \"{T}\" VALUE {'pk': 'x', 'l': [1, 1e126]}", {},
     err("Number overflow. Attempting to store a number with magnitude larger than supported range under root[1]",
         NUMBER_NOTE)),
    ("exists-string", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND attribute_exists('ss')", {}, {}),
    ("exists-param", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND attribute_exists(?)", {"Parameters": [S("ss")]}, {}),
    ("exists-no-operand", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND attribute_exists()", {}, {}),
    ("exists-two-operands", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND attribute_exists(ss, ns)", {}, {}),
    ("function-as-column", "SELECT attribute_exists(ss) FROM \"{T}\" WHERE pk = 'a'", {}, {}),
    ("order-on-bool", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND n < true", {}, {}),
    ("between-on-null", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND n BETWEEN ? AND ?",
     {"Parameters": [{"NULL": True}, {"NULL": True}]}, {}),
    ("is-int", "SELECT * FROM \"{T}\" WHERE n IS INT", {}, {}),
    ("is-decimal", "SELECT * FROM \"{T}\" WHERE n IS DECIMAL", {}, {}),
    ("key-type", "SELECT * FROM \"{T}\" WHERE pk = 1", {}, {}),
    ("key-type-reversed", "SELECT * FROM \"{T}\" WHERE 1 = pk", {}, {}),
    ("key-type-ne", "SELECT * FROM \"{T}\" WHERE pk <> 1", {}, {}),
    ("key-type-between", "SELECT * FROM \"{T}\" WHERE pk BETWEEN 1 AND 2", {}, {}),
    ("key-type-in-or", "SELECT * FROM \"{T}\" WHERE pk = 'a' OR pk = 1", {}, {}),
    ("key-type-second-equality", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND pk = ?", {"Parameters": [N(1)]}, {}),
    ("key-type-not", "SELECT * FROM \"{T}\" WHERE n = 1 AND NOT pk = true", {}, {}),
    ("update-without-key", "UPDATE \"{T}\" SET a = 1 WHERE n = 5", {}, {}),
    ("update-without-where", "UPDATE \"{T}\" SET a = 1", {}, {}),
    ("delete-without-where", "DELETE FROM \"{T}\"", {}, {}),
    ("delete-key-in-or", "DELETE FROM \"{T}\" WHERE pk = 'a' OR pk = 'b'", {}, {}),
    ("delete-key-range", "DELETE FROM \"{T}\" WHERE pk > 'a'", {}, {}),
    ("update-key-attribute", "UPDATE \"{T}\" SET pk = 'z' WHERE pk = 'a'", {}, {}),
    ("update-key-type", "UPDATE \"{T}\" SET y = 1 WHERE pk = 1", {}, {}),
    ("update-overlap", "UPDATE \"{T}\" SET y = 1, y = 2 WHERE pk = 'a'", {}, {}),
    ("update-set-remove-overlap", "UPDATE \"{T}\" SET y = 1 REMOVE y WHERE pk = 'a'", {}, {}),
    ("update-plus-string", "UPDATE \"{T}\" SET n = n + 'x' WHERE pk = 'a'", {}, {}),
    ("delete-returning-new", "DELETE FROM \"{T}\" WHERE pk = 'a' RETURNING ALL NEW *", {}, {}),
    ("delete-returning-modified", "DELETE FROM \"{T}\" WHERE pk = 'a' RETURNING MODIFIED OLD *", {}, {}),
    ("insert-without-key", "INSERT INTO \"{T}\" VALUE {'x': 1}", {}, {}),
    ("insert-key-type", "INSERT INTO \"{T}\" VALUE {'pk': 1}", {}, {}),
    ("insert-empty-key", "INSERT INTO \"{T}\" VALUE {'pk': ''}", {}, {}),
    ("insert-not-struct", "INSERT INTO \"{T}\" VALUE 'a'", {}, {}),
    ("insert-missing-value", "INSERT INTO \"{T}\" VALUE {'pk': 'n2', 'd': MISSING}", {}, {}),
    ("insert-duplicate-tuple-key", "INSERT INTO \"{T}\" VALUE {'pk': 'n3', 'pk': 'n4'}", {}, {}),
    ("insert-number-tuple-key", "INSERT INTO \"{T}\" VALUE {'pk': 'n5', 1: 2}", {}, {}),
    ("insert-mixed-bag", "INSERT INTO \"{T}\" VALUE {'pk': 'n', 'd': <<'a', 1>>}", {}, {}),
    ("params-too-few", "SELECT * FROM \"{T}\" WHERE pk = ?", {}, {}),
    ("params-too-many", "SELECT * FROM \"{T}\" WHERE pk = 'a'", {"Parameters": [S("x")]}, {}),
    ("param-not-a-number", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND n = ?", {"Parameters": [N("abc")]},
     err("The parameter cannot be converted to a numeric value: abc", PARAM_NOTE)),
    ("param-empty-value", "SELECT * FROM \"{T}\" WHERE pk = ?", {"Parameters": [{}]}, {}),
    ("order-by-without-where", "SELECT * FROM \"{T}\" ORDER BY pk", {}, {}),
    ("bad-table-name", "SELECT * FROM \"ab\" WHERE pk = 'a'", {}, {}),
    ("bad-index-name", "SELECT * FROM \"{T}\".\"xx\" WHERE pk = 'a'", {}, {}),
    ("no-such-index", "SELECT * FROM \"{T}\".\"nope\" WHERE pk = 'a'", {},
     err("The table does not have the specified index", INDEX_NOTE)),
    ("no-such-table", "SELECT * FROM \"{T}-missing\" WHERE pk = 'a'", {}, NOT_FOUND),
    ("no-such-table-insert", "INSERT INTO \"{T}-missing\" VALUE {'pk': 'a'}", {}, NOT_FOUND),
    ("ion-decimal", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND n = `2d0`", {}, {}),
    ("ion-struct-in-insert", "INSERT INTO \"{T}\" VALUE {'pk': 'i', 'm': `{a: 1}`}", {}, {}),
    ("ion-insert-value", "INSERT INTO \"{T}\" VALUE `{pk: \"i\"}`", {}, {}),
    ("ion-timestamp", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND n = `2007-02-23T12:14Z`", {}, {}),
    ("exists-outside-transaction", "EXISTS(SELECT * FROM \"{T}\" WHERE pk = 'a' AND n = 5)", {}, {}),
    ("unknown-function", "SELECT * FROM \"{T}\" WHERE pk = 'a' AND EXISTS(ss)", {},
     err("Unrecognized function: exists at " + at("SELECT * FROM \"{T}\" WHERE pk = 'a' AND EXISTS(ss)", "EXISTS"),
         FUNCTION_NOTE)),
    ("set-add-empty-bag", "UPDATE \"{T}\" SET ss = set_add(ss, <<>>) WHERE pk = 'a'", {},
     err("Empty bags are not supported", FUNCTION_NOTE)),
    ("set-add-duplicates", "UPDATE \"{T}\" SET ss = set_add(ss, <<'x', 'x'>>) WHERE pk = 'a'", {},
     err("One or more parameter values were invalid: Input collection [x, x] contains duplicates.", FUNCTION_NOTE)),
    ("set-add-number-to-strings", "UPDATE \"{T}\" SET ss = set_add(ss, <<1>>) WHERE pk = 'a'", {}, {}),
    ("set-add-to-string", "UPDATE \"{T}\" SET s = set_add(s, <<'x'>>) WHERE pk = 'a'", {}, {}),
]

DESC_NOTE = ("DynamoDB Local answers 500 InternalFailure to ORDER BY <sort key> DESC; DynamoDB reads the partition "
             "backwards (paritysuite/dynamodb-conformance tests/tier2/partiql/grammar.test.ts, eu-west-2 2026; "
             "/work/shared/reference/ddblocal-vs-aws.md)")


def desc(sort_keys: list[int], type_: str) -> dict[str, Any]:
    items = [{"sk": {type_: str(k)}} for k in sort_keys]
    return {"aws": {"status": 200, "type": None, "message": None, "body": {"Items": items}}, "aws_note": DESC_NOTE}


R_STATEMENTS: list[tuple[str, str, dict[str, Any]]] = [
    ("range-partition", "SELECT sk FROM \"{T}\" WHERE pk = 'p'", {}),
    ("range-sk-gt", "SELECT sk FROM \"{T}\" WHERE pk = 'p' AND sk > 3", {}),
    ("range-sk-eq-reversed", "SELECT sk FROM \"{T}\" WHERE pk = 'p' AND 2 = sk", {}),
    ("range-sk-between", "SELECT sk FROM \"{T}\" WHERE pk = 'p' AND sk BETWEEN 2 AND 4", {}),
    ("range-sk-and-filter", "SELECT sk FROM \"{T}\" WHERE pk = 'p' AND sk >= 2 AND odd = true", {}),
    ("range-order-desc", "SELECT sk FROM \"{T}\" WHERE pk = 'p' ORDER BY sk DESC",
     desc([5, 4, 3, 2, 1], "N")),
    ("range-order-asc", "SELECT sk FROM \"{T}\" WHERE pk = 'p' AND sk < 4 ORDER BY sk ASC", {}),
    ("range-order-pk", "SELECT sk FROM \"{T}\" WHERE pk = 'p' ORDER BY pk", {}),
    ("range-order-no-hash", "SELECT * FROM \"{T}\" WHERE v > 10 ORDER BY sk", {}),
    ("range-order-non-key", "SELECT * FROM \"{T}\" WHERE pk = 'p' ORDER BY v", {}),
    ("range-sk-type", "DELETE FROM \"{T}\" WHERE pk = 'p' AND sk = 'x'", {}),
    ("range-select-sk-type", "SELECT * FROM \"{T}\" WHERE pk = 'p' AND sk > 'x'", {}),
    ("range-select-sk-type-no-partition", "SELECT * FROM \"{T}\" WHERE sk BETWEEN 'x' AND 'y'", {}),
    ("range-select-sk-ne-type", "SELECT * FROM \"{T}\" WHERE pk = 'p' AND sk <> 'x'", {}),
    ("range-delete-partial-key", "DELETE FROM \"{T}\" WHERE pk = 'p'", {}),
    ("range-delete-sk-range", "DELETE FROM \"{T}\" WHERE pk = 'p' AND sk > 1", {}),
    ("range-update-full-key", "UPDATE \"{T}\" SET w = v + 1 WHERE pk = 'p' AND sk = 1", {}),
]

IDX_STATEMENTS: list[tuple[str, str, dict[str, Any]]] = [
    ("index-lsi-order", "SELECT sk, l FROM \"{T}\".\"lsi\" WHERE pk = 'p'", {}),
    ("index-lsi-desc", "SELECT sk FROM \"{T}\".\"lsi\" WHERE pk = 'p' AND l > 'a' ORDER BY l DESC",
     desc([1, 3], "S")),
    ("index-gsi-key", "SELECT * FROM \"{T}\".\"gsi\" WHERE g = 'G'", {}),
    ("index-gsi-consistent", "SELECT * FROM \"{T}\".\"gsi\" WHERE g = 'G'", {
        "ConsistentRead": True, **err("Strongly consistent read is not supported on Global Secondary Indexes", INDEX_NOTE)}),
]


def _cases() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name, stmt, extra in H_SELECTS:
        out.append(case(unique_name(name, seen), "ExecuteStatement", es(stmt, **extra), setup=H_SETUP))
    for name, stmt, extra, aws in H_REFUSED:
        out.append(case(unique_name(name, seen), "ExecuteStatement", es(stmt, **extra), setup=H_SETUP, **aws))
    for setup, rows in ((R_SETUP, R_STATEMENTS), (IDX_SETUP, IDX_STATEMENTS)):
        for name, stmt, more in rows:  # `more`: further request members and/or an aws override
            kw = {k: v for k, v in more.items() if k in ("aws", "aws_note")}
            extra = {k: v for k, v in more.items() if k not in kw}
            out.append(case(unique_name(name, seen), "ExecuteStatement", es(stmt, **extra), setup=setup, **kw))
    return out


STMT = "\"{T}\""
WRITES: list[dict[str, Any]] = [
    case("insert-then-get", "ExecuteStatement",
         es(f"INSERT INTO {STMT} VALUE {{'pk': 'new', 'n': 1.50, 'l': [1, 'a', null, true], 'm': {{'k': <<1, 2>>}}, "
            "'ss': <<'x', 'y'>>, 'q': 'it''s'}"), setup=H_SETUP, then=[get({"pk": S("new")})]),
    case("insert-params", "ExecuteStatement",
         es(f"INSERT INTO {STMT} VALUE {{'pk': ?, 'b': ?, 'nested': {{'x': ?}}}}",
            Parameters=[S("pp"), {"B": "AQID"}, {"NS": ["3", "1"]}]),
         setup=H_SETUP, then=[get({"pk": S("pp")})]),
    case("insert-duplicate", "ExecuteStatement", es(f"INSERT INTO {STMT} VALUE {{'pk': 'a'}}"), setup=H_SETUP,
         then=[get({"pk": S("a")})],
         aws={"type": "DuplicateItemException"}, aws_note=DUPLICATE_NOTE),
    case("update-set-returning-all-new", "ExecuteStatement",
         es(f"UPDATE {STMT} SET n = n + 1, l[0] = 9, m.y.w = 'new' WHERE pk = 'a' RETURNING ALL NEW *"), setup=H_SETUP),
    case("update-returning-modified-old", "ExecuteStatement",
         es(f"UPDATE {STMT} SET n = n - 1 SET added = 1 REMOVE s WHERE pk = 'a' RETURNING MODIFIED OLD *"),
         setup=H_SETUP),
    case("update-returning-modified-new", "ExecuteStatement",
         es(f"UPDATE {STMT} SET c = if_not_exists(c, 7), l = list_append(l, [4]) WHERE pk = 'a' "
            "RETURNING MODIFIED NEW *"), setup=H_SETUP),
    case("update-modified-list-element", "ExecuteStatement",
         es(f"UPDATE {STMT} SET l[1] = n + 1 WHERE pk = 'a' RETURNING MODIFIED NEW *"), setup=H_SETUP),
    case("update-modified-old-absent-path", "ExecuteStatement",
         es(f"UPDATE {STMT} SET m.nope = 1, n = 2 WHERE pk = 'a' RETURNING MODIFIED OLD *"), setup=H_SETUP),
    case("update-modified-new-removed-path", "ExecuteStatement",
         es(f"UPDATE {STMT} REMOVE m.x SET l[9] = 1 WHERE pk = 'a' RETURNING MODIFIED NEW *"), setup=H_SETUP),
    case("update-overlap-later-first", "ExecuteStatement",
         es(f"UPDATE {STMT} SET l = 1 SET l[5] = 5 WHERE pk = 'a'"), setup=H_SETUP),
    case("update-returning-all-old", "ExecuteStatement",
         es(f"UPDATE {STMT} SET n = 0 WHERE pk = 'b' RETURNING ALL OLD *"), setup=H_SETUP),
    case("update-set-add", "ExecuteStatement",
         es(f"UPDATE {STMT} SET ss = set_add(ss, <<'c'>>), ns = set_delete(ns, <<1>>) WHERE pk = 'a' "
            "RETURNING MODIFIED NEW *"), setup=H_SETUP),
    case("update-set-delete-empties", "ExecuteStatement",
         es(f"UPDATE {STMT} SET ss = set_delete(ss, <<'a', 'b'>>) WHERE pk = 'a'"), setup=H_SETUP,
         then=[get({"pk": S("a")})]),
    case("update-remove-twice", "ExecuteStatement",
         es(f"UPDATE {STMT} REMOVE s REMOVE l[0] WHERE pk = 'a' RETURNING ALL NEW *"), setup=H_SETUP),
    case("update-absent-item", "ExecuteStatement", es(f"UPDATE {STMT} SET x = 1 WHERE pk = 'zzz'"), setup=H_SETUP,
         then=[get({"pk": S("zzz")})]),
    case("update-condition-fails", "ExecuteStatement", es(f"UPDATE {STMT} SET x = 1 WHERE pk = 'a' AND n = 4"),
         setup=H_SETUP),
    case("update-condition-fails-return-old", "ExecuteStatement",
         es(f"UPDATE {STMT} SET x = 1 WHERE pk = 'b' AND attribute_exists(nope)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD"), setup=H_SETUP),
    case("update-condition-holds", "ExecuteStatement",
         es(f"UPDATE {STMT} SET x = 1 WHERE pk = 'b' AND n = 7 AND attribute_not_exists(x) RETURNING MODIFIED NEW *"),
         setup=H_SETUP),
    case("update-from-first", "ExecuteStatement", es(f"FROM {STMT} WHERE pk = 'b' SET c = 1 REMOVE n RETURNING ALL NEW *"),
         setup=H_SETUP),
    case("update-runtime-type-error", "ExecuteStatement", es(f"UPDATE {STMT} SET s = s + 1 WHERE pk = 'a'"),
         setup=H_SETUP),
    case("update-params", "ExecuteStatement",
         es(f"UPDATE {STMT} SET n = ? WHERE pk = ? AND n = ? RETURNING MODIFIED OLD *",
            Parameters=[N(8), S("b"), N(7)]), setup=H_SETUP),
    case("delete-returning-all-old", "ExecuteStatement", es(f"DELETE FROM {STMT} WHERE pk = 'b' RETURNING ALL OLD *"),
         setup=H_SETUP, then=[get({"pk": S("b")})]),
    case("delete-absent", "ExecuteStatement", es(f"DELETE FROM {STMT} WHERE pk = 'zzz' RETURNING ALL OLD *"),
         setup=H_SETUP),
    case("delete-absent-with-condition", "ExecuteStatement", es(f"DELETE FROM {STMT} WHERE pk = 'zzz' AND n = 1"),
         setup=H_SETUP),
    case("delete-condition-fails", "ExecuteStatement", es(f"DELETE FROM {STMT} WHERE pk = 'a' AND n = 4"),
         setup=H_SETUP, then=[get({"pk": S("a")})]),
    case("delete-condition-holds", "ExecuteStatement", es(f"DELETE FROM {STMT} WHERE pk = 'a' AND contains(ss, 'a')"),
         setup=H_SETUP, then=[get({"pk": S("a")})]),
    case("paging-limit", "ExecuteStatement", es(f"SELECT sk FROM {STMT} WHERE pk = 'p'", Limit=2), setup=R_SETUP,
         ignore=["NextToken"]),
    case("paging-scan-limit", "ExecuteStatement", es(f"SELECT v FROM {STMT} WHERE v > 30", Limit=3), setup=R_SETUP,
         ignore=["NextToken"]),
    case("paging-bad-token", "ExecuteStatement", es(f"SELECT * FROM {STMT} WHERE pk = 'p'", NextToken="garbage"),
         setup=R_SETUP),
]

CASES = _cases() + WRITES
