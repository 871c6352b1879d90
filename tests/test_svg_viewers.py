"""SVG as other viewers draw it: a browser, librsvg or Inkscape has DejaVu at best, never the fonts only
matplotlib ships (cmsy10 draws ′ at the place of "0", STIXSizeOneSym the radical of √). The default
SVG must show the same mathematics as the all-outlines one (``svg_text="paths"``), whatever the viewer's
fonts: no text element may name such a font, and librsvg's raster of every formula must match."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

import actviz

SVG = "{http://www.w3.org/2000/svg}"

#: fonts that only matplotlib ships (mathtext's Computer Modern and STIX pieces, its made-up "Display"
#: names): a viewer substitutes something else for each, with other glyphs at the same code points
_MATPLOTLIB_ONLY = re.compile(r"cm(r|mi|sy|ex|b|tt|ss)10|STIX.*|DejaVu (Sans|Serif)( Mono)? Display", re.IGNORECASE)
#: a Chinese text names families of common Chinese fonts (not only actviz's own subset) before the generic
_CJK_COMMON = {"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC"}
_HAN = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def _families(element: ET.Element) -> list[str]:
    style = element.get("style", "")
    match = re.search(r"font-family: ?([^;]+)", style)
    if match is None:
        return []
    return [name.strip().strip("'\"") for name in match.group(1).split(",")]


def _texts(svg: Path) -> list[tuple[str, list[str]]]:
    """Every ``<text>`` and ``<tspan>`` of ``svg`` that names fonts: its characters and the families."""
    root = ET.parse(svg).getroot()
    return [("".join(element.itertext()), _families(element))
            for element in root.iter() if element.tag in (f"{SVG}text", f"{SVG}tspan") and _families(element)]


def _figures(tmp_path: Path, lang: str) -> dict[str, Path]:
    out = {
        "plot": actviz.save(actviz.plot("gelu", points=50, lang=lang), tmp_path / f"plot.{lang}.svg"),
        "compare": actviz.save(actviz.compare("softsign", "gelu:approximate=tanh", points=50, lang=lang),
                               tmp_path / f"compare.{lang}.svg"),
        "cheatsheet": actviz.save(actviz.cheatsheet("gelu", "softsign", "gelu:approximate=tanh", "isru",
                                                    lang=lang), tmp_path / f"cheatsheet.{lang}.svg"),
    }
    actviz.gallery("gelu", out=tmp_path / f"gallery.{lang}", format="svg", lang=lang, workers=1)
    out["gallery"] = tmp_path / f"gallery.{lang}" / "gelu.svg"
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_names_a_font_only_matplotlib_ships(tmp_path, lang):
    for name, svg in _figures(tmp_path, lang).items():
        texts = _texts(svg)
        assert texts, f"{name}: its words should stay text"
        bad = sorted({f for _, families in texts for f in families if _MATPLOTLIB_ONLY.fullmatch(f)})
        assert not bad, f"{name} ({lang}): text in fonts only matplotlib has: {bad}"
        for characters, families in texts:
            assert families[-1] == "sans-serif", (name, characters, families)
            if _HAN.search(characters):
                assert _CJK_COMMON & set(families), (name, characters, families)
        if lang == "zh":
            assert any(_HAN.search(characters) for characters, _ in texts), f"{name}: Chinese should stay text"
        if name in ("plot", "gallery"):
            assert any(characters.startswith("GELU") for characters, _ in texts), f"{name}: the title is text"


# -- what librsvg draws -------------------------------------------------------------------------------

ZOOM = 2.0


def _rsvg() -> str:
    found = shutil.which("rsvg-convert")
    if found is None:
        pytest.skip("rsvg-convert (librsvg2-bin) is not installed: the SVG cannot be drawn as a viewer draws it")
    return found


def _raster(svg: Path) -> np.ndarray:
    from PIL import Image

    png = svg.with_suffix(".png")
    subprocess.run([_rsvg(), "--zoom", str(ZOOM), "--background-color", "white", "-o", str(png), str(svg)],
                   check=True, capture_output=True, timeout=120)
    with Image.open(png) as image:
        return np.asarray(image.convert("L"), dtype=float) / 255.0


def _math_boxes(fig) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The text and box (x0, y0, x1, y1 as fractions of the figure, y down) of every mathtext text."""
    from matplotlib import cbook
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    boxes = []
    for text in fig.findobj(Text):
        content = text.get_text()
        if not (text.get_visible() and content and text.get_parse_math() and cbook.is_math_text(content)):
            continue
        box = text.get_window_extent(renderer)
        boxes.append((content, (box.x0 / width, 1 - box.y1 / height, box.x1 / width, 1 - box.y0 / height)))
    return boxes


def _blur(image: np.ndarray) -> np.ndarray:
    """A 3 × 3 box blur twice (about a Gaussian of 1 px): what hinting and anti-aliasing move is evened out."""
    for _ in range(2):
        padded = np.pad(image, 1, mode="edge")
        image = sum(padded[dy:dy + image.shape[0], dx:dx + image.shape[1]] for dy in range(3) for dx in range(3)) / 9
    return image


#: the largest difference of blurred ink a formula may show (0 white, 1 black). Measured: words set as
#: text and as outlines in DejaVu differ by at most 0.03 here; f⁰ for f′ or a loose √ bar by 0.5 or more
TOLERANCE = 0.1


CASES = {
    "gelu": lambda: actviz.plot("gelu", points=50),                  # f′, Φ, φ, √ in erf(x/√2)
    "gelu_tanh": lambda: actviz.plot("gelu", approximate="tanh", points=50),  # √(2/π)
    "softsign": lambda: actviz.plot("softsign", points=50),          # fractions, |x|
    "gelu_zh": lambda: actviz.plot("gelu", points=50, lang="zh"),    # the same formulas beside Chinese
    "cheatsheet": lambda: actviz.cheatsheet("gelu", "softsign", "gelu:approximate=tanh", "isru"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_librsvg_draws_the_formulas_as_the_outlines_do(tmp_path, case):
    _rsvg()
    fig = CASES[case]()
    text = _raster(actviz.save(fig, tmp_path / f"{case}.svg"))
    paths = _raster(actviz.save(fig, tmp_path / f"{case}.paths.svg", svg_text="paths"))
    assert text.shape == paths.shape
    boxes = _math_boxes(fig)
    assert len(boxes) >= 2, "the figure should hold formulas"
    height, width = text.shape
    differences = []
    for content, (x0, y0, x1, y1) in boxes:
        rows = slice(max(0, int(y0 * height) - 3), min(height, int(np.ceil(y1 * height)) + 3))
        cols = slice(max(0, int(x0 * width) - 3), min(width, int(np.ceil(x1 * width)) + 3))
        difference = np.abs(_blur(text[rows, cols]) - _blur(paths[rows, cols])).max()
        differences.append((round(float(difference), 3), content))
    wrong = sorted((d for d in differences if d[0] > TOLERANCE), reverse=True)
    assert not wrong, f"{case}: librsvg draws these formulas otherwise than their outlines: {wrong}"
