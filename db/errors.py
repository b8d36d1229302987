"""Errors a user is expected to meet; the CLI prints them as one line, no traceback."""


class DiplodbError(Exception):
    """An expected failure with a message fit for the user."""
