"""actviz frameworks in Chinese (--lang zh, issue 17): headers, kinds, disagreements and footnotes
translated, the facts (numbers, frameworks, code) the same as in English, tables that fit their width
without cutting a word, and json/csv the same in every language."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest
from cli_helpers import bad
from rich.cells import cell_len
from typer.testing import CliRunner

import actviz
from actviz import messages
from actviz.cli import app
from actviz.frameworks import DEFINITIONS, every_definition
from actviz.messages import TRANSLATIONS, language
from actviz.messages.review import english_texts, problems
from actviz.presets import KINDS

runner = CliRunner()
THREE = ("leaky_relu", "gelu", "softplus")
HAN = re.compile(r"[\u4e00-\u9fff]")
#: a number as actviz.text writes it: 0.01, −30, 4.7e−04, 2.1e−9, inf
NUMBER = re.compile(r"[−-]?(?:\d+(?:\.\d+)?(?:e[−+-]?\d+)?|inf)")


@pytest.fixture(autouse=True)
def _no_env_language(monkeypatch):
    monkeypatch.delenv(messages.ENV, raising=False)


# -- the messages --------------------------------------------------------------------------------------


def test_every_text_of_a_definition_has_its_translation():
    """Each note, convention at the kinks and difference in actviz.frameworks, and each version checked
    against that has words: an entry whose English copy still matches (else it is shown in English)."""
    texts = english_texts()
    wanted = {f"fw.{d.framework}.{d.key}.{what}" for d in every_definition()
              for what in ("note", "kink", "differs") if getattr(d, what)}
    assert {"fw.transformers.gelu_new.note", "fw.transformers.xielu.note"} <= wanted
    assert wanted <= texts.keys() and "fw.keras.checked" in texts  # "jax backend": words to translate
    assert "fw.torch.checked" not in texts  # a version and package names only
    assert [p for p in problems() if " fw." in p] == [], "a stale, missing or unused translation"


def test_every_kind_has_a_chinese_label():
    with language("zh"):
        labels = {k: messages.msg("frameworks.kind." + k) for k in KINDS}
    assert all(HAN.search(label) for label in labels.values()), labels
    assert len(set(labels.values())) == len(KINDS)


# -- the comparisons -----------------------------------------------------------------------------------


def test_chinese_disagreements_say_the_same_facts_as_the_english():
    """Same kinds in the same order, and each text holds the same numbers (the same multiset: Chinese
    puts them in another order) and the same framework keys and code."""
    english = actviz.compare_frameworks(lang="en")
    chinese = actviz.compare_frameworks(lang="zh")
    assert [c.name for c in chinese] == [c.name for c in english]
    assert messages.current() == "en"  # the call's language did not leak
    for en, zh in zip(english, chinese):
        assert (en.lang, zh.lang) == ("en", "zh")
        assert [k for k, _ in zh.disagreements] == [k for k, _ in en.disagreements], en.name
        for (kind, e), (_, z) in zip(en.disagreements, zh.disagreements):
            assert Counter(NUMBER.findall(z)) == Counter(NUMBER.findall(e)), (en.name, e, z)
            code = Counter(re.findall(r"\b(?:torch|keras|jax|tf|PyTorch|Keras|JAX|TensorFlow)\b", e))
            assert Counter(re.findall(r"\b(?:torch|keras|jax|tf|PyTorch|Keras|JAX|TensorFlow)\b", z)) == code
            if kind in ("missing", "value", "kink"):  # sentences; a parameter's values and the spellings are notation
                assert HAN.search(z), (kind, z)
            assert z != e or kind == "name", (kind, z)
        assert zh.to_dict() == en.to_dict()  # data: the same in every language
        assert zh.in_language("en") == en and en.in_language("zh") == zh


def test_chinese_sentences_for_leaky_relu_gelu_softplus():
    found = {c.name: dict(c.disagreements) for c in actviz.compare_frameworks(*THREE, "hardtanh", lang="zh")}
    # the frameworks' slopes at the kink, read off their autograd (tests/test_framework_agreement.py)
    assert found["leaky_relu"]["kink"] == "x = 0 处的 f′：0.01 (torch, transformers); 1 (keras, jax); 0.2 (tf)"
    assert found["leaky_relu"]["default"] == "alpha：0.01 (torch, jax, transformers); 0.2 (keras, tf)"
    assert found["leaky_relu"]["value"].startswith("f 在 [−30, 30] 上最多相差 ")
    assert found["gelu"]["approximation"] == "approximate：none (torch, keras, tf, transformers); True (jax)"
    assert found["softplus"]["switch"] == "threshold：20 (torch); inf (keras, jax, tf)"
    assert found["hardtanh"]["missing"] == "TensorFlow、transformers 中没有"
    sparsemax = dict(actviz.compare_frameworks("sparsemax", lang="zh")[0].disagreements)
    assert sparsemax["missing"] == "PyTorch、JAX、TensorFlow、transformers 中没有"
    assert sparsemax["value"].startswith("Keras：计算 τ 时") and sparsemax["value"].endswith("actviz 不复现这一差异")


# -- the table -----------------------------------------------------------------------------------------


def test_chinese_rich_table_has_chinese_headers_kinds_and_notes():
    shown = actviz.frameworks_table(*THREE, "hardtanh", "relu", width=120, lang="zh")
    for words in ("名称", "分歧", "函数值：", "默认值：", "折点：", "近似：", "切换：", "缺失：", "命名：", "无",
                  "上最多相差", "处的 f′：", "已对照 PyTorch 2.13.0、JAX", "Keras 3.15.1 (jax 0.10.2 后端)",
                  "折点处的 f′ 取各框架自动微分给出的值。", "✓：无参数"):
        assert words in shown, words
    for english in ("Name", "Disagreements", "differs by", "Checked against", "no parameters", "missing:", "kink:",
                    "not in"):
        assert english not in shown, english
    assert re.search(r"^ relu .*无 *$", shown, re.M)  # no disagreement
    assert "none" not in shown.replace("approximate=none", "").replace("none (torch", "")  # only as code
    assert "TensorFlow" in shown and "negative_slope=0.01" in shown  # names and code as they are


def _disagreement_cells(table: str, header: str) -> list[str]:
    """The disagreement cells of a rich frameworks table, each cell's lines joined by a space."""
    lines = table.splitlines()
    top = next(i for i, line in enumerate(lines) if line.rstrip().endswith(header))
    at = cell_len(lines[top][:lines[top].index(header)])  # the name column is ASCII: cells = characters
    cells, current = [], []
    for line in lines[top + 2:]:
        if not line.strip():
            if current:
                cells.append(" ".join(current))
                current = []
            continue
        if not line.startswith(" ") or line[:at].strip() == "" and not line[at:].strip():
            break
        current.append(line[at:].strip())
    return cells


