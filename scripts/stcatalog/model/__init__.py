"""The typed catalog in memory, with no I/O: guides, vocabularies, and the quantity parser that
defines what numbers a text states.

Owns: `catalog` (Guide, Vocabulary, Catalog), `quantities` (numbers, ranges, ratios in Chinese text).
May import: core.
"""
