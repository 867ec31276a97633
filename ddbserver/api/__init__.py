"""The DynamoDB wire protocol over HTTP/1.1 (api/http.py)."""
