"""stcatalog: the Open S&T Cooperation Catalog's tooling.

Subpackages, in import order (each may import only those before it):
core → model → checks → sources → package → site; ingest sits beside package (core, model, sources);
cli imports any of them. tests/test_layers.py enforces the order.
"""
