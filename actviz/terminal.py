"""Every rich renderable of actviz: the fitted properties table, the list, the info card and the
lessons' tables. Nothing here prints; the command line prints what these return.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style

from . import text
from .advice import advice, general_advice
from .errors import ParameterError
from .messages import activation_notes, activation_text, chinese_name, current, is_chinese, localized, msg
from .options import DEFAULT_WINDOW
from .properties import Properties
from .richtext import Text
from .spec import Activation, Bound
from .tables import (
    COLUMNS,
    default_columns,
    monotonic_text,
    saturation_style,
    saturation_text,
    stat,
    symbol_notes,
    symmetry_text,
    yes,
)

if TYPE_CHECKING:  # pragma: no cover
    from rich.table import Table

    from . import lessons
    from . import training as _training


def _table_class() -> type[Table]:
    """rich's Table, imported when a card or a report needs one: the tables of ``table``, ``list`` and
    ``frameworks`` draw themselves (:class:`FittedTable`), and rich.table costs ~6 ms of start-up."""
    from rich.table import Table

    return Table

__all__ = ["FittedTable", "properties_table", "list_table", "info_card", "gradient_report", "softmax_report",
           "loss_report", "ascii_renderable", "holds_symbols"]

#: symbols actviz prints; an encoding that cannot hold them all gets ASCII spellings
SYMBOLS = "−∞′∪⁰¹²≤≥√σαβλ∂Σ·×→…•"


def holds_symbols(encoding: str | None) -> bool:
    """Can text in ``encoding`` hold every symbol actviz prints?"""
    try:
        SYMBOLS.encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def ascii_renderable(renderable: Any, encoding: str = "ascii") -> Any:
    """``renderable`` with every character ``encoding`` cannot hold in its ASCII spelling (``(−∞, 0]`` ->
    ``(-inf, 0]``, ``C⁰`` -> ``C^0``), for a terminal whose encoding cannot hold actviz's symbols; what
    it holds stays (GBK keeps Chinese). The strings change before rich measures them, so columns still
    line up; rich itself draws ASCII boxes for such an encoding. Works on what this module builds:
    Text, str, Table, Group, Panel and FittedTable (a Group is rebuilt, the others changed in place;
    a rich Table keeps its cells only in ``Column._cells``, the one private name used)."""

    def convert(r: Any) -> Any:
        return ascii_renderable(r, encoding)

    if isinstance(renderable, str):
        return text.for_encoding(renderable, encoding)
    if isinstance(renderable, Text):
        return _ascii_text(renderable, encoding)
    if isinstance(renderable, FittedTable):
        renderable.headers = [convert(h) for h in renderable.headers]
        renderable.rows = [[convert(c) for c in row] for row in renderable.rows]
        renderable.notes = [convert(n) for n in renderable.notes]
    elif "rich.table" in sys.modules and isinstance(renderable, sys.modules["rich.table"].Table):
        for column in renderable.columns:
            column.header = convert(column.header)
            column._cells = [convert(c) for c in column._cells]  # noqa: SLF001 (rich keeps cells here)
        if renderable.title is not None:
            renderable.title = convert(renderable.title)
    elif isinstance(renderable, Group):
        return Group(*(convert(r) for r in renderable.renderables), fit=renderable.fit)
    elif isinstance(renderable, Panel):
        renderable.renderable = convert(renderable.renderable)
        if renderable.title is not None:
            renderable.title = convert(renderable.title)
    return renderable


def _ascii_text(t: Text, encoding: str = "ascii") -> Text:
    """A Text spelled for ``encoding`` with its styles kept on the same words."""
    out = Text(style=t.style, justify=t.justify, overflow=t.overflow, no_wrap=t.no_wrap, end=t.end)
    cuts = sorted({0, len(t.plain), *(s.start for s in t.spans), *(s.end for s in t.spans)})
    for a, b in zip(cuts, cuts[1:]):
        piece = text.for_encoding(t.plain[a:b], encoding)
        start = len(out.plain)
        out.append(piece)
        for span in t.spans:
            if span.start <= a and span.end >= b:
                out.stylize(span.style, start, start + len(piece))
    return out


# -- rich -----------------------------------------------------------------------------------------


def _name_cell(p: Properties) -> Text:
    cell = Text(p.name + (" *" if p.vector else ""), style="bold")
    shown = text.shown_assignments(p.bound)  # upper=0.3333, and no α = 0 under a plain ReLU
    if shown:
        cell.append("\n" + shown, style="dim")
    return cell


def _notes(rows: Sequence[Properties], columns: Sequence[str]) -> list[str]:
    """Footnotes for the columns shown (and the vector note when a vector activation is a row)."""
    notes = [msg("table.note", header=COLUMNS[k].header, help=COLUMNS[k].help) for k in columns if COLUMNS[k].help]
    notes += symbol_notes(rows, columns)
    if any(p.vector for p in rows):
        notes.append(msg("table.vector_note_rich"))
    return notes


def _table_overhead(n: int) -> int:
    """Width a SIMPLE_HEAD table with ``pad_edge=False`` adds to ``n`` columns' content:
    2 edge characters, n − 1 separators, padding 1 + 1 except at the outer edges."""
    return 2 + (n - 1) + 2 * n - 2


def _share(mins: list[int], maxs: list[int], avail: int) -> list[int]:
    """Column widths between ``mins`` and ``maxs`` summing to at most ``avail`` (``sum(mins) ≤ avail``):
    every column its natural width if all fit; else the spare width is water-filled, so that columns
    needing little get all they need and the others share the rest equally."""
    if sum(maxs) <= avail:
        return list(maxs)
    need = [max(0, mx - mn) for mn, mx in zip(mins, maxs)]
    spare = max(0, avail - sum(mins))
    level = 0  # the largest L with sum(min(need, L)) ≤ spare
    for cap in sorted(set(need)):
        if sum(min(n, cap) for n in need) > spare:
            break
        level = cap
    else:
        return list(maxs)
    widths = [mn + min(n, level) for mn, n in zip(mins, need)]
    left = avail - sum(widths)
    for i in sorted(range(len(need)), key=lambda i: need[i]):  # what remains: one more each, smallest needs first
        if left <= 0:
            break
        extra = min(need[i] - min(need[i], level), left // max(1, sum(n > level for n in need)) or 1, left)
        if extra > 0:
            widths[i] += extra
            left -= extra
    return widths


class FittedTable:
    """A table laid out for the width it is printed at.

    Each column is at least as wide as its longest word (header included), so no word is broken;
    the spare width is shared by need. When even those minimum widths do not fit, the columns are
    stacked in several tables, each repeating the first column, so no column asked for is dropped.
    Footnotes follow the tables as wrapped text (never cut).
    """

    def __init__(self, headers: Sequence[Text], rows: Sequence[Sequence[Text]], *, no_wrap: Sequence[bool],
                 column_style: Sequence[str | None], sections: Sequence[bool] = (), notes: Sequence[str] = (),
                 expand: bool = False, breakable: Sequence[bool] = (), prefer: tuple[int, int] | None = None,
                 caps: Sequence[int | None] = ()) -> None:
        self.headers, self.rows, self.no_wrap, self.column_style = list(headers), [list(r) for r in rows], no_wrap, column_style
        self.sections = list(sections) or [False] * len(self.rows)
        self.notes, self.expand = list(notes), expand
        self.breakable = list(breakable) or [False] * len(self.headers)  #: long words there may be folded
        self.prefer = prefer  #: (column, width): that column gets up to that width before the others grow
        self.caps = list(caps) or [None] * len(self.headers)  #: widest a column grows (its lines wrap beyond)

    def _range(self, console: Console, options: ConsoleOptions, i: int) -> tuple[int, int, int]:
        """(longest word, longest line of the cells, longest line including the header)."""
        cells = [self.headers[i], *(r[i] for r in self.rows)]
        if self.breakable[i]:  # Chinese may break between characters here (a summary, a sentence)
            measured = [Measurement.get(console, options, c) for c in cells]
        else:  # no word is broken: a Chinese word such as 递增 or 以零为中心 keeps its characters together
            measured = [c.measure_words(console, options) if isinstance(c, Text) else Measurement.get(console, options, c)
                        for c in cells]
        low = max(m.minimum for m in measured)
        body = max((m.maximum for m in measured[1:]), default=0)
        if self.breakable[i]:
            low = min(low, max(12, measured[0].minimum))
        if self.no_wrap[i]:  # its cells keep their lines; only the header may wrap between words
            low = max(low, body)
        cap = self.caps[i] if self.caps[i] is not None else 10**6
        return low, max(low, min(body, cap)), max(low, min(max(body, measured[0].maximum), cap))

    def groups(self, console: Console, options: ConsoleOptions) -> list[tuple[list[int], list[int]]]:
        """[(column indices, widths)] for each table to print."""
        width = options.max_width
        wide = options.update_width(10_000)
        ranges = [self._range(console, wide, i) for i in range(len(self.headers))]
        mins = [r[0] for r in ranges]
        n = len(ranges)
        if sum(mins) + _table_overhead(n) <= width or n == 1:
            return [(list(range(n)), self._widths(list(range(n)), ranges, width))]
        out: list[list[int]] = []
        group = [0]
        for i in range(1, n):
            if len(group) > 1 and sum(mins[j] for j in group) + mins[i] + _table_overhead(len(group) + 1) > width:
                out.append(group)
                group = [0]
            group.append(i)
        out.append(group)
        return [(g, self._widths(g, ranges, width)) for g in out]

    def _widths(self, cols: list[int], ranges: list[tuple[int, int, int]], width: int) -> list[int]:
        """Minimum widths, then unwrapped cells, then unwrapped headers, as far as the width allows."""
        avail = max(width - _table_overhead(len(cols)), 0)
        sub_min = [ranges[i][0] for i in cols]
        if sum(sub_min) > avail:  # narrower than its longest words: let rich fold what it must
            return [max(1, m * avail // max(1, sum(sub_min))) for m in sub_min]
        if self.prefer is not None and self.prefer[0] in cols:
            j = cols.index(self.prefer[0])
            sub_min[j] = min(max(sub_min[j], self.prefer[1], 0), ranges[cols[j]][1], avail - sum(sub_min) + sub_min[j])
        widths = _share(sub_min, [ranges[i][1] for i in cols], avail)
        for j in sorted(range(len(cols)), key=lambda j: ranges[cols[j]][2] - widths[j]):  # unwrap what fits
            need = ranges[cols[j]][2] - widths[j]
            if 0 < need <= avail - sum(widths):
                widths[j] += need
        if self.expand and sum(widths) < avail:
            widths[-1] += avail - sum(widths)
        return widths

    def _lines(self, cols: list[int], widths: list[int], console: Console, options: ConsoleOptions) -> RenderResult:
        """The table of columns ``cols`` at ``widths``, drawn line by line as rich draws a ``Table`` with
        box SIMPLE_HEAD, ``pad_edge=False`` and padding (0, 1) (the same characters and styles, and
        rich's ASCII box where the output cannot hold the rule): the top edge, the header (bold, at the
        bottom of its row), the rule under it, the rows (a section line before each new section), the
        bottom edge. ~5 ms less than rich's Table for the 61-row table, and no rich.table import."""
        frame = box.SIMPLE_HEAD.substitute(options, safe=console.safe_box)
        n = len(cols)
        padded = [w + (j > 0) + (j < n - 1) for j, w in enumerate(widths)]  # no padding at the outer edges
        line = Segment.line()
        yield from (Segment(frame.get_top(padded)), line)
        bold = console.get_style("bold")
        yield from self._row([self.headers[i] for i in cols], [bold] * n, cols, widths, console, options,
                             (frame.head_left, frame.head_vertical, frame.head_right), bottom=True)
        yield from (Segment(frame.get_row(padded, "head")), line)
        styles = [console.get_style(self.column_style[i]) if self.column_style[i] else Style() for i in cols]
        last = len(self.rows) - 1
        for r, (row, section) in enumerate(zip(self.rows, self.sections)):
            if section and r:
                yield from (Segment(frame.get_row(padded, "row")), line)
            edges = (frame.foot_left, frame.foot_vertical, frame.foot_right) if r == last else \
                (frame.mid_left, frame.mid_vertical, frame.mid_right)
            yield from self._row([row[i] for i in cols], styles, cols, widths, console, options, edges)
        yield from (Segment(frame.get_bottom(padded)), line)

    def _row(self, cells: list[Text], styles: list[Style], cols: list[int], widths: list[int], console: Console,
             options: ConsoleOptions, edges: tuple[str, str, str], bottom: bool = False) -> list[Segment]:
        """The lines of one row: each cell wrapped at its width, padded, between the box's edges and
        column rules; ``bottom``: the header row (its cells may wrap, aligned to the bottom)."""
        rendered = []
        for i, cell, style, width in zip(cols, cells, styles, widths):
            if self.no_wrap[i] and not bottom:  # a body cell keeps its lines (the width is at least theirs)
                cell.no_wrap = True
            rendered.append(console.render_lines(
                cell, options.update(width=width, height=None, justify="left", overflow="fold", no_wrap=False),
                style=style))  # as rich's Table: the column's wrapping, whatever the console's
        height = max(len(lines) for lines in rendered)
        left, rule, right = (Segment(e) for e in edges)
        out: list[Segment] = []
        last = len(cols) - 1
        for k in range(height):
            out.append(left)
            for j, (lines, style, width) in enumerate(zip(rendered, styles, widths)):
                at = k - (height - len(lines)) if bottom else k
                if 0 <= at < len(lines):  # a line of the cell between its paddings (none at the outer edges)
                    out += [Segment(" ", style)] * (j > 0) + lines[at] + [Segment(" ", style)] * (j < last)
                else:  # below (or above) a shorter cell: one blank as wide as the cell and its paddings
                    out.append(Segment(" " * (width + (j > 0) + (j < last)), style))
                if j < last:
                    out.append(rule)
            out += [right, Segment.line()]
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        groups = self.groups(console, options)
        for n, (cols, widths) in enumerate(groups):
            if n:
                yield Text("")
            yield from self._lines(cols, widths, console, options)
        for note in self.notes:
            yield Text(note)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        groups = self.groups(console, options)
        widest = max(sum(w) + _table_overhead(len(w)) for _, w in groups)
        return Measurement(min(widest, options.max_width), options.max_width if self.notes else widest)


