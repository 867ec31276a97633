"""What every operation handler gets: the database and the server's settings."""

from __future__ import annotations

from dataclasses import dataclass

from ddbserver.engine.database import Database

ACCOUNT_ID = "000000000000"


@dataclass(slots=True)
class Context:
    db: Database
    region: str = "us-east-1"
    account: str = ACCOUNT_ID

    def table_arn(self, name: str) -> str:
        return f"arn:aws:dynamodb:{self.region}:{self.account}:table/{name}"
