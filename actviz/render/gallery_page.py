"""The gallery's pages: ``index.html`` and ``index.md`` for a set of activations and their figures.

One entry per activation, in family sections: its figure, formula and derivative (Unicode text,
:func:`actviz.formulas.plain_formula`: no MathJax, no network), the key properties (range, f′
range, saturation, continuity, zero-centred), parameters, notes and reference; then the property
table. The HTML is self-contained (inline CSS, no scripts, no fonts or anything else fetched),
semantic (``<figure>``/``<figcaption>``, alt text stating the function and its range, explicit
``width``/``height``), fits a 390 px phone without horizontal scrolling (there the property table
becomes a card a function, each value under its column's name; on a wide screen it takes the
screen's width with its header sticky; between, it scrolls in a box no taller than the screen, so
its scrollbar and sticky header stay in view) and, when figures of both themes exist, follows
``prefers-color-scheme``.
Everything is escaped with :func:`html.escape`; the same entries give the same bytes.

stdlib only (plus actviz's text and tables): the figures are made elsewhere (:mod:`.gallery`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import text
from .._version import __version__
from ..catalog import REGISTRY
from ..fonts import COMMON_CJK
from ..messages import activation_notes, activation_text, current, msg
from ..properties import Properties
from ..tables import COLUMNS, markdown_table, saturation_text, stat, yes
from .style import page_colors

__all__ = ["FigureFile", "Entry", "TABLE_COLUMNS", "sections", "alt_text", "html_page", "markdown_page"]

#: the property table's columns (keys of actviz.tables.COLUMNS); formulas are in the entries
TABLE_COLUMNS = ("name", "range", "derivative_range", "saturation", "zero_centred", "monotonic", "dead_zone",
                 "continuity")
#: the x-range of every figure (the plot command's default)
XMIN, XMAX = -5.0, 5.0
#: CSS pixels per inch: a figure is shown at its size in inches, whatever its dpi
CSS_DPI = 96


@dataclass(frozen=True)
class FigureFile:
    """A written figure: its file name in the gallery folder and its size in inches."""

    name: str
    width_in: float
    height_in: float

    @property
    def width(self) -> int:
        """Width in CSS pixels (the ``width`` attribute)."""
        return round(self.width_in * CSS_DPI)

    @property
    def height(self) -> int:
        return round(self.height_in * CSS_DPI)


@dataclass(frozen=True)
class Entry:
    """One activation on the page: its anchor (also its figures' stem), properties and figures,
    ``figures[0]`` in the page's main theme, ``figures[1]`` (if any) the dark variant; ``narrow``
    the same for a phone's screen (no title or formula, which the entry shows as text; larger texts)."""

    anchor: str
    properties: Properties
    figures: tuple[FigureFile, ...]
    narrow: tuple[FigureFile, ...] = ()


#: the widest screen (CSS) that is shown the narrow figures and the property table as cards
PHONE = "40rem"


def sections(entries: Sequence[Entry]) -> list[tuple[str, str, list[Entry]]]:
    """(family, heading, entries) in catalogue order of the families; entries keep their order."""
    order = {f: i for i, f in enumerate(REGISTRY.families())}
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.properties.family, []).append(e)
    ranked = sorted(groups, key=lambda f: (order.get(f, len(order)), list(groups).index(f)))
    return [(f, text.family_title(f), groups[f]) for f in ranked]


# -- the words of an entry ---------------------------------------------------------------------


def _formula(p: Properties) -> str:
    return text.plain_formula(p.formula)


def _derivative(p: Properties) -> str:
    return text.plain_formula(p.derivative_formula)


def _title(p: Properties) -> str:
    """The entry's heading: its title, with the Chinese name where one is in common use (in Chinese)."""
    return text.heading(p.bound, plain=True)


def alt_text(p: Properties) -> str:
    """What the figure shows, for someone who cannot see it: the function and its range."""
    what = text.plain_title(p.bound)
    if p.vector:
        return msg("gallery.alt_vector", what=what, minus=text.MINUS, range=text.range_set(p))
    return msg("gallery.alt", what=what, formula=_formula(p), lo=text.number(XMIN), hi=text.number(XMAX),
               range=text.range_set(p))


def _caption(p: Properties) -> str:
    return msg("gallery.caption_vector" if p.vector else "gallery.caption", what=text.plain_title(p.bound),
               minus=text.MINUS)


def _summary(p: Properties) -> str:
    return activation_text(p.bound.act.origin, "summary", p.bound.act.summary)


