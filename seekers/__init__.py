"""Seekers (人员库): the register of people looking for gig work."""
