"""Numbers: DynamoDB's normalised form, precision (38 digits) and magnitude (1E-130 .. 1E+126)."""

from tests.golden.inputs.common import (NOT_NUMERIC, OVERFLOW, PRECISION_MSG, UNDERFLOW, K, N, S, case, get, hash_table,
                                        slug, step, value_override)

GOOD = ["1.0", "0.0", "-0", "1e2", "1E-2", "00012", ".5", "5.", "-.5", "+5", "1.2300", "-000.000100",
        "12345678901234567890123456789012345678", "1234567890123456789012345678901234567800000",
        "0.12345678901234567890123456789012345678", "9.9999999999999999999999999999999999999E+125",
        "1E-130", "-1E-130", "-9.9999999999999999999999999999999999999E+125", "1E+125", "100e-2", "0e5"]
BAD = ["123456789012345678901234567890123456789", "1E+126", "-1E+126", "1E-131", "1e", "e5", "--1", "1.2.3",
       " 1", "1 ", "0x10", "Infinity", "NaN", "1,5", "1_000", "12345678901234567890.123456789012345678901"]

CASES = []
for i, v in enumerate(GOOD):
    CASES.append(case(f"good-{i:02d}-{slug(v)[:30]}", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "n": N(v)}},
                      setup=[hash_table()], then=[get(K())]))
BAD_AWS = {"123456789012345678901234567890123456789": PRECISION_MSG, "12345678901234567890.123456789012345678901": PRECISION_MSG,
           "1E+126": OVERFLOW, "-1E+126": OVERFLOW, "1E-131": UNDERFLOW}
for i, v in enumerate(BAD):
    kw = value_override(BAD_AWS.get(v, NOT_NUMERIC + v), True)
    CASES.append(case(f"bad-{i:02d}-{slug(v)[:30]}", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "n": N(v)}},
                      setup=[hash_table()], **kw))

CASES += [
    case("key-normalised", "GetItem", {"TableName": "{T}", "Key": {"pk": N("1")}},
         setup=[hash_table("{T}", "N"), step("PutItem", {"TableName": "{T}", "Item": {"pk": N("1.00"), "v": S("x")}})]),
    case("key-normalised-exponent", "GetItem", {"TableName": "{T}", "Key": {"pk": N("1.5E1")}},
         setup=[hash_table("{T}", "N"), step("PutItem", {"TableName": "{T}", "Item": {"pk": N("15"), "v": S("x")}})]),
    case("key-bad-number", "GetItem", {"TableName": "{T}", "Key": {"pk": N("one")}}, setup=[hash_table("{T}", "N")],
         **value_override(NOT_NUMERIC + "one", False)),
    case("number-set-normalised", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "ns": {"NS": ["1.50", "2e1", "-0.0"]}}},
         setup=[hash_table()], then=[get(K())]),
    case("number-set-too-precise", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "ns": {"NS": ["1", "123456789012345678901234567890123456789"]}}},
         setup=[hash_table()], **value_override(PRECISION_MSG, True)),
]
