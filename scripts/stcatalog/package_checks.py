"""Checks of the built package (filled in by the export step)."""


def check_package(catalog, problems) -> None:
    return None
