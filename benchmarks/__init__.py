"""`make bench`: the project's speed figures, each a ratio against a baseline run in the same process."""
