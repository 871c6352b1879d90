"""A terminal plot's notebook display in a real browser (issue 24): headless Chromium lays out the HTML of
``terminal_plot(...)._repr_html_()`` and finds every braille cell exactly one digit wide, so the curves stay
inside their frames and x = 0 sits over its tick, whatever font draws the braille (DejaVu Sans Mono has
none: the browser falls back to a wider font). Skipped where no Chromium is installed."""

from __future__ import annotations

import pytest
from browser import Browser, find_chromium

import actviz

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (apt-get install chromium)")

#: per <pre>: the width of a digit, the width of the widest line, the width of every braille cell, and the widths
#: of a box line, a space, a letter and a vertical line
MEASURE = r"""[...document.querySelectorAll("pre.actviz-text")].map(pre => {
  const probe = document.createElement("span");
  probe.textContent = "0".repeat(20);
  pre.appendChild(probe);
  const ch = probe.getBoundingClientRect().width / 20;
  probe.remove();
  pre.style.display = "inline-block"; pre.style.padding = "0";
  const cells = [...pre.querySelectorAll("span")].filter(s => /^[\u2801-\u28ff]$/.test(s.textContent));
  const widths = ["\u2500", "\u00a0", "x", "\u2502"].map(c => {
    const s = document.createElement("span"); s.textContent = c.repeat(20); pre.appendChild(s);
    const w = s.getBoundingClientRect().width / 20; s.remove(); return w; });
  return [ch, pre.getBoundingClientRect().width, cells.map(c => c.getBoundingClientRect().width), widths];
})"""


def test_braille_cells_are_one_digit_wide_in_a_browser(tmp_path):
    plots = [actviz.terminal_plot("gelu"), actviz.terminal_plot("relu", "elu", "tanh", height=8, width=72)]
    page = tmp_path / "plots.html"
    # a notebook's stylesheet sets its own fonts: the plot's must win
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body, pre { font-family: serif; }'
                    '</style></head><body>'
                    + "".join(p._repr_html_() for p in plots) + "</body></html>", encoding="utf-8")
    with Browser(CHROMIUM) as browser:
        browser.viewport(1280, 900, mobile=False)
        browser.open(page.as_uri())
        measured = browser.evaluate(MEASURE)
        assert browser.errors() == []
    assert len(measured) == 2
    for (ch, width, cells, others), columns in zip(measured, (80, 72)):
        assert ch > 4 and len(cells) > 50
        assert all(abs(w - ch) < 0.01 for w in others), (ch, others)  # a monospace font: lines, spaces, letters
        assert len(set(cells)) == 1 and abs(cells[0] - ch) < 0.05, (ch, sorted(set(cells)))  # 1ch: to 1/64 px
        assert width <= columns * ch + 2, (width, columns * ch)  # no line runs past the plot's width