def properties_table(rows: Sequence[Properties], columns: Sequence[str] | None = None,
                     width: int | None = None) -> FittedTable:
    """A terminal table fitted to the console it is printed on: every column asked for is shown
    (stacked in several tables when they cannot fit side by side), no word is broken. Without
    ``columns``, the columns that suit a terminal ``width`` wide."""
    columns = tuple(columns) if columns else default_columns("rich", width)
    headers = [Text(COLUMNS[k].header) for k in columns]
    body: list[list[Text]] = []
    sections: list[bool] = []
    family = None
    for p in rows:
        sections.append(family is not None and p.family != family)  # a rule between families
        family = p.family
        cells = []
        for key in columns:
            col = COLUMNS[key]
            cells.append(_name_cell(p) if key == "name" else Text(col.text(p), style=col.style(p) if col.style else ""))
        body.append(cells)
    ranges = ("range", "derivative_range", "ranges", "zero_gradient")
    return FittedTable(headers, body, no_wrap=[k in ranges[:3] for k in columns],
                       column_style=["cyan" if k in ranges[:3] else None for k in columns],
                       sections=sections, notes=_notes(rows, columns),
                       caps=[{"name": 24, "formula": 40}.get(k) for k in columns])


# -- list and info --------------------------------------------------------------------------------


