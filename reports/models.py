"""Records of the reports app (built by its issue)."""
