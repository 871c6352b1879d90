"""A read-only mapping from names to activations, with aliases and did-you-mean errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from .errors import ActvizError, UnknownActivationError, closest
from .spec import Activation

__all__ = ["Registry", "normalize"]


def normalize(name: str) -> str:
    """The lookup key of a name: case-insensitive, with '-' and ' ' read as '_'."""
    return name.strip().lower().replace("-", "_").replace(" ", "_")


class Registry(Mapping[str, Activation]):
    """Canonical names in registration order; lookup also accepts aliases.

    ``registry["Leaky-ReLU"]`` finds ``leaky_relu``; an unknown name raises
    :class:`UnknownActivationError` with the closest names. Iteration yields canonical names only.
    """

    def __init__(self, activations: Iterable[Activation] = ()):
        self._items: dict[str, Activation] = {}
        self._keys: dict[str, str] = {}  # normalised name or alias -> canonical name
        for act in activations:
            self.register(act)

    def register(self, act: Activation) -> None:
        """Add ``act``; refuse a name or alias that is already taken."""
        if act.name != normalize(act.name):
            raise ValueError(f"canonical name {act.name!r} must be lower case with underscores")
        for key in (act.name, *act.aliases):
            norm = normalize(key)
            if norm in self._keys:
                raise ValueError(f"{key!r} of {act.name!r} is already taken by {self._keys[norm]!r}")
            self._keys[norm] = act.name
        self._items[act.name] = act

    def __getitem__(self, name: str) -> Activation:
        if not isinstance(name, str):
            raise UnknownActivationError(repr(name), self._keys)
        try:
            return self._items[self._keys[normalize(name)]]
        except KeyError:
            raise UnknownActivationError(name, self._keys) from None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalize(name) in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def names(self) -> list[str]:
        return list(self._items)

    def families(self) -> list[str]:
        """Family names in catalogue order."""
        return list(dict.fromkeys(act.family for act in self._items.values()))

    def family(self, family: str) -> list[Activation]:
        """The activations of one family; an unknown family is an error naming the valid ones."""
        key = normalize(family)
        if key not in self.families():
            hint = closest(key, self.families(), n=1)
            did = f"did you mean {hint[0]!r}? " if hint else ""
            raise ActvizError(f"unknown family {family!r}; {did}valid families: {', '.join(self.families())}")
        return [act for act in self._items.values() if act.family == key]
