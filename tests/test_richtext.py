"""Chinese wrapped as Chinese (actviz.richtext): breaks between characters, never before closing or
after opening punctuation, Latin words whole, and English exactly as rich wraps it.

The reference for widths is rich's own cell measure (wide characters take two cells); the rules are
those of Chinese typesetting (no line begins with ，。：） and none ends with （).
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console, Group
from rich.text import Text as RichText

from actviz.richtext import NO_END, NO_START, Text, line_breaks

NOTE = "当 x ≤ 0 时 f′ 恰为 0：停在那里的神经元得不到梯度，可能死亡（Leaky ReLU 或 ELU 可避免）。"


def lines_of(text: str, width: int) -> list[str]:
    offsets = [0, *line_breaks(text, width), len(text)]
    return [text[a:b] for a, b in zip(offsets, offsets[1:])]


@pytest.mark.parametrize("width", [12, 17, 20, 31, 40, 58])
def test_a_chinese_sentence_fills_its_lines(width):
    lines = lines_of(NOTE, width)
    assert "".join(lines) == NOTE
    for line in lines:
        assert cell_len(line.rstrip()) <= width, line
    for line in lines[:-1]:  # a line ends early only to keep a Latin word or a punctuation pair whole
        assert cell_len(line.rstrip()) >= width - 11, (width, lines)
    for line in lines[1:]:
        assert line[0] not in NO_START, lines
    for line in lines[:-1]:
        assert line.rstrip()[-1] not in NO_END, lines
    assert not any(w in "".join(lines[i][-4:] + "|" + lines[i + 1][:4] for i in range(len(lines) - 1))
                   for w in ("Lea|ky", "Re|LU", "EL|U"))


def test_rich_alone_leaves_a_short_line_where_chinese_rules_fill_it():
    def render(cls, width=40):
        buf = io.StringIO()
        Console(file=buf, width=width, color_system=None).print(Group(cls(NOTE)))  # as in a card
        return buf.getvalue().splitlines()

    ours, theirs = render(Text), render(RichText)
    assert len(ours) <= len(theirs)
    assert cell_len(ours[0].rstrip()) >= 36  # rich's first line stops at "恰为" (20 cells)
    assert cell_len(theirs[0].rstrip()) < 25


@given(st.lists(st.sampled_from(["ReLU", "梯度", "消失", "，", "。", "（", "）", " ", "x = 0", "神经元", "：",
                                 "Leaky", "死亡", "f′", "0.399"]), min_size=1, max_size=40),
       st.integers(6, 80))
def test_any_mix_fits_and_loses_nothing(parts, width):
    text = "".join(parts)
    lines = lines_of(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines)


@given(st.text(alphabet=st.sampled_from("abc defg.,()-"), max_size=120), st.integers(5, 60))
def test_text_without_chinese_wraps_as_rich_does(text, width):
    def render(cls):
        buf = io.StringIO()
        Console(file=buf, width=width, color_system=None).print(Group(cls(text)))
        return buf.getvalue()

    assert render(Text) == render(RichText)


def test_measure_lets_a_table_column_narrow_to_a_few_characters():
    console = Console(width=100)
    from rich.measure import Measurement

    ours = Measurement.get(console, console.options, Text(NOTE))
    theirs = Measurement.get(console, console.options, RichText(NOTE))
    assert ours.maximum == theirs.maximum == cell_len(NOTE)
    assert ours.minimum <= 8 < theirs.minimum  # "Leaky" or a character with its punctuation
