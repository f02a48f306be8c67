"""Records of the rights app (built by its issue)."""