def _facts(p: Properties) -> list[tuple[str, str]]:
    """(term, description) pairs of an entry, in reading order."""
    centred = msg("gallery.centred", yes=yes(p.zero_centred), mean=stat(p.mean_output))
    facts = [(msg("info.formula"), _formula(p)), (msg("info.derivative"), _derivative(p)),
             (msg("info.range"), text.range_set(p)), (msg("info.derivative_range"), text.derivative_set(p)),
             (msg("info.saturation"), saturation_text(p)), (msg("gallery.continuity"), text.smoothness(p)),
             (msg("info.zero_centred"), centred)]
    act = p.bound.act
    if act.params:
        shown, formula = [], _formula(p) + " " + _derivative(p)
        for prm in act.params:  # the symbol is named where the formula, as it reads here, uses it
            sym = text.plain_formula(prm.symbol) if prm.symbol else ""
            used = sym and re.search(rf"(?<![^\W\d_]){re.escape(sym)}(?![^\W\d_])", formula)
            shown.append(f"{prm.name} = {text.value(p.params[prm.name])}" + (msg("gallery.symbol", symbol=sym) if used else ""))
        facts.append((msg("info.parameters"), msg("text.list_sep_strong").join(shown)))
    return facts


def _notes(p: Properties) -> list[str]:
    act = p.bound.act
    notes = activation_notes(act.origin, act.notes)
    if p.vector:
        notes.append(msg("gallery.vector_note"))
    return notes


def _reference(p: Properties) -> str:
    ref = p.bound.act.reference.strip()
    return "" if ref in ("", "—", "-") else ref


def _intro(entries: Sequence[Entry]) -> str:
    return msg("gallery.intro", count=text.count(len(entries), "activation_function"))


# -- HTML ----------------------------------------------------------------------------------------

#: the page's lang attribute per language (zh: simplified Chinese, as the reference notes)
_HTML_LANG = {"en": "en", "zh": "zh-Hans"}

_CSS = """\
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:48rem;padding:0 1rem 2rem;background:var(--bg);color:var(--ink);
font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;
overflow-wrap:break-word}
a{color:var(--link)}
h1{font-size:1.8rem;line-height:1.2;margin:1.5rem 0 .5rem}
h2{font-size:1.4rem;margin:2.5rem 0 .5rem;padding-top:.5rem;border-top:2px solid var(--rule)}
h3{font-size:1.15rem;margin:2rem 0 .5rem}
.lead,.muted,figcaption,footer{color:var(--muted)}
nav ul{padding-left:1.2rem}
nav li{margin:.3rem 0}
figure{margin:0 0 .8rem}
figure img{display:block;max-width:100%;height:auto;border:1px solid var(--rule);border-radius:4px}
figcaption{font-size:.9rem;margin-top:.3rem}
dl{display:grid;grid-template-columns:minmax(6.5rem,max-content) minmax(0,1fr);gap:.15rem 1rem;margin:.5rem 0;
padding:.6rem .8rem;background:var(--panel);border-radius:4px}
dt{font-weight:600}
dd{margin:0;min-width:0;overflow-wrap:anywhere}
.notes{padding-left:1.2rem}
.ref{font-size:.95rem}
.scroll{overflow:auto;max-width:100%;max-height:80vh;border:1px solid var(--rule);border-radius:4px}
table{border-collapse:collapse;font-size:.9rem;min-width:100%}
th,td{padding:.35rem .6rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--rule);white-space:nowrap}
thead th{position:sticky;top:0;z-index:2;background:var(--panel)}
tbody th{position:sticky;left:0;z-index:1;background:var(--bg)}
@media (min-width:60rem){#properties .scroll{width:min(calc(100vw - 2rem),82rem);
margin-left:calc(50% - min(calc(50vw - 1rem),41rem));max-width:none;max-height:none;overflow:visible}
#properties th,#properties td{white-space:normal}}
@media (max-width:40rem){.scroll{max-height:none;overflow:visible;border:0}
#properties table,#properties tbody,#properties tr,#properties th,#properties td{display:block;min-width:0}
#properties thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
#properties tr{margin:0 0 .8rem;padding:.4rem .6rem;border:1px solid var(--rule);border-radius:4px;background:var(--panel)}
#properties th[scope=row]{position:static;font-size:1.05rem;border:0;padding:.2rem 0;background:none;
white-space:normal}
#properties td{display:grid;grid-template-columns:minmax(6.5rem,40%) minmax(0,1fr);gap:.8rem;white-space:normal;
border:0;padding:.15rem 0;overflow-wrap:anywhere}
#properties td::before{content:attr(data-label);font-weight:600}}
.up{font-size:.9rem}
footer{margin-top:3rem;font-size:.9rem;border-top:1px solid var(--rule);padding-top:.5rem}
"""


