"""Broken inputs on purpose: each asserts the exact problem (file, line, field, code) and that
`build` writes nothing, neither a new package nor a change to an existing one."""

from __future__ import annotations

import pytest

from stcatalog.package.validate import validate_all

from .conftest import tree_bytes
from .fixtures.cases import GUIDE, MANIFEST, RAW, REGIONS, Case, at, edit, line_of, write_bytes
from .fixtures.hostile import HOSTILE

CASES = [
    Case(
        "malformed-yaml",
        edit(GUIDE, "year: 2021", "year: [2021"),
        GUIDE,
        lambda root: line_of(root, GUIDE, "year: [2021") + 1,
        "",
        "yaml",
        "YAML syntax error",
    ),
    Case(
        "wrong-type",
        edit(GUIDE, "year: 2021", 'year: "二〇二一"'),
        GUIDE,
        at("year:"),
        "year",
        "schema",
        "is not of type 'integer'",
    ),
    Case(
        "full-width-digits",
        edit(GUIDE, "value_min: 300", "value_min: ３００"),
        GUIDE,
        at("value_min: ３００"),
        "indicators[0].value_min",
        "schema",
        "full-width digits",
    ),
    Case(
        "unknown-region",
        edit(GUIDE, 'regions: ["650000"]', 'regions: ["659999"]'),
        GUIDE,
        at('regions: ["659999"]'),
        "scopes[0].regions[0]",
        "unknown-code",
        "unknown region code '659999'",
    ),
    Case(
        "unknown-domain",
        edit(GUIDE, "domains: [agriculture]", "domains: [astrology]"),
        GUIDE,
        at("domains: [astrology]"),
        "scopes[0].domains[0]",
        "unknown-code",
        "unknown domain 'astrology'",
    ),
    Case(
        "unknown-programme",
        edit(GUIDE, "programme: aid-xinjiang\nsummary", "programme: aid-mars\nsummary"),
        GUIDE,
        at("programme: aid-mars"),
        "programme",
        "unknown-code",
        "unknown programme 'aid-mars'",
    ),
    Case(
        "unknown-unit",
        edit(GUIDE, "unit: person-time", "unit: hectare"),
        GUIDE,
        at("unit: hectare"),
        "indicators[1].unit",
        "unknown-code",
        "unknown unit 'hectare'",
    ),
    Case(
        "duplicate-id",
        edit(GUIDE, "- id: trainees", "- id: base-area"),
        GUIDE,
        at("- id: base-area", nth=2),
        "indicators[1].id",
        "duplicate-id",
        "duplicate id 'base-area'",
    ),
    Case(
        "dangling-section",
        edit(
            GUIDE,
            "    section: indicators\n    project: null\n    scope: agriculture\n    kind: binding",
            "    section: annex-9\n    project: null\n    scope: agriculture\n    kind: binding",
        ),
        GUIDE,
        at("section: annex-9"),
        "indicators[0].section",
        "dangling-reference",
        "unknown section 'annex-9'",
    ),
    Case(
        "dangling-scope",
        edit(GUIDE, "scope: agriculture\n    kind: expected", "scope: industry\n    kind: expected"),
        GUIDE,
        at("scope: industry"),
        "indicators[1].scope",
        "dangling-reference",
        "unknown scope 'industry'",
    ),
    Case(
        "dangling-project",
        edit(GUIDE, "    project: null\n    kind: quota", "    project: ghost\n    kind: quota"),
        GUIDE,
        at("project: ghost"),
        "funding[0].project",
        "dangling-reference",
        "unknown project 'ghost'",
    ),
    Case(
        "parent-after-child",
        edit(GUIDE, "    parent: null\n    number: 一、", "    parent: indicators\n    number: 一、"),
        GUIDE,
        at("parent: indicators"),
        "sections[0].parent",
        "dangling-reference",
        "must come before",
    ),
    Case(
        "missing-english",
        edit(GUIDE, "measure: {zh: 技术人员培训, en: Technician training}", 'measure: {zh: 技术人员培训, en: ""}'),
        GUIDE,
        at("measure: {zh: 技术人员培训"),
        "indicators[1].measure.en",
        "missing-english",
        "missing English",
    ),
    Case(
        "glossary",
        edit(
            GUIDE, "promote the commercialisation of S&T achievements", "promote turning research results into products"
        ),
        GUIDE,
        at("turning research results"),
        "sections[0].text.en",
        "glossary",
        "'科技成果转化' must be rendered as",
    ),
    Case(
        "cite-not-found",
        edit(GUIDE, "cite: 农业领域：支持棉花良种培育", "cite: 农业领域：支持小麦良种培育"),
        GUIDE,
        at("支持小麦良种培育"),
        "scopes[0].cite",
        "cite-not-found",
        "not found verbatim",
    ),
    Case(
        "indicator-text-not-in-raw",
        edit(GUIDE, "text: {zh: 建立示范基地300亩,", "text: {zh: 建立示范基地301亩,"),
        GUIDE,
        at("建立示范基地301亩"),
        "indicators[0].text.zh",
        "cite-not-found",
        "not found verbatim",
    ),
    Case(
        "number-mismatch",
        edit(GUIDE, "value_min: 300\n    value_max: 300", "value_min: 350\n    value_max: 350"),
        GUIDE,
        at("value_min: 350"),
        "indicators[0].value_min",
        "number-mismatch",
        "but the parser reads eq 300..300 mu",
    ),
    Case(
        "comparator-mismatch",
        edit(GUIDE, "comparator: le", "comparator: lt"),
        GUIDE,
        at("value_min: null"),
        "funding[0].value_min",
        "number-mismatch",
        "stored lt None..7 item",
    ),
    Case(
        "quantity-index",
        edit(
            GUIDE, "    comparator: eq\n    value_min: 300", "    quantity: 3\n    comparator: eq\n    value_min: 300"
        ),
        GUIDE,
        at("- id: base-area"),
        "indicators[0]",
        "number-mismatch",
        "quantity 3 does not exist",
    ),
    Case(
        "ratio-mismatch",
        edit(GUIDE, "self_share: 2", "self_share: 3"),
        GUIDE,
        at("public_share: 1"),
        "ratios[0].public_share",
        "number-mismatch",
        "stored ratio 1:3",
    ),
    Case(
        "formula",
        edit(GUIDE, "en: Demonstration base area", "en: '=HYPERLINK(\"http://x\")'"),
        GUIDE,
        at("=HYPERLINK"),
        "indicators[0].measure.en",
        "formula",
        "run as a formula",
    ),
    Case(
        "script-in-title",
        edit(
            GUIDE,
            "en: 2021 Example Call for Proposals for S&T Aid to Xinjiang}",
            'en: "<script>alert(1)</script> Call for Proposals for S&T aid to Xinjiang"}',
        ),
        GUIDE,
        at("<script>"),
        "title.en",
        "markup",
        "HTML markup",
    ),
    Case(
        "path-like-id",
        edit(GUIDE, "- id: base-area", "- id: ../../x"),
        GUIDE,
        at("- id: ../../x"),
        "indicators[0].id",
        "schema",
        "does not match",
    ),
    Case("empty-file", write_bytes(GUIDE, lambda b: b""), GUIDE, 1, "", "empty-file", "file is empty"),
    Case("whitespace-only-file", write_bytes(GUIDE, lambda b: b"\n  \n"), GUIDE, 1, "", "empty-file", "file is empty"),
    Case(
        "huge-field",
        edit(GUIDE, "summary: {zh: 一份用于测试的示例指南。", "summary: {zh: " + "很长" * 10_001),
        GUIDE,
        at("summary:"),
        "summary.zh",
        "schema",
        "20002 characters long; the limit is 20000",
    ),
    Case(
        "gb18030",
        write_bytes(GUIDE, lambda b: b.decode("utf-8").encode("gb18030")),
        GUIDE,
        at("title:"),
        "",
        "encoding",
        "GB18030",
    ),
    Case("bom", write_bytes(GUIDE, lambda b: b"\xef\xbb\xbf" + b), GUIDE, 1, "", "bom", "byte-order mark"),
    Case("crlf", write_bytes(GUIDE, lambda b: b.replace(b"\n", b"\r\n")), GUIDE, 1, "", "line-endings", "CRLF"),
    Case(
        "missing-field",
        edit(GUIDE, "issuer_level: provincial\n", ""),
        GUIDE,
        at("id: demo-2021-call"),
        "",
        "schema",
        "'issuer_level' is a required property",
    ),
    Case(
        "bad-enum",
        edit(GUIDE, "kind: binding", "kind: mandatory"),
        GUIDE,
        at("kind: mandatory"),
        "indicators[0].kind",
        "schema",
        "is not one of",
    ),
    Case(
        "bad-date",
        edit(GUIDE, "date: null", "date: 2021-13-45"),
        GUIDE,
        at("date: 2021-13-45"),
        "date",
        "schema",
        "is not a 'date'",
    ),
    Case(
        "file-name",
        lambda root: (root / GUIDE).rename(root / "datasets/sources/other-name.yaml"),
        "datasets/sources/other-name.yaml",
        at("id: demo-2021-call", "datasets/sources/other-name.yaml"),
        "id",
        "file-name",
        "rename",
    ),
    Case(
        "raw-edited",
        write_bytes(RAW, lambda b: b + "篡改".encode()),
        MANIFEST,
        at("sha256:", MANIFEST),
        "documents[0].sha256",
        "hash-mismatch",
        "must not be edited",
    ),
    Case(
        "raw-missing",
        edit(GUIDE, "raw: 000_0123456789abcdef.txt", "raw: 009_0123456789abcdef.txt"),
        GUIDE,
        at("raw: 009"),
        "raw",
        "missing-raw",
        "does not exist",
    ),
    Case(
        "vocabulary-duplicate",
        edit(REGIONS, '{code: "370000"', '{code: "650000"'),
        REGIONS,
        at('{code: "650000"', REGIONS, nth=2),
        "regions[2].code",
        "duplicate-id",
        "duplicate code '650000'",
    ),
    Case(
        "aid-without-aid-wording",
        edit(GUIDE, "cite: 2021年示例科技援疆申报指南", "cite: 支持棉花良种培育与示范推广"),
        GUIDE,
        at("relation: aid"),
        "pairings[0].relation",
        "aid-without-aid-wording",
        "relation is aid but the cite has no aid wording",
    ),
    Case(
        "aid-to-itself",
        edit(GUIDE, 'recipient: "650000"', 'recipient: "370000"'),
        GUIDE,
        at('recipient: "370000"'),
        "pairings[0].recipient",
        "pairing-same-region",
        "'370000' is named twice",
    ),
    Case(
        "cooperation-with-itself",
        edit(
            GUIDE,
            'relation: aid\n    donor: "370000"\n    recipient: "650000"',
            'relation: cooperation\n    members: ["650000", "650000"]',
        ),
        GUIDE,
        at('members: ["650000", "650000"]'),
        "pairings[0].members[1]",
        "pairing-same-region",
        "'650000' is named twice",
    ),
    Case(
        "cooperation-with-donor",
        edit(
            GUIDE,
            'relation: aid\n    donor: "370000"\n    recipient: "650000"',
            'relation: cooperation\n    members: ["650000", "370000"]\n    donor: "370000"',
        ),
        GUIDE,
        at('donor: "370000"'),
        "pairings[0].donor",
        "pairing-wrong-field",
        "relation cooperation takes members, not donor",
    ),
    Case(
        "cooperation-without-members",
        edit(GUIDE, "relation: aid", "relation: cooperation"),
        GUIDE,
        at("- id: shandong-xinjiang"),
        "pairings[0]",
        "schema",
        "'members' is a required property",
    ),
    Case(
        "title-variants",
        edit(GUIDE, "title: {zh: 农业领域, en: Agriculture}", "title: {zh: 支持方向, en: Directions of support}"),
        GUIDE,
        at("title: {zh: 支持方向"),
        "scopes[0].title.en",
        "title-variants",
        "'支持方向' reads 'Directions of support' here but 'Support directions' at sections[0].heading",
    ),
] + HOSTILE


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_input_is_reported_exactly(mini, cli, case):
    case.mutate(mini)
    expected_line = case.line(mini) if callable(case.line) else case.line
    problems = validate_all(mini)
    matching = [p for p in problems if p.file == case.file and p.code == case.code and p.field == case.field]
    assert matching, f"expected {case.code} at {case.file} [{case.field}], got:\n" + "\n".join(
        p.text() for p in problems
    )
    problem = matching[0]
    assert problem.line == expected_line
    if case.exact:
        assert problem.message == case.message
    else:
        assert case.message in problem.message

    # build refuses and writes nothing: no package appears
    code, out, err = cli("build")
    assert code == 1
    assert "nothing was written" in err
    assert case.code in out
    assert not (mini / "datasets" / "package").exists()
    assert not list((mini / "datasets").glob(".package*"))


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.name in ("number-mismatch", "crlf", "raw-edited")], ids=lambda c: c.name
)
def test_broken_input_leaves_existing_package_untouched(mini, cli, case):
    assert cli("build")[0] == 0
    before = tree_bytes(mini / "datasets" / "package")
    case.mutate(mini)
    assert cli("build")[0] == 1
    assert tree_bytes(mini / "datasets" / "package") == before


def test_every_problem_is_reported_not_just_the_first(mini):
    for mutate in (CASES[3].mutate, CASES[4].mutate, CASES[12].mutate, CASES[16].mutate):
        mutate(mini)
    codes = sorted(p.code for p in validate_all(mini))
    assert codes == ["missing-english", "number-mismatch", "unknown-code", "unknown-code"]


def test_github_annotations(mini, cli):
    edit(GUIDE, "domains: [agriculture]", "domains: [astrology]")(mini)
    code, out, _ = cli("validate", "--format", "github")
    assert code == 1
    line = line_of(mini, GUIDE, "domains: [astrology]")
    assert out.splitlines() == [
        f"::error file={GUIDE},line={line},title=scopes[0].domains[0]::unknown domain 'astrology'"
    ]


def test_clean_tree_validates_and_builds(mini, cli):
    assert cli("validate", "--sources-only")[0] == 0
    code, _, err = cli("build")
    assert code == 0, err
    code, out, err = cli("validate")
    assert code == 0, out
