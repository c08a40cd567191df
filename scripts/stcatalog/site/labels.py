"""Labels of the code lists (issuer levels, document types, indicator and scope kinds, comparators, …)
in each language, for the pages. They are read from datasets/codelists/, the lists' one home.

The site build hands over the catalog's lists (`use`) before it renders; a caller that renders pages
without a build (tests, scripts) gets the lists of the repository the tool runs in."""

from __future__ import annotations

from collections.abc import Mapping

from ..core import paths
from ..core.problems import ProblemList
from ..model.catalog import CodeList
from ..package.tables import Field, enum_of
from ..sources.codelists import load_codelists

_LISTS: dict[str, CodeList] = {}


class CodeListsUnusable(RuntimeError):
    """The repository's code lists have problems: `stcatalog validate` lists them."""


def use(codelists: Mapping[str, CodeList]) -> None:
    """Label with these lists (the loaded catalog's) from now on."""
    _LISTS.clear()
    _LISTS.update(codelists)


def _lists() -> dict[str, CodeList]:
    if not _LISTS:
        problems = ProblemList()
        found = load_codelists(paths.root(), problems)
        if problems:
            raise CodeListsUnusable("; ".join(p.text() for p in problems[:5]))
        _LISTS.update(found)
    return _LISTS


def label(codelist: str, code: str, lang: str) -> str:
    """The label of `code` in `codelist`, in `lang` ("zh", "en"; "symbol" for comparators)."""
    row = _lists()[codelist].rows[code]
    return row["symbol"] if lang == "symbol" else row[f"label_{lang}"]


def field_codes(f: Field) -> tuple[str, ...] | None:
    """The codes a published field may take (for the data dictionary), None if it has no code list."""
    return enum_of(f, _lists())
