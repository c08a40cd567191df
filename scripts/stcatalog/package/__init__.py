"""The published Frictionless Data Package: table declarations, the CSV/JSON/XLSX writers, and
the checks of the written package (drift, frictionless, JSON Schemas).

Owns: `tables` (every table declared once), `schemas` (Table Schemas, JSON Schemas,
datapackage.json), `encode` (CSV, JSON, XLSX bytes), `export` (deterministic, atomic writing),
`checks` (the package as published), `validate` (sources, then package).
May import: core, model, checks, sources.
"""
