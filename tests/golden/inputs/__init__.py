"""Golden case inputs: one module per group under <area>/, each defining CASES (see common.py)."""
