"""The translations of texts whose English lives elsewhere, beside that English, for translators.

``python -m actviz.messages.review`` lists every such text: its id, whether its translation is
``ok``, ``stale`` (the English changed since it was translated: update the Chinese and put the new
checksum in its entry), ``missing`` or ``unused`` (a translation of a text that no longer exists),
then the English and the Chinese. ``--stale`` lists only those that need work.

Where the English lives: the catalogue's summaries, notes and parameter meanings and the families'
headings (:mod:`actviz.catalog`), the notes, conventions at kinks and differences of each framework's
definitions and the versions checked against that have words (:mod:`actviz.frameworks`).
"""

from __future__ import annotations

import re
import sys

from . import TRANSLATIONS, checksum


def english_texts() -> dict[str, str]:
    """id -> the English of every text that must have a translation, as it reads now."""
    from ..catalog import FAMILIES, OTHER_FAMILIES, REGISTRY
    from ..frameworks import CHECKED, every_definition

    texts = {f"family.{f}": heading for f, heading in {**FAMILIES, **OTHER_FAMILIES}.items()}
    for name in REGISTRY.names():
        act = REGISTRY[name]
        texts[f"act.{name}.summary"] = act.summary
        texts.update({f"act.{name}.note.{i}": note for i, note in enumerate(act.notes)})
        texts.update({f"act.{name}.param.{p.name}": p.help for p in act.params})
    for d in every_definition():
        texts.update({f"fw.{d.framework}.{d.key}.{what}": getattr(d, what) for what in ("note", "kink", "differs")
                      if getattr(d, what)})
    for fw, version in CHECKED.items():  # words beyond the names of packages ("jax backend") are translated
        if set(re.findall(r"[A-Za-z]{4,}", version)) - {"jaxlib", "tensorflow"}:
            texts[f"fw.{fw}.checked"] = version
    return texts


def status(key: str, english: str | None) -> str:
    """``ok``, ``stale``, ``missing`` or ``unused`` (``english`` None: the text no longer exists)."""
    entry = TRANSLATIONS.get(key)
    if english is None:
        return "unused"
    if entry is None:
        return "missing"
    return "ok" if entry[0] == checksum(english) else "stale"


def entries() -> list[tuple[str, str, str | None]]:
    """(id, :func:`status`, English or None) of every text and every translation, by id."""
    texts = english_texts()
    return [(key, status(key, texts.get(key)), texts.get(key)) for key in sorted(texts.keys() | TRANSLATIONS.keys())]


def problems() -> list[str]:
    """One line per translation that is stale, missing or unused, with the checksum and English to
    translate (empty when every translation is up to date)."""
    return [f"{state} {key}" + ("" if english is None else f" ({checksum(english)}): {english}")
            for key, state, english in entries() if state != "ok"]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--stale"]):
        print("usage: python -m actviz.messages.review [--stale]", file=sys.stderr)
        return 2
    for key, state, english in entries():
        if args and state == "ok":
            continue
        print(f"{key}  [{state}]" + ("" if english is None else f"  {checksum(english)}"))
        if english is not None:
            print(f"  en: {english}")
        if key in TRANSLATIONS:
            print(f"  zh: {TRANSLATIONS[key][1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
