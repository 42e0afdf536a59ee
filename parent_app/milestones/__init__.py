"""Milestones a family ticks for a baby (booked, done, not for us), and what marking one
stops."""
