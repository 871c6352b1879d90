"""A read-only mapping from names to activations, with aliases and did-you-mean errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from .errors import ActvizError, ParameterError, UnknownActivationError, closest
from .spec import Activation

__all__ = ["Registry", "normalize"]


def normalize(name: str) -> str:
    """The lookup key of a name: case-insensitive, with '-' and ' ' read as '_'."""
    return name.strip().lower().replace("-", "_").replace(" ", "_")


class Registry(Mapping[str, Activation]):
    """Canonical names in registration order; lookup also accepts aliases.

    ``registry["Leaky-ReLU"]`` finds ``leaky_relu`` (and PyTorch's in-place ``leaky_relu_``); an unknown name raises
    :class:`UnknownActivationError` with the closest names. Iteration yields canonical names only.
    """

    def __init__(self, activations: Iterable[Activation] = ()):
        self._items: dict[str, Activation] = {}
        self._keys: dict[str, str] = {}  # normalised name or alias -> canonical name
        self._protected: frozenset[str] = frozenset()
        for act in activations:
            self.register(act)

    def protect(self) -> None:
        """Make every activation registered so far permanent (the catalogue's built-ins)."""
        self._protected = frozenset(self._items)

    def register(self, act: Activation, *, replace: bool = False) -> None:
        """Add ``act``; refuse a name or alias that is already taken (``replace=True`` replaces an
        activation registered earlier under the same name, never a built-in)."""
        if not isinstance(act, Activation):
            raise ActvizError(f"register takes an Activation, not {type(act).__name__}")
        if act.name != normalize(act.name) or not act.name:
            raise ParameterError(f"canonical name {act.name!r} must be lower case with underscores")
        if replace and act.name in self._protected:
            raise ActvizError(f"{act.name!r} is built into actviz and cannot be replaced; register yours under "
                              "another name")
        if replace and act.name in self._items:
            self.unregister(act.name)
        for key in (act.name, *act.aliases):
            norm = normalize(key)
            if norm in self._keys and self._keys[norm] != act.name:
                raise ParameterError(f"{key!r} of {act.name!r} is already taken by {self._keys[norm]!r}")
            if norm in self._keys:
                hint = "" if act.name in self._protected else "; register(..., replace=True) replaces it"
                raise ParameterError(f"{key!r} is already taken (registered){hint}")
        for key in (act.name, *act.aliases):
            self._keys[normalize(key)] = act.name
        self._items[act.name] = act

    def unregister(self, name: str) -> Activation:
        """Remove the activation called ``name`` (or an alias of it) and return it; built-ins stay."""
        act = self[name]
        if act.name in self._protected:
            raise ActvizError(f"{act.name!r} is built into actviz and cannot be unregistered")
        for key in (act.name, *act.aliases):
            self._keys.pop(normalize(key), None)
        del self._items[act.name]
        return act

    def __getitem__(self, name: str) -> Activation:
        if not isinstance(name, str):
            raise UnknownActivationError(repr(name), self._keys)
        key = normalize(name)
        if key not in self._keys and key.endswith("_") and key.rstrip("_") in self._keys:
            key = key.rstrip("_")  # PyTorch's in-place spellings: relu_, elu_, leaky_relu_
        try:
            return self._items[self._keys[key]]
        except KeyError:
            raise UnknownActivationError(name, self._keys) from None

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        key = normalize(name)
        return key in self._keys or (key.endswith("_") and key.rstrip("_") in self._keys)

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
