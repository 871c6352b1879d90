"""The gallery page in a real browser (issue 18): headless Chromium opens index.html on a 390 px
phone screen, light and dark, and finds every image loaded, no console error, no horizontal
scrolling and every internal link resolved; it saves screenshots (set ACTVIZ_SCREENSHOTS to a
folder to keep them). Skipped where no Chromium is installed (Debian: apt-get install chromium).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from browser import Browser, find_chromium

import actviz

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (apt-get install chromium)")

#: every image, loaded now (the page lazy-loads those below the fold), with its natural width
LOAD_IMAGES = """(async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null :
      new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done); })));
  return images.map(img => [img.getAttribute("src"), img.currentSrc, img.naturalWidth]);
})()"""

#: every link: its href as written, and for an anchor whether the element exists
LINKS = """[...document.querySelectorAll("a[href]")].map(a => {
  const href = a.getAttribute("href");
  return [href, href.startsWith("#") ? document.getElementById(decodeURIComponent(href.slice(1))) !== null : null];
})"""

OVERFLOW = """[document.documentElement.scrollWidth, document.documentElement.clientWidth,
  [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
    && !e.closest(".scroll")).map(e => e.tagName + (e.id ? "#" + e.id : "")).slice(0, 5)]"""


#: the property table's cells: the column name a card shows before each value, and the cell's right edge
TABLE_CARDS = """[...document.querySelectorAll("#properties td")].map(td =>
  [getComputedStyle(td, "::before").content.replace(/"/g, ""), td.getBoundingClientRect().right])"""

#: the right edge of each column's header, and the screen's width
TABLE_HEADER = """[[...document.querySelectorAll("#properties thead th")].map(th => th.getBoundingClientRect().right),
  window.innerWidth]"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The whole catalogue in both themes (small figures: the page is what is tested)."""
    out = tmp_path_factory.mktemp("browser") / "site"
    actviz.gallery(out=out, theme="both", dpi=40)
    return out


def _keep(path: Path) -> None:
    folder = os.environ.get("ACTVIZ_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_in_headless_chromium_on_a_phone(site, tmp_path, scheme):
    with Browser(CHROMIUM) as browser:
        browser.viewport(390, 844, mobile=True, dark=scheme == "dark")
        browser.open((site / "index.html").as_uri())

        images = browser.evaluate(LOAD_IMAGES)
        assert len(images) == len(actviz.names())
        for src, current, width in images:
            assert width > 0, f"{src} did not load"
            shown = unquote(urlparse(current).path).rsplit("/", 1)[-1]
            narrow = src.replace(".png", ".narrow.png")  # a phone is shown the figure made for it
            assert shown == (narrow.replace(".png", ".dark.png") if scheme == "dark" else narrow), (src, current)

        scroll_width, client_width, wide = browser.evaluate(OVERFLOW)
        assert scroll_width <= client_width == 390, f"horizontal scroll: {scroll_width} px; too wide: {wide}"

        links = browser.evaluate(LINKS)
        assert len(links) > 2 * len(actviz.names())
        for href, found in links:
            if href.startswith("#"):
                assert found, f"no element for {href}"
            else:
                assert "://" not in href and (site / unquote(href.split("#")[0])).is_file(), href

        background = browser.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == ("rgb(22, 25, 29)" if scheme == "dark" else "rgb(255, 255, 255)")

        # the property table is a card a function: every value under its column's name, within the screen
        cards = browser.evaluate(TABLE_CARDS)
        assert len(cards) == len(actviz.names()) * 7
        assert all(label and right <= 390 for label, right in cards), cards[:3]

        shot = tmp_path / f"gallery-phone-{scheme}.png"
        browser.evaluate("document.getElementById('gelu').scrollIntoView()")
        browser.screenshot(str(shot))
        _keep(shot)
        assert shot.stat().st_size > 10_000
        assert browser.errors() == []


def test_property_table_fits_a_wide_screen_with_its_figures(site):
    """At 1280 px the table takes the screen's width: all eight columns in view (3 were, the rest behind a
    scrollbar at the bottom of a 61-row box), its header sticky to the top of the screen; the figures
    are the house ones."""
    with Browser(CHROMIUM) as browser:
        browser.viewport(1280, 900, mobile=False)
        browser.open((site / "index.html").as_uri())
        rights, width = browser.evaluate(TABLE_HEADER)
        assert len(rights) == 8 and max(rights) <= width, (rights, width)
        browser.evaluate("window.scrollTo(0, document.querySelector('#properties tbody tr:nth-child(40)')"
                         ".getBoundingClientRect().top + window.scrollY)")
        top = browser.evaluate("document.querySelector('#properties thead th').getBoundingClientRect().top")
        assert abs(top) < 1.0, top  # still at the top of the screen, 40 rows down
        images = browser.evaluate(LOAD_IMAGES)
        assert all(".narrow" not in current for _, current, _ in images)
