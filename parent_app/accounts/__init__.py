"""Accounts: registration, sign-in, profiles, staff, areas."""
