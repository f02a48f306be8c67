"""Demo data for feedback: registered in FeedbackConfig.ready (filled in below)."""
