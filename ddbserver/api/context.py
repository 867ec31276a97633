"""What every operation handler gets: the database and the server's settings."""

from __future__ import annotations

from dataclasses import dataclass

from ddbserver.engine.database import Database

# The account in ARNs. Not DynamoDB Local's 000000000000: clients written against DynamoDB use
# that (and 123456789012) as "some other account", which DynamoDB answers with
# AccessDeniedException; `serve --account-id` sets another.
ACCOUNT_ID = "210987654321"


@dataclass(slots=True)
class Context:
    db: Database
    region: str = "us-east-1"
    account: str = ACCOUNT_ID

    def table_arn(self, name: str) -> str:
        return f"arn:aws:dynamodb:{self.region}:{self.account}:table/{name}"
