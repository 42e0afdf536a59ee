"""Decimal money and the layered rounding of statutory pay (never float).

Source: leave-and-pay-rules.md §3.6 and §13 ("Rounding is layered"): average weekly
earnings and the 90 % rate are floored at 7 decimal places (the HMRC-agreed truncation),
Statutory Paternity Pay's 90 % is rounded half-up to the penny, and each payment is
rounded *up* to the next penny after a 7-place floor.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal

PENNY = Decimal("0.01")
SEVEN_PLACES = Decimal("0.0000001")
NINETY_PERCENT = Decimal("0.9")
ZERO = Decimal("0")

# Wide enough that no sum of weekly rates is ever rounded before the rules round it.
EXACT = Context(prec=60)


def floor_7dp(amount: Decimal) -> Decimal:
    """Truncate towards minus infinity at 7 decimal places."""
    return amount.quantize(SEVEN_PLACES, rounding=ROUND_FLOOR, context=EXACT)


def half_up_2dp(amount: Decimal) -> Decimal:
    """Round to the penny, halves away from zero."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP, context=EXACT)


def round_up_to_penny(amount: Decimal) -> Decimal:
    """Floor at 7 places, then round up to the next whole penny if not already one."""
    return floor_7dp(amount).quantize(PENNY, rounding=ROUND_CEILING, context=EXACT)


def divide(numerator: Decimal, denominator: Decimal | int) -> Decimal:
    """Divide without losing precision before a rule rounds the result."""
    return EXACT.divide(numerator, Decimal(denominator))
