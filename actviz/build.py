"""Regenerate every artefact derived from the catalogue and the messages::

    python -m actviz.build            # all of them
    python -m actviz.build --check    # say which are stale, change nothing (exit 1 if any)

* ``actviz/_defaults_cache.json``: the properties of every catalogue activation at its defaults
  (:mod:`actviz.defaults_cache`), analysed afresh;
* ``actviz/render/_mathtext_layouts.json``: the mathtext layouts of the default figures' formulas
  (:mod:`actviz.render._speedups`, the command line's), recorded from matplotlib's own parser; checked only where
  the installed matplotlib and FreeType are the ones it was made with;
* ``actviz/_page_cache.json``: the properties the offline page (``actviz page``, the gallery's
  ``explore.html``) shows beyond those: every bound activation the page's own code analyses while it
  builds the page of the whole catalogue with the frameworks' variants (its sliders' grid points, the
  variants at their defaults), recorded as it runs, analysed afresh (:mod:`actviz.page_cache`);
* ``actviz/fonts/NotoSansSC-actviz-*.ttf``: the Chinese font subset, remade when a character of the
  Chinese messages is missing from it (needs Debian's fonts-noto-cjk; :mod:`actviz.fonts.subset`).

Run it after adding or changing an activation, its parameters or facts, a framework's variant, the
page's sliders, the analysis (raise :data:`actviz.analysis.ALGORITHM` too) or a Chinese message; the
tests fail with this command while an artefact is stale.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .spec import Bound

__all__ = ["cache_records", "stale_cache", "page_bounds", "page_records", "stale_page_cache", "missing_glyphs",
           "stale_layouts", "main"]


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


def page_bounds() -> list[Bound]:
    """The bound activations the offline page of the whole catalogue, with the frameworks' variants,
    analyses beyond the defaults cache, in the order it analyses them: recorded while the page's own
    code builds it (``actviz page``'s page; the gallery's ``explore.html`` is the same without the
    variants), so they are the page's points and no second list of them."""
    from . import analysis, defaults_cache
    from .render.page import page_html
    from .selection import select_many

    seen: dict[Bound, None] = {}
    analyse = analysis.analyse

    def recording(bound: Bound, /) -> Any:
        seen.setdefault(bound)
        return analyse(bound)

    analysis.analyse = recording  # type: ignore[assignment]  # Bound.properties looks it up on each call
    try:
        page_html(select_many(()), frameworks=True)
    finally:
        analysis.analyse = analyse
    shipped = defaults_cache.load()
    return [b for b in seen if b.non_defaults or b.name not in shipped]


def _label(name: str, params: Any) -> str:
    """``elu:alpha=0.5``: a bound activation as a spec names it."""
    return name + (":" + ",".join(f"{k}={v}" for k, v in params.items()) if params else "")


def page_records(bounds: list[Bound] | None = None) -> dict[str, dict[str, Any]]:
    """key -> the page cache's record (name, the parameters not at their defaults, and
    :func:`actviz.analysis.cache_record`'s fields), from a fresh analysis of each of ``bounds`` (default:
    :func:`page_bounds`)."""
    from .analysis import cache_record

    out: dict[str, dict[str, Any]] = {}
    for b in page_bounds() if bounds is None else bounds:
        record = {"name": b.name, "params": b.non_defaults, **cache_record(b)}
        if record["key"] in out:  # the same bound reached twice, or (never seen) two bounds with one key
            assert out[record["key"]]["fingerprint"] == record["fingerprint"], f"two functions share the key of {b!r}"
            continue
        out[record["key"]] = record
    return out


def stale_page_cache(bounds: list[Bound] | None = None) -> list[str]:
    """The page's points (``elu:alpha=0.5``; default :func:`page_bounds`) whose page-cache entry is missing
    or no longer used, then the entries no point of the page uses any more."""
    from .analysis import ALGORITHM, cached
    from .defaults_cache import key
    from .page_cache import entry, load

    bounds = page_bounds() if bounds is None else bounds
    stale = [_label(b.name, b.non_defaults) for b in bounds if cached(b) is None]
    wanted = {key(b, ALGORITHM) for b in bounds}
    for k in load():
        if k not in wanted:
            record = entry(k) or {}
            stale.append(_label(str(record.get("name", k)), record.get("params", {})) + " (no longer on the page)")
    return stale


def missing_glyphs() -> str:
    """Characters of the Chinese messages that the bundled font subset lacks."""
    from .fonts.subset import missing

    return missing()


def stale_layouts() -> bool | None:
    """Whether the shipped mathtext layouts differ from matplotlib's parse of the default figures' formulas
    now (None: they were made with another matplotlib or FreeType, so they are not used here)."""
    from .render._speedups import layouts_match, record_layouts

    same = layouts_match(record_layouts())
    return None if same is None else not same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actviz.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say which artefacts are stale")
    args = parser.parse_args(argv)
    stale = stale_cache()
    glyphs = missing_glyphs()
    if args.check:
        layouts = stale_layouts()
        page_stale = stale_page_cache()
        if stale:
            print(f"defaults cache: stale for {', '.join(stale)}")
        if page_stale:
            print(f"page cache: stale for {len(page_stale)} entries: {', '.join(page_stale)}")
        if layouts:
            print("mathtext layouts: stale (a formula, font or size of the default figures changed)")
        elif layouts is None:
            print("mathtext layouts: made with another matplotlib or FreeType, not used here (not checked)",
                  file=sys.stderr)
        if glyphs:
            print(f"Chinese font subset: {len(glyphs)} characters missing ({glyphs[:20]!r})")
        return 1 if stale or page_stale or layouts or glyphs else 0
    from . import defaults_cache, page_cache
    from .render import _speedups

    print(defaults_cache.write(cache_records()))
    print(page_cache.write(page_records()))  # after the defaults: what they hold is left out of it
    print(_speedups.write_layouts(_speedups.record_layouts()))
    if glyphs:
        from .fonts import subset

        code = subset.main([])
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
