"""One read-only property that hands an attribute on: ``name = delegated("bound", "name")`` reads
``self.bound.name``. A leaf: the records (``Properties`` of its ``bound``, ``Bound`` of its ``act``)
use it instead of writing the same four-line property for every attribute they pass on."""

from __future__ import annotations

from operator import attrgetter

__all__ = ["delegated"]


def delegated(to: str, name: str, doc: str | None = None) -> property:
    """A property returning ``self.<to>.<name>``."""
    return property(attrgetter(f"{to}.{name}"), doc=doc or f"The {name} of ``{to}``.")