def _vars(theme: str) -> str:
    return ";".join(f"--{k}:{v}" for k, v in page_colors(theme).items())


#: a Chinese page asks for the reader's Chinese fonts first (each platform's, then Noto's)
_CJK_FONTS = "".join(f'"{name}",' for name in COMMON_CJK)


def _style(themes: Sequence[str]) -> str:
    """The stylesheet: the main theme's colours, and the dark ones under prefers-color-scheme when
    the figures exist in both themes; in Chinese, Chinese fonts first."""
    main = themes[0]
    rules = f":root{{color-scheme:{' '.join(themes)};{_vars(main)}}}\n"
    if len(themes) > 1:
        rules += f"@media (prefers-color-scheme: dark){{:root{{{_vars('dark')}}}}}\n"
    css = _CSS.replace("system-ui,", _CJK_FONTS + "system-ui,") if current() == "zh" else _CSS
    return rules + css


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _img(entry: Entry) -> str:
    """The figure, in a ``<picture>`` whose sources pick the narrow figure on a phone and the dark one
    under a dark scheme (the first source that matches wins: narrow dark, narrow, dark, the image)."""
    main = entry.figures[0]
    img = (f'<img src="{_e(main.name)}" width="{main.width}" height="{main.height}" '
           f'alt="{_e(alt_text(entry.properties))}" loading="lazy" decoding="async">')
    phone, dark = f"(max-width: {PHONE})", "(prefers-color-scheme: dark)"
    sources = []
    if len(entry.narrow) > 1:
        sources.append((entry.narrow[1], f"{phone} and {dark}"))
    if entry.narrow:
        sources.append((entry.narrow[0], phone))
    if len(entry.figures) > 1:
        sources.append((entry.figures[1], dark))
    if sources:
        img = "<picture>" + "".join(f'<source srcset="{_e(f.name)}" media="{_e(media)}" width="{f.width}" '
                                    f'height="{f.height}">' for f, media in sources) + img + "</picture>"
    return f'<a href="{_e(main.name)}">{img}</a>'


def explore_link(p: Properties) -> str:
    """Where the entry's function is on the gallery's interactive page, ``explore.html`` (:mod:`.page`): its
    key (``elu``, ``jax.gelu``, an expression ``expr:...``) and the parameters shown, in the page's hash."""
    from urllib.parse import quote

    from .page import page_key

    parts = [("fn", page_key(p.bound.act))] + [(k, text.spec_value(v)) for k, v in p.bound.non_defaults.items()]
    return "explore.html#" + "&".join(f"{k}={quote(str(v), safe='')}" for k, v in parts)


