"""What the table declarations share: the Table record, the id patterns, the field groups that recur
across tables and the foreign keys most tables carry, so that a column reads the same wherever it is."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...model.catalog import Catalog, CodeList
from ..fields import Field

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
GLOBAL_ID = r"^[a-z0-9]+(-[a-z0-9]+)*--[a-z0-9]+(-[a-z0-9]+)*$"
REGION = r"^([0-9]{6}|[A-Z]{2}|x-[a-z0-9]+(-[a-z0-9]+)*)$"


@dataclass(frozen=True)
class Table:
    """One published table: its columns, keys, where its rows come from and whether it is split per guide."""

    name: str
    title_en: str
    title_zh: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Catalog], Iterable[dict]]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    per_guide: bool = True  # rows carry guide_id and go into each guide's JSON document
    description_en: str = ""
    description_zh: str = ""


def enum_of(f: Field, codelists: dict[str, CodeList]) -> tuple[str, ...] | None:
    """The values a field may take, from its code list; None for a field without one."""
    if f.codelist is None:
        return None
    return f.subset if f.subset is not None else codelists[f.codelist].codes


# Shared field groups -----------------------------------------------------------------------------
F_ID = Field(
    "id",
    "string",
    "Global id: guide id, '--', record id",
    "全局标识：指南标识--记录标识",
    True,
    True,
    pattern=GLOBAL_ID,
)
F_GUIDE = Field("guide_id", "string", "Guide the record belongs to", "所属指南标识", True, pattern=SLUG)
F_LOCAL = Field("local_id", "string", "Record id within its guide", "指南内记录标识", True, pattern=SLUG)
F_SECTION = Field("section_id", "string", "Section the record is stated in", "所在章节", False, pattern=GLOBAL_ID)
F_PROJECT = Field("project_id", "string", "Project the record belongs to", "所属项目", False, pattern=GLOBAL_ID)
F_SCOPE = Field("scope_id", "string", "Scope the record belongs to", "所属范围/方向", False, pattern=GLOBAL_ID)
F_NUMBER = Field("number", "string", "Numbering as printed in the document", "原文编号")
F_CITE = (
    Field("cite", "string", "Verbatim quotation of the raw document", "原文引文（逐字）", True),
    Field(
        "cite_start",
        "integer",
        "Start offset of the quotation in the raw file (characters, from 0)",
        "引文在原始文件中的起始位置（字符，从0起）",
        True,
        minimum=0,
    ),
    Field(
        "cite_end",
        "integer",
        "End offset (exclusive) of the quotation in the raw file",
        "引文在原始文件中的结束位置（不含）",
        True,
        minimum=0,
    ),
)
F_QUANTITY = (
    Field(
        "comparator",
        "string",
        "eq, ge (at least), gt (more than), le (at most), lt, range or approx",
        "比较方式：eq等于、ge不少于、gt超过、le不超过、lt少于、range区间、approx约",
        True,
        codelist="comparators",
    ),
    Field("value_min", "number", "Lower bound in the source unit", "下限（原文单位）"),
    Field("value_max", "number", "Upper bound in the source unit", "上限（原文单位）"),
    Field("unit", "string", "Unit id (see units)", "单位标识（见单位表）", pattern=SLUG),
    Field("normalised_min", "number", "Lower bound converted to normalised_unit", "换算后的下限"),
    Field("normalised_max", "number", "Upper bound converted to normalised_unit", "换算后的上限"),
    Field(
        "normalised_unit",
        "string",
        "Normalised unit: m2, CNY, USD, kg, m or ratio",
        "换算单位：m2、CNY、USD、kg、m 或 ratio",
    ),
    Field("override_reason", "string", "Why a person overrode the parser's reading, if so", "人工覆盖解析结果的理由"),
)


# Foreign keys most record tables carry ----------------------------------------------------------
G = ((("guide_id",), "guides", ("id",)),)
SEC = ((("section_id",), "sections", ("id",)),)
PRJ = ((("project_id",), "projects", ("id",)),)
