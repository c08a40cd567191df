"""The published tables: each declared once, with its fields, keys and how its rows come from the model.

The Table Schemas in datapackage.json, the JSON Schemas of the JSON outputs, the CSV, JSON and
XLSX files and the site's data dictionary are all generated from these declarations. They are
grouped by family (`structure`, `terms`, `parties`, `vocabularies`), each table beside the builder
of its rows; `common` holds what the declarations share and `cells` what the builders share.
"""

from __future__ import annotations

from ...model.catalog import Catalog
from ..fields import Field
from . import parties, structure, terms, vocabularies
from .common import Table, enum_of

__all__ = ["TABLES", "Field", "Table", "enum_of", "rows_by_guide", "table_rows"]

# The order of the package's resources (datapackage.json, the XLSX sheets, the site's dictionary).
TABLES: tuple[Table, ...] = (
    *structure.TABLES,
    *terms.TABLES,
    *parties.TABLES,
    *vocabularies.TABLES,
    structure.REMOVALS,
)


def table_rows(catalog: Catalog) -> dict[str, list[dict]]:
    """Every table's rows, each row with exactly the table's fields, in field order.

    Computed once per loaded catalog (the package, the pages and the checks all read them); callers
    must not modify the rows."""
    if "rows" not in catalog.memo:
        out = {}
        for table in TABLES:
            names = [f.name for f in table.fields]
            out[table.name] = [{n: row.get(n) for n in names} for row in table.rows(catalog)]
        catalog.memo["rows"] = out
    return catalog.memo["rows"]


def rows_by_guide(rows: dict[str, list[dict]]) -> dict[str, dict[str, list[dict]]]:
    """{guide id: {table name: its rows}} for the per-guide tables, in row order, in one pass."""
    out: dict[str, dict[str, list[dict]]] = {
        g["id"]: {t.name: [] for t in TABLES if t.per_guide} for g in rows["guides"]
    }
    for table in TABLES:
        if table.per_guide:
            for row in rows[table.name]:
                out.setdefault(row["guide_id"], {t.name: [] for t in TABLES if t.per_guide})[table.name].append(row)
    return out
