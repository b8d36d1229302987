"""diplodb: a sourced PostgreSQL database of high-level Iran–Iraq diplomacy."""
