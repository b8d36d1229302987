"""Seed files → validated corpus → one transaction of bulk writes."""
