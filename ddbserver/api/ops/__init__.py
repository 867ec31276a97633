"""One module per DynamoDB operation: checks the model cannot express, the engine call, the response."""
