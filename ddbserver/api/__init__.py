"""The DynamoDB wire protocol over aiohttp."""
