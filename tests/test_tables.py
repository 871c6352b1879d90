"""actviz.tables: the formats parse, carry the derived facts, and the rich table fits its console."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console

import actviz
from actviz.advice import advice
from actviz.catalog import REGISTRY
from actviz.errors import ActvizError
from actviz.formulas import plain_formula
from actviz.tables import COLUMNS, FORMATS, MACHINE_KEYS, default_columns, parse_columns
from actviz.tables import render as plain_render
from actviz.terminal import info_card as card
from actviz.terminal import list_table, properties_table


def render(rows, fmt="rich", columns=None, width=None):
    """Rows in any format: the terminal's rich table, or a plain format's text."""
    if fmt == "rich":
        return properties_table(rows, columns, width)
    return plain_render(rows, fmt, columns)


def info_card(act, p):
    assert p.bound.act is act
    return card(p)

ISSUE_KEYS = """name family params formula range range_min range_max max_derivative min_derivative monotonic
derivative_monotonic identity_near_origin symmetry continuity saturation saturation_left saturation_right
dead_zone zero_centred mean_output output_variance mean_derivative""".split()


def rows(*names, **params):
    return [actviz.get(n).properties(**params) for n in names] if names else \
        [REGISTRY[n].properties() for n in REGISTRY.names()]


def text_of(renderable, width):
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()


def test_json_has_the_issue_keys_in_catalogue_order_with_numbers_and_nulls():
    data = json.loads(render(rows(), "json"))
    assert [d["name"] for d in data] == REGISTRY.names()
    assert all(set(ISSUE_KEYS) <= set(d) for d in data)
    relu = data[REGISTRY.names().index("relu")]
    assert relu["range"] == "[0, ∞)" and relu["range_min"] == 0 and relu["range_max"] is None
    assert relu["saturation"] == "left" and relu["saturation_left"] == "hard" and relu["dead_zone"] is True
    assert relu["params"] == {"alpha": 0.0}
    sig = data[REGISTRY.names().index("sigmoid")]
    assert isinstance(sig["max_derivative"], float) and sig["max_derivative"] == pytest.approx(0.25)
    for d in data:
        p = actviz.get(d["name"]).properties()
        assert d["range_min"] == p.range_min and d["mean_output"] == p.mean_output
        assert d["saturation"] in ("none", "left", "right", "both")
        assert d["saturation_left"] in ("none", "soft", "hard")


def test_csv_parses_with_the_same_columns_as_json():
    table = list(csv.reader(io.StringIO(render(rows(), "csv"))))
    assert table[0] == list(MACHINE_KEYS)
    assert len(table) == 1 + len(REGISTRY.names())
    by_name = {r[0]: dict(zip(table[0], r)) for r in table[1:]}
    assert by_name["gelu"]["range"] == "[−0.1700, ∞)"
    assert float(by_name["gelu"]["range_min"]) == pytest.approx(-0.16997, abs=1e-5)
    assert by_name["gelu"]["range_max"] == ""  # unbounded
    assert by_name["tanh"]["zero_centred"] == "true"
    assert by_name["elu"]["params"] == "alpha=1"


def test_markdown_is_a_pipe_table_with_math_and_escaped_pipes():
    text = render(rows("softsign", "softmax"), "markdown")
    lines = text.strip().splitlines()
    assert lines[0].startswith("| Name | Formula | Range")
    assert lines[1].startswith("| --- |")
    body = [line for line in lines[2:] if line.startswith("|")]
    assert len(body) == 2
    assert r"$f(x) = \frac{x}{1+\|x\|}$" in body[0]  # | escaped inside the cell
    n_cols = lines[0].count(" | ") + 1
    for line in body:
        assert line.replace(r"\|", "").count(" | ") + 1 == n_cols
    assert "2 logits" in text  # the vector note


def test_latex_is_a_booktabs_tabularx():
    text = render(rows("relu"), "latex")
    first, *rest = text.splitlines()
    assert first.startswith("%") and r"\usepackage{booktabs,tabularx}" in first  # says what it needs
    assert rest[0] == r"\setlength{\tabcolsep}{4pt}" and rest[1].startswith(r"\begin{tabularx}{\textwidth}{@{}")
    assert rest[1].count("X") == 9 and r"\bottomrule" in text  # one short row fits one table of nine columns
    assert text.count(r" \\") == 2  # header and the row
    text = render(rows("relu", "hardtanh"), "latex")
    assert r"$[0, \infty)$" in text and r"$m_{-}=-1$" in text  # parameters with a symbol read as maths
    tables = text.split(r"\begin{tabularx}")[1:]
    assert 1 <= len(tables) <= 2 and all(t.count(r" \\") == 3 for t in tables)  # each: header and two rows
    assert "∞" not in text and "−" not in text  # plain LaTeX, no Unicode maths


@pytest.mark.parametrize("width", [80, 100])
def test_rich_table_fits_a_narrow_terminal(width):
    text = text_of(render(rows(), "rich", width=width), width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "Range of f / f′" in text and "Saturation" in text
    for name in REGISTRY.names():
        assert name in text  # names are never cut
    sig = next(i for i, line in enumerate(lines) if line.lstrip().startswith("sigmoid "))
    assert "(0, 1)" in lines[sig] and "both (soft)" in lines[sig] and "f′ (0, 0.25]" in lines[sig + 1]


def test_rich_table_uses_the_full_width_when_there_is_room():
    wide = text_of(render(rows(), "rich", width=200), 200)
    assert "Formula" in wide and "Dead zone" in wide and "Smoothness" in wide
    assert "f(x) = x tanh(log(1+eˣ))" in wide
    assert max(len(line) for line in wide.splitlines()) <= 200


def test_rich_table_compared_as_text():
    text = text_of(render(rows("relu", "tanh"), "rich", columns=("name", "range", "saturation", "dead_zone")), 60)
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert lines[0].split() == ["Name", "Range", "Saturation", "Dead", "zone"]
    assert lines[2].split() == ["relu", "[0,", "∞)", "left", "(hard)", "yes"]
    assert lines[3].split() == ["tanh", "(−1,", "1)", "both", "(soft)", "no"]  # no "alpha=0" under a plain ReLU


def test_rich_colour_marks_meaning():
    console = Console(width=120, file=io.StringIO(), color_system="truecolor", force_terminal=True)
    console.print(render(rows("relu"), "rich", columns=("name", "dead_zone")))
    out = console.file.getvalue()
    assert "\x1b[1;31myes" in out  # a dead zone is bold red


def test_columns_are_validated_and_selectable():
    assert parse_columns("name, range,saturation") == ("name", "range", "saturation")
    assert parse_columns(None) is None
    with pytest.raises(ActvizError, match="unknown column 'colour'.*valid columns are name"):
        parse_columns("name,colour")
    data = json.loads(render(rows("elu"), "json", columns=("range", "dead_zone")))
    assert data == [{"name": "elu", "range": "(−1, ∞)", "dead_zone": False}]
    assert set(COLUMNS) >= set(ISSUE_KEYS)


def test_unknown_format_is_an_error():
    with pytest.raises(ActvizError, match="format 'xml' is not valid: use one of markdown, csv, json, latex"):
        render(rows("relu"), "xml")
    assert FORMATS == ("rich", "markdown", "csv", "json", "latex")
    assert default_columns("json") == MACHINE_KEYS


@pytest.mark.parametrize("tex, text", [
    (r"f(x) = \frac{x}{1+|x|}", "f(x) = x/(1+|x|)"),
    (r"f(x) = \frac{x}{2}\left(1 + \mathrm{erf}(x/\sqrt{2})\right)", "f(x) = (x/2)(1 + erf(x/√2))"),
    (r"f(x) = x\cos(x)", "f(x) = x cos(x)"),
    (r"f(x) = e^{-x^2}", "f(x) = e^(−x²)"),
    (r"f(x) = \min(\max(x,\ m_{-}),\ m_{+})", "f(x) = min(max(x, m₋), m₊)"),
])
def test_plain_formula(tex, text):
    assert plain_formula(tex) == text


def test_list_table_shows_names_aliases_and_literal_summaries():
    text = text_of(list_table(REGISTRY.family("relu")), 120)
    assert "rrelu" in text and "lrelu" in text and "leakyrelu" in text
    assert "[lower, upper]" in text  # not eaten as rich markup


def test_info_card_has_everything():
    act = actviz.get("elu")
    text = text_of(info_card(act, act.properties(alpha=2.0)), 400)  # wide: no line wraps
    assert max(len(line) for line in text_of(info_card(act, act.properties()), 80).splitlines()) <= 80
    for piece in ("ELU (elu)", "alpha=2", "f(x) = x if x>0, else α(eˣ−1)", "f′(x) = 1 if x>0, else α eˣ",
                  "alpha > 0", "the negative saturation value is −α", "(−2, ∞)", "(0, 2)", "left (soft)",
                  "Notes", "Advice", "start with ReLU; if units die, try Leaky ReLU or ELU; then PReLU or RReLU",
                  "Reference: Clevert"):
        assert piece in text, piece


def test_advice_is_derived_from_the_properties():
    relu = advice(actviz.get("relu").properties())
    assert any("f′ is exactly 0 for x ≤ 0: a unit stuck there" in a for a in relu)
    assert not any("exactly 0" in a for a in advice(actviz.get("leaky_relu").properties()))
    sig = advice(actviz.get("sigmoid").properties())
    assert any("4-fold" in a for a in sig) and any("Not zero-centred" in a for a in sig)
    assert any("Self-normalising" in a for a in advice(actviz.get("selu").properties()))


def test_latex_strings_are_text_symbols_are_maths_and_no_unicode_is_left():
    text = render([actviz.get("gelu").properties(approximate="tanh"), actviz.get("leaky_relu").properties(alpha=0.01),
                   actviz.get("softplus").properties(threshold=20.0)], "latex")
    assert r"approximate=\texttt{tanh}" in text and "$=tanh$" not in text
    assert r"($\alpha=0.01$)" in text and "alpha$=" not in text
    assert r"($\beta=1$, $t=20$)" in text
    assert r"jump $2.1\times10^{-9}$ at $x = 20$ (negligible)" in text
    every = render(rows(), "latex", columns=tuple(COLUMNS))
    assert all(ord(c) < 128 for c in every), sorted({c for c in every if ord(c) >= 128})
    for line in every.splitlines()[4:-3]:
        if line.startswith(r"\texttt"):  # balanced maths: an even number of unescaped $
            assert (line.count("$") - line.count(r"\$")) % 2 == 0, line


def test_machine_formats_carry_what_the_human_formats_show():
    data = json.loads(render(rows(), "json"))
    for d in data:
        p = actviz.get(d["name"]).properties()
        assert set(ISSUE_KEYS) <= set(d)
        assert d["derivative_range"] == p.derivative_range_text
        first, last = d["range_set"][0], d["range_set"][-1]
        assert d["range_min_closed"] == (None if p.range_min is None else first.get("min_closed", "point" in first))
        assert d["range_max_closed"] == (None if p.range_max is None else last.get("max_closed", "point" in last))
        assert d["range_min"] == first.get("min", first.get("point")) and d["range_max"] == last.get("max", last.get("point"))
        assert d["monotonic_direction"] in ("increasing", "decreasing", "none", "constant")
        assert (d["monotonic_direction"] == "none") == (not d["monotonic"])
        assert d["continuity"] in ("discontinuous", "C⁰", "C¹", "C²", "C∞")
        assert d["max_jump"] == p.max_jump and d["zero_gradient"] == p.zero_gradient_text
    by = {d["name"]: d for d in data}
    assert by["softmin"]["monotonic_direction"] == "decreasing"
    assert by["relu"]["range_min_closed"] is True and by["relu"]["range_max_closed"] is None
    assert by["sigmoid"]["range_min_closed"] is False and by["sigmoid"]["derivative_range"] == "(0, 0.25]"
    assert by["softplus"]["continuity"] == "C∞" and by["softplus"]["max_jump"] == 0
    table = list(csv.reader(io.StringIO(render(rows(), "csv"))))
    row = dict(zip(table[0], next(r for r in table if r[0] == "relu")))
    assert row["range_min_closed"] == "true" and row["range_max_closed"] == "" and row["derivative_range"] == "{0, 1}"
    assert row["monotonic_direction"] == "increasing" and row["zero_gradient"] == "(−∞, 0]"


ELU_COLUMNS = ("name", "range", "derivative_range", "continuity", "monotonic", "saturation", "dead_zone",
               "symmetry", "mean_output")


@pytest.mark.parametrize("width", [40, 60, 80, 100])
def test_columns_asked_for_are_never_dropped_nor_headers_broken(width):
    text = text_of(render([actviz.get("elu").properties(), actviz.get("softplus").properties(threshold=20.0)],
                          "rich", columns=ELU_COLUMNS), width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    words = [w for line in lines for w in line.split()]
    for key in ELU_COLUMNS:
        for word in COLUMNS[key].header.split():  # every header, each word whole
            assert word in words, (key, word)
    for value in ("0.161", "none", "C¹", "(−1,", "(0,", "increasing", "left", "(soft)", "2.1e−09"):
        assert value in words, value
    flat = " ".join(words)
    assert "Centred:" not in flat  # no footnote for a column not shown
    for key in ("continuity", "saturation", "dead_zone", "mean_output"):
        assert " ".join(f"{COLUMNS[key].header}: {COLUMNS[key].help}".split()) in flat  # never cut


def test_footnotes_follow_the_columns_shown():
    text = " ".join(text_of(render(rows("relu"), "rich", columns=("name", "range")), 80).split())
    assert "Saturation:" not in text and "Centred:" not in text
    text = " ".join(text_of(render(rows("relu"), "rich", columns=("name", "zero_centred")), 80).split())
    assert "Centred: |E f(Z)| < 0.05 for Z ~ N(0, 1)." in text and "Saturation:" not in text


def test_list_fits_80_columns_in_a_few_lines_per_activation():
    text = text_of(list_table([REGISTRY[n] for n in REGISTRY.names()]), 80)
    body = [line for line in text.splitlines()[3:] if line.strip()]
    assert len(body) <= 3 * len(REGISTRY.names()), len(body)  # was 5 to 7 lines a row


@pytest.mark.parametrize("width", [60, 80, 100])
def test_list_never_breaks_a_name_or_alias(width):
    text = text_of(list_table([REGISTRY[n] for n in REGISTRY.names()]), width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    words = {w.rstrip(",") for line in lines for w in line.split()}
    for name in REGISTRY.names():
        assert name in words
        for alias in REGISTRY[name].aliases:
            assert alias in words, alias


@pytest.mark.parametrize(
    "name, params, wanted, unwanted",
    [
        ("softplus", {"threshold": 20.0}, ["jump of 2.1e−09 at x = 20 is negligible"], ["cannot learn across"]),
        ("softplus", {}, [], ["jump", "Discontinuous", "Not monotonic"]),
        ("softplus", {"beta": 2.0, "threshold": 5.0}, ["Discontinuous (a jump of 0.003358 at x = 2.5)",
                                                        "cannot learn across", "f jumps down at x = 2.5"], []),
        ("threshold", {"value": 2.0}, ["f′ is exactly 0 for x ≤ 1:", "f jumps down at x = 1 (from 2 to 1)"],
         ["negative inputs", "bump or dip"]),
        ("leaky_relu", {"alpha": -0.5}, ["slopes of opposite sign meet at x = 0 (f′ = −0.5 on the left, 1 on the "
                                         "right): a corner minimum"], ["bump or dip"]),
        ("silu", {}, ["a minimum of −0.2785 at x = −1.278", "bump or dip"], []),
        ("relu6", {}, ["f′ is exactly 0 for x ≤ 0 and x ≥ 6"], []),
        ("hardshrink", {}, ["f′ is exactly 0 for −0.5 ≤ x ≤ 0.5: inputs in this bounded band"], ["can die"]),
        ("softshrink", {"lambd": 1.0}, ["f′ is exactly 0 for −1 ≤ x ≤ 1"], ["can die"]),
        ("binary_step", {}, ["f′ is exactly 0 for every x"], ["∞-fold"]),
    ],
)
def test_advice_sentences_follow_the_parameters(name, params, wanted, unwanted):
    text = " ".join(advice(actviz.get(name).properties(**params)))
    for piece in wanted:
        assert piece in text, piece
    for piece in unwanted:
        assert piece not in text, piece


def test_info_card_shows_zero_gradient_bands_and_jump_sizes():
    act = actviz.get("hardshrink")
    text = " ".join(text_of(info_card(act, act.properties()), 400).split())
    assert "Dead zone no" in text and "f′ exactly 0 on [−0.5, 0.5] (a bounded band" in text
    assert "Smoothness discontinuous: jumps up to 0.5 at x = −0.5, 0.5" in text
    act = actviz.get("softplus")
    text = " ".join(text_of(info_card(act, act.properties(threshold=20.0)), 400).split())
    assert "discontinuous: jump 2.1e−09 at x = 20 (negligible)" in text and "cannot learn" not in text


@pytest.mark.parametrize(("fragment", "sentence"), [
    ("also takes max_value", "Also takes max_value"),
    ("a unit whose input stays negative", "A unit whose input stays negative"),
    ("approximate=True by default", "approximate=True by default"),  # code stays as written
    ("α is kept as a float32", "α is kept as a float32"),  # not the capital Α
    ("jax.nn.gelu(x)", "jax.nn.gelu(x)"),
    ("x > 0 gives the identity", "x > 0 gives the identity"),
])
def test_a_note_starts_a_sentence_without_changing_code_or_symbols(fragment, sentence):
    from actviz.text import capitalized

    assert capitalized(fragment) == sentence
    assert capitalized("threshold and value are required", ["threshold", "value"]) == "threshold and value are required"
    assert capitalized("threshold and value are required") == "Threshold and value are required"


def test_a_frameworks_notes_keep_their_code_and_symbols():
    notes = " ".join(actviz.get("gelu", framework="jax").notes + actviz.get("leaky_relu", framework="tf").notes)
    assert "approximate=True by default" in notes
    assert "Α" not in notes  # GREEK CAPITAL ALPHA: once made from "α is kept as a float32"
    assert "threshold and value are required in PyTorch" in " ".join(actviz.get("threshold", framework="torch").notes)
