"""Dependencies shared by the routes."""

from __future__ import annotations

import threading
import weakref
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError

from conflictlens.store import Store


def get_store(request: Request) -> Store:
    """The store the app opened (``app.state.store``)."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]

_locks: weakref.WeakKeyDictionary[Store, threading.Lock] = weakref.WeakKeyDictionary()
_locks_guard = threading.Lock()


def write_lock(store: Store) -> threading.Lock:
    """The lock that serialises this process's re-resolutions of ``store`` (ingest, merge, split).

    Each of them loads a :class:`~conflictlens.resolve.Resolver` from the store and saves what it
    changed; two at once in one process would each miss the other's incidents.
    """
    with _locks_guard:
        lock = _locks.get(store)
        if lock is None:
            lock = _locks[store] = threading.Lock()
        return lock


Responses = dict[int | str, dict[str, Any]]

#: The error answers of reads and of writes, for the OpenAPI document.
READ: Responses = {401: {"description": "Not logged in (and not in public mode)"}}
WRITE: Responses = {
    401: {"description": "Not logged in"},
    403: {"description": "Role too low, or the CSRF token is missing or wrong"},
    404: {"description": "Not found"},
    422: {"description": "Invalid request"},
}
NOT_FOUND: Responses = {404: {"description": "Not found"}}


def reject_nul(request: Request) -> None:
    """Refuse (422) a path or query with a NUL character, which no database column can hold."""
    if "\x00" in request.scope.get("path", "") or any(
        "\x00" in k + v for k, v in request.query_params.multi_items()
    ):
        raise invalid("path", "path", "the address contains a NUL character")


def invalid(where: str, name: str, message: str, value: Any = None) -> RequestValidationError:
    """A 422 answer shaped like FastAPI's own (``detail`` is a list of problems), to raise."""
    return RequestValidationError(
        [{"type": "value_error", "loc": (where, name), "msg": message, "input": value}]
    )