def list_table(acts: Iterable[Activation]) -> FittedTable:
    """Canonical names with their aliases below them (one per line, dim), family and summary: at 80
    columns a row takes two or three lines; names are never broken, the summary takes what is left."""
    rows = []
    for act in acts:  # Text, not markup: summaries contain brackets such as [lower, upper]
        name = Text(act.name, style="bold")
        for alias in act.aliases:
            name.append("\n" + alias, style="dim")
        rows.append([name, Text(act.family), Text(activation_text(act.origin, "summary", act.summary))])
    headers = [Text(msg(h)) for h in ("list.name", "list.family", "list.summary")]
    return FittedTable(headers, rows, no_wrap=[True, True, False], column_style=[None, "cyan", None], expand=True,
                       breakable=[False, False, True], prefer=(2, 40))


def frameworks_table(comparisons: Sequence[Any]) -> FittedTable:
    """Each function as each framework calls it (its defaults in the framework's own words, ``—`` where
    it has none) and, in red, every disagreement between them (actviz frameworks), in the language in force."""
    from .frameworks import FRAMEWORKS
    from .tables import checked_text, framework_cell

    rows = []
    for c in comparisons:
        cells = [Text(c.name, style="bold")]
        for fw in FRAMEWORKS:
            cells.append(Text(framework_cell(c, fw, short=True), style="" if c.definitions[fw] else "dim"))
        found = Text()
        for i, (kind, what) in enumerate(c.in_language(current()).disagreements):
            found.append(("\n" if i else "") + msg("frameworks.kind_label", kind=msg("frameworks.kind." + kind)),
                         style="bold red")
            found.append(what)
        cells.append(found if c.disagreements else Text(msg("word.none"), style="green"))
        rows.append(cells)
    headers = [Text(msg("frameworks.name")), *(Text(FRAMEWORKS[fw].title) for fw in FRAMEWORKS),
               Text(msg("frameworks.disagreements"))]
    return FittedTable(headers, rows, no_wrap=[True] + [False] * (len(headers) - 1),
                       column_style=[None] * len(headers),
                       notes=[msg("frameworks.checked", versions=checked_text()), msg("frameworks.no_parameters")],
                       expand=True, breakable=[False] * (len(headers) - 1) + [True], sections=[True] * len(rows),
                       prefer=(len(headers) - 1, 60))


