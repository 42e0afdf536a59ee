"""Test support that needs neither the app nor the database."""
