"""Number arithmetic in UpdateExpression (SET a = a + :x, ADD) and legacy AttributeUpdates ADD:
exact decimal results, signs, scale, and the limits."""

from tests.golden.inputs.common import K, N, OVERFLOW_ARITH, S, TRIM_NOTE, aws_trimmed, case, hash_table, put, slug

SUMS = [
    ("0.1", "+", "0.2"), ("1", "-", "1"), ("-1", "-", "1"), ("1.5", "+", "1.5"), ("10", "-", "0.01"),
    ("99999999999999999999999999999999999999", "+", "1"), ("1E+125", "+", "1E+125"), ("-5", "+", "5"),
    ("0.000001", "-", "0.000002"), ("123.456", "-", "0.456"), ("1E-130", "-", "1E-130"), ("2", "-", "-3"),
    ("12345678901234567890123456789012345678", "+", "0.1"), ("9.9999999999999999999999999999999999999E+125", "+", "1E+125"),
    ("0", "+", "1E-130"), ("1E-129", "-", "9E-130"),
]
ADDS = [("5", "-0.5"), ("0.25", "0.75"), ("-0", "0"), ("1", "1E+2"), ("1E+20", "-1E+20")]


def case_for(name, expr, start, operand, op="+"):
    body = {"TableName": "{T}", "Key": K(), "UpdateExpression": expr, "ExpressionAttributeValues": {":x": N(operand)},
            "ReturnValues": "UPDATED_NEW"}

    return case(name, "UpdateItem", body, setup=[hash_table(), put({"pk": S("k"), "a": N(start)})], aws=aws_for(start, op, operand), aws_note=NOTE)


NOTE = TRIM_NOTE + "; " + OVERFLOW_ARITH["aws_note"]


def aws_for(start, op, operand):
    """AWS refuses an arithmetic result past 38 digits or 9.99E+125 as 'Number overflow'."""
    def aws(resp):
        if resp["status"] == 200:
            return aws_trimmed(resp)
        if "38 digits" in (resp["message"] or ""):
            return OVERFLOW_ARITH["aws"]
        return None
    return aws


CASES = []
for i, (start, op, operand) in enumerate(SUMS):
    CASES.append(case_for(f"set-{i:02d}-{slug(start)[:20]}-{'plus' if op == '+' else 'minus'}-{slug(operand)[:20]}",
                          f"SET a = a {op} :x", start, operand, op))
for i, (start, operand) in enumerate(ADDS):
    CASES.append(case_for(f"add-{i:02d}-{slug(start)}-{slug(operand)}", "ADD a :x", start, operand))
    CASES.append(case(f"legacy-add-{i:02d}-{slug(start)}-{slug(operand)}", "UpdateItem", {
        "TableName": "{T}", "Key": K(), "AttributeUpdates": {"a": {"Action": "ADD", "Value": N(operand)}}, "ReturnValues": "UPDATED_NEW"},
        setup=[hash_table(), put({"pk": S("k"), "a": N(start)})], aws=aws_for(start, "+", operand), aws_note=NOTE))