def _family_cell(family: str) -> str:
    """The family as --family takes it; in Chinese, its heading first: 自门控（x·g(x)）（gated）."""
    if not is_chinese():
        return family

    return f"{text.family_title(family)}（{family}）"


@functools.cache
def _kv_class() -> type[Table]:
    class _KV(_table_class()):  # type: ignore[misc]
        """Two columns, key and value; plain strings are taken literally (no rich markup)."""

        def add_row(self, *cells: Any, **kwargs: Any) -> None:  # type: ignore[override]
            super().add_row(*(Text(c) if isinstance(c, str) else c for c in cells), **kwargs)

    return _KV


def _kv_table() -> Table:
    t = _kv_class()(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    t.add_column(style="bold", no_wrap=True)
    t.add_column(overflow="fold")
    return t


def _bullets(items: Iterable[str], style: str = "") -> Table:
    """A bulleted list whose wrapped lines hang under the text, not under the bullet."""
    t = _table_class().grid(padding=(0, 1, 0, 0))
    t.add_column(no_wrap=True)
    t.add_column(overflow="fold")
    for item in items:
        t.add_row("•", Text(item, style=style))
    return t


def info_card(p: Properties) -> RenderableType:
    """Everything actviz knows about one activation, for the parameters of ``p``."""
    act = p.bound.act
    head = _kv_table()
    head.add_row(msg("info.formula"), text.plain_formula(p.formula))
    head.add_row(msg("info.derivative"), text.plain_formula(p.derivative_formula))
    head.add_row(msg("info.family"), _family_cell(act.family))
    if act.aliases:
        head.add_row(msg("info.aliases"), ", ".join(act.aliases))
    parts: list[RenderableType] = [Text(activation_text(act.origin, "summary", act.summary), style="italic"), Text(""),
                                   head, Text(""), _small_plot(p.bound)]

    if act.params:
        params = _table_class()(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, title=msg("info.parameters"),
                       title_justify="left", title_style="bold")
        params.add_column(msg("info.param_name"), style="bold", no_wrap=True)
        params.add_column(msg("info.param_symbol"), no_wrap=True)
        params.add_column(msg("info.param_used"), no_wrap=True)
        params.add_column(msg("info.param_default"), no_wrap=True)
        params.add_column(msg("info.param_domain"), overflow="fold")
        params.add_column(msg("info.param_meaning"), overflow="fold", ratio=1)
        for prm in act.params:
            used = p.params[prm.name]
            params.add_row(Text(prm.name), Text(text.plain_formula(prm.symbol) if prm.symbol else "—"),
                           Text(text.value(used), style="bold yellow" if used != prm.default else ""),
                           Text(text.value(prm.default)), Text(prm.domain),
                           Text(activation_text(act.origin, "param." + prm.name, prm.help)))
        parts += [Text(""), params]

    props = _kv_table()
    if p.range_decided:
        low_at = msg("info.at_x", x=text.number(p.low.at)) if p.low.closed and p.low.at is not None and p.extrema else ""
        high_at = msg("info.at_x", x=text.number(p.high.at)) if p.high.closed and p.high.at is not None and p.extrema else ""
        props.add_row(msg("info.range"), Text(text.range_set(p), style="cyan")
                      .append(low_at and msg("info.min_at", at=low_at), style="")
                      .append(high_at and msg("info.max_at", at=high_at), style=""))
    else:  # what evaluation suggests, said to be no more than that
        props.add_row(msg("info.range"), Text(text.evidence(p.range_evidence), style="dim"))
    props.add_row(msg("info.derivative_range"), Text(text.derivative_set(p), style="cyan") if p.derivative_range_decided
                  else Text(text.evidence(p.derivative_range_evidence), style="dim"))
    props.add_row(msg("info.limits"), f"{text.limit(p.limits[0])}, {text.limit(p.limits[1])}")
    props.add_row(msg("info.saturation"), Text(saturation_text(p), style=saturation_style(p)))
    props.add_row(msg("info.dead_zone"), Text(yes(p.dead_zone), style="bold red" if p.dead_zone else "green"))
    props.add_row(msg("info.zero_gradient"), Text(text.zero_gradient(p), style="yellow" if p.zero_gradient else "")
                  .append(msg("info.bounded_band") if p.zero_gradient else ""))
    props.add_row(msg("info.monotonic"), monotonic_text(p))
    props.add_row(msg("info.derivative_monotonic"), yes(p.derivative_monotonic))
    props.add_row(msg("info.identity"), yes(p.identity_near_origin))
    props.add_row(msg("info.symmetry"), symmetry_text(p))
    others = [k for k in p.kinks if k not in {x for x, _ in p.jumps}]
    kinks = msg("info.other_kinks" if p.jumps else "info.kinks", at=", ".join(text.number(k) for k in others)) \
        if others else ""
    props.add_row(msg("info.smoothness"), Text(text.smoothness(p), style="red" if p.material_jump else "")
                  .append(kinks))
    props.add_row(msg("info.zero_centred"), Text(yes(p.zero_centred), style="green" if p.zero_centred else "yellow"))
    props.add_row(msg("info.under_normal"), f"E f(Z) = {stat(p.mean_output)},  Var f(Z) = {stat(p.output_variance)},  "
                                            f"E f′(Z) = {stat(p.mean_derivative)}")
    from .deep_text import info_rows

    for label, value in info_rows(p.bound):  # the gains and the critical initialisation (actviz gain, phase)
        props.add_row(label, value)
    if p.note:
        props.add_row(msg("info.note"), Text(msg("text.sentence", text=localized("info.vector_note", text.capitalized(p.note))),
                                             style="yellow"))
    parts += [Text(""), Text(msg("info.derived"), style="bold"), props]

    if act.notes:
        if act.framework:  # a framework's version: its framework's notes first (presets loads on use)
            from .presets import preset_notes

            notes = preset_notes(act)
        else:
            notes = activation_notes(act.origin, act.notes)
        parts += [Text(""), Text(msg("info.notes"), style="bold"), _bullets(notes)]
    parts += [Text(""), Text(msg("info.advice"), style="bold"), _bullets(advice(p)),
              _bullets([general_advice()], style="dim")]
    if act.reference and act.reference != "—":
        parts += [Text(""), Text.assemble((msg("info.reference"), "bold"), act.reference)]
    cname = chinese_name(act.origin)
    title = f"[bold]{act.label + '（' + cname + '）' if cname else act.label}[/bold] ({act.name})"
    if p.non_defaults:
        title += "  " + text.assignments(p.non_defaults)
    return Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED, padding=(0, 1))


