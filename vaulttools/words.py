"""Counts in words, so every count agrees with its noun: "1 problem", "2 problems",
"1 person", "3 people". Reports, errors and the index notes' templates all use it."""

from __future__ import annotations

IRREGULAR = {"person": "people", "company": "companies", "reply": "replies",
             "entry": "entries", "is": "are", "needs": "need", "was": "were"}


def noun(count: int, singular: str, plural: str | None = None) -> str:
    """`singular` for a count of one, else its plural (`plural`, or the usual one)."""
    if count == 1:
        return singular
    return plural or IRREGULAR.get(singular) or singular + "s"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` and its noun: counted(1, "problem") is "1 problem", counted(2, ...)
    "2 problems"."""
    return f"{count} {noun(count, singular, plural)}"
