"""Labels of the code lists (issuer levels, document types, indicator and scope kinds, comparators)
in each language, for the pages. One lookup, so the labels have one home."""

from __future__ import annotations

_LEVELS = {"national": {"zh": "国家级", "en": "National"}, "provincial": {"zh": "省级", "en": "Provincial"},
          "prefectural": {"zh": "地市级", "en": "Prefectural"}, "municipal": {"zh": "县级", "en": "County-level"}}
_TYPES = {"call-for-proposals": {"zh": "申报指南", "en": "Call for proposals"},
         "priority-scope": {"zh": "领域范围", "en": "Priority scope"},
         "implementation-plan": {"zh": "实施方案", "en": "Implementation plan"},
         "work-plan": {"zh": "工作要点", "en": "Work plan"}}
_KINDS = {"binding": {"zh": "约束性", "en": "Binding"}, "expected": {"zh": "预期性", "en": "Expected"},
         "target": {"zh": "目标", "en": "Target"}, "unspecified": {"zh": "未注明", "en": "Unspecified"}}
_COMPARATORS = {"eq": "=", "ge": "≥", "gt": ">", "le": "≤", "lt": "<", "range": "–", "approx": "≈"}
_SCOPE_KINDS = {"regional-scope": {"zh": "地区领域范围", "en": "Regional scope"},
               "task-group": {"zh": "重点任务", "en": "Key task group"}, "task": {"zh": "任务", "en": "Task"},
               "work-item": {"zh": "工作要点", "en": "Work item"}, "key-direction": {"zh": "重点项目方向", "en": "Key-project direction"},
               "general-direction": {"zh": "一般项目方向", "en": "General-project direction"},
               "support-direction": {"zh": "支持方向", "en": "Support direction"}}


_LISTS = {"issuer-levels": _LEVELS, "document-types": _TYPES, "indicator-kinds": _KINDS, "scope-kinds": _SCOPE_KINDS,
          "comparators": {code: {"symbol": symbol} for code, symbol in _COMPARATORS.items()}}


def label(codelist: str, code: str, lang: str) -> str:
    """The label of `code` in `codelist`, in `lang` ("zh", "en"; "symbol" for comparators)."""
    return _LISTS[codelist][code][lang]
