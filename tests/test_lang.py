"""Chinese (--lang zh): the catalogue of messages, the bundled font, figures, tables and reports in
Chinese, and English output unchanged (tests/en_outputs.py records it)."""

from __future__ import annotations

import io
import json
import logging
import re
import string
import warnings
from pathlib import Path

import en_outputs
import pytest
from cli_helpers import COMMANDS
from typer.testing import CliRunner

import actviz
from actviz import messages
from actviz.catalog import FAMILIES, REGISTRY
from actviz.cli import app
from actviz.messages import LANGUAGES, MESSAGES, TRANSLATIONS, language, msg
from actviz.messages.review import english_texts, problems

runner = CliRunner()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# -- the catalogue ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_every_language_with_the_same_fields(key):
    texts = MESSAGES[key]
    assert len(texts) == len(LANGUAGES)
    assert all(t.strip() for t in texts), f"{key}: an empty translation"
    assert _fields(texts[0]) == _fields(texts[1]), f"{key}: the fields differ between en and zh"


def _chinese() -> dict[str, tuple[str, str]]:
    """id -> (English, Chinese) of every message and every translation (its English from where it lives)."""
    english = english_texts()
    return {**MESSAGES, **{k: (english.get(k, ""), zh) for k, (_, zh) in TRANSLATIONS.items()}}


def test_no_chinese_message_is_mathtext():
    """matplotlib draws a string with $...$ entirely in its math fonts, which have no Chinese (tofu)."""
    assert [k for k, (_, zh) in _chinese().items() if "$" in zh and not zh.lstrip().startswith("%")] == []


def test_chinese_messages_are_chinese():
    """Every Chinese message that has words has Chinese characters (none was left in English by mistake),
    except the few that are the same in both (symbols, names)."""
    texts = _chinese()
    same = {k for k, (en, zh) in texts.items() if en == zh}
    assert same <= {"column.mean_output", "column.output_variance", "column.mean_derivative", "column.mean_output_error",
                    "column.output_variance_error", "column.mean_derivative_error", "train.adam",
                    "softmax.logit", "deep.mean", "deep.second_moment", "deep.variance", "deep.derivative_second_moment",
                    "deep.gamma", "deep.none", "deep.sigma_b2", "deep.sigma_w2", "deep.q_star", "deep.chi1", "deep.unstable",
                    "precision.nonfinite", "precision.never", "precision.fig_bound", "precision.fig_nonfinite",
                    "two_input.value", "two_input.f", "two_input.slice"}
    for key, (en, zh) in texts.items():
        if key not in same | {"softmax.logits"} and re.search(r"[A-Za-z]{4,}", re.sub(r"\{\w+\}", "", en)):
            assert re.search(r"[\u4e00-\u9fff]", zh), key


def test_every_catalogue_text_has_its_translation():
    """Summaries, notes, parameter meanings and family headings (and the frameworks' texts): an entry
    whose checksum is that of the definition's English (a changed English text fails here, printing the
    English to translate and its new checksum, until its translation is updated). The English is stored
    only where it lives."""
    assert {f"act.{n}.summary" for n in REGISTRY.names()} | {f"family.{f}" for f in FAMILIES} <= english_texts().keys()
    assert problems() == [], "update these translations (python -m actviz.messages.review --stale):\n" + \
        "\n".join(problems())
    assert not {k for k in MESSAGES if k.startswith(("act.", "family.", "fw."))}, "an English copy of a text"


def test_the_review_lists_every_translation_with_its_english(capsys):
    from actviz.messages import review

    assert review.main(["--stale"]) == 0 and capsys.readouterr().out == ""
    assert review.main([]) == 0
    out = capsys.readouterr().out
    assert f"act.relu.summary  [ok]  {messages.checksum(REGISTRY['relu'].summary)}" in out
    assert f"  en: {REGISTRY['relu'].summary}\n  zh: {TRANSLATIONS['act.relu.summary'][1]}" in out
    assert review.main(["--bad"]) == 2


