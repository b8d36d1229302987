"""Step 3 of a seed run: the validated units → the core tables, by one writer whose
strategy (COPY into empty tables, staged upsert, incremental) is chosen in one place
(``pipeline.load``; db/seed/README.md)."""
