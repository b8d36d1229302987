"""The shape of every seed file, as pydantic models (validation only; no database):
``fields`` (the value types every file shares), ``reference`` (dataset.yaml, reference/
and sources.yaml), ``annotation`` (the sections of an annotation file)."""
