"""The published tables: each declared once, with its fields, keys and how its rows come from the model.

The Table Schemas in datapackage.json, the JSON Schemas of the JSON outputs, the CSV, JSON and
XLSX files and the site's data dictionary are all generated from these declarations. They are
grouped by family (`structure`, `terms`, `parties`, `vocabularies`), each table beside the builder
of its rows; `common` holds what the declarations share and `cells` what the builders share.
"""

from __future__ import annotations

import copy
import pickle
import tempfile
from collections.abc import Callable, Iterator

from ...model.catalog import Catalog, Guide
from ..fields import Field
from . import parties, structure, terms, vocabularies
from .common import Table, enum_of

__all__ = ["TABLES", "Field", "Table", "enum_of", "guide_table_rows", "rows_by_guide", "stream_tables", "table_rows"]

# The order of the package's resources (datapackage.json, the XLSX sheets, the site's dictionary).
TABLES: tuple[Table, ...] = (
    *structure.TABLES,
    *terms.TABLES,
    *parties.TABLES,
    *vocabularies.TABLES,
    structure.REMOVALS,
)
TABLE_INDEX = {t.name: i for i, t in enumerate(TABLES)}


# Tables made from the vocabularies alone; every other table's rows come guide by guide.
FROM_VOCABULARIES = frozenset(t.name for t in vocabularies.TABLES)


class _OneGuide:
    """The guides of a one-guide view of the catalog; counts the passes a row builder makes over them."""

    def __init__(self, guide: Guide):
        self.guide = guide
        self.passes = 0

    def __iter__(self) -> Iterator[Guide]:
        self.passes += 1
        yield self.guide

    def __len__(self) -> int:
        return 1


def guide_table_rows(catalog: Catalog, guide: Guide) -> dict[str, list[list[dict]]]:
    """{table: [rows of each pass]} of one guide, for every table made from guides.

    A builder may go over the guides more than once (scope_regions: every target, then every
    partner), so a table's whole order is each pass over all guides in turn; a row is filed under
    the pass that was going on when it came, which is how `stream_tables` puts it back."""
    view = copy.copy(catalog)
    view.memo = {}  # the view's derived data is its own: nothing computed from one guide reaches the catalog
    guides = _OneGuide(guide)
    view.guides = guides  # type: ignore[assignment]  # iterated only
    out: dict[str, list[list[dict]]] = {}
    for table in TABLES:
        if table.name in FROM_VOCABULARIES:
            continue
        names = [f.name for f in table.fields]
        passes: list[list[dict]] = []
        guides.passes = 0
        for row in table.rows(view):
            while len(passes) < guides.passes:
                passes.append([])
            passes[guides.passes - 1].append({n: row.get(n) for n in names})
        out[table.name] = passes
    return out


def stream_tables(
    catalog: Catalog, write: Callable[[str, list[dict]], None]
) -> Iterator[tuple[Guide, dict[str, list[dict]]]]:
    """Every table's rows in one pass over the guides, each guide read once: write(table, rows) gets
    each table's rows in the table's order, in pieces; each guide is yielded with its own rows of
    every table made from guides (what its JSON document and extracts hold). Rows of a builder's
    later passes wait in a temporary file until the last guide, so only one guide's rows are in memory."""
    for table in TABLES:
        if table.name in FROM_VOCABULARIES:
            names = [f.name for f in table.fields]
            write(table.name, [{n: row.get(n) for n in names} for row in table.rows(catalog)])
    later: dict[tuple[str, int], list[tuple[int, int]]] = {}  # (table, pass) -> slots in the spill file
    with tempfile.TemporaryFile() as spill:
        for guide in catalog.guides:
            by_table = guide_table_rows(catalog, guide)
            for name, passes in by_table.items():
                if passes:
                    write(name, passes[0])
                for p, rows in enumerate(passes[1:], start=1):
                    if rows:
                        data = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
                        later.setdefault((name, p), []).append((spill.tell(), len(data)))
                        spill.write(data)
            yield guide, {name: [r for rows in passes for r in rows] for name, passes in by_table.items()}
        for name, p in sorted(later, key=lambda k: (TABLE_INDEX[k[0]], k[1])):
            for offset, length in later[(name, p)]:
                spill.seek(offset)
                write(name, pickle.loads(spill.read(length)))


def table_rows(catalog: Catalog) -> dict[str, list[dict]]:
    """Every table's rows, each row with exactly the table's fields, in field order.

    Computed once per loaded catalog (the pages and the site's files read them all); callers must not
    modify the rows. The package itself is made from `stream_tables`, never holding them all."""
    if "rows" not in catalog.memo:
        out: dict[str, list[dict]] = {t.name: [] for t in TABLES}
        for _ in stream_tables(catalog, lambda name, rows: out[name].extend(rows)):
            pass
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
