"""A column of a published table, declared once: its type, descriptions in both languages and constraints."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, number, date
    en: str  # description in English
    zh: str  # description in Chinese
    required: bool = False
    unique: bool = False
    codelist: str | None = None  # the values are the codes of datasets/codelists/<codelist>.csv
    subset: tuple[str, ...] | None = None  # ...or only these of them
    pattern: str | None = None
    minimum: float | None = None


def pair(prefix: str, en: str, zh: str, required: bool = True) -> tuple[Field, Field]:
    """The _zh and _en columns of one text (Chinese authoritative, English a translation)."""
    return (
        Field(f"{prefix}_zh", "string", f"{en} (Chinese, authoritative)", f"{zh}（中文，以此为准）", required),
        Field(f"{prefix}_en", "string", f"{en} (English translation)", f"{zh}（英文译文）", required),
    )
