"""gigmarket: the project package and the shared kernel (user, vocabulary, validators, audit)."""
