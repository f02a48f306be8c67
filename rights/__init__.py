"""Rights (权益维护): complaints and their case handling."""