#: the info card's plot: rows, the widest it grows on a wide terminal, its window
INFO_PLOT_HEIGHT, INFO_PLOT_WIDTH, INFO_PLOT_WINDOW = 8, 72, DEFAULT_WINDOW


def _small_plot(bound: Bound) -> RenderableType:
    """f and f′ in braille, or a line saying why there is none (values too large to draw)."""
    from .render import braille
    from .render.sampling import check_values

    try:
        check_values([bound], INFO_PLOT_WINDOW, hint=f"the card plots {text.window(INFO_PLOT_WINDOW)}")
    except ParameterError as exc:
        return Text(msg("info.no_plot", why=str(exc)), style="dim")
    return braille.plot(bound, window=INFO_PLOT_WINDOW, height=INFO_PLOT_HEIGHT, width=INFO_PLOT_WIDTH, title=False)


# -- lessons --------------------------------------------------------------------------------------


def _note(line: str) -> Text:
    return Text(line)


def gradient_report(flows: Sequence[lessons.GradientFlow]) -> RenderableType:
    """The gradient lesson: per activation, the norms at the first and last layer and their ratio."""

    first = flows[0]
    table = _table_class()(title=msg("gradient.table_title", layers=text.count(first.layers, "layer"),
                            units=text.count(first.width, "unit"), seed=first.seed))
    table.add_column(msg("lesson.activation"))
    table.add_column(msg("lesson.init"))
    table.add_column(msg("gradient.first"), justify="right")
    table.add_column(msg("gradient.last"), justify="right")
    table.add_column(msg("gradient.first_last"), justify="right")
    table.add_column(msg("gradient.gradient"))
    for flow in flows:
        ratio = flow.log10_ratio
        table.add_row(
            text.spec_label(flow.bound), text.init_text(flow.init, flow.gain), text.sci_from_log10(flow.log10_norms[0]), text.sci_from_log10(flow.log10_norms[-1]),
            msg("gradient.na") if ratio is None else text.sci_from_log10(ratio), text.gradient_verdict(flow.verdict),
        )
    return Group(table, _note(text.gradient_verdict_note()))


