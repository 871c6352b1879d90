"""Regenerate every artefact derived from the catalogue and the messages::

    python -m actviz.build            # all of them
    python -m actviz.build --check    # say which are stale, change nothing (exit 1 if any)

* ``actviz/_defaults_cache.json``: the properties of every catalogue activation at its defaults
  (:mod:`actviz.defaults_cache`), analysed afresh;
* ``actviz/render/_mathtext_layouts.json``: the mathtext layouts of the default figures' formulas
  (:mod:`actviz.render._mathtext_layouts`), recorded from matplotlib's own parser; checked only where
  the installed matplotlib and FreeType are the ones it was made with;
* ``actviz/fonts/NotoSansSC-actviz-*.ttf``: the Chinese font subset, remade when a character of the
  Chinese messages is missing from it (needs Debian's fonts-noto-cjk; :mod:`actviz.fonts.subset`).

Run it after adding or changing an activation, its parameters or facts, the analysis (raise
:data:`actviz.analysis.ALGORITHM` too) or a Chinese message; the tests fail with this command while an
artefact is stale.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["cache_records", "stale_cache", "missing_glyphs", "stale_layouts", "main"]


def cache_records() -> dict[str, dict[str, Any]]:
    """name -> the cache's record, from a fresh analysis of every catalogue activation at its defaults."""
    from .analysis import cache_record
    from .catalog import REGISTRY

    return {name: cache_record(REGISTRY[name].bind()) for name in REGISTRY.names()}


def stale_cache() -> list[str]:
    """The catalogue activations whose shipped cache entry is missing or no longer used."""
    from .analysis import cached
    from .catalog import REGISTRY
    from .defaults_cache import load

    extra = sorted(set(load()) - set(REGISTRY.names()))
    return extra + [name for name in REGISTRY.names() if cached(REGISTRY[name].bind()) is None]


def missing_glyphs() -> str:
    """Characters of the Chinese messages that the bundled font subset lacks."""
    from .fonts.subset import missing

    return missing()


def stale_layouts() -> bool | None:
    """Whether the shipped mathtext layouts differ from matplotlib's parse of the default figures' formulas
    now (None: they were made with another matplotlib or FreeType, so they are not used here)."""
    from .render._mathtext_layouts import matches_shipped, record_defaults

    same = matches_shipped(record_defaults())
    return None if same is None else not same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actviz.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say which artefacts are stale")
    args = parser.parse_args(argv)
    stale = stale_cache()
    glyphs = missing_glyphs()
    if args.check:
        layouts = stale_layouts()
        if stale:
            print(f"defaults cache: stale for {', '.join(stale)}")
        if layouts:
            print("mathtext layouts: stale (a formula, font or size of the default figures changed)")
        elif layouts is None:
            print("mathtext layouts: made with another matplotlib or FreeType, not used here (not checked)",
                  file=sys.stderr)
        if glyphs:
            print(f"Chinese font subset: {len(glyphs)} characters missing ({glyphs[:20]!r})")
        return 1 if stale or layouts or glyphs else 0
    from .defaults_cache import write
    from .render import _mathtext_layouts

    print(write(cache_records()))
    print(_mathtext_layouts.write(_mathtext_layouts.record_defaults()))
    if glyphs:
        from .fonts import subset

        code = subset.main([])
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
