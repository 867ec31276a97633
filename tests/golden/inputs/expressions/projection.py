"""ProjectionExpression on GetItem: top-level and nested paths, list indexes, names, overlaps,
and the request errors; AttributesToGet against it."""

from tests.golden.inputs.common import unique_name, K, case, rich_setup, slug

GOOD = [
    "s", "s, n", "pk", "absent", "m.a", "m.b.c", "m.b", "l[0]", "l[2][0]", "l[3].k", "m.l[1]", "l[9]", "l[0], l[2]",
    "#m.#dt", "m.dot.ted", "#dt", "s,n,b", "ss, ns, bs", "t, f, nul", "empty_s, empty_l, empty_m", "m.a, m.b.c",
    "l[1], m.l[0], s", "m.absent", "s.x", "l[0].x", "m[0]", "l[3], l[1]", "#s", "N",
]
ERRORS = [
    "", "  ", "s,", ",s", "s n", "m, m.a", "m.a, m", "l, l[0]", "l[0], l[0]", "s, s", "m.b, m.b.c", "#m.a, m.a",
    "name", "s, name", "m.value", "size(s)", "attribute_exists(s)", "l[-1]", "l[]", "l[a]", ":v", "#undefined",
    "l[99999999999]", "m.", "s = :v", "s AND n", "(s)",
]


def get_with(expr, **extra):
    body = {"TableName": "{T}", "Key": K(), "ProjectionExpression": expr, "ConsistentRead": True}
    names = {n: v for n, v in {"#m": "m", "#dt": "dot.ted", "#s": "s"}.items() if n in expr}
    if names:
        body["ExpressionAttributeNames"] = names
    body.update(extra)
    return body


CASES = []
seen = set()
for expr in GOOD + ERRORS:
    name = unique_name(f"pe-{slug(expr)[:50] or 'empty'}", seen)
    CASES.append(case(name, "GetItem", get_with(expr), setup=rich_setup()))

CASES += [
    case("with-attributes-to-get", "GetItem", get_with("s", AttributesToGet=["n"]), setup=rich_setup()),
    case("unused-name", "GetItem", get_with("s", ExpressionAttributeNames={"#q": "q"}), setup=rich_setup()),
    case("names-without-projection", "GetItem", {"TableName": "{T}", "Key": K(), "ExpressionAttributeNames": {"#s": "s"}},
         setup=rich_setup()),
    case("missing-item", "GetItem", get_with("s", Key=K("nope")), setup=rich_setup()),
    case("reserved-via-name", "GetItem", get_with("#nm", ExpressionAttributeNames={"#nm": "name"}), setup=rich_setup()),
]