def softmax_report(example: lessons.SoftmaxExample) -> RenderableType:
    """The softmax lesson: each logit, exp(z − m) and its probability, as the notes lay it out."""
    t = example.temperature
    scaled = "z" if t == 1.0 else "z/T"
    table = _table_class()(title="softmax(z)" if t == 1.0 else f"softmax(z / T), T = {text.number(t, 6)}")
    table.add_column("i", justify="right")
    table.add_column(msg("softmax.logit"), justify="right")
    if t != 1.0:
        table.add_column("z / T", justify="right")
    table.add_column(f"exp({scaled} − m)", justify="right")
    table.add_column(msg("softmax.probability"), justify="right")
    for i, (z, s, e, p) in enumerate(zip(example.logits, example.scaled, example.exp_shifted, example.probabilities),
                                     start=1):
        prob = text.fixed(p, 3) if p >= 5e-4 or p == 0.0 else text.number(p, 3)
        cells = [str(i), text.number(z, 6)] + ([text.number(s, 6)] if t != 1.0 else [])
        table.add_row(*cells, text.number(e), prob)
    table.add_section()
    blank = [""] if t != 1.0 else []
    table.add_row("Σ", "", *blank, text.number(example.exp_shifted.sum()), text.fixed(example.probabilities.sum(), 3))
    m = text.number(example.shift, 6)
    return Group(table, _note(msg("softmax.note", scaled=scaled, m=m, raw=scaled if t == 1.0 else "(z/T)")))


