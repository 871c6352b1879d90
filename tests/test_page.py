"""actviz page (issue 28): the offline page, its generated JavaScript and its self-test.

The page's JavaScript is checked where it runs: headless Chromium opens it with ``#selftest`` and the page
compares every function (and every framework's variant) with the values actviz embedded, at 41 points for up
to three parameter sets; a deliberately broken definition must make it fail. The page is also opened on a
1280 px screen and a 390 px phone: no request leaves the file, no error, no sideways scrolling, the canvas
is drawn, the keyboard moves a slider and the URL's hash keeps the state. Skipped where no Chromium exists.
"""

from __future__ import annotations

import base64
import math
import re
import struct
import subprocess
import zlib

import numpy as np
import pytest
from browser import Browser, find_chromium
from cli_helpers import bad
from typer.testing import CliRunner

import actviz
from actviz.cli import app
from actviz.render import jsgen, page

runner = CliRunner()
CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (apt-get install chromium)")
KIB = 1024


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    out = tmp_path_factory.mktemp("page") / "explore.html"
    assert actviz.page(output=out) == out
    return out


def _selftest(path, fragment="#selftest"):
    done = subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
                           '--host-resolver-rules=MAP * ~NOTFOUND', "--dump-dom", path.as_uri() + fragment],
                          capture_output=True, text=True, timeout=120, check=False)
    match = re.search(r'<p id="selftest"[^>]*>([^<]*)</p>', done.stdout)
    assert match, done.stdout[-2000:] + done.stderr[-2000:]
    return match.group(1)


def test_whole_catalogue_is_one_small_self_contained_file(catalogue):
    html = catalogue.read_text(encoding="utf-8")
    assert len(html.encode()) <= 150 * KIB
    # nothing to fetch: no URL, no src/href to a file, no CSS import or url(), no fetch or XHR
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html, re.I)
    assert not re.search(r"""\s(src|href)=["'](?!#|data:)""", html)
    assert "url(" not in html and "@import" not in html and "fetch(" not in html and "XMLHttpRequest" not in html
    assert "default-src 'none'" in html  # and the page forbids any request itself


def test_every_catalogue_function_and_variant_is_on_the_page():
    built = page.build(actviz.activations())
    assert built.skipped == []
    keys = {e["key"] for e in built.entries}
    assert keys == set(actviz.names())
    from actviz.frameworks import DEFINITIONS

    variants = {(e["key"], v["fw"]) for e in built.entries for v in e["variants"]}
    assert variants == {(n, fw) for fw, names in DEFINITIONS.items() for n in names if n in keys}


def test_check_values_keep_21_bits_of_every_float64():
    """The embedded values (top 32 bits of float64, rounded) are within 2⁻²¹ relative of the true ones,
    at any magnitude, and keep 0, ±∞ and NaN."""
    values = [0.0, -0.0, 1.0, -2.5, 1 / 3, math.pi * 1e-300, 6.02e23, 5e-324, 1.7e308, math.inf, -math.inf, math.nan]
    raw = page._pack(values)
    back = [struct.unpack(">d", raw[4 * i:4 * i + 4] + b"\0\0\0\0")[0] for i in range(len(values))]
    for v, b in zip(values, back):
        if math.isnan(v):
            assert math.isnan(b)
        elif v in (0.0, math.inf, -math.inf):
            assert b == v
        elif abs(v) > 1e-307:  # normal numbers: 20 mantissa bits kept, rounded
            assert abs(b - v) <= abs(v) * 2.0 ** -21


def test_data_is_raw_deflate_that_zlib_reads():
    text = actviz.page("elu")
    blob = re.search(r'id="actviz-data">([^<]+)<', text).group(1)
    data = zlib.decompress(base64.b64decode(blob), -15)
    assert b'"key":"elu"' in data and b'"grid"' in data


def test_trace_turns_python_ifs_into_javascript_ifs():
    gelu = actviz.get("gelu")
    body = "".join(jsgen.trace(gelu.fn, {"approximate": None}))
    assert body.startswith("const t0=(p.approximate===\"tanh\");if(t0){") and "_erfc(" in body
    assert "Math.expm1(" in "".join(jsgen.trace(actviz.get("elu").fn, {"alpha": None}))
    with pytest.raises(jsgen.TraceError):
        jsgen.trace(lambda x: np.sort(x), {})


def test_facts_are_actvizs_own_at_the_grid(catalogue):
    built = page.build([actviz.get("elu").bind()], frameworks=False)
    elu = built.entries[0]
    alpha = elu["params"][0]
    assert alpha["grid"][:3] == [0.05, 0.5, 1.0] and alpha["min"] == 0.05 and alpha["step"] == 0.05
    at_one = elu["grid"]["alpha"][alpha["grid"].index(1.0)]
    at_half = elu["grid"]["alpha"][alpha["grid"].index(0.5)]
    assert at_one[3] == "C¹" and at_half[3] == "C⁰"  # ELU is C¹ only at α = 1
    assert at_half[0] == "(−0.5, ∞)" and at_half[2] == "−0.5"  # the infimum −α is not attained
    gelu = page.build([actviz.get("gelu").bind()], frameworks=False).entries[0]
    assert gelu["facts"][2] == ["−0.1700", "−0.7518"]  # GELU's minimum −0.169971 at x = −0.751791


@needs_chromium
def test_selftest_passes_for_the_whole_catalogue(catalogue):
    result = _selftest(catalogue)
    assert result.startswith("SELFTEST PASS"), result
    assert int(result.split()[2]) > 20000  # every function and variant, f and f′


