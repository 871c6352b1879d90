"""LaTeX for papers (issue 24): every table actviz writes fits \\textwidth of a two-column article and every
``info --format latex`` snippet fits its column, compiled with pdflatex where it is installed (Debian's
texlive-latex-base and texlive-latex-recommended): no error, no overfull box, no float taller than a page.
The snippets' facts are read back and checked against facts known independently of actviz."""

from __future__ import annotations

import math
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli import app
from actviz.selection import select_many
from actviz.tables import COLUMNS

runner = CliRunner()
PDFLATEX = shutil.which("pdflatex")
needs_tex = pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed")
XELATEX = shutil.which("xelatex")
#: Chinese: XeLaTeX with ctex (Debian: texlive-xetex, texlive-lang-chinese) and a Chinese font
needs_ctex = pytest.mark.skipif(
    XELATEX is None or subprocess.run(["kpsewhich", "ctexart.cls"], capture_output=True, text=True).stdout.strip() == "",
    reason="xelatex with ctex is not installed")

#: the preambles the output says it needs, in the two sizes of paper a two-column article is set on
#: (\textwidth: US letter 469 pt, the class's default; A4 453 pt)
PAPERS = ("letterpaper", "a4paper")


def compile_tex(tmp_path, body: str, paper: str = "letterpaper", packages: str = "booktabs,tabularx",
                chinese: bool = False) -> str:
    """pdflatex's log for ``body`` in a two-column article (``chinese``: xelatex's, in ctexart); fails on an
    error, an overfull box or a float too large for its page."""
    doc = (f"\\documentclass[twocolumn,{paper}]{{{'ctexart' if chinese else 'article'}}}\n"
           f"\\usepackage{{{packages}}}\n\\begin{{document}}\n{body}\n\\end{{document}}\n")
    (tmp_path / "doc.tex").write_text(doc, encoding="utf-8")
    run = subprocess.run([XELATEX if chinese else PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                         cwd=tmp_path, capture_output=True, text=True, errors="replace")
    log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert run.returncode == 0 and not errors, "\n".join(errors) or run.stdout[-2000:]
    bad = [line for line in log.splitlines() if "Overfull" in line or "Float too large" in line]
    assert bad == [], "\n".join(bad)
    return log


def floats(tex: str) -> str:
    """The table output in ``table*`` floats: a new one at each '% ----' line, as its comment says."""
    parts = re.split(r"(?m)^% ----.*$", tex)
    return "\n".join(f"\\begin{{table*}}\n{part}\n\\caption{{Activations ({i + 1}).}}\n\\end{{table*}}"
                     for i, part in enumerate(parts))


SELECTIONS = {
    "one function": {"specs": ("relu",)},
    "three": {"specs": ("relu", "gelu", "silu")},
    "the ReLU family": {"family": "relu"},
    "the whole catalogue": {},
    "PyTorch's definitions": {"framework": "torch"},
    "every column": {"specs": ("relu", "threshold", "srelu", "gelu"), "columns": ",".join(COLUMNS)},
}


@needs_tex
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("selection", SELECTIONS)
def test_latex_tables_fit_a_two_column_paper(tmp_path, selection, paper):
    kw = SELECTIONS[selection]
    tex = str(actviz.table(*kw.get("specs", ()), family=kw.get("family"), framework=kw.get("framework"),
                           columns=kw.get("columns"), format="latex"))
    assert r"\usepackage{booktabs,tabularx}" in tex.splitlines()[0]
    compile_tex(tmp_path, floats(tex), paper)
    n = len(select_many(kw.get("specs", ()), family=kw.get("family"), framework=kw.get("framework")))
    body = [line for line in tex.splitlines() if line.startswith(r"\texttt{")]
    tables, float_count = tex.count(r"\begin{tabularx}{\textwidth}"), tex.count("% ----") + 1
    assert tables % float_count == 0 and len(body) == n * (tables // float_count)  # every row in every part
    assert len({line.split("}", 1)[0] for line in body}) == n


@needs_ctex
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("selection", ["one function", "the ReLU family", "the whole catalogue"])
def test_chinese_latex_tables_fit_a_two_column_paper(tmp_path, selection, paper):
    kw = SELECTIONS[selection]
    tex = str(actviz.table(*kw.get("specs", ()), family=kw.get("family"), format="latex", lang="zh"))
    assert "ctex" in tex.splitlines()[0] and "名称" in tex
    compile_tex(tmp_path, floats(tex), paper, chinese=True)


@needs_ctex
def test_chinese_info_snippets_fit_their_column(tmp_path):
    snippets = [str(actviz.info_card(spec, format="latex", lang="zh")) for spec in info_specs()]
    compile_tex(tmp_path, "\n\\bigskip\n".join(snippets), "a4paper", "amsmath,booktabs,tabularx", chinese=True)


def test_tables_share_columns_out_only_when_they_must():
    one = str(actviz.table("relu", format="latex"))
    assert one.count(r"\begin{tabularx}") == 1 and "% ----" not in one  # one short row: one table
    family = str(actviz.table(family="relu", format="latex"))
    assert family.count(r"\begin{tabularx}") == 2 and "% ----" not in family  # the formulas need room: split
    first, second = (t.split(r"\midrule")[0] for t in family.split(r"\begin{tabularx}")[1:])
    assert "Name & Formula" in first and "Saturation" in second and "Formula" not in second  # the name heads each
    every = str(actviz.table(format="latex"))
    assert every.count("% ----") >= 1  # 61 activations are more rows than a page holds


@needs_tex
def test_a_table_was_too_wide_before(tmp_path):
    """The measure of the test above: the old single tabular with every default column overflowed."""
    rows = " & ".join(["x"] * 9)
    with pytest.raises(AssertionError, match="Overfull"):
        compile_tex(tmp_path, "\\begin{table*}\\begin{tabular}{" + "l" * 9 + "}" + rows.replace("x", "x" * 12)
                    + r"\\\end{tabular}\end{table*}")


# -- info --format latex --------------------------------------------------------------------------------------

def info_specs() -> list[str]:
    names = actviz.names()
    return [*names, "elu:alpha=2", "leaky_relu:alpha=0.2", "x*tanh(log(1+exp(x)))", "x*sigmoid(b*x):b=1.702"]


@needs_tex
@pytest.mark.parametrize("paper", PAPERS)
def test_every_info_snippet_fits_its_column(tmp_path, paper):
    snippets = [str(actviz.info_card(spec, format="latex")) for spec in info_specs()]
    snippets += [str(actviz.info_card(name, framework=fw, format="latex"))
                 for fw in ("torch", "jax") for name in ("gelu", "leaky_relu", "elu", "silu")]
    log = compile_tex(tmp_path, "\n\\bigskip\n".join(snippets), paper, "amsmath,booktabs,tabularx")
    assert "Output written" in log


def facts(snippet: str) -> dict[str, str]:
    """The fact rows of an info snippet: label -> LaTeX."""
    table = snippet.split(r"\midrule", 1)[1].split(r"\bottomrule", 1)[0]
    return dict(line.removesuffix(r" \\").split(" & ", 1) for line in table.strip().splitlines())


def tex_float(text: str) -> float:
    return float(text.replace("$", "").replace(r"\infty", "inf"))


def _gelu_minimum() -> tuple[float, float]:
    """(argmin, min) of x·Φ(x) by golden section with math.erf: independent of actviz."""
    f = lambda x: x * 0.5 * (1 + math.erf(x / math.sqrt(2)))  # noqa: E731
    a, b = -2.0, 0.0
    g = (math.sqrt(5) - 1) / 2
    for _ in range(200):
        c, d = b - g * (b - a), a + g * (b - a)
        a, b = (a, d) if f(c) < f(d) else (c, b)
    x = (a + b) / 2
    return x, f(x)


def test_info_latex_states_the_known_facts():
    relu = facts(str(actviz.info_card("relu", format="latex")))
    assert relu["Range"] == r"$[0, \infty)$" and relu[r"f$'$ range"] == r"$\{0, 1\}$"
    assert relu["Monotonic"] == "increasing" and relu["Dead zone"] == "yes" and relu["Zero-centred"] == "no"
    assert relu["Smoothness"] == "$C^{0}$ (kinks at $0$)" and relu[r"f$'$ exactly 0 on"] == r"$(-\infty, 0]$"
    assert relu[r"Limits at $-\infty$, +$\infty$"] == r"$0$, $\infty$"
    mean, var, dmean = (float(v) for v in re.findall(r"= (-?[\d.]+)\$", relu[r"Under $Z \sim N(0,1)$"]))
    assert abs(mean - 1 / math.sqrt(2 * math.pi)) < 5e-4 and abs(var - (0.5 - 1 / (2 * math.pi))) < 5e-4
    assert abs(dmean - 0.5) < 5e-4  # E max(0, Z), Var max(0, Z), P(Z > 0)
    tanh = facts(str(actviz.info_card("tanh", format="latex")))
    assert tanh["Range"] == "$(-1, 1)$" and tanh["Symmetry"] == "odd" and tanh["Zero-centred"] == "yes"
    assert tanh["Smoothness"] == r"$C^{\infty}$" and tanh[r"f$'$ range"] == "$(0, 1]$"
    gelu = facts(str(actviz.info_card("gelu", format="latex")))
    at, low = _gelu_minimum()
    shown = re.fullmatch(r"\$\[(-[\d.]+), \\infty\)\$ \(min at \$x = (-[\d.]+)\$\)", gelu["Range"])
    assert shown, gelu["Range"]
    assert abs(float(shown.group(1)) - low) < 1e-4 and abs(float(shown.group(2)) - at) < 1e-4
    elu2 = facts(str(actviz.info_card("elu", alpha=2.0, format="latex")))
    assert elu2["Parameters"] == r"$\alpha=2$ (alpha)" and elu2["Range"] == r"$(-2, \infty)$"  # α(eˣ − 1) → −α


def test_info_snippet_names_what_it_needs_and_sets_both_formulas():
    tex = str(actviz.info_card("srelu", format="latex"))
    assert tex.startswith(r"% actviz info SReLU (srelu): needs \usepackage{amsmath,booktabs,tabularx}")
    maths = tex.split(r"\begin{align*}")[1].split(r"\end{align*}")[0]
    assert maths.count("&=") == 2 and r"f'(x) &=" in maths and r"&\quad" in maths  # a long formula, broken
    expr = str(actviz.info_card("x*tanh(log(1+exp(x)))", format="latex"))
    assert r"\multicolumn{2}{@{}l@{}}{\texttt{x*tanh(log(1+exp(x)))}}" in expr


def test_info_markdown_and_json_agree_with_the_card():
    md = str(actviz.info_card("leaky_relu", alpha=0.2, format="markdown"))
    assert md.startswith("**Leaky ReLU (leaky_relu)**") and "$$f'(x) =" in md
    rows = dict(line.strip("| ").split(" | ", 1) for line in md.splitlines()[7:] if line.startswith("| "))
    assert rows["Range"] == "(−∞, ∞)" and rows["f′ range"] == "{0.2, 1}" and rows["Parameters"] == "α = 0.2 (alpha)"
    import json

    data = json.loads(str(actviz.info_card("gelu", format="json")))
    at, low = _gelu_minimum()
    assert abs(data["range_min"] - low) < 1e-9 and abs(data["argmin"] - at) < 1e-6  # every digit
    assert data["limits"] == ["0", "∞"] and data["kinks"] == [] and data["continuity"] == "C∞"
    assert json.loads(str(actviz.info_card("gelu", format="json", lang="zh"))) == data  # data: every language the same


def test_info_chinese_latex_says_what_it_needs():
    tex = str(actviz.info_card("relu", format="latex", lang="zh"))
    assert "ctex" in tex.splitlines()[0] and "值域 & $[0, \\infty)$" in tex


def test_info_rich_is_still_the_card():
    from rich.panel import Panel

    assert isinstance(actviz.info_card("relu"), Panel)


def test_info_format_on_the_command_line():
    result = runner.invoke(app, ["info", "elu", "-p", "alpha=2", "--format", "latex"])
    assert result.exit_code == 0, result.output
    assert r"$\alpha=2$ (alpha)" in result.stdout and r"\begin{align*}" in result.stdout
    result = runner.invoke(app, ["info", "gelu", "--framework", "torch", "-f", "markdown"])
    assert result.exit_code == 0 and result.stdout.startswith("**PyTorch GELU (torch.gelu)**")
    result = runner.invoke(app, ["info", "relu", "--format", "xml"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip().count("\n") == 0 and "rich, markdown, json, latex" in result.stderr