def loss_report(curves: lessons.LossGradients, points: lessons.LossGradients) -> RenderableType:
    """The loss lesson: ∂L/∂z of MSE and cross-entropy at the summary points, and what they say."""
    import math

    y = points.target

    def show(v: float) -> str:
        return msg("loss.undefined") if math.isnan(v) else text.number(v)

    table = _table_class()(title=msg("loss.table_title", output=text.loss_formulas(curves)[0], y=text.number(y, 6)))
    for column in ("z", "a = f(z)", msg("loss.mse"), msg("loss.cross_entropy")):
        table.add_column(column, justify="right")
    for z, a, m, c in zip(points.z, points.a, points.mse, points.cross_entropy):
        table.add_row(text.number(z, 6), text.number(a), show(m), show(c))
    parts: list[RenderableType] = [table]
    worst = int(max(range(len(points.z)), key=lambda i: abs(points.a[i] - y)))
    z, a, m, c = points.z[worst], points.a[worst], points.mse[worst], points.cross_entropy[worst]
    if abs(a - y) > 0.5 and not math.isnan(c) and abs(c) > 0:
        factor = abs(c) / abs(m) if m != 0 else math.inf
        parts.append(_note(msg("loss.wrong_note", z=text.number(z, 6), a=text.number(a, 3), y=text.number(y, 6),
                               mse=text.number(m, 3), factor=f"{factor:,.0f}", ce=text.number(c, 3))))
    note = text.loss_domain_note(curves)
    if note:
        parts.append(_note(msg("text.sentence", text=text.capitalized(note))))
    return Group(*parts)


# -- activations at work: training (train_report, zigzag_report) -------------------------------------

_INIT = {"he": "He", "xavier": "Xavier"}


def _network(result: _training.TrainResult) -> str:
    return " → ".join(str(w) for w in (2, *result.hidden, 1))


def _lesson_name(label: str, name: str, params: dict[str, Any]) -> Text:
    """The activation's name, its non-default parameters on a second, dim line."""
    cell = Text(name)
    if params:
        cell.append("\n" + text.assignments(params), style="dim")
    return cell


def train_report(results: Sequence[_training.TrainResult]) -> RenderableType:
    """The training lesson: per activation the final loss, accuracy, dead units, zero outputs and
    the step at which the accuracy first reached 95 %."""
    first = results[0]
    data = first.data
    optimizer = msg("train.adam") if first.optimizer == "adam" else msg("train.gd")
    table = _table_class()(title=msg("train.table_title", data=data.name, net=_network(first), optimizer=optimizer,
                            lr=text.number(first.lr), steps=text.count(first.steps, "step")))
    units = sum(first.hidden)
    rows = []
    for r in results:
        if r.diverged_at is not None:
            rows.append((_INIT[r.init], msg("train.diverged"), "—", "—", "—", "—"))
            continue
        reached = r.steps_to_95
        rows.append((_INIT[r.init], text.number(r.loss, 3), text.percent(r.accuracy),
                      msg("train.of", dead=round(r.dead_fraction * units), units=units), text.percent(r.zero_outputs),
                      msg("train.never_short") if reached is None else str(reached)))
    table.add_column(msg("lesson.activation"), no_wrap=True, min_width=10)
    headers = [msg(k) for k in ("lesson.init", "train.loss", "train.accuracy", "train.dead_units", "train.zero_outputs",
                                "train.at_95")]
    for k, header in enumerate(headers):  # cells never wrap (min_width); headers may
        table.add_column(header, justify="left" if k == 0 else "right", min_width=max(cell_len(row[k]) for row in rows))
    for r, row in zip(results, rows):
        table.add_row(_lesson_name(text.spec_label(r.bound), r.name, r.params), *row)
    diverged = [msg("train.diverged_note", label=text.spec_label(r.bound), step=r.diverged_at)
                for r in results if r.diverged_at is not None]
    return Group(table, *(_note(line) for line in diverged), _note(
        msg("train.report_note", samples=data.samples, noise=text.number(data.noise), seed=data.seed,
            bias=text.number(first.bias_init))))


