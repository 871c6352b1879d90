"""Text that wraps Chinese as Chinese is wrapped: between any two characters, not only at spaces.

rich wraps at spaces only, so a Chinese sentence, which has none, is one "word" to it: it jumps
whole to the next line, leaving a short line behind, and is then cut wherever the width ends,
even before a comma. :class:`Text` is rich's ``Text`` with the line breaking of Chinese typesetting:
a break may fall between any two wide (East Asian) characters, never before closing punctuation
(，。：）…) and never after opening punctuation (（“《…); Latin words and numbers inside the
sentence stay whole. Text without a wide character is wrapped and measured exactly as rich does.

Only public rich API is used (``Text.split``, ``divide``, ``rstrip_end``, ``Lines.justify``,
``truncate``; ``rich.cells.cell_len``); nothing of rich is changed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text as RichText

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions

__all__ = ["Text", "line_breaks", "units"]

#: may not begin a line (closing and pausing punctuation, Chinese and Latin)
NO_START = set("，。、；：！？）》」』】〉〕〗’”…—～·%,.;:!?)]}")
#: may not end a line (opening punctuation)
NO_END = set("（《「『【〈〔〖‘“([{")


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in ("W", "F")


def has_wide(text: str) -> bool:
    """Does ``text`` hold a wide character? Every wide block but Hangul Jamo starts at U+2E80, above
    every symbol actviz writes in English (−, ∞, ′, ⁰, braille): one ``max`` in C settles an English
    text, so an English table is not slowed down."""
    return bool(text) and max(text) >= "\u2e80" and any(_wide(c) for c in text if c >= "\u2e80")


def units(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each unbreakable unit of one line, its trailing spaces included: a wide
    character, or a run of other non-space characters; closing punctuation joins the unit before
    it, and a unit ending in opening punctuation joins the one after it."""
    spans: list[list[int]] = []
    i, n = 0, len(text)
    while i < n:
        start = i
        if _wide(text[i]):
            i += 1
        else:
            while i < n and not text[i].isspace() and not _wide(text[i]):
                i += 1
            if i == start:  # leading spaces of the line: a unit of their own
                while i < n and text[i].isspace():
                    i += 1
                spans.append([start, i])
                continue
        while i < n and text[i].isspace():
            i += 1
        glue_before = spans and text[start] in NO_START and not text[spans[-1][1] - 1].isspace()
        glue_after = spans and text[spans[-1][1] - 1] in NO_END
        if glue_before or glue_after:
            spans[-1][1] = i
        else:
            spans.append([start, i])
    yield from spans


def line_breaks(text: str, width: int, fold: bool = True) -> list[int]:
    """Offsets at which to break one line of ``text`` so that each piece fits ``width`` cells
    (as ``rich._wrap.divide_line``, with :func:`units` for words). A unit wider than the width is
    folded (``fold``) or left to be cropped."""
    breaks: list[int] = []
    used = 0
    for start, end in units(text):
        word = text[start:end]
        length = cell_len(word.rstrip())
        if width - used >= length:
            used += cell_len(word)
            continue
        if length > width and fold:
            if start and used:
                breaks.append(start)
            used = 0
            for k in range(start, end):  # fold, character by character
                w = cell_len(text[k])
                if used + w > width and used and not text[k].isspace():
                    breaks.append(k)
                    used = 0
                used += w
        elif used and start:
            breaks.append(start)
            used = cell_len(word)
        else:
            used = cell_len(word)
    return breaks


class Text(RichText):
    """rich's ``Text``, wrapped and measured by :func:`line_breaks` when it holds a wide character."""

    def wrap(self, console: Console, width: int, *, justify: Any = None, overflow: Any = None,
             tab_size: int = 8, no_wrap: bool | None = None) -> Lines:
        if not has_wide(self.plain):
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                                no_wrap=no_wrap)
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        no_wrap = (self.no_wrap if no_wrap is None else no_wrap) or overflow == "ignore"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            if no_wrap:
                if overflow == "ignore":
                    lines.append(line)
                    continue
                new_lines = Lines([line])
            else:
                new_lines = line.divide(line_breaks(line.plain, width, fold=wrap_overflow == "fold"))
                for piece in new_lines:
                    piece.rstrip_end(width)
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in new_lines:
                piece.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines

    def measure_words(self, console: Console, options: ConsoleOptions) -> Measurement:
        """rich's own measure: the longest run between spaces is the minimum, a Chinese word (or a
        sentence without spaces) whole. For a table column that must not break its words."""
        return super().__rich_measure__(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        measured = super().__rich_measure__(console, options)
        plain = self.plain
        if not has_wide(plain):
            return measured
        longest = max((cell_len(line[s:e].rstrip()) for line in plain.splitlines() for s, e in units(line)),
                      default=measured.maximum)
        return Measurement(min(longest, measured.maximum), measured.maximum)
