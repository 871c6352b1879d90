"""The terminal's text in a notebook: a ``<pre>`` in monospace fonts whose braille cells are one digit wide.

A leaf of the outer ring (rich only, imported on use): :mod:`actviz.display` shows tables and results with it,
:class:`actviz.render.braille.TerminalPlot` its plots.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

__all__ = ["MONO_FONTS", "NOTEBOOK_WIDTH", "pre_html", "rich_html", "rich_text", "cell_braille", "require_pandas"]

#: the text's fonts: monospace fonts that carry Braille Patterns (U+2800–U+28FF) in their own cell first
#: (Iosevka, JuliaMono, Cascadia Mono), then common ones with box lines at the digits' width (DejaVu Sans Mono,
#: Menlo, Consolas: their braille comes from a wider fallback, which :func:`cell_braille` boxes one cell wide)
MONO_FONTS = ("'Iosevka', 'JuliaMono', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, 'Noto Sans Mono', "
              "'Liberation Mono', monospace")  # single quotes: the stack goes into a style="..." attribute
_PRE_STYLE = f"font-family: {MONO_FONTS}; font-size: 12px; line-height: 1.2; white-space: pre; " \
             "font-variant-ligatures: none; overflow-x: auto; margin: 0"
#: the <pre> around rich's exported HTML (a str.format template: braces doubled)
_RICH_PRE = ('<pre class="actviz-text" style="' + _PRE_STYLE.replace("{", "{{").replace("}", "}}")
             + '; color: {foreground}; background: {background}; padding: 0.5em">{code}</pre>')
#: the width (columns) of the text of a result in a notebook
NOTEBOOK_WIDTH = 100


def pre_html(content: str) -> str:
    """Plain text as an HTML ``<pre>`` in :data:`MONO_FONTS` (escaped)."""
    return f'<pre class="actviz-text" style="{_PRE_STYLE}">{cell_braille(html.escape(content))}</pre>'


def _console(width: int, buf: io.StringIO, **options: Any) -> Any:
    from rich.console import Console

    # force_jupyter=False: in a notebook rich would otherwise display the text itself and write nothing
    return Console(file=buf, width=width, legacy_windows=False, force_jupyter=False, **options)


def rich_text(renderable: Any, width: int = NOTEBOOK_WIDTH) -> str:
    """What a terminal ``width`` columns wide shows of a rich renderable, without colour."""
    buf = io.StringIO()
    _console(width, buf, color_system=None).print(renderable)
    return buf.getvalue()


def rich_html(renderable: Any, width: int = NOTEBOOK_WIDTH) -> str:
    """A rich renderable in colour as an HTML ``<pre>`` (styles inline, :data:`MONO_FONTS`)."""
    buf = io.StringIO()
    console = _console(width, buf, color_system="truecolor", force_terminal=True, record=True)
    console.print(renderable)
    return cell_braille(console.export_html(inline_styles=True, code_format=_RICH_PRE))


#: a braille cell's box: one digit wide (``1ch``), the glyph centred in it (a flex box centres an overflowing
#: glyph on both sides, where text-align would push it to the right)
_CELL = '<span style="display:inline-flex;justify-content:center;width:1ch">{}</span>'
_BRAILLE = re.compile("[\u2801-\u28ff]")


def cell_braille(markup: str) -> str:
    """HTML whose braille characters take exactly one digit's width, whatever font draws them: few monospace
    fonts carry Braille Patterns (DejaVu Sans Mono, Menlo, Consolas, Fira Code and Source Code Pro do not;
    Iosevka, JuliaMono and Cascadia do), and the browser's fallback (DejaVu Sans, Apple Braille, Segoe UI
    Symbol) is wider than the digits, so a curve ran past its frame. The blank pattern U+2800 becomes a space
    (the same nothing, exactly one cell); every other pattern is boxed one cell wide. Braille never occurs in
    a tag, so the markup is safe to rewrite."""
    return _BRAILLE.sub(lambda m: _CELL.format(m.group()), markup.replace("\u2800", " "))


def require_pandas() -> Any:
    """pandas, imported on use; a one-line error naming the install where it is absent."""
    try:
        import pandas
    except ImportError:
        raise ImportError("to_frame() needs pandas, which is not installed: pip install pandas") from None
    return pandas
