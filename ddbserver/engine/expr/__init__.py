"""DynamoDB expressions: one lexer, one parser, one AST family for all five expression kinds.

ConditionExpression, FilterExpression, KeyConditionExpression, UpdateExpression and
ProjectionExpression (and the legacy parameters, translated in `legacy`) all become nodes of
`ast`; see README.md in this directory for the grammar and the pipeline
(parse -> resolve -> compile/evaluate).
"""
