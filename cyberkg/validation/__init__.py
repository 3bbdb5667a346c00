"""Validation of the graph against the SHACL shapes in ``shapes/``: engines, reports, adding files.

The engine-neutral result model and the entry points live in :mod:`cyberkg.validation.reference`.
"""
