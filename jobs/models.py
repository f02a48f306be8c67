"""Records of the jobs app (built by its issue)."""
