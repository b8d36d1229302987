"""Step 2 of a seed run: the seed files' entries → validated rows, one unit per file,
and the rules that span files (db/seed/README.md)."""
