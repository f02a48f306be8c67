"""Jobs (岗位): employers, job orders, review, matching and dispatch (派单)."""
