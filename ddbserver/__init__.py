"""ddbserver: a single-node database server that speaks Amazon DynamoDB's wire protocol."""

__version__ = "0.1.0"