def test_language_resolution_and_scope(monkeypatch):
    monkeypatch.delenv(messages.ENV, raising=False)
    assert messages.current() == "en"
    with language("zh"):
        assert msg("info.range") == "值域"
        with language(None):  # keeps the enclosing language
            assert messages.current() == "zh"
        with language("en"):
            assert msg("info.range") == "Range"
    assert messages.current() == "en"
    assert messages.resolve("zh-CN") == messages.resolve("ZH_Hans") == "zh"
    monkeypatch.setenv(messages.ENV, "zh")
    assert messages.current() == "zh" and msg("word.yes") == "是"
    monkeypatch.setenv(messages.ENV, "fr")
    with pytest.raises(actviz.ParameterError, match="ACTVIZ_LANG 'fr'"):
        messages.resolve(None)
    with pytest.raises(actviz.ParameterError, match="en, zh"):
        messages.resolve("klingon")


def test_a_stale_translation_is_never_shown():
    with language("zh"):
        assert messages.localized("act.relu.summary", "some other English") == "some other English"
        assert messages.localized("act.relu.summary", REGISTRY["relu"].summary).startswith("修正线性单元")


# -- the font ------------------------------------------------------------------------------------------


def _cmap(path: str) -> set[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return set(font.getBestCmap())


def test_the_font_holds_every_character_of_every_chinese_message():
    from matplotlib import font_manager

    from actviz.fonts import FILES

    dejavu = _cmap(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    for weight, path in FILES.items():
        held = dejavu | _cmap(str(path))
        missing = sorted({c for c in messages.characters() if ord(c) not in held and not c.isspace()})
        assert missing == [], f"{weight}: run python -m actviz.build ({''.join(missing)!r} missing)"


def test_the_font_is_small_licensed_and_packaged():
    from actviz.fonts import FAMILY, FILES, FOLDER

    assert sum(p.stat().st_size for p in FILES.values()) < 400 * 1024
    licence = (FOLDER / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
    from fontTools.ttLib import TTFont

    for path in FILES.values():
        with TTFont(str(path), lazy=True) as font:
            assert font["name"].getDebugName(1) == FAMILY
            assert "glyf" in font and "CFF " not in font  # TrueType outlines: PDFs embed it as Type 42
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text()
    assert '"actviz.fonts" = ["*.ttf", "OFL.txt"]' in pyproject


def test_every_chinese_message_renders_without_a_missing_glyph(caplog):
    """Draw every Chinese message (bold too) in a house-style figure: no 'Glyph ... missing' warning and
    nothing logged by matplotlib's font manager or mathtext."""
    from actviz.render.style import new_figure, themed

    caplog.set_level(logging.DEBUG, logger="matplotlib.font_manager")
    caplog.set_level(logging.DEBUG, logger="matplotlib.mathtext")
    texts = [zh for _, zh in _chinese().values()] + list(messages.CHINESE_NAMES.values())
    with warnings.catch_warnings(record=True) as caught, language("zh"):
        warnings.simplefilter("always")
        with themed("light"):
            fig = new_figure((8, 8), 50)
            for i, t in enumerate(texts):
                fig.text(0.01, (i % 40) / 40, t.replace("\n", " "), fontsize=6,
                         fontweight="bold" if i % 2 else "normal")
        fig.canvas.draw()
    assert [str(w.message) for w in caught if "missing" in str(w.message).lower()] == []
    assert [r.getMessage() for r in caplog.records if "missing" in r.getMessage().lower()
            or "not found" in r.getMessage().lower()] == []


# -- figures -------------------------------------------------------------------------------------------


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontfamily"))]


def test_chinese_figures_draw_chinese_and_leave_matplotlib_alone():
    import matplotlib

    before = dict(matplotlib.rcParams)
    fig = actviz.plot("relu", lang="zh")
    shown = " ".join(_texts(fig))
    assert "修正线性单元" in shown and "斜率很小" in shown
    families = {tuple(t.get_fontfamily()) for t in fig.findobj(lambda a: hasattr(a, "get_fontfamily"))}
    assert all("Noto Sans SC actviz" in f for f in families)
    assert dict(matplotlib.rcParams) == before
    english = " ".join(_texts(actviz.plot("relu")))
    assert "small slope" in english and not re.search(r"[\u4e00-\u9fff]", english)


def test_no_text_of_a_chinese_figure_mixes_chinese_and_mathtext():
    figs = [actviz.plot("srelu", lang="zh"), actviz.plot("softmax", lang="zh"),
            actviz.compare("relu", "srelu", "softmax", "soft_exponential", lang="zh"),
            actviz.cheatsheet("srelu", "softmax", "threshold", lang="zh"),
            actviz.lesson_figure(actviz.gradient("sigmoid", "srelu", layers=5), lang="zh"),
            actviz.lesson_figure(actviz.loss("hardsigmoid", target=0.5), lang="zh"),
            actviz.lesson_figure(actviz.zigzag("sigmoid", "srelu", steps=50), lang="zh")]
    for fig in figs:
        for t in _texts(fig):
            assert not ("$" in t and re.search(r"[\u4e00-\u9fff]", t)), t


def test_chinese_on_your_axes_uses_your_font_then_ours():
    import matplotlib
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    actviz.plot("relu", ax=ax, lang="zh")
    legend = ax.get_legend()
    assert any("斜率很小" in t.get_text() for t in legend.get_texts())
    assert all("Noto Sans SC actviz" in t.get_fontfamily() for t in legend.get_texts())
    assert list(matplotlib.rcParams["font.family"])[0] == legend.get_texts()[0].get_fontfamily()[0]


def test_svg_keeps_chinese_as_text_and_names_the_font(tmp_path):
    path = actviz.save(actviz.plot("relu", lang="zh"), tmp_path / "relu.svg")
    svg = path.read_text(encoding="utf-8")
    assert "修正线性单元" in svg and "'Noto Sans SC actviz'" in svg and "sans-serif" in svg


def test_pdf_embeds_the_subset(tmp_path):
    data = actviz.save(actviz.plot("relu", lang="zh"), tmp_path / "relu.pdf").read_bytes()
    assert b"NotoSansSCactviz" in data and b"/FontFile2" in data  # TrueType, embedded (Type 42)


# -- text: tables, cards, reports -------------------------------------------------------------------


def test_chinese_table_fits_80_columns_measured_in_cells():
    from rich.cells import cell_len

    for columns in (None, "name,range,derivative_range,saturation,zero_centred,monotonic,dead_zone,continuity"):
        shown = actviz.table(width=80, lang="zh", columns=columns)
        assert "名称" in shown and "饱和" in shown
        assert max(cell_len(line) for line in shown.splitlines()) <= 80


def test_chinese_cards_and_reports_fit_80_columns():
    from rich.cells import cell_len
    from rich.console import Console

    from actviz import terminal

    with language("zh"):
        renderables = [terminal.info_card(actviz.properties(s)) for s in ("gelu", "threshold", "softmax", "srelu")]
        renderables += [terminal.gradient_report(actviz.gradient("sigmoid", "relu", layers=5)),
                        terminal.softmax_report(actviz.softmax([3, 1, -3], 2.0)),
                        terminal.train_report(actviz.train("relu", steps=20)),
                        terminal.zigzag_report(actviz.zigzag("sigmoid", steps=50)),
                        terminal.list_table([REGISTRY[n] for n in REGISTRY.names()[:6]]),
                        actviz.terminal_plot("gelu", width=80), actviz.terminal_plot("relu", "softmax", width=80)]
        for r in renderables:
            buf = io.StringIO()
            Console(file=buf, width=80, color_system=None, legacy_windows=False).print(r)
            out = buf.getvalue()
            assert re.search(r"[\u4e00-\u9fff]", out)
            assert max(cell_len(line) for line in out.splitlines()) <= 80


def test_markdown_and_latex_in_chinese_json_and_csv_the_same_in_every_language():
    md = actviz.table("relu", "threshold", "hardshrink", "softmax", format="markdown", lang="zh")
    assert md.startswith("| 名称 | 公式 | 值域 |") and "左侧（硬）" in md and "不连续" in md
    tex = actviz.table("relu", "threshold", format="latex", lang="zh")
    assert "ctex" in tex.splitlines()[0] and "不连续" in tex
    for fmt in ("json", "csv"):
        assert actviz.table(format=fmt, lang="zh") == actviz.table(format=fmt, lang="en")


# -- the command line ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_lang(name):
    result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "--lang" in result.output


def test_cli_chinese_and_bad_languages(tmp_path, monkeypatch):
    monkeypatch.delenv(messages.ENV, raising=False)
    assert "推导出的性质" in runner.invoke(app, ["info", "gelu", "--lang", "zh"]).output
    assert "高斯误差线性单元" in runner.invoke(app, ["plot", "gelu", "--terminal", "--lang", "zh"]).output
    monkeypatch.setenv(messages.ENV, "zh")
    assert "均方误差" in runner.invoke(app, ["loss", "--no-figure"]).output
    assert "Derived properties" in runner.invoke(app, ["info", "gelu", "--lang", "en"]).output
    bad = runner.invoke(app, ["plot", "relu", "--lang", "fr", "-o", str(tmp_path / "x.png")])
    assert bad.exit_code == 2 and "--lang 'fr'" in bad.output and "en, zh" in bad.output
    assert not (tmp_path / "x.png").exists()
    monkeypatch.setenv(messages.ENV, "de")
    bad = runner.invoke(app, ["table"])
    assert bad.exit_code == 2 and "ACTVIZ_LANG 'de'" in bad.output and "Traceback" not in bad.output


def _run(args: list[str], encoding: str) -> tuple[int, bytes, bytes]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop(messages.ENV, None)
    proc = subprocess.run([sys.executable, "-m", "actviz", *args], capture_output=True, env=env, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


def test_gbk_holds_chinese_ascii_falls_back_to_english():
    code, out, err = _run(["table", "--lang", "zh", "--columns", "name,range,saturation,continuity"], "gbk")
    assert code == 0 and "饱和" in out.decode("gbk") and "双侧（软）" in out.decode("gbk")
    code, out, err = _run(["info", "relu", "--lang", "zh"], "ascii")
    assert code == 0 and b"Saturation" in out and b"?" not in out.replace(b"? ", b"")  # English, no '?' runs
    assert b"cannot show Chinese" in err
    code, out, _ = _run(["table", "--lang", "zh", "--format", "markdown"], "ascii")
    assert code == 0 and out.decode("ascii").startswith("| Name | Formula |")


# -- English unchanged -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", en_outputs.names())
def test_english_output_is_unchanged(name, monkeypatch):
    """Figures, tables in every format, cards, lesson reports and terminal plots in English (no language
    given) are what tests/data/en_outputs/ holds: texts exactly, figures by their structure (texts, lines,
    patches, axes; numbers to 1e-9 relative, places to 1e-3 of the figure) and a few PNGs by coarse pixels.
    Holds across library versions and CPUs. Re-record on purpose: python tests/en_outputs.py (its docstring)."""
    monkeypatch.delenv(messages.ENV, raising=False)
    expected = json.loads(en_outputs.path(name).read_text(encoding="utf-8"))
    actual = en_outputs.record(name)
    if expected["kind"] == "text":
        if not en_outputs.same_text(expected["lines"], actual["lines"]):
            assert "\n".join(actual["lines"]) == "\n".join(expected["lines"])  # shows the diff
        return
    diffs = en_outputs.differences(expected["structure"], actual["structure"], name)
    diffs += en_outputs.png_differences(expected.get("png_blocks", []), actual.get("png_blocks", []))
    assert diffs == [], f"{len(diffs)} differences (re-record on purpose: python tests/en_outputs.py {name}):\n" + \
        "\n".join(diffs[:40])


def test_every_recorded_output_is_checked():
    """No recorded file is left behind unchecked, and no output is checked against nothing."""
    assert sorted(p.stem for p in en_outputs.FOLDER.glob("*.json")) == en_outputs.names()


def test_lang_en_is_the_default(monkeypatch):
    """--lang en (lang="en") gives what no language gives, through the API and the command line."""
    monkeypatch.delenv(messages.ENV, raising=False)
    recorded = "\n".join(json.loads(en_outputs.path("table.markdown").read_text(encoding="utf-8"))["lines"])
    assert actviz.table(format="markdown", lang="en") == recorded
    with language("en"):
        assert actviz.table(format="markdown") == recorded
    for args in (["table", "--format", "markdown"], ["table", "--format", "markdown", "--lang", "en"]):
        assert runner.invoke(app, args).stdout.rstrip("\n") == recorded.rstrip("\n")
    expected = json.loads(en_outputs.path("plot_relu").read_text(encoding="utf-8"))
    assert en_outputs.differences(expected["structure"], en_outputs.describe(actviz.plot("relu", lang="en"))) == []


def test_chinese_piecewise_formulas_read_as_a_chinese_textbook():
    """issue 24: 当 x > 0 时, not "if/else", wherever a formula is text (cards, terminal tables, gallery)."""
    from actviz.messages import language
    from actviz.selection import select
    from actviz.text import plain_formula

    elu = select("elu")
    with language("zh"):
        zh = plain_formula(elu.formula)
    with language("en"):
        en = plain_formula(elu.formula)
    assert zh == "f(x) = x（当 x>0 时），否则 α(eˣ−1)" and " if " not in zh and "else" not in zh
    assert en == "f(x) = x if x>0, else α(eˣ−1)"
