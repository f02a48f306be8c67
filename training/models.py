"""Records of the training app (built by its issue)."""
