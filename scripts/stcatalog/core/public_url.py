"""The site's public URL: one setting (`public_url` in datasets/package.yaml), overridable by the
environment variable STCATALOG_PUBLIC_URL for forks and deployments.

While it is unset, nothing absolute is written: links stay relative and whatever needs an absolute
URL (sitemap, feeds, DCAT, the package id) is left out; `unset_notice` says so in one line.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping

ENV = "STCATALOG_PUBLIC_URL"
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$")
NOTICE = (
    "public URL not set (public_url in datasets/package.yaml, or STCATALOG_PUBLIC_URL): links are relative; "
    "sitemap, feeds, DCAT, canonical links and the package id are left out"
)


def public_url(meta: Mapping, environ: Mapping[str, str] | None = None) -> str | None:
    """The public URL with one trailing slash, or None when unset or not a plain http(s) URL.

    The environment wins over package.yaml; an empty variable means "use package.yaml"."""
    env = os.environ if environ is None else environ
    value = (env.get(ENV) or "").strip() or meta.get("public_url")
    if not isinstance(value, str) or not _URL.match(value.strip()):
        return None
    return value.strip().rstrip("/") + "/"


def rejected(meta: Mapping, environ: Mapping[str, str] | None = None) -> str | None:
    """A one-line reason when a public URL is given but cannot be used (so it is treated as unset)."""
    env = os.environ if environ is None else environ
    given: object = (env.get(ENV) or "").strip()
    source = ENV
    if not given:
        given, source = meta.get("public_url"), "public_url in datasets/package.yaml"
    if given in (None, "") or public_url(meta, env) is not None:
        return None
    return f"{source}: not a plain http(s) URL, ignored"


def unset_notice(meta: Mapping, environ: Mapping[str, str] | None = None) -> None:
    """Print the one line saying what is left out, when no public URL is set."""
    if public_url(meta, environ) is None:
        reason = rejected(meta, environ)
        print(f"{reason}; {NOTICE}" if reason else NOTICE, file=sys.stderr)
