"""The Parquet copies: typed like the CSV, byte-stable, declared in datapackage.json, and readable
over HTTP by DuckDB (httpfs) and polars from the built site, as the README shows."""

from __future__ import annotations

import csv
import http.server
import io
import json
import re
import threading
from pathlib import Path

import pytest

from stcatalog.package.export import package_meta, render_package
from stcatalog.package.tables import TABLES
from stcatalog.site.build import build_site
from stcatalog.sources.load import load

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "datasets" / "package"


def httpfs_extension_dir() -> str:
    import duckdb_ext  # the duckdb-ext-httpfs wheel: DuckDB's own build of httpfs, installed from PyPI

    return str(Path(list(duckdb_ext.__path__)[0]) / "extensions")


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that answers single byte ranges, as every real web host does."""

    def log_message(self, *args):
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not (match[1] or match[2]) or not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]) if match[2] else len(data) - 1, len(data) - 1)
        else:  # a suffix range: the last N bytes (where the Parquet footer is)
            start, end = max(len(data) - int(match[2]), 0), len(data) - 1
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(data[start : end + 1])


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet-site") / "site"
    catalog, problems = load(REPO)
    assert problems == []
    build_site(catalog, out)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: RangeHandler(*a, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_every_table_has_a_declared_parquet_copy_with_the_csv_rows():
    import pyarrow.parquet as pq

    package = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    declared = {r["name"]: r for r in package["resources"]}
    for table in TABLES:
        resource = declared[f"{table.name}-parquet"]
        assert resource["format"] == "parquet" and resource["path"] == f"parquet/{table.name}.parquet"
        assert [f["name"] for f in resource["schema"]["fields"]] == [f.name for f in table.fields]
        parquet_rows = pq.read_table(PACKAGE / resource["path"]).to_pylist()
        with open(PACKAGE / "data" / f"{table.name}.csv", encoding="utf-8", newline="") as f:
            csv_rows = list(csv.DictReader(f))
        assert len(parquet_rows) == len(csv_rows), table.name
        for p, c in zip(parquet_rows, csv_rows):
            for field in table.fields:
                value = p[field.name]
                text = "" if value is None else str(value)
                if field.type == "number" and value is not None and float(value).is_integer():
                    text = str(int(value))
                assert text == c[field.name].removeprefix("'") or c[field.name].startswith("'"), (
                    table.name,
                    field.name,
                )


def test_parquet_is_byte_stable_across_builds():
    catalog, _ = load(REPO)
    first = {k: v for k, v in render_package(catalog, package_meta(REPO)).items() if k.startswith("parquet/")}
    second = {
        k: v
        for k, v in render_package(load(REPO, use_cache=False)[0], package_meta(REPO)).items()
        if k.startswith("parquet/")
    }
    assert first and first == second
    assert all(first[k] == (PACKAGE / k).read_bytes() for k in first)


@pytest.mark.slow
def test_duckdb_reads_the_parquet_over_http(site_url):
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET extension_directory = '{httpfs_extension_dir()}'")
    con.execute("LOAD httpfs")
    query = f"SELECT kind, count(*) AS n FROM '{site_url}/data/parquet/indicators.parquet' GROUP BY kind ORDER BY kind"
    over_http = con.execute(query).fetchall()
    local = con.execute(query.replace(f"{site_url}/data", str(PACKAGE))).fetchall()
    assert over_http == local and sum(n for _, n in over_http) > 0


@pytest.mark.slow
def test_polars_reads_the_parquet_over_http(site_url):
    import polars as pl

    remote = pl.read_parquet(f"{site_url}/data/parquet/guides.parquet")
    local = pl.read_parquet(PACKAGE / "parquet" / "guides.parquet")
    with open(PACKAGE / "data" / "guides.csv", encoding="utf-8", newline="") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    assert remote.equals(local) and remote["id"].to_list() == ids