@needs_chromium
def test_selftest_catches_a_wrong_definition(tmp_path):
    html = actviz.page("elu", "gelu")
    broken = tmp_path / "broken.html"
    broken.write_text(html.replace("Math.expm1(", "Math.exp(", 1), encoding="utf-8")
    result = _selftest(broken)
    assert result.startswith("SELFTEST FAIL elu"), result


@needs_chromium
def test_expressions_and_chinese(tmp_path):
    out = tmp_path / "mine.html"
    result = runner.invoke(app, ["page", "x*tanh(b*x):b=1", "gelu", "--lang", "zh", "--theme", "dark", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout and 'lang="zh-Hans"' in out.read_text(encoding="utf-8")
    assert _selftest(out).startswith("SELFTEST PASS")


@needs_chromium
@pytest.mark.parametrize(("width", "mobile"), [(1280, False), (390, True)])
def test_page_in_chromium(catalogue, tmp_path, width, mobile):
    with Browser(CHROMIUM) as b:
        b.call("Network.enable")
        b.viewport(width, 900, mobile=mobile, dark=mobile)
        b.open(catalogue.as_uri() + "#fn=elu&alpha=0.5")
        requests = [e["params"]["request"]["url"] for e in b.events if e.get("method") == "Network.requestWillBeSent"]
        assert all(u.startswith("file:") for u in requests) and len(requests) == 1, requests
        assert b.errors() == []
        assert b.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert b.evaluate("document.documentElement.dataset.theme") == ("dark" if mobile else "light")
        # the canvas holds the curve: pixels in ELU's house colour
        colour = b.evaluate("""(()=>{const c=document.getElementById('plot'),g=c.getContext('2d');
            const d=g.getImageData(0,0,c.width,c.height).data;let n=0;
            for(let i=0;i<d.length;i+=4)if(Math.abs(d[i]-0)<30&&Math.abs(d[i+1]-158)<30&&Math.abs(d[i+2]-115)<30)n++;return n;})()""")
        assert colour > 200
        assert b.evaluate("document.getElementById('p-alpha').value") == "0.5"
        facts = b.evaluate("document.getElementById('facts').textContent")
        assert "(−0.5, ∞)" in facts and "C⁰" in facts
        # the keyboard moves the slider one step, and the hash and the facts follow
        b.evaluate("document.getElementById('p-alpha').focus()")
        for kind in ("keyDown", "keyUp"):
            b.call("Input.dispatchKeyEvent", type=kind, key="ArrowRight", code="ArrowRight", windowsVirtualKeyCode=39)
        assert b.evaluate("location.hash") == "#fn=elu&alpha=0.55"
        assert "nearest" in b.evaluate("document.getElementById('facts-note').textContent")
        b.evaluate("document.getElementById('lang').click()")
        assert b.evaluate("document.getElementById('l-facts').textContent") == "性质"
        b.screenshot(str(tmp_path / f"page_{width}.png"))


def test_cli_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad(runner.invoke(app, ["page", "rellu"]), "'rellu'", "did you mean 'relu'")
    bad(runner.invoke(app, ["page", "elu", "-o", "x.htm"]), "'.htm'", ".html")
    bad(runner.invoke(app, ["page", "--theme", "blue"]), "'blue'", "light, dark")
    bad(runner.invoke(app, ["page", "--lang", "fr"]), "--lang 'fr'")
    assert list(tmp_path.iterdir()) == []


def test_default_path_and_same_bytes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["page", "relu", "elu"]).exit_code == 0
    first = (tmp_path / "outputs" / "explore.html").read_bytes()
    assert runner.invoke(app, ["page", "relu", "elu"]).exit_code == 0
    assert (tmp_path / "outputs" / "explore.html").read_bytes() == first


@pytest.mark.parametrize("error", [RuntimeError("failed"), KeyboardInterrupt()])
def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch, error):
    from actviz.render import save

    out = tmp_path / "explore.html"
    out.write_bytes(b"old")

    def failing(content, path):
        def write(fh):
            fh.write(b"<!DOCTYPE html> half")
            raise error
        return save._atomic(path, write)

    monkeypatch.setattr(save, "save_text", failing)
    result = runner.invoke(app, ["page", "relu", "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["explore.html"]


def test_gallery_links_each_function_to_its_place_in_the_page(tmp_path):
    from urllib.parse import parse_qs, unquote

    out = tmp_path / "site"
    actviz.gallery("relu", "elu:alpha=0.5", "x*tanh(b*x):b=1", out=out, dpi=20)
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="explore\.html#([^"]+)"', index)
    assert len(links) == 3
    blob = re.search(r'id="actviz-data">([^<]+)<', (out / "explore.html").read_text(encoding="utf-8")).group(1)
    keys = {e["key"] for e in __import__("json").loads(zlib.decompress(base64.b64decode(blob), -15))["entries"]}
    wanted = [parse_qs(unquote(h.replace("&amp;", "&")), keep_blank_values=True) for h in links]
    assert [w["fn"][0] for w in wanted] == ["relu", "elu", "expr:x*tanh(b*x)"]
    assert all(w["fn"][0] in keys for w in wanted) and wanted[1]["alpha"] == ["0.5"]


def test_in_a_notebook_the_page_shows_itself_and_its_repr_is_one_line():
    import pickle

    result = actviz.page("elu", "gelu")
    assert isinstance(result, str) and result.startswith("<!DOCTYPE html>")
    assert repr(result).startswith("<actviz Page: ") and "\n" not in repr(result) and len(repr(result)) < 200
    frame = result._repr_html_()
    assert frame.startswith("<iframe ") and 'srcdoc="&lt;!DOCTYPE html&gt;' in frame
    assert pickle.loads(pickle.dumps(result)) == str(result)
