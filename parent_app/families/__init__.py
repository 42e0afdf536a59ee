"""Households: babies and pregnancies, partners joining with an invite code."""
