"""The bilingual static site: page builders, templates, MkDocs and Pagefind glue, and `serve`.

Owns: `pages` (builders returning each page's data, no markup; the tables' JSON files), `templates`
and `render` (autoescaped Jinja2: data is text unless a template says |safe), `strings` and `ui`
(the UI strings, one YAML file per language), `labels` (code list labels), `tree` (a language's
MkDocs source folder), `build` (render, index, publish atomically), `serve` (local preview).
May import: core, model, checks, sources, package.
"""
