"""TransactGetItems: gets across tables in request order, missing items, projections, capacity,
and bad input (list limits, unknown tables, keys against the schema, values, expressions,
duplicate targets)."""

from typing import Any

from tests.golden.inputs.common import NOT_FOUND, N, S, case, enum_message, hash_table, put, range_table

T = "{T}"
T2 = "{T2}"
SETUP = [hash_table(T), put({"pk": S("a"), "v": S("x"), "n": N(5), "m": {"M": {"x": S("1"), "y": S("2")}},
                             "l": {"L": [S("p"), S("q")]}}),
         put({"pk": S("b"), "d": S("y" * 5000)}),
         range_table(T2), put({"pk": S("r"), "sk": N(1), "v": S("z")}, T2)]
CANCELLED = "Transaction cancelled, please refer cancellation reasons for specific reasons [{}]"
PARITY = ("DynamoDB cancels with a ValidationError reason per get (AWS captures, paritysuite/dynamodb-conformance "
          "tier3 transactGetItems.test.ts: a missing key attribute); DynamoDB Local answers a "
          "TransactionCanceledException whose message is the validation message and that has no reasons")
CAPACITY = ("Each transactional get costs two strongly consistent reads, a missing item too, and TransactGetItems "
            "reports ReadCapacityUnits beside CapacityUnits (nubo-db/dynamodb-conformance tier2 transactGet "
            "ConsumedCapacity tests against AWS); DynamoDB Local reports units without the split")
LAYER = ("Transactions check values in DynamoDB's older layer (AWS captures in us-east-1, eu-west-1, us-west-2, "
         "paritysuite/dynamodb-conformance valueLayers.test.ts); DynamoDB Local words it its own way")
MODEL = ("DynamoDB reports the service model's constraint inside '1 validation error detected: ' with the value "
         "echoed (AWS captures, paritysuite/dynamodb-conformance transactGetItems.test.ts); DynamoDB Local omits "
         "the envelope and the quotes")
MISMATCH = "The provided key element does not match the schema"
NOTHING_PROJECTED = {"aws": {"body": {"Responses": [{}]}},
                     "aws_note": "DynamoDB omits Item when a projection selects nothing of a present item "
                                 "(nubo-db and Ketlark dynamodb-conformance tier2 transactGet, against AWS); "
                                 "DynamoDB Local answers an empty Item"}


def tg(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"TransactItems": list(items), **extra}


def G(pk: str, name: str = T, **kw: Any) -> dict[str, Any]:
    return {"Get": {"TableName": name, "Key": kw.pop("key", {"pk": S(pk)}), **kw}}


def R(pk: str, sk: int, **kw: Any) -> dict[str, Any]:
    return G(pk, T2, key={"pk": S(pk), "sk": N(sk)}, **kw)


def error(message: str, note: str) -> dict[str, Any]:
    return {"aws": {"status": 400, "type": "ValidationException", "message": message, "body": {}}, "aws_note": note}


def cancelled(reasons: list[str | None]) -> dict[str, Any]:
    wire = [{"Code": "None"} if r is None else {"Code": "ValidationError", "Message": r} for r in reasons]
    codes = ", ".join(w["Code"] for w in wire)
    return {"aws": {"status": 400, "type": "TransactionCanceledException", "message": CANCELLED.format(codes),
                    "body": {"CancellationReasons": wire}}, "aws_note": PARITY}


def capacity(entries: list[tuple[str, float]], indexes: bool = False) -> dict[str, Any]:
    def entry(name: str, units: float) -> dict[str, Any]:
        out: dict[str, Any] = {"TableName": name, "CapacityUnits": units, "ReadCapacityUnits": units}
        if indexes:
            out["Table"] = {"CapacityUnits": units, "ReadCapacityUnits": units}
        return out
    return {"aws": lambda r: {"body": {**r["body"], "ConsumedCapacity": [entry(n, u) for n, u in entries]}},
            "aws_note": CAPACITY}


