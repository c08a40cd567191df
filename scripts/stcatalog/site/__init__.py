"""The bilingual static site: page builders, MkDocs and Pagefind glue, and `serve`.

Owns: `pages` (the Markdown tree per language), `build` (render, index, publish atomically),
`serve` (local preview with rebuilds).
May import: core, model, checks, sources, package.
"""
