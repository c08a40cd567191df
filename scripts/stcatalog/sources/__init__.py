"""Reading the repository's curated files into the model: strict text and YAML with line maps,
the raw documents and their cleaning, the loader and its per-guide cache.

Owns: `strict` (UTF-8, LF, YAML with line numbers), `clean` (what is not the document),
`load` (vocabularies, manifest, guides, then the checks), `cache` (signed JSON results).
May import: core, model, checks.
"""
