"""How the API's results show themselves in a notebook, a REPL and a terminal.

Every table, set of properties and lesson result the API returns has a short plain ``repr`` (what it is,
for whom: never its arrays), a ``str()`` that is the terminal's text, an HTML (or markdown) display for
Jupyter (``_repr_html_``, ``_repr_markdown_``; IPython is never imported) and ``to_frame()``, a pandas
DataFrame of its numbers when pandas is installed (never a dependency). Nothing here prints.

The HTML of a terminal text is :mod:`actviz.notebook`'s ``<pre>``.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .messages import current, language
from .notebook import pre_html, require_pandas, rich_html, rich_text
from .properties import Properties

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Table", "Shown", "Records", "PropertiesResult", "require_pandas", "report"]


# -- tables ---------------------------------------------------------------------------------------------------


class Table(str):
    """A table of derived properties: the text of the format asked for (it is that ``str``: compare it,
    write it, ``json.loads`` it), which a notebook shows as a table (HTML; markdown as markdown; csv, json
    and latex as their text); ``rows`` are the :class:`~actviz.properties.Properties`, ``columns`` the keys
    shown, ``format`` the format; ``to_frame()`` the values (as ``format="json"`` gives them) in pandas."""

    rows: tuple[Properties, ...]
    columns: tuple[str, ...]
    format: str
    lang: str

    def __new__(cls, content: str, *, rows: Sequence[Properties], columns: Sequence[str], format: str) -> Table:
        self = super().__new__(cls, content)
        self.rows, self.columns, self.format, self.lang = tuple(rows), tuple(columns), format, current()
        return self

    def __repr__(self) -> str:
        names = ", ".join(p.name for p in self.rows[:6]) + (", …" if len(self.rows) > 6 else "")
        return (f"<actviz Table: {len(self.rows)} row(s) ({names}), {len(self.columns)} column(s), "
                f"format {self.format!r}; str() or print() for the text>")

    def __str__(self) -> str:
        return str.__str__(self)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled and copied as the text it is
        return (str, (str.__str__(self),))

    def _repr_markdown_(self) -> str | None:
        return str.__str__(self) if self.format == "markdown" else None

    def _repr_html_(self) -> str | None:
        if self.format == "markdown":
            return None  # its markdown is the richer display (formulas typeset)
        if self.format != "rich":
            return pre_html(str.__str__(self))
        from .tables import COLUMNS

        with language(self.lang):
            head = "".join(f"<th>{html.escape(COLUMNS[k].header)}</th>" for k in self.columns)
            body = "".join(
                "<tr>" + "".join(f"<td>{html.escape(COLUMNS[k].text(p)).replace(chr(10), '<br>')}</td>"
                                 for k in self.columns) + "</tr>" for p in self.rows)
        return (f'<table class="actviz-table"><thead><tr style="text-align: left">{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

    def to_frame(self) -> pandas.DataFrame:
        """The rows' values for machines (the json format's: numbers, booleans, None where unbounded), one
        row per activation, the columns shown (``name`` first)."""
        pd = require_pandas()
        from .tables import COLUMNS, _machine

        keys = self.columns if "name" in self.columns else ("name", *self.columns)
        with language("en"):
            data = [{k: _machine(COLUMNS[k].value(p)) for k in keys} for p in self.rows]
        return pd.DataFrame(data, columns=list(keys))


# -- results that show themselves -------------------------------------------------------------------------------


def report(result: Any, points: Any = None) -> Any:
    """The terminal table of a result (a rich renderable): a lesson's (see :func:`actviz.lesson_report`),
    the gains', the frameworks'."""
    if isinstance(result, Shown) and type(result)._report is not Shown._report:  # it knows its own table
        return result._report()
    first = result[0] if isinstance(result, (list, tuple)) and result else None
    from .dtypes import Precision

    if isinstance(first, Precision):  # first: the precision lens needs none of the lessons' modules
        from .precision_text import precision_report

        return precision_report(result)
    from . import lessons as _lessons
    from . import terminal

    if isinstance(result, _lessons.SoftmaxExample):
        return terminal.softmax_report(result)
    if isinstance(result, _lessons.LossGradients):
        if points is None:  # the lesson's summary points, as the loss command shows them
            points = _lessons.loss_gradients(result.bound, target=result.target, z=_lessons.SUMMARY_Z)
        return terminal.loss_report(result, points)
    if isinstance(first, _lessons.GradientFlow):
        return terminal.gradient_report(result)
    from . import training as _training

    if isinstance(first, _training.TrainResult):
        return terminal.train_report(result)
    if isinstance(first, _training.ZigzagResult):
        return terminal.zigzag_report(result)
    from . import deep_text
    from . import propagation as _propagation

    if isinstance(first, _propagation.Propagation):
        return deep_text.propagation_report(result)
    if isinstance(first, _propagation.Moments):
        return deep_text.gain_report(list(result))
    from .presets import Comparison

    if isinstance(first, Comparison):
        return terminal.frameworks_table(list(result))
    from .errors import ParameterError

    raise ParameterError("lesson_report takes the result of gradient(), softmax(), loss(), train(), zigzag(), phase(), "
                         f"propagate() or precision(), not {type(result).__name__}")


def _markdown(result: Any) -> str | None:
    """A result whose markdown is its best notebook display (the gains with the lines to paste, the
    precision verdicts); None for the others."""
    first = result[0] if isinstance(result, (list, tuple)) and result else None
    from .dtypes import Precision
    from .propagation import Moments

    if isinstance(first, Precision):
        from .precision_text import precision_markdown

        return precision_markdown(result)
    if isinstance(first, Moments):
        from .deep_text import gain_markdown

        return gain_markdown(list(result))
    return None


class Shown:
    """``str()``: the terminal table; ``_repr_html_`` / ``_repr_markdown_``: the notebook's display;
    ``to_frame()``: the numbers in pandas. The language is the one in force when the result is shown."""

    def _report(self) -> Any:
        return report(self)

    def __str__(self) -> str:
        return rich_text(self._report())

    def _repr_markdown_(self) -> str | None:
        return _markdown(self)

    def _repr_html_(self) -> str | None:
        if _markdown(self) is not None:
            return None
        return rich_html(self._report())

    def to_frame(self) -> pandas.DataFrame:
        """The numbers as a pandas DataFrame: the arrays of each record as columns (``name`` says whose;
        one row per point, layer or step), or one row of scalars per record where it has no arrays."""
        pd = require_pandas()
        records = list(self) if isinstance(self, list) else [self]
        frames = [pd.DataFrame(_columns(r)) for r in records]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _columns(record: Any) -> dict[str, Any]:
    """A record's columns: its one-dimensional arrays of the longest common length (at least 2), else
    its scalar values (``to_dict``), one row; ``name`` (and ``dtype``) first."""
    head: dict[str, Any] = {}
    if hasattr(record, "bound"):
        head["name"] = getattr(record, "name", record.bound.name)
    elif hasattr(record, "name"):
        head["name"] = record.name
    if hasattr(record, "dtype") and isinstance(record.dtype, str):
        head["dtype"] = record.dtype
    if getattr(record, "mean_field", None) is not None:  # a propagation: its mean field's layers
        return {**head, **_columns(record.mean_field)}
    fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)} \
        if dataclasses.is_dataclass(record) else {}
    arrays = {k: v for k, v in fields.items() if isinstance(v, np.ndarray) and v.ndim == 1 and len(v) > 1}
    if arrays:
        n = max({len(v) for v in arrays.values()}, key=lambda m: (sum(len(v) == m for v in arrays.values()), m))
        return {**{k: [v] * n for k, v in head.items()}, **{k: v for k, v in arrays.items() if len(v) == n}}
    row = record.to_dict() if hasattr(record, "to_dict") else {}
    scalars = {k: v for k, v in row.items() if isinstance(v, (int, float, str, bool)) or v is None}
    return {k: [v] for k, v in {**head, **scalars}.items()}


class Records(Shown, list):
    """A list of results, one per activation, that shows itself (see :class:`Shown`)."""

    def __repr__(self) -> str:
        kind = type(self[0]).__name__ if self else "result"
        names = ", ".join(_label(r) for r in self[:6]) + (", …" if len(self) > 6 else "")
        return f"<actviz {type(self).__name__}: {len(self)} {kind} ({names}); str() for the table>"


def _label(record: Any) -> str:
    name = getattr(record, "name", type(record).__name__)
    dtype = getattr(record, "dtype", None)
    return f"{name} in {dtype}" if isinstance(dtype, str) else str(name)


@dataclasses.dataclass(frozen=True, repr=False, eq=False)
class PropertiesResult(Properties):
    __doc__ = (Properties.__doc__ or "") + """
    In a notebook it shows itself as a table of the properties (HTML); ``str()`` is the ``info`` card's text,
    ``repr`` names the activation; ``to_frame()`` is one row of ``to_dict()`` in pandas.
    """

    @classmethod
    def of(cls, p: Properties) -> PropertiesResult:
        return cls(**{f.name: getattr(p, f.name) for f in dataclasses.fields(p)})

    def __eq__(self, other: object) -> bool:  # equal to the Properties it was made of
        if not isinstance(other, Properties):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in dataclasses.fields(Properties) if f.compare)

    __hash__ = Properties.__hash__

    def __repr__(self) -> str:
        return f"<actviz Properties of {self.bound!r}; str() for the card, to_dict() for the values>"

    def __str__(self) -> str:
        from .terminal import info_card

        return rich_text(info_card(self))

    def _repr_html_(self) -> str:
        from .tables import _PAPER, COLUMNS

        keys = [k for k in _PAPER if k != "name"] + ["continuity", "symmetry", "mean_output", "output_variance",
                                                      "mean_derivative", "self_normalising"]
        rows = "".join(f"<tr><th style='text-align: left'>{html.escape(COLUMNS[k].header)}</th>"
                       f"<td style='text-align: left'>{html.escape(COLUMNS[k].text(self)).replace(chr(10), '<br>')}</td></tr>"
                       for k in dict.fromkeys(keys))
        from . import text

        title = html.escape(self.name + (f" ({text.assignments(self.params)})" if self.params else ""))
        return f'<table class="actviz-properties"><caption style="text-align: left"><b>{title}</b></caption>' \
               f"<tbody>{rows}</tbody></table>"

    def to_frame(self) -> pandas.DataFrame:
        """One row: :meth:`to_dict`'s values (lists and dicts as they are)."""
        pd = require_pandas()
        row = self.to_dict()
        return pd.DataFrame([row], columns=list(row))