def _squash(text: str) -> str:
    """Whitespace collapsed, and a space beside a wide (Chinese) character dropped: Chinese may break
    between any two characters and beside a Latin word, so a line break there is not a cut."""
    wide = "[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
    return re.sub(rf" (?={wide})|(?<={wide}) ", "", " ".join(text.split()))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [60, 100, 160])
def test_rich_table_fits_its_width_and_cuts_no_word(lang, width):
    """Chinese characters take two cells: measured in cells, no line is wider than asked; and every
    disagreement reads whole once its cell's lines are joined: lines break between words or beside
    Chinese characters, never inside a Latin word or a number."""
    names = ("leaky_relu", "gelu", "softplus", "hardtanh", "selu", "sparsemax", "tanh", "threshold")
    shown = actviz.frameworks_table(*names, width=width, lang=lang)
    assert max(cell_len(line) for line in shown.splitlines()) <= width
    with language(lang):
        header = messages.msg("frameworks.disagreements")
        wanted = [" ".join(messages.msg("frameworks.kind_label", kind=messages.msg("frameworks.kind." + k)) + t
                           for k, t in c.disagreements) or messages.msg("word.none")
                  for c in actviz.compare_frameworks(*names)]
    cells = _disagreement_cells(shown, header)
    assert len(cells) == len(names)
    for cell, text in zip(cells, wanted):
        assert _squash(cell) == _squash(text)


def test_whole_chinese_table_fits_80_columns():
    shown = actviz.frameworks_table(width=80, lang="zh")
    assert max(cell_len(line) for line in shown.splitlines()) <= 80
    assert shown.count("缺失：") == sum(1 for c in actviz.compare_frameworks() if dict(c.disagreements).get("missing"))


def test_markdown_in_chinese():
    md = actviz.frameworks_table("hardtanh", "sparsemax", "relu", format="markdown", lang="zh")
    assert md.startswith("| 名称 | PyTorch | Keras | JAX | TensorFlow | transformers | 分歧 |\n")
    assert "| **hardtanh** | `hardtanh(x, min_val=-1, max_val=1)` | `hard_tanh(x)` |" in md
    assert "**缺失**：PyTorch、JAX、TensorFlow、transformers 中没有<br>**函数值**：Keras：计算 τ 时" in md
    assert "**折点**：x = −1, 1 处的 f′：0, 0 (torch); 1, 1 (keras, jax)" in md
    assert "| 无 |" in md
    assert md.rstrip().endswith("已对照 PyTorch 2.13.0、JAX 0.10.2 (jaxlib 0.10.2)、Keras 3.15.1 (jax 0.10.2 后端)、"
                                "TensorFlow 2.21.0 (tensorflow-cpu)、transformers 5.25.0（基于 torch 2.13.0） 核对。")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_json_and_csv_are_the_same_in_every_language(fmt):
    zh = actviz.frameworks_table(*THREE, "sparsemax", format=fmt, lang="zh")
    assert zh == actviz.frameworks_table(*THREE, "sparsemax", format=fmt, lang="en")
    assert not HAN.search(zh)
    # even from comparisons made in Chinese
    from actviz.tables import render_frameworks

    with language("zh"):
        assert render_frameworks(actviz.compare_frameworks(*THREE, "sparsemax"), fmt) == zh
    if fmt == "json":
        kinds = {d["kind"] for f in json.loads(zh)["functions"] for d in f["disagreements"]}
    else:
        kinds = {k for row in csv.DictReader(io.StringIO(zh)) for k in row["kinds"].split()}
    assert kinds == {"missing", "value", "default", "approximation", "switch", "kink"}


