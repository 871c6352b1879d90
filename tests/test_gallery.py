"""actviz gallery (issue 18): a figure per activation, index.html and index.md, built beside the
target and swapped in, the same bytes on every run, and the caller's process left as it was.

References are independent of the gallery code: each figure against ``actviz.plot`` saved by
``actviz.save`` (the figure the issue asks for), image sizes read from the PNG and SVG files
themselves, the page parsed by the stdlib's HTML parser, ranges that are known facts of the
functions (ReLU [0, ∞), f′ {0, 1}; sigmoid (0, 1), f′ (0, 0.25]).
"""

from __future__ import annotations

import gc
import multiprocessing
import re
import signal
import struct
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import matplotlib
import matplotlib.image
import pytest
from cli_helpers import bad
from typer.testing import CliRunner

import actviz
from actviz.catalog import FAMILIES, REGISTRY
from actviz.cli import app
from actviz.render import bands
from actviz.render import gallery as gallery_module

runner = CliRunner()
DPI = 30  # small figures: the tests check structure and bytes, not looks
VOID = {"meta", "img", "source", "br", "hr", "link", "input", "wbr"}



def _house_files(folder):
    """The files of a gallery folder but the phone's figures (``*.narrow.*``, tested on their own)."""
    return sorted(p.name for p in folder.iterdir() if ".narrow." not in p.name)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def svg_size_in(path: Path) -> tuple[float, float]:
    head = path.read_text(encoding="utf-8")[:2000]
    w = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', head).group(1)
    h = re.search(r'<svg[^>]*\sheight="([\d.]+)pt"', head).group(1)
    return float(w) / 72, float(h) / 72


