"""Drafting a source from a raw document, and scoring drafts against curated answers.

Owns: decoding, segmenting, the extractors and `draft`, and `evaluate`.
May import: core, model, sources (never package or site: a draft is made from the raw text alone).
"""