# -- the command line ------------------------------------------------------------------------------------


def test_cli_lang_zh_and_bad_languages(monkeypatch):
    result = runner.invoke(app, ["frameworks", *THREE, "--lang", "zh"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "分歧" in result.stdout and "折点：x = 0 处的 f′" in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 100
    result = runner.invoke(app, ["frameworks", "gelu", "--lang", "zh", "--format", "markdown"])
    assert result.exit_code == 0 and result.stdout.startswith("| 名称 |")
    english = runner.invoke(app, ["frameworks", "gelu", "--format", "json"]).stdout
    assert runner.invoke(app, ["frameworks", "gelu", "--format", "json", "--lang", "zh"]).stdout == english
    monkeypatch.setenv(messages.ENV, "zh")
    assert "| 名称 |" in runner.invoke(app, ["frameworks", "gelu", "-f", "markdown"]).stdout
    assert "| name |" in runner.invoke(app, ["frameworks", "gelu", "-f", "markdown", "--lang", "en"]).stdout
    monkeypatch.delenv(messages.ENV)
    result = bad(runner.invoke(app, ["frameworks", "gelu", "--lang", "xx"]), "--lang 'xx'", "en, zh")
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_cli_chinese_in_gbk_and_english_where_the_terminal_cannot_show_it():
    from test_lang import _run

    code, out, err = _run(["frameworks", "gelu", "--lang", "zh"], "gbk")
    assert code == 0 and "分歧" in out.decode("gbk") and "近似：approximate" in out.decode("gbk")
    code, out, err = _run(["frameworks", "gelu", "--lang", "zh", "--format", "markdown"], "ascii")
    assert code == 0 and out.decode("ascii").startswith("| name | PyTorch |") and b"cannot show Chinese" in err


# -- a preset's card (actviz info NAME --framework FW) ---------------------------------------------------


def test_preset_notes_in_english_are_the_activations_own():
    from actviz.presets import preset, preset_notes

    for fw, defs in DEFINITIONS.items():
        for name in defs:
            act = preset(name, fw)
            assert preset_notes(act) == list(act.notes), act.name
            with language("zh"):
                chinese = preset_notes(act)
            assert len(chinese) == len(act.notes) and chinese != list(act.notes)


def test_a_preset_made_in_chinese_keeps_english_notes():
    from actviz.presets import _preset

    with language("zh"):
        act = _preset.__wrapped__("keras", "leaky_relu", "leaky_relu")  # made afresh, as by a first call in Chinese
    assert act.notes[:3] == ("Keras's definition: keras.activations.leaky_relu(x, negative_slope=0.2); checked against "
                             "keras 3.15.1 (jax backend, jax 0.10.2).",
                             "Convention at the kinks in Keras: f′(0) = 1, the right slope (jax backend).",
                             "keras.layers.LeakyReLU uses another default, negative_slope=0.3.")


def test_chinese_card_of_a_preset():
    result = runner.invoke(app, ["info", "hard_silu", "--framework", "keras", "--lang", "zh"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.replace("│", " ").split())
    for words in ("Keras 的定义：keras.activations.hard_silu(x)；已对照 keras 3.15.1 (jax 0.10.2 后端) 核对。",
                  "也叫 keras.activations.hard_swish。", "没有指数运算：在手机上很便宜。",  # the catalogue's note
                  TRANSLATIONS["act.hardswish.summary"][1]):
        assert " ".join(words.split()) in shown, words
    result = runner.invoke(app, ["info", "leaky_relu", "--framework", "jax", "--lang", "zh"], env={"COLUMNS": "100"})
    shown = " ".join(result.stdout.replace("│", " ").split())
    assert "JAX Leaky ReLU（带泄露修正线性单元）" in shown and "JAX 在折点处的约定：f′(0) = 1，取右侧的斜率。" in shown
    english = runner.invoke(app, ["info", "leaky_relu", "--framework", "jax"], env={"COLUMNS": "100"}).stdout
    assert "Convention at the kinks in JAX: f′(0) = 1, the right slope." in " ".join(english.replace("│", " ").split())