class Page(HTMLParser):
    """The tags of a page with their attributes, text per element id, and a check that every
    non-void element is closed in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.figures: list[list[str]] = []  # the tags inside each <figure>
        self.feed(text)
        self.close()
        assert not self.stack, f"unclosed: {self.stack}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "figure":
            self.figures.append([])
        elif "figure" in self.stack:
            self.figures[-1].append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]

    @property
    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]

    @property
    def words(self) -> str:
        return " ".join(self.text)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """relu, a parameterised ELU, sigmoid and softmax (a vector activation), drawn by 2 workers."""
    out = tmp_path_factory.mktemp("gallery") / "site"
    index = actviz.gallery("relu", "elu:alpha=0.5", "sigmoid", "softmax", out=out, dpi=DPI, workers=2)
    assert index == out / "index.html"
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# -- the figures --------------------------------------------------------------------------------


def test_one_plot_figure_per_activation_named_by_it(site, tmp_path):
    assert _house_files(site) == [
        "elu_alpha_0.5.png", "explore.html", "index.html", "index.md", "relu.png", "sigmoid.png", "softmax.png"]
    for spec, name in [("relu", "relu.png"), ("elu:alpha=0.5", "elu_alpha_0.5.png"), ("softmax", "softmax.png")]:
        with matplotlib.rc_context({"text.hinting": "no_hinting"}):  # PNGs are drawn unhinted, as the poster
            reference = matplotlib.image.imread(actviz.save(actviz.plot(spec, dpi=DPI), tmp_path / name))
        drawn = matplotlib.image.imread(site / name)  # opaque: written as RGB, by the fast writer
        assert drawn.shape == reference.shape[:2] + (3,) and (reference[..., 3] == 1).all()
        assert (drawn == reference[..., :3]).all(), name


def test_svg_figures_are_the_plot_figures(tmp_path):
    actviz.gallery("gelu", out=tmp_path / "s", format="svg", workers=1)
    reference = actviz.save(actviz.plot("gelu"), tmp_path / "gelu.svg")
    assert (tmp_path / "s" / "gelu.svg").read_bytes() == reference.read_bytes()


def test_image_attributes_match_the_files(site):
    page = Page((site / "index.html").read_text(encoding="utf-8"))
    images = page.all("img")
    assert len(images) == 4
    for img in images:
        w, h = png_size(site / img["src"])
        # width/height: the figure's size in CSS pixels (96 per inch); the file has DPI per inch
        assert int(img["width"]) == round(w / DPI * 96) and int(img["height"]) == round(h / DPI * 96)
        assert img["alt"] and img["loading"] == "lazy"


def test_same_bytes_on_every_run_and_with_any_number_of_workers(site, tmp_path):
    again = tmp_path / "again"
    one = tmp_path / "one"
    actviz.gallery("relu", "elu:alpha=0.5", "sigmoid", "softmax", out=again, dpi=DPI, workers=2)
    actviz.gallery("relu", "elu:alpha=0.5", "sigmoid", "softmax", out=one, dpi=DPI, workers=1)
    assert snapshot(again) == snapshot(site) == snapshot(one)
    actviz.gallery("relu", "elu:alpha=0.5", "sigmoid", "softmax", out=again, dpi=DPI, workers=2)  # replaces itself
    assert snapshot(again) == snapshot(site)


def test_svg_figures_and_their_sizes(tmp_path):
    out = tmp_path / "relu-figures"
    actviz.gallery(family="shrink", out=out, format="svg")
    names = [a.name for a in REGISTRY.family("shrink")]
    assert _house_files(out) == sorted([f"{n}.svg" for n in names] + ["explore.html", "index.html", "index.md"])
    page = Page((out / "index.html").read_text(encoding="utf-8"))
    for img in page.all("img"):
        w, h = svg_size_in(out / img["src"])
        assert (int(img["width"]), int(img["height"])) == (round(w * 96), round(h * 96))
    assert page.words.split()[:1] == [FAMILIES["shrink"]]  # the family's heading is the page's


def test_both_themes_dark_variants_and_prefers_color_scheme(tmp_path):
    out = tmp_path / "both"
    actviz.gallery("relu", "gelu", out=out, theme="both", dpi=DPI)
    assert _house_files(out) == ["explore.html", "gelu.dark.png", "gelu.png", "index.html", "index.md",
                                                     "relu.dark.png", "relu.png"]
    light = matplotlib.image.imread(out / "relu.png")
    dark = matplotlib.image.imread(out / "relu.dark.png")
    assert light[1, 1, :3].mean() > 0.9 and dark[1, 1, :3].mean() < 0.2  # the corner: the figure's background
    html = (out / "index.html").read_text(encoding="utf-8")
    page = Page(html)
    sources = page.all("source")
    # each figure's sources: the phone's dark and light figures, then the dark house figure
    assert [s["srcset"] for s in sources] == ["relu.narrow.dark.png", "relu.narrow.png", "relu.dark.png",
                                              "gelu.narrow.dark.png", "gelu.narrow.png", "gelu.dark.png"]
    assert [s["media"] for s in sources[:3]] == ["(max-width: 40rem) and (prefers-color-scheme: dark)",
                                                 "(max-width: 40rem)", "(prefers-color-scheme: dark)"]
    assert "@media (prefers-color-scheme: dark)" in html
    assert {"name": "color-scheme", "content": "light dark"} in page.all("meta")
    assert "relu.dark.png" in (out / "index.md").read_text(encoding="utf-8")


def test_one_theme_has_no_colour_scheme_switch(tmp_path):
    out = tmp_path / "post"
    actviz.gallery("relu", out=out, theme="dark", dpi=DPI)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "prefers-color-scheme" not in html
    assert [s["srcset"] for s in Page(html).all("source")] == ["relu.narrow.png"]  # the phone's only
    assert {"name": "color-scheme", "content": "dark"} in Page(html).all("meta")
    assert matplotlib.image.imread(out / "relu.png")[1, 1, :3].mean() < 0.2


# -- the page ------------------------------------------------------------------------------------


def test_page_is_self_contained_and_semantic(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    page = Page(html)
    assert not page.all("script") and not page.all("link") and not page.all("iframe")
    assert not re.search(r"@import|url\(|https?:", html), "nothing may be fetched from the network"
    assert page.all("html")[0]["lang"] == "en"
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in page.all("meta")
    assert len(page.figures) == 4
    for inside in page.figures:
        assert "img" in inside and inside[-1] == "figcaption"
    ids = page.ids
    assert len(ids) == len(set(ids)), "ids are unique"
    for a in page.all("a"):
        href = a["href"]
        if href.startswith("#"):
            assert unquote(href[1:]) in ids, href
        else:
            assert (site / unquote(href.split("#")[0])).is_file(), href  # explore.html#fn=...: the page


def test_alt_text_states_the_function_and_its_range(site):
    alts = {img["src"]: img["alt"] for img in Page((site / "index.html").read_text(encoding="utf-8")).all("img")}
    assert "ReLU" in alts["relu.png"] and "[0, ∞)" in alts["relu.png"] and "max(0,x)" in alts["relu.png"]
    assert "Sigmoid" in alts["sigmoid.png"] and "(0, 1)" in alts["sigmoid.png"]
    assert "ELU (α = 0.5)" in alts["elu_alpha_0.5.png"] and "(−0.5, ∞)" in alts["elu_alpha_0.5.png"]


def test_entries_in_family_sections_with_formula_properties_notes_and_reference(site):
    page = Page((site / "index.html").read_text(encoding="utf-8"))
    sections = [a["id"] for a in page.all("section")]
    # catalogue order of the families, whatever the order of the specs
    assert sections == ["family-sigmoid", "family-relu", "family-exponential", "family-softmax", "properties"]
    words = page.words
    for heading in (FAMILIES["sigmoid"], FAMILIES["relu"], FAMILIES["exponential"], FAMILIES["softmax"]):
        assert heading in words
    relu = words[words.index("Rectified linear unit"):words.index("Property table", words.index("Rectified linear"))]
    for fact in ("max(0,x)", "[0, ∞)", "{0, 1}", "left (hard)", "C⁰", "Zero-centred"):
        assert fact in relu, fact
    assert "Nair & Hinton" in relu  # the reference (escaped as &amp; in the source)
    for note in REGISTRY["relu"].notes:
        assert note in relu
    sigmoid = words[words.index("The logistic function"):]
    assert "(0, 1)" in sigmoid and "(0, 0.25]" in sigmoid and "both (soft)" in sigmoid
    assert "A vector activation" in words  # softmax is shown for 2 logits


def test_property_table_has_a_row_per_entry_linking_to_it(site):
    page = Page((site / "index.html").read_text(encoding="utf-8"))
    rows = [a["href"] for t, a in page.tags if t == "a" and a["href"] in ("#relu", "#elu_alpha_0.5", "#sigmoid",
                                                                            "#softmax")]
    # once in the contents, once in the table
    assert sorted(rows) == sorted(["#relu", "#elu_alpha_0.5", "#sigmoid", "#softmax"] * 2)
    assert len(page.all("tr")) == 5  # the header and a row per activation


def test_text_is_escaped(tmp_path):
    act = actviz.Activation(
        name="tagged", label="<b>Tagged</b> & co", family="relu", summary='A "quoted" <script>alert(1)</script>',
        formula=r"\max(0, x)", derivative_formula=r"1", fn=lambda x: x * (x > 0),
        derivative_fn=lambda x: (x > 0) * 1.0, limits=(0.0, None), derivative_limits=(0.0, 1.0), kinks=(0.0,),
        notes=("Uses <angle> brackets & ampersands.",), reference="Doe & Roe <2024>",
    )
    actviz.register(act)
    try:
        out = tmp_path / "esc"
        actviz.gallery("tagged", out=out, dpi=DPI, workers=1)
    finally:
        actviz.unregister("tagged")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;Tagged&lt;/b&gt; &amp; co" in html and "Doe &amp; Roe &lt;2024&gt;" in html
    Page(html)  # still well formed
    md = (out / "index.md").read_text(encoding="utf-8")
    assert r"\<script>" in md and r"\<b>Tagged\</b>" in md


def test_markdown_page_for_static_site_generators(site):
    md = (site / "index.md").read_text(encoding="utf-8")
    lines = md.splitlines()
    assert lines[0] == "# Activation functions"
    assert [line[3:] for line in lines if line.startswith("## ")] == [
        FAMILIES["sigmoid"], FAMILIES["relu"], FAMILIES["exponential"], FAMILIES["softmax"], "Property table"]
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", md)
    assert images == ["sigmoid.png", "relu.png", "elu_alpha_0.5.png", "softmax.png"]
    table = [line for line in lines if line.startswith("| ")]
    assert len(table) == 6 and "[0, ∞)" in next(line for line in table if "relu" in line)


# -- atomic as a whole --------------------------------------------------------------------------------


class Boom(RuntimeError):
    pass


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failure_leaves_the_previous_gallery_intact(tmp_path, monkeypatch, workers):
    out = tmp_path / "site"
    actviz.gallery("relu", "sigmoid", out=out, dpi=DPI, workers=1)
    before = snapshot(out)
    real = gallery_module._render

    def failing(job, folder, dpi, prepared=None):  # the third figure fails, after two were written
        if job.name.startswith("tanh"):
            raise Boom("renderer failed")
        return real(job, folder, dpi, prepared)

    monkeypatch.setattr(gallery_module, "_render", failing)  # forked workers inherit it
    with pytest.raises(Boom):
        actviz.gallery("relu", "sigmoid", "tanh", "gelu", out=out, dpi=DPI, workers=workers)
    assert snapshot(out) == before
    assert _house_files(tmp_path) == ["site"], "no temporary folder left"
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not bands.forkable(), reason="figures are drawn in this process here")
def test_a_worker_that_dies_ends_the_build_and_changes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "site"
    actviz.gallery("relu", out=out, dpi=DPI, workers=1)
    before = snapshot(out)
    real = gallery_module._render

    def dying(job, folder, dpi, prepared=None):  # as if the out-of-memory killer struck
        if job.name.startswith("tanh"):
            import os

            os._exit(9)
        return real(job, folder, dpi, prepared)

    monkeypatch.setattr(gallery_module, "_render", dying)
    with pytest.raises(gallery_module.WorkerError, match="stopped unexpectedly") as caught:
        actviz.gallery("relu", "sigmoid", "tanh", "gelu", out=out, dpi=DPI, workers=2)
    assert caught.value.exit_code == 1
    assert snapshot(out) == before
    assert _house_files(tmp_path) == ["site"]
    assert multiprocessing.active_children() == []


def test_a_symbolic_link_is_refused(tmp_path):
    real = tmp_path / "real"
    actviz.gallery("relu", out=real, dpi=DPI)
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(actviz.ActvizError, match="symbolic link"):
        actviz.gallery("relu", out=tmp_path / "link", dpi=DPI)


def test_an_interrupt_leaves_the_previous_gallery_intact(tmp_path):
    out = tmp_path / "site"
    actviz.gallery("relu", out=out, dpi=DPI, workers=1)
    before = snapshot(out)

    def interrupt(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        actviz.gallery("relu", "sigmoid", "tanh", out=out, dpi=DPI, workers=2, progress=interrupt)
    assert snapshot(out) == before
    assert _house_files(tmp_path) == ["site"]
    assert multiprocessing.active_children() == []


def test_replacing_a_gallery_removes_its_old_figures(tmp_path):
    out = tmp_path / "site"
    actviz.gallery("relu", "sigmoid", out=out, dpi=DPI)
    actviz.gallery("relu", out=out, format="svg")
    assert _house_files(out) == ["explore.html", "index.html", "index.md", "relu.svg"]


def test_an_empty_folder_is_used(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    actviz.gallery("relu", out=out, dpi=DPI)
    assert (out / "relu.png").is_file()
    assert out.stat().st_mode & 0o777 == 0o777 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_progress_is_reported_for_every_figure(tmp_path):
    seen = []
    actviz.gallery("relu", "sigmoid", "tanh", out=tmp_path / "s", dpi=DPI, theme="both", workers=2,
                   progress=lambda done, total: seen.append((done, total)))
    assert seen == [(k, 12) for k in range(0, 13)]  # 3 functions, 2 themes, house and phone figures


def test_progress_starts_before_matplotlib_loads_while_explore_html_is_made(tmp_path):
    """progress(0, total) comes before the gallery loads matplotlib (the command line applies its
    start-up tricks there), and by then explore.html is being made by a process of its own."""
    import subprocess
    import sys

    script = (
        "import sys, actviz\n"
        "seen = []\n"
        "def progress(done, total):\n"
        "    if done == 0:\n"
        "        seen.append('matplotlib' in sys.modules)\n"
        f"actviz.gallery('relu', 'tanh', out={str(tmp_path / 's')!r}, dpi=40, workers=2, progress=progress)\n"
        "print(seen)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[False]"
    assert "<title>Activation functions: move the parameters</title>" in \
        (tmp_path / "s" / "explore.html").read_text(encoding="utf-8")


# -- the caller's process is left as it was -------------------------------------------------------------


def test_the_calling_process_is_unchanged(tmp_path):
    rc = dict(matplotlib.rcParams)
    gc_on = gc.isenabled()
    handler = signal.getsignal(signal.SIGINT)
    threads = threading.active_count()
    actviz.gallery("relu", "gelu", out=tmp_path / "s", dpi=DPI, workers=2)
    assert dict(matplotlib.rcParams) == rc
    assert gc.isenabled() == gc_on
    assert signal.getsignal(signal.SIGINT) == handler
    assert threading.active_count() == threads
    assert multiprocessing.active_children() == []
    assert gallery_module._WORKER == {}, "worker state lives in the workers only"


# -- the command line --------------------------------------------------------------------------------


def test_cli_writes_the_gallery_and_prints_its_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["gallery", "relu", "gelu", "-o", "post/", "--theme", "dark", "--dpi", str(DPI)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(Path("post") / "index.html")
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    assert _house_files(tmp_path / "post") == ["explore.html", "gelu.png", "index.html", "index.md", "relu.png"]


def test_cli_default_folder_and_family(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["gallery", "--family", "wave", "--format", "svg"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outputs" / "gallery"
    assert _house_files(folder) == sorted(
        [f"{a.name}.svg" for a in REGISTRY.family("wave")] + ["explore.html", "index.html", "index.md"])
    assert f"<h1>{FAMILIES['wave']}</h1>" in (folder / "index.html").read_text(encoding="utf-8")


def test_cli_progress_bar_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["gallery", "relu", "tanh", "-o", "s", "--dpi", str(DPI)],
                           env={"FORCE_COLOR": "1", "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "Drawing figures" in result.stderr and "4/4" in result.stderr
    assert result.stdout.strip().endswith("index.html")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "pdf"], ["--format 'pdf'", "png, svg"]),
        (["--format", "jpg"], ["--format 'jpg'", "png, svg"]),
        (["--format", "svgz"], ["'svgz'", "did you mean 'svg'"]),
        (["--theme", "blue"], ["--theme 'blue'", "light, dark, both"]),
        (["--dpi", "5"], ["--dpi 5", "20 to 600"]),
        (["--dpi", "601"], ["--dpi 601", "20 to 600"]),
        (["-o", "page.html"], ["--output 'page.html'", "folder"]),
        (["-o", "relu.png"], ["'relu.png'", "folder"]),
        (["-o", "somefile.txt"], ["'somefile.txt'", "is a file"]),
        (["-o", "somefile.txt/site"], ["'somefile.txt'", "not a folder"]),
        (["-o", "mine"], ["'mine'", "no actviz gallery", "new or empty folder"]),
        (["-o", "."], ["'.'", "current folder"]),
        (["-o", ""], ["empty"]),
        (["-o", "x" * 300], ["300 bytes", "at most 255"]),
        (["--family", "relus"], ["relus"]),
        (["--family", "relu", "gelu"], ["gelu not in family 'relu'"]),
        (["rellu"], ["'rellu'", "did you mean 'relu'"]),
        (["relu:alpha=abc"], ["alpha='abc'", "not a number"]),
    ],
)
def test_bad_input_exit_2_one_line_nothing_written(tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "somefile.txt").write_text("mine")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    defaults = {"-o": "site", "--dpi": str(DPI)}
    given = [a for a in args if a.startswith("-")]
    extra = [x for k, v in defaults.items() if k not in given for x in (k, v)]
    specs = [] if "--family" in args or args[0] not in ("--format", "--theme", "--dpi", "-o") else ["relu"]
    result = bad(runner.invoke(app, ["gallery", *specs, *args, *extra]), *words)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before


def test_a_gallery_with_other_files_in_it_is_refused(tmp_path):
    out = tmp_path / "site"
    actviz.gallery("relu", out=out, dpi=DPI)
    (out / "CNAME").write_text("example.org")
    with pytest.raises(actviz.ActvizError, match="'CNAME', which is not part of a gallery"):
        actviz.gallery("relu", out=out, dpi=DPI)
    assert (out / "CNAME").read_text() == "example.org"


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_bad_workers(tmp_path, workers):
    with pytest.raises(actviz.ParameterError, match="workers"):
        actviz.gallery("relu", out=tmp_path / "s", workers=workers)
    assert list(tmp_path.iterdir()) == []


# -- in Chinese, and a framework's definitions --------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def site_zh(tmp_path_factory):
    """The page and SVG figures in Chinese, drawn by 2 forked workers (lang= is the only hint)."""
    out = tmp_path_factory.mktemp("gallery_zh") / "site"
    actviz.gallery("relu", "sigmoid", "softmax", "x*erf(x)", out=out, format="svg", lang="zh", workers=2)
    return out


def test_chinese_page_in_the_notes_vocabulary(site_zh):
    html = (site_zh / "index.html").read_text(encoding="utf-8")
    page = Page(html)
    assert page.all("html")[0]["lang"] == "zh-Hans"
    assert "<h1>激活函数</h1>" in html and "共 4 个激活函数" in html
    for words in ("目录", "性质表", "返回目录", "修正线性单元（ReLU 家族）", "Sigmoid 与挤压型", "自定义表达式",
                  "ReLU（修正线性单元）", "值域", "导数值域", "以零为中心", "参考文献：", "由 actviz",
                  "向量值激活函数", "f 为实线", "公式中记作"):
        assert words in page.words, words
    for english in ("Property table", "Contents", "Back to the contents", "Reference:", "Made with", "f solid",
                    "Zero-centred", "Rectifiers", "Your expressions"):
        assert english not in page.words, english
    # the facts are the same in every language: ReLU's exact range and f′ values, sigmoid's
    assert "[0, ∞)" in page.words and "{0, 1}" in page.words and "(0, 0.25]" in page.words
    assert '"PingFang SC"' in html  # the reader's Chinese fonts first


def test_chinese_figures_are_drawn_in_chinese_by_the_workers(site_zh):
    svg = (site_zh / "relu.svg").read_text(encoding="utf-8")
    assert "斜率很小" in svg  # the legend's small-slope entry, as plot(..., lang="zh") draws it


def test_chinese_markdown_page(site_zh):
    md = (site_zh / "index.md").read_text(encoding="utf-8")
    assert md.startswith("# 激活函数\n")
    assert "## 性质表" in md and "- **值域**：" in md and "说明：" in md
    assert "Property table" not in md and "**Range**" not in md


def test_english_page_has_no_chinese(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert Page(html).all("html")[0]["lang"] == "en"
    assert not CJK.search(html + (site / "index.md").read_text(encoding="utf-8"))


def test_a_frameworks_definitions(tmp_path):
    out = tmp_path / "jax"
    actviz.gallery(family="gated", framework="jax", out=out, dpi=DPI, workers=1)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Self-gated (x·g(x)) as JAX defines them</h1>" in html
    figures = {p.name for p in out.glob("*.png")}
    # jax.nn has gelu (the tanh approximation by default), silu and hard_silu (hardswish); no elish
    assert {"jax_gelu.png", "jax_silu.png", "jax_hard_silu.png"} <= figures
    assert not any("elish" in f for f in figures)
    assert "JAX GELU (approximate = tanh)" in html


def test_a_frameworks_definitions_in_chinese_keep_their_translations(tmp_path):
    out = tmp_path / "jax"
    actviz.gallery("hardswish", "relu", framework="jax", out=out, dpi=DPI, workers=1, lang="zh")
    words = Page((out / "index.html").read_text(encoding="utf-8")).words
    assert "激活函数（JAX 中的定义）" in words
    assert "为移动端网络设计的分段版 Swish" in words  # hardswish's summary, though JAX spells it hard_silu
    assert "没有指数运算" in words  # and its note
    assert "JAX ReLU（修正线性单元）" in words


def test_cli_gallery_lang_and_framework(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["gallery", "relu", "--framework", "torch", "--lang", "zh", "-o", "s", "--dpi", str(DPI)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert "激活函数（PyTorch 中的定义）" in html and (tmp_path / "s" / "torch_relu.png").exists()


@pytest.mark.parametrize(("args", "words"), [
    (["--framework", "torch,keras"], ["gallery takes one --framework", "compare"]),
    (["--framework", "mxnet"], ["'mxnet'", "torch"]),
    (["--lang", "fr"], ["--lang 'fr'", "en, zh"]),
    (["x*erf(x)", "--framework", "jax"], ["expression in x", "--framework"]),
])
def test_cli_gallery_bad_lang_or_framework(tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    specs = [] if args[0].startswith("-") else None
    result = bad(runner.invoke(app, ["gallery", *(["relu"] if specs is not None else []), *args, "-o", "s"]), *words)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_phone_gets_figures_made_for_it(site):
    """Beside each figure, one for a phone's column (the house figure shown 358 px wide had 4-5 px
    text): 3.8 in wide, no title or formula (the entry shows them as text), no text under 9.8 pt."""
    from matplotlib.text import Text

    from actviz.render.gallery import NARROW_FONT, NARROW_SIZE

    for name in ("relu", "elu_alpha_0.5", "softmax"):
        w, h = png_size(site / f"{name}.narrow.png")
        assert (w, h) == (round(NARROW_SIZE[0] * DPI), round(NARROW_SIZE[1] * DPI))
    fig = actviz.plot("elu", size=NARROW_SIZE, title=False, formula=False, font_scale=NARROW_FONT, dpi=DPI)
    fig.canvas.draw()
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert min(sizes) >= 9.8 - 1e-9
    page = Page((site / "index.html").read_text(encoding="utf-8"))
    narrow = [s for s in page.all("source") if s["srcset"].endswith(".narrow.png")]
    assert len(narrow) == 4 and all(s["media"] == "(max-width: 40rem)" for s in narrow)
    assert all(int(s["width"]) == round(NARROW_SIZE[0] * 96) for s in narrow)


def test_no_phone_figures_on_request(tmp_path):
    """--no-phone (phone=False): the house figures only, and the page serves them to every screen."""
    out = tmp_path / "lean"
    actviz.gallery("relu", "gelu", out=out, dpi=DPI, theme="both", phone=False)
    assert sorted(p.name for p in out.iterdir()) == ["explore.html", "gelu.dark.png", "gelu.png", "index.html",
                                                      "index.md", "relu.dark.png", "relu.png"]
    sources = Page((out / "index.html").read_text(encoding="utf-8")).all("source")
    assert [s["srcset"] for s in sources] == ["relu.dark.png", "gelu.dark.png"]
    result = runner.invoke(app, ["gallery", "relu", "-o", str(tmp_path / "cli"), "--dpi", str(DPI), "--no-phone"])
    assert result.exit_code == 0 and not list((tmp_path / "cli").glob("*.narrow.*"))
