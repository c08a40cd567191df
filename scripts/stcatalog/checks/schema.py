"""JSON Schema checks: every violation, each at the line of the offending value."""

from __future__ import annotations

from typing import Any

import jsonschema
import jsonschema_rs

from ..core.problems import ProblemList, dotted
from ..model.catalog import FULLWIDTH_DIGIT, line_of


class SchemaCheck:
    """A compiled schema: jsonschema-rs answers "valid?" fast; jsonschema explains what is wrong.

    Almost every file is valid, so the slow, detailed validator runs only on the few that are not."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.fast = jsonschema_rs.validator_for(schema, validate_formats=True)
        self._detailed = None

    def is_valid(self, data) -> bool:
        return self.fast.is_valid(data)

    def iter_errors(self, data):
        if self._detailed is None:
            self._detailed = jsonschema.Draft202012Validator(self.schema, format_checker=jsonschema.FormatChecker())
        return self._detailed.iter_errors(data)


def schema_problems(data, schema, rel: str, lines: Any, problems: ProblemList, prefix=()) -> None:
    """Every JSON Schema violation, each at the line of the offending value (schema: a dict or a SchemaCheck)."""
    validator = schema if isinstance(schema, SchemaCheck) else SchemaCheck(schema)
    if validator.is_valid(data):
        return
    errors = list(validator.iter_errors(data))
    if not errors:  # the two libraries disagree: report the fast one's finding rather than nothing
        for err in validator.fast.iter_errors(data):
            problems.add(
                rel,
                line_of(lines, prefix + tuple(err.instance_path)),
                dotted(prefix + tuple(err.instance_path)),
                err.message[:300],
                "schema",
            )
        return
    for err in sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        for leaf in _leaves(err):
            path = prefix + tuple(leaf.absolute_path)
            message = leaf.message
            if leaf.validator == "maxLength":
                message = f"text is {len(leaf.instance)} characters long; the limit is {leaf.validator_value}"
            if isinstance(leaf.instance, str) and FULLWIDTH_DIGIT.search(leaf.instance):
                message += " (it contains full-width digits ０-９; use ASCII digits)"
            if len(message) > 300:
                message = message[:300] + "…"
            problems.add(rel, line_of(lines, path), dotted(path), message, "schema")


def _leaves(err):
    """The most specific errors under an anyOf/allOf, so messages name the real field."""
    if err.context:
        best = jsonschema.exceptions.best_match(err.context)
        return [best] if best is not None else [err]
    return [err]
