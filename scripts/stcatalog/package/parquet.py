"""Parquet copies of every table, for the engines people already have (DuckDB, polars, Spark,
warehouses) and for reading over HTTP with range requests instead of downloading whole CSVs.

Types come from the same Table declarations as the CSV's Table Schema. The writer's options are
pinned, so the same rows give the same bytes with the same pyarrow release (pinned in
pyproject.toml). One file per table: a query reads only the columns and row groups it needs, so
partitioning would only add files at the catalog's size (see the benchmark README)."""

from __future__ import annotations

import datetime as dt
import io

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import Table

ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}
ROW_GROUP = 50_000
BATCH = 2_000  # rows converted to Arrow at a time while a row group fills
MEDIATYPE = "application/vnd.apache.parquet"


def path(table: Table) -> str:
    return f"parquet/{table.name}.parquet"


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(f.name, ARROW_TYPES[f.type], nullable=not f.required) for f in table.fields])


def _value(kind: str, value):
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    return value


# Pinned writer options: the same rows give the same bytes (with the pyarrow release pinned).
OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
}


def _arrow(table: Table, rows: list[dict]) -> pa.Table:
    columns = {f.name: [_value(f.type, row[f.name]) for row in rows] for f in table.fields}
    return pa.Table.from_pydict(columns, schema=arrow_schema(table))


def parquet_bytes(table: Table, rows: list[dict]) -> bytes:
    """The table as one Parquet file (zstd, dictionary-encoded, with column statistics)."""
    out = io.BytesIO()
    pq.write_table(_arrow(table, rows), out, row_group_size=ROW_GROUP, **OPTIONS)
    return out.getvalue()


class ParquetFile:
    """The table's Parquet file written as its rows come, a row group at a time. Rows wait as Arrow
    columns (converted every BATCH rows), so a row group's worth costs about its data, not Python
    objects. The bytes are parquet_bytes' of all the rows: row groups cut at the same rows, each
    written from contiguous columns."""

    def __init__(self, table: Table, out) -> None:
        self.table = table
        self.writer = pq.ParquetWriter(out, arrow_schema(table), **OPTIONS)
        self.rows: list[dict] = []  # not yet converted
        self.columns: list[pa.Table] = []  # converted, not yet written
        self.waiting = 0  # rows in self.columns
        self.written = 0

    def write(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= BATCH:
            self._convert()

    def _convert(self) -> None:
        if self.rows:
            self.columns.append(_arrow(self.table, self.rows))
            self.waiting += len(self.rows)
            self.rows = []
        while self.waiting >= ROW_GROUP:
            data = pa.concat_tables(self.columns).combine_chunks()
            self._flush(data.slice(0, ROW_GROUP))
            rest = data.slice(ROW_GROUP)
            self.columns, self.waiting = ([rest] if rest.num_rows else []), rest.num_rows

    def _flush(self, data: pa.Table) -> None:
        self.writer.write_table(data, row_group_size=ROW_GROUP)
        self.written += data.num_rows

    def close(self) -> None:
        self._convert()
        if self.waiting or not self.written:  # an empty table is written as write_table writes it
            data = pa.concat_tables(self.columns).combine_chunks() if self.columns else _arrow(self.table, [])
            self._flush(data)
        self.columns, self.waiting = [], 0
        self.writer.close()


def resource(table: Table, schema: dict) -> dict:
    """The Data Package resource of a table's Parquet copy (its foreign keys are checked on the CSV)."""
    schema = {k: v for k, v in schema.items() if k not in ("foreignKeys", "missingValues")}
    return {
        "name": f"{table.name}-parquet",
        "title": f"{table.title_en} / {table.title_zh} (Parquet)",
        "description": f"{table.description_en} The same rows as {table.name}.csv, typed, in Parquet.",
        "description_zh": f"{table.description_zh}与{table.name}.csv相同的数据，带类型，Parquet格式。",
        "path": path(table),
        "profile": "tabular-data-resource",
        "format": "parquet",
        "mediatype": MEDIATYPE,
        "schema": schema,
    }
