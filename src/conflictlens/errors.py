"""The errors conflictlens raises. Messages name the input and the problem in one line."""

from __future__ import annotations


class ConflictlensError(Exception):
    """Base class of every error conflictlens raises on purpose."""


class InputError(ConflictlensError):
    """An input could not be read: empty, binary, badly encoded, too large, malformed."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class StoreError(ConflictlensError):
    """The store could not be opened or written."""
