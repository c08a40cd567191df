"""One public URL setting: everything absolute uses it, and while it is unset no host is made up.

The package and the files the site adds beside MkDocs (sitemaps, feeds, DCAT, robots) are built both
ways here."""

from __future__ import annotations

import json
import re

import pytest

from stcatalog.core.public_url import ENV, NOTICE, public_url, rejected, unset_notice
from stcatalog.package.export import package_meta, render_package
from stcatalog.site.build import extra_files
from stcatalog.sources.load import load

TEST_URL = "https://catalog.test.invalid/st/"
# Hosts the outputs may name whatever the setting: standards and the licence.
KNOWN = {
    "json-schema.org",
    "creativecommons.org",
    "schema.org",
    "www.w3.org",
    "purl.org",
    "xmlns.com",
    "www.sitemaps.org",
}
HOST = re.compile(rb"https?://([A-Za-z0-9.-]+)")


COPIED = ("source.schema.json", "vocabularies.schema.json", "manifest.schema.json")  # the input schemas, as written


def hosts(files: dict[str, bytes]) -> set[str]:
    return {m.decode() for data in files.values() for m in HOST.findall(data)} - KNOWN


@pytest.mark.parametrize(
    "yaml_value, env, expected",
    [
        (None, {}, None),
        ("https://a.example.net", {}, "https://a.example.net/"),
        ("https://a.example.net/cat//", {}, "https://a.example.net/cat/"),
        ("https://a.example.net/", {ENV: "http://127.0.0.1:8105"}, "http://127.0.0.1:8105/"),
        ("https://a.example.net/", {ENV: "  "}, "https://a.example.net/"),
        ("javascript:alert(1)", {}, None),
        ('https://a.example.net/"><script>', {}, None),
        (["https://a.example.net/"], {}, None),
        (None, {ENV: "ftp://host/"}, None),
    ],
)
def test_public_url_setting(yaml_value, env, expected):
    assert public_url({"public_url": yaml_value}, env) == expected


def test_a_bad_setting_is_named_in_one_line(capsys):
    assert rejected({"public_url": None}, {}) is None
    assert rejected({"public_url": "https://ok.example.net/"}, {}) is None
    assert (
        rejected({"public_url": "nope"}, {}) == "public_url in datasets/package.yaml: not a plain http(s) URL, ignored"
    )
    assert rejected({}, {ENV: "x y"}) == f"{ENV}: not a plain http(s) URL, ignored"
    unset_notice({"public_url": None}, {})
    assert capsys.readouterr().err == NOTICE + "\n"
    unset_notice({"public_url": "nope"}, {})
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("public_url in datasets/package.yaml")
    unset_notice({"public_url": TEST_URL}, {})
    assert capsys.readouterr().err == ""


@pytest.fixture
def mini_catalog(mini):
    catalog, problems = load(mini, use_cache=False)
    assert list(problems) == []
    return catalog


def test_package_without_a_public_url_names_no_host(mini_catalog, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    meta = package_meta(mini_catalog.base)
    assert meta["public_url"] is None
    files = render_package(mini_catalog, meta)
    dp = json.loads(files["datapackage.json"])
    assert "id" not in dp and "homepage" not in dp
    made = [n for n in files if n.startswith("schemas/") and n[len("schemas/") :] not in COPIED]
    assert len(made) > 10 and all("$id" not in json.loads(files[n]) for n in made)
    assert hosts(files) == set()


def test_package_with_a_public_url_uses_it(mini_catalog, monkeypatch):
    monkeypatch.setenv(ENV, TEST_URL)
    files = render_package(mini_catalog, package_meta(mini_catalog.base))
    dp = json.loads(files["datapackage.json"])
    assert dp["id"] == TEST_URL + "data/" and dp["homepage"] == TEST_URL
    guides = json.loads(files["schemas/guides.schema.json"])
    assert guides["$id"] == TEST_URL + "data/schemas/guides.schema.json"
    assert json.loads(files["schemas/source.schema.json"])["$id"] == TEST_URL + "data/schemas/source.schema.json"
    assert hosts(files) == {"catalog.test.invalid"}


PAGES = {lang: ["index.md", "guides/demo-2021-call.md", "assets/site.css"] for lang in ("zh", "en")}


def test_site_extras_without_a_public_url(mini_catalog, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    files = extra_files(mini_catalog, PAGES, package_meta(mini_catalog.base))
    assert sorted(files) == ["index.html", "robots.txt"]
    assert files["robots.txt"] == b"User-agent: *\nAllow: /\n"
    assert hosts(files) == set()


def test_site_extras_with_a_public_url(mini_catalog, monkeypatch):
    monkeypatch.setenv(ENV, TEST_URL)
    files = extra_files(mini_catalog, PAGES, package_meta(mini_catalog.base))
    assert {"sitemap.xml", "feed.zh.xml", "feed.en.xml", "data/dcat.jsonld", "robots.txt"} <= set(files)
    assert f"Sitemap: {TEST_URL}sitemap.xml".encode() in files["robots.txt"]
    assert f"<loc>{TEST_URL}en/guides/demo-2021-call/</loc>".encode() in files["sitemap.xml"]
    assert f'<link rel="self" href="{TEST_URL}feed.zh.xml"/>'.encode() in files["feed.zh.xml"]
    dcat = json.loads(files["data/dcat.jsonld"])
    assert dcat["@id"] == TEST_URL + "data/dcat.jsonld"
    assert dcat["dcat:dataset"][0]["dcat:landingPage"] == {"@id": TEST_URL}
    assert hosts(files) == {"catalog.test.invalid"}