def zigzag_report(results: Sequence[_training.ZigzagResult]) -> RenderableType:
    """The zig-zag lesson: per activation feeding the neuron, the mean input, the shares of updates
    that moved both weights the same way or opposite ways, and the updates to converge."""
    from . import training as _training

    first = results[0]
    o1, o2 = (text.number(v) for v in first.optimum)
    s1, s2 = (text.number(v) for v in first.start)
    table = _table_class()(title=msg("zigzag.table_title", start=f"({s1}, {s2})", optimum=f"({o1}, {o2})",
                            lr=text.number(first.lr)))
    table.add_column(msg("zigzag.inputs"), no_wrap=True, min_width=11)
    table.add_column(msg("zigzag.mean_input"), justify="right")
    table.add_column(msg("zigzag.same_sign"), justify="right")
    table.add_column(msg("zigzag.opposite"), justify="right")
    table.add_column(msg("zigzag.updates"), justify="right")
    for r in results:
        m1, m2 = r.input_mean
        if r.diverged_at is not None:
            steps = msg("zigzag.diverged_short", step=r.diverged_at)
        else:
            steps = msg("zigzag.not_in", steps=r.max_steps) if r.steps is None else str(r.steps)
        table.add_row(_lesson_name(text.spec_label(r.bound), r.name, r.params), f"({text.number(m1, 2)}, {text.number(m2, 2)})", text.percent(r.same_sign_share),
                      text.percent(r.opposite_sign_share), steps)
    return Group(table, _note(msg("zigzag.report_note", tolerance=text.percent(_training.ZIGZAG_TOLERANCE, 0))))


def resolve_report(records: Sequence[Any]) -> RenderableType:
    """``actviz resolve``: per activation a config (or a name) selects, where it is set, what runs, its formula,
    whether the MLP is gated, the warnings, and its look-alikes measured (:class:`actviz.models_text.Resolved`)."""
    from .models import WINDOW

    parts: list[RenderableType] = []
    for r in records:
        f = r.found
        kv = _kv_table()
        if f.path:
            kv.add_row(msg("resolve.field"), f"{f.path} = {f.value!r}")
            if f.model_type:
                kv.add_row(msg("resolve.model_type"), f.model_type)
        if f.key:
            kv.add_row(msg("resolve.runs"), msg("resolve.runs_key", key=f.key, label=text.spec_label(r.bound)))
        kv.add_row(msg("resolve.spec"), f.spec)
        kv.add_row(msg("resolve.formula"), r.formula)
        if f.path:
            gated = (msg("resolve.gated_oai", spec=f.two_input.partition(":")[0]) if f.two_input else
                     msg("resolve.gated_yes") if f.gated else msg("resolve.gated_no") if f.gated is False else "—")
            kv.add_row(msg("resolve.mlp"), gated)
        if f.frameworks:
            kv.add_row(msg("resolve.frameworks"), "; ".join(f"{fw}: {spec}" for fw, spec in f.frameworks))
        title = f"{f.path or f.value} → {f.spec}"  # notation, the same in every language
        body: list[RenderableType] = [kv]
        if r.warnings:
            body += [Text(""), Text(msg("resolve.warnings"), style="bold"), _bullets(r.warnings, style="yellow")]
        if r.lookalikes:
            t = _table_class()(title=msg("resolve.lookalikes"), box=box.SIMPLE_HEAD, pad_edge=False)
            t.add_column(msg("resolve.col.lookalike"), overflow="fold")
            for key in ("max", "at", "rms", "bf16"):
                t.add_column(msg(f"resolve.col.{key}"), justify="right")
            for spec, _, d in r.lookalikes:
                t.add_row(Text(spec), Text(text.number(d.max_abs_diff)), Text(text.number(d.at)),
                          Text(text.number(d.rms_normal)), Text(text.percent(d.bf16_differ)))
            total = r.lookalikes[0][2].bf16_total
            body += [Text(""), t, _note(msg("resolve.bf16_note", lo=text.number(WINDOW[0]), hi=text.number(WINDOW[1]),
                                            total=str(total)))]
        parts.append(Panel(Group(*body), title=Text(title), title_align="left", box=box.ROUNDED))
    return Group(*parts)


def models_table(rows: Sequence[Any]) -> RenderableType:
    """``actviz models``: each family, the field and value its configs set, what runs, gating and the source."""
    t = _table_class()(box=box.SIMPLE_HEAD, pad_edge=False)
    for key in ("family", "field", "runs", "gated", "source"):
        t.add_column(msg(f"models.{key}"), overflow="fold")
    for row in rows:
        t.add_row(Text(row["family"]), Text(row["field"]), Text(row["spec"]), Text(row["gated"]), Text(row["source"]))
    return Group(t, _note(msg("models.note")))
