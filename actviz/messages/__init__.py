"""The one catalogue of what actviz says to people, in English (en) and Chinese (zh).

Every user-visible word of a figure, table, card or lesson report is a message here, looked up by its
id with :func:`msg` in the language in force::

    msg("info.range")                          # "Range" or "值域"
    msg("gradient.title", layers=..., ...)     # a template, its fields already formatted by actviz.text

The language is chosen per call, never globally: the library's functions take ``lang=`` and run
inside :func:`language` (a context variable, so threads and notebooks keep their own); without it,
``$ACTVIZ_LANG`` if set, else English. The locale is never consulted. Numbers are formatted by
:mod:`actviz.text` and passed in as fields; a message only places them.

The messages are data, in JSON files beside this module (read by :mod:`.data`, which also writes them
in their one canonical form: ``python -m actviz.messages.data``; README.md beside them says what goes
where): ``ui.json`` (labels, tables, lessons), ``activations.json`` (family headings, summaries, notes,
parameter meanings and Chinese names of the catalogue's activations) and ``frameworks.json`` (``actviz
frameworks``: its table, the disagreements between the frameworks and the notes of their definitions),
each table in titled sections. A message's fields in braces are filled in with text already formatted by
:mod:`actviz.text`; no Chinese message holds mathtext (``$...$``: matplotlib's math fonts have no
Chinese). A text whose English lives elsewhere (the catalogue's, the frameworks' definitions') is stored
there only: its translation, in :data:`TRANSLATIONS`, carries a :func:`checksum` of the English it
translates instead of a copy, and is shown only while that English is unchanged (``python -m
actviz.messages.review`` lists them with their English; ``--stale``: those to update). Error messages
stay English (they name options and tokens the user typed). A test fails when a message has no
translation, another when a file is not in canonical form, and another when a character of a Chinese
message is missing from the bundled font (``python -m actviz.fonts.subset`` remakes it from this
catalogue). A malformed file fails at import.

The standard library, errors and options only: every module may import this one.
"""

from __future__ import annotations

import contextlib
import contextvars
import zlib
from collections.abc import Iterator, Sequence

from ..errors import ParameterError
from ..options import LANGUAGE_ENV
from ..options import LANGUAGES as _LANGUAGES
from ..options import resolve_language as resolve
from . import data as _data

__all__ = ["LANGUAGES", "ENV", "MESSAGES", "TRANSLATIONS", "checksum", "msg", "current", "language", "resolve", "is_chinese",
           "localized", "activation_text", "activation_notes", "family_heading", "definition_text", "chinese_name",
           "characters"]

#: the languages actviz speaks, in the order of each message's texts, and the environment variable that
#: chooses one when none is given (:mod:`actviz.options` checks both)
LANGUAGES, ENV = _LANGUAGES, LANGUAGE_ENV

_UI, _FRAMEWORKS, _ACTIVATIONS = (_data.load(name) for name in ("ui", "frameworks", "activations"))
#: message id -> (English, Chinese)
MESSAGES: dict[str, tuple[str, str]] = _data.merged(_UI["messages"], _FRAMEWORKS["messages"])
#: text id -> (checksum of its English, Chinese), for the texts whose English lives elsewhere
TRANSLATIONS: dict[str, tuple[str, str]] = _data.merged(_ACTIVATIONS["translations"], _FRAMEWORKS["translations"])
#: activation name -> its Chinese name, where one is in common use (shown beside ReLU, Sigmoid, ...)
CHINESE_NAMES: dict[str, str] = _data.merged(_ACTIVATIONS["chinese_names"])
del _UI, _FRAMEWORKS, _ACTIVATIONS

#: the language of the innermost :func:`language` block (None outside any)
_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("actviz_lang", default=None)


def current() -> str:
    """The language in force: that of the innermost :func:`language` block, outside any the one
    ``$ACTVIZ_LANG`` names (English if it is unset or names no language actviz speaks)."""
    lang = _LANG.get()
    if lang is None:
        try:
            lang = resolve(None)
        except ParameterError:
            lang = "en"
    return lang


def is_chinese() -> bool:
    return current() == "zh"


@contextlib.contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Run a block in ``lang`` (checked by :func:`resolve`); ``None`` keeps the language of an enclosing
    block, or outside any takes ``$ACTVIZ_LANG`` (else English). The previous language is restored after."""
    token = _LANG.set(resolve(lang) if lang is not None or _LANG.get() is None else _LANG.get())
    try:
        yield _LANG.get()  # type: ignore[misc]
    finally:
        _LANG.reset(token)


def msg(key: str, /, **fields: object) -> str:
    """Message ``key`` in the language in force, its ``{fields}`` filled in (already formatted text)."""
    texts = MESSAGES[key]
    template = texts[LANGUAGES.index(current())]
    return template.format(**fields) if fields else template


def checksum(english: str) -> str:
    """The short checksum a translation in :data:`TRANSLATIONS` keeps of the English it translates."""
    return f"{zlib.crc32(english.encode('utf-8')):08x}"


def localized(key: str, english: str) -> str:
    """A text that lives elsewhere in English (an activation's summary, a family's heading) in the
    language in force: ``key``'s translation while it translates ``english`` (its checksum in
    :data:`TRANSLATIONS`, or a message's English; an edited English text is never shown with a stale
    translation), else ``english`` itself (activations you define have no translation)."""
    lang = current()
    if lang == "en":
        return english
    entry = TRANSLATIONS.get(key)
    if entry is not None:
        return entry[1] if entry[0] == checksum(english) else english
    texts = MESSAGES.get(key)
    if texts is None or texts[0] != english:
        return english
    return texts[LANGUAGES.index(lang)]


def activation_text(name: str, what: str, english: str) -> str:
    """A text of activation ``name`` (``what``: "summary", "note.0", "param.alpha"): see :func:`localized`."""
    return localized(f"act.{name}.{what}", english)


def activation_notes(name: str, notes: Sequence[str]) -> list[str]:
    """The notes of activation ``name`` in the language in force, each matched to its translation by
    its English (a framework's version of ``name`` puts its own notes before those of ``name``)."""
    keys, j = {}, 0
    while (key := f"act.{name}.note.{j}") in TRANSLATIONS:
        keys.setdefault(TRANSLATIONS[key][0], key)
        j += 1
    return [localized(keys[c], n) if (c := checksum(n)) in keys else n for n in notes]


def family_heading(family: str, english: str) -> str:
    """The heading of ``family`` (its English ``english``): see :func:`localized`."""
    return localized(f"family.{family}", english)


def definition_text(framework: str, name: str, what: str, english: str) -> str:
    """A text of ``framework``'s definition of ``name`` (``what``: "note", "kink", "differs"; see
    :mod:`actviz.frameworks`), or of the framework itself (``name`` "", ``what`` "checked": the version
    checked against): see :func:`localized`."""
    return localized(".".join(part for part in ("fw", framework, name, what) if part), english)


def chinese_name(name: str) -> str:
    """The Chinese name in common use for activation ``name`` (``"修正线性单元"`` for relu), or ""."""
    return CHINESE_NAMES.get(name, "") if current() == "zh" else ""


def characters() -> str:
    """Every character of every Chinese message and name, sorted (what the bundled font must hold)."""
    chars = {c for texts in (MESSAGES, TRANSLATIONS) for _, zh in texts.values() for c in zh}
    chars |= {c for n in CHINESE_NAMES.values() for c in n}
    return "".join(sorted(chars))
