"""Courses: wellbeing and skills courses, their sessions and parents' bookings.

The course content kind, dated sessions, bookings with a waiting list, reminders,
calendars and the Open Referral UK export."""
