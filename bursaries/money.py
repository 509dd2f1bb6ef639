"""How an amount of money is written: the one way, on every page and in every message."""

from decimal import Decimal


def pounds(amount: Decimal | int | None, *, pence: bool = True) -> str:
    """£1,200.00 (or £1,200 and £1,200.50 with pence=False), written the British way in every
    language: these are pounds sterling, and a £ with Arabic or Persian separators ("£1.200,00")
    reads as a different number. Keep it left to right inside right-to-left text."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    if not pence and amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"
