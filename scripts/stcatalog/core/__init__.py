"""Foundations every subsystem shares: where the repository is, problems, both cores, file trees.

Owns: `paths` (finding the repository), `problems` (the problem record and its registry),
`parallel` (forked workers), `files` (atomic and minimal tree writes).
May import: the standard library and third-party packages only, never another subpackage.
"""
