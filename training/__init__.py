"""Training (培训): programmes, referrals and demand orders."""
