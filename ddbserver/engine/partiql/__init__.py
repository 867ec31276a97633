"""PartiQL for DynamoDB: statements parsed into dataclasses whose conditions and updates are
engine/expr AST nodes, planned onto the engine's Query/Scan pages and write operations."""
