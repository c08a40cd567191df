"""What the vocabularies fix for a draft: region codes and domain ids named in a text, and English that
a curator would only copy (a region, domain, unit or programme name, or a glossary term standing alone)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model.catalog import Vocabulary


class Lookup:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        names = []
        for code, r in vocab.regions.items():
            forms = {r["name"]["zh"], *(r.get("aliases") or [])}
            if r.get("short"):
                forms.add(r["short"]["zh"])
            names += [(f, code) for f in forms if len(f) >= 2]
        self._regions = sorted(names, key=lambda x: -len(x[0]))
        self._english = self._fixed_english()
        self.programmes = {p["name"]["zh"]: pid for pid, p in vocab.programmes.items()}

    def _fixed_english(self) -> dict[str, str]:
        fixed: dict[str, str] = {}
        for group in (self.vocab.regions, self.vocab.domains, self.vocab.programmes):
            for item in group.values():
                if item.get("name", {}).get("en"):
                    fixed.setdefault(item["name"]["zh"], item["name"]["en"])
        for unit in self.vocab.units.values():
            fixed.setdefault(unit["name"]["zh"], unit["name"]["en"])
        for term in self.vocab.glossary:
            fixed.setdefault(term["zh"], term["en"])
        return {zh: en for zh, en in fixed.items() if self._agrees(zh, en)}

    def _agrees(self, zh: str, en: str) -> bool:
        """The English renders every glossary term of the Chinese as the glossary says (else a person does)."""
        low = en.lower()
        return all(
            any(v.lower() in low for v in [term["en"], *(term.get("variants") or [])])
            for term in self.vocab.glossary
            if term["zh"] in zh and term["zh"] != zh
        )

    def english(self, zh: str) -> str:
        """The English the vocabularies fix for the whole text, else '' (a person translates it)."""
        return self._english.get(re.sub(r"\s+", "", zh or ""), "")

    def bitext(self, zh: str) -> dict:
        return {"zh": zh, "en": self.english(zh)}

    def regions_in(self, text: str) -> list[str]:
        found, masked = [], text
        for name, code in self._regions:
            if name in masked:
                masked = masked.replace(name, "\0")
                if code not in found:
                    found.append(code)
        return found

    def domains_in(self, text: str) -> list[str]:
        found = []
        for did, d in self.vocab.domains.items():
            if any(w in text for w in _domain_words(d["name"]["zh"])):
                found.append(did)
        return found

    def programme_in(self, text: str) -> str | None:
        return next((pid for zh, pid in self.programmes.items() if zh in text), None)


@lru_cache(maxsize=256)
def _domain_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[与和、及]", name) if len(w) >= 2)