def _html_entry(entry: Entry) -> list[str]:
    p = entry.properties
    out = [f'<article id="{_e(entry.anchor)}" aria-labelledby="{_e(entry.anchor)}-h">',
           f'<h3 id="{_e(entry.anchor)}-h">{_e(_title(p))}</h3>',
           f"<p>{_e(_summary(p))}</p>",
           f"<figure>{_img(entry)}<figcaption>{_e(_caption(p))}</figcaption></figure>",
           "<dl>"]
    for term, desc in _facts(p):
        out.append(f"<dt>{_e(term)}</dt><dd>{_e(desc)}</dd>")
    out.append("</dl>")
    notes = _notes(p)
    if notes:
        out.append('<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    ref = _reference(p)
    if ref:
        out.append(f'<p class="ref">{_e(msg("gallery.reference", reference=ref))}</p>')
    out.append(f'<p class="explore"><a href="{_e(explore_link(p))}">{_e(msg("gallery.explore"))}</a></p>')
    out.append("</article>")
    return out


def _html_table(entries: Sequence[Entry]) -> list[str]:
    head = "".join(f'<th scope="col">{_e(COLUMNS[k].header)}</th>' for k in TABLE_COLUMNS)
    out = ['<section id="properties" aria-labelledby="properties-h">',
           f'<h2 id="properties-h">{_e(msg("gallery.table"))}</h2>',
           f'<p class="muted">{_e(msg("gallery.table_help"))}</p>',
           '<div class="scroll" role="region" aria-labelledby="properties-h" tabindex="0">',
           f"<table><thead><tr>{head}</tr></thead><tbody>"]
    for e in entries:
        p = e.properties
        cells = [f'<th scope="row"><a href="#{_e(e.anchor)}">{_e(text.plain_title(p.bound))}</a></th>']
        cells += [f'<td data-label="{_e(COLUMNS[k].header)}">{_e(COLUMNS[k].text(p))}</td>' for k in TABLE_COLUMNS[1:]]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody></table></div>", "</section>"]
    return out


def _short(entry: Entry, labels: Sequence[str]) -> str:
    label = entry.properties.label
    return text.plain_title(entry.properties.bound) if labels.count(label) > 1 else label


def html_page(entries: Sequence[Entry], *, heading: str, themes: Sequence[str]) -> str:
    """The gallery as one self-contained HTML page (``themes``: the page's theme first, then
    ``"dark"`` when each entry also has a dark figure)."""
    groups = sections(entries)
    labels = [e.properties.label for e in entries]
    nav = []
    for family, title, members in groups:  # labels, with the parameters where a label repeats
        links = ", ".join(f'<a href="#{_e(e.anchor)}">{_e(_short(e, labels))}</a>' for e in members)
        head = f'<a href="#family-{_e(family)}"><strong>{_e(title)}</strong></a>'
        nav.append(f'<li>{msg("text.term", term=head, text=links)}</li>')
    nav.append(f'<li><a href="#properties"><strong>{_e(msg("gallery.table"))}</strong></a></li>')
    out = ["<!DOCTYPE html>", f'<html lang="{_HTML_LANG[current()]}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f'<meta name="generator" content="actviz {_e(__version__)}">',
           f'<meta name="color-scheme" content="{" ".join(themes)}">',
           f"<title>{_e(heading)}</title>", f"<style>\n{_style(themes)}</style>", "</head>", "<body>",
           '<header id="top">', f"<h1>{_e(heading)}</h1>", f'<p class="lead">{_e(_intro(entries))}</p>',
           '<nav aria-labelledby="contents-h">', f'<h2 id="contents-h">{_e(msg("gallery.contents"))}</h2>', "<ul>",
           *nav, "</ul>",
           "</nav>", "</header>", "<main>"]
    for family, title, members in groups:
        out += [f'<section id="family-{_e(family)}" aria-labelledby="family-{_e(family)}-h">',
                f'<h2 id="family-{_e(family)}-h">{_e(title)}</h2>']
        for e in members:
            out += _html_entry(e)
        out += [f'<p class="up"><a href="#top">{_e(msg("gallery.back"))}</a></p>', "</section>"]
    out += _html_table(entries)
    out += ["</main>", f'<footer><p>{_e(msg("gallery.footer", version=__version__))}</p></footer>', "</body>",
            "</html>", ""]
    return "\n".join(out)


# -- Markdown ----------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<])")


def _md(value: str) -> str:
    """Text safe in Markdown: the characters that would start markup are escaped (and a line that
    would open a heading, quote or list)."""
    value = _MD_SPECIAL.sub(r"\\\1", value)
    return "\\" + value if value[:1] in ("#", ">", "+", "-") else value


def markdown_page(entries: Sequence[Entry], *, heading: str, themes: Sequence[str]) -> str:
    """The gallery as Markdown for static-site generators: the same sections, entries and table as
    the HTML page (the dark figures, if any, linked under each entry)."""
    out = [f"# {_md(heading)}", "", _md(_intro(entries)), ""]
    for _family, title, members in sections(entries):
        out += [f"## {_md(title)}", ""]
        for e in members:
            p = e.properties
            main = e.figures[0]
            out += [f"### {_md(_title(p))}", "", _md(_summary(p)), "",
                    f"![{_md(alt_text(p))}]({main.name})", "", f"*{_md(_caption(p))}*", ""]
            if len(e.figures) > 1:
                out += [msg("gallery.dark", link=f"[{e.figures[1].name}]({e.figures[1].name})"), ""]
            out += ["- " + msg("text.term", term=f"**{_md(term)}**", text=_md(desc)) for term, desc in _facts(p)]
            out.append("")
            notes = _notes(p)
            if notes:
                out += [msg("gallery.notes"), ""] + [f"- {_md(n)}" for n in notes] + [""]
            ref = _reference(p)
            if ref:
                out += [_md(msg("gallery.reference", reference=ref)), ""]
    out += [f"## {_md(msg('gallery.table'))}", "",
            markdown_table([e.properties for e in entries], TABLE_COLUMNS).rstrip("\n"), "",
            _md(msg("gallery.footer_markdown", version=__version__)), ""]
    return "\n".join(out)
