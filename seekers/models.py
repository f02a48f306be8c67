"""Records of the seekers app (built by its issue)."""
