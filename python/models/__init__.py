"""The Python models: each opens a session of concurrency C and runs download jobs on it, in its own style."""