GOOD: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("one", tg(G("a")), {}),
    ("missing", tg(G("zz")), {}),
    ("present-and-missing", tg(G("zz"), G("a"), G("yy")), {}),
    ("two-tables", tg(G("a"), R("r", 1), R("r", 2)), {}),
    ("projection", tg(G("a", ProjectionExpression="v, m.x, l[1]")), {}),
    ("projection-names", tg(G("a", ProjectionExpression="#v, #m.#x", ExpressionAttributeNames={
        "#v": "v", "#m": "m", "#x": "x"})), {}),
    ("projection-missing-attribute", tg(G("a", ProjectionExpression="nope")), NOTHING_PROJECTED),
    ("projection-on-missing-item", tg(G("zz", ProjectionExpression="v")), {}),
    ("projection-per-get", tg(G("a", ProjectionExpression="n"), G("b", ProjectionExpression="pk")), {}),
    ("many-gets", tg(*[G(f"k{i}") for i in range(30)], G("a")), {}),
    ("rcc-none", tg(G("a"), ReturnConsumedCapacity="NONE"), {}),
    ("rcc-total", tg(G("a"), G("zz"), ReturnConsumedCapacity="TOTAL"), capacity([(T, 4.0)])),
    ("rcc-total-large-item", tg(G("b"), ReturnConsumedCapacity="TOTAL"), capacity([(T, 4.0)])),
    ("rcc-two-tables", tg(G("a"), R("r", 1), G("b"), ReturnConsumedCapacity="TOTAL"), capacity([(T, 6.0), (T2, 2.0)])),
    ("rcc-indexes", tg(G("a"), ReturnConsumedCapacity="INDEXES"), capacity([(T, 2.0)], indexes=True)),
]

BAD: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("empty-list", tg(), error("1 validation error detected: Value '[]' at 'transactItems' failed to satisfy "
                               "constraint: Member must have length greater than or equal to 1", MODEL)),
    ("unknown-table", tg(G("a", "{T9}")), NOT_FOUND),
    ("unknown-table-second", tg(G("a"), G("a", "{T9}")), NOT_FOUND),
    ("duplicate", tg(G("a"), G("a")), {}),
    ("duplicate-range", tg(R("r", 1), G("a"), R("r", 1)), {}),
    ("key-empty", tg(G("a", key={})), cancelled([MISMATCH])),
    ("key-wrong-type", tg(G("a", key={"pk": N(1)})), cancelled([MISMATCH])),
    ("key-missing-sort", tg(G("a"), G("r", T2)), cancelled([None, MISMATCH])),
    ("key-extra-attribute", tg(G("a", key={"pk": S("a"), "x": S("y")})), cancelled([MISMATCH])),
    ("key-empty-string", tg(G("")), {}),
    ("key-bad-number", tg(G("r", T2, key={"pk": S("r"), "sk": N("abc")})),
     error("The parameter cannot be converted to a numeric value: abc", LAYER)),
    ("projection-syntax", tg(G("a", ProjectionExpression="!!!")), {}),
    ("projection-empty", tg(G("a", ProjectionExpression="")), {}),
    ("names-without-projection", tg(G("a", ExpressionAttributeNames={"#a": "n"})), {}),
    ("unused-name", tg(G("a", ProjectionExpression="#b", ExpressionAttributeNames={"#a": "n", "#b": "n"})), {}),
    ("undefined-name", tg(G("a", ProjectionExpression="#b")), {}),
    ("projection-overlap", tg(G("a", ProjectionExpression="m, m.x")), {}),
    ("missing-table-before-later-projection-syntax", tg(G("a", "{T9}"), G("a", ProjectionExpression="!!!")),
     NOT_FOUND),
    ("projection-syntax-before-later-missing-table", tg(G("a", ProjectionExpression="!!!"), G("a", "{T9}")), {}),
    ("missing-table-before-later-bad-number", tg(G("a", "{T9}"), G("r", T2, key={"pk": S("r"), "sk": N("x")})),
     NOT_FOUND),
    ("rcc-bad-enum", tg(G("a"), ReturnConsumedCapacity="BOGUS"),
     error(enum_message("BOGUS", "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"]), MODEL)),
]

CASES = ([case(name, "TransactGetItems", body, setup=SETUP, **aws) for name, body, aws in GOOD]
         + [case(name, "TransactGetItems", body, setup=SETUP, **aws) for name, body, aws in BAD])
