"""Fuzzing the command line (issue 7): random names, specs, parameters, values and options for
every command must end in exit code 0 or 2, never an uncaught exception or a traceback, and never
leave a partial or temporary file. With exit code 2 nothing is written at all; with 0 the only
new file is the complete figure the command printed.

Figure commands run with few points and a low dpi so that each example takes milliseconds.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cli_helpers import COMMANDS, assert_covers_every_command
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from actviz.catalog import REGISTRY
from actviz.cli import app

runner = CliRunner()
NAMES = REGISTRY.names()
FAMILIES = REGISTRY.families()
PARAM_NAMES = sorted({p.name for n in NAMES for p in REGISTRY[n].params})
FAST = ["--points", "50", "--dpi", "30"]
EXAMPLES = int(os.environ.get("ACTVIZ_FUZZ_EXAMPLES", "40"))  # raise it for a long hunt
FIGURE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = settings(max_examples=2 * EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- strategies -----------------------------------------------------------------------------------

# Every strategy mixes mostly valid values with wrong ones, so that many examples get through
# validation and exercise the drawing and writing too.

bad_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "-1e400", "1e308", "1e-320", "", " ", "abc",
                     "0x1p3", "1,5", "1_000", "½", "--", "-", "="]),
)
good_numbers = st.one_of(
    st.floats(-10, 10).map(lambda v: f"{v:g}"),
    st.floats(-1e6, 1e6).map(repr),
    st.sampled_from(["0", "-0", "1", "0.5", "2", "-3", "1e-9", "1e9", "1e120", "-1e120", "1e-300"]),
)
numbers = st.one_of(good_numbers, good_numbers, bad_numbers)
names = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(NAMES),
    st.sampled_from(NAMES).map(lambda n: n.upper().replace("_", "-")),
    st.text(max_size=12),
    st.sampled_from(["", " ", "rellu", "relu:", ":", "relu:alpha", "-p", "--help-me"]),
)
keys = st.one_of(st.sampled_from(PARAM_NAMES), st.text(max_size=6))
assignments = st.one_of(
    st.tuples(keys, numbers).map(lambda kv: f"{kv[0]}={kv[1]}"),
    st.text(max_size=10),
    st.sampled_from(["alpha", "=3", "alpha=", "alpha=0.1:beta", "a=b=c"]),
)


@st.composite
def own_assignments(draw, name):
    """KEY=VALUE items with the activation's own parameter names (values may still be wrong)."""
    act = REGISTRY[name]
    items = []
    for p in act.params:
        if draw(st.booleans()):
            value = draw(st.sampled_from(p.choices)) if p.is_choice else draw(numbers)
            items.append(f"{p.name}={value}")
    return items


@st.composite
def specs(draw):
    """NAME[:KEY=VALUE[,KEY=VALUE...]]: mostly the activation's own parameters, sometimes garbage."""
    if draw(st.integers(0, 2)):
        name = draw(st.sampled_from(NAMES))
        items = draw(own_assignments(name))
        return name + (":" + ",".join(items) if items else "")
    name = draw(names)
    if draw(st.booleans()):
        return name
    items = draw(st.lists(assignments, min_size=0, max_size=3))
    sep = draw(st.sampled_from([":", ":", ":", "::", ";"]))
    return name + sep + ",".join(items) + draw(st.sampled_from(["", "", ",", ":beta", ":"]))


outputs = st.sampled_from([
    None, None, None, "fig.png", "fig.png", "fig.svg", "fig.pdf", "sub/dir/fig.png", "fig.PNG",
    "fig.jpg", "fig", ".png", "fig.png.bak", "somefile.txt/fig.png", "somefile.txt", ".", "sub/",
    "x" * 300 + ".png", "fig\x00.png", "",
])
themes = st.sampled_from(["light", "dark", "light", "dark", "blue", "", "LIGHT"])
dpis = st.sampled_from(["30", "30", "30", "20", "0", "-1", "100000", "abc", "1e3"])
points = st.sampled_from(["50", "50", "50", "10", "1", "9", "0", "-3", "1000000", "2.5", "x"])


def _option(flag, values):
    return st.one_of(st.just([]), values.map(lambda v: [flag, v]))


def _figure_options(with_range=True):
    parts = [_option("--theme", themes), outputs.map(lambda o: [] if o is None else ["-o", o]), _option("--dpi", dpis)]
    if with_range:
        parts += [_option("--xmin", st.one_of(numbers, st.sampled_from(["-5", "-1", "-100"]))),
                  _option("--xmax", st.one_of(numbers, st.sampled_from(["5", "1", "100"]))),
                  _option("--points", points)]
    return st.tuples(*parts).map(lambda lists: [a for part in lists for a in part])


# -- the property -----------------------------------------------------------------------------------


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def check(args: list[str], folder: bool = False) -> None:
    """``folder``: the command writes a folder of figures and pages (gallery), not one figure."""
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "somefile.txt").write_text("keep me\n")
        os.chdir(root)
        try:
            before = _files(root)
            result = runner.invoke(app, args)
        finally:
            os.chdir(cwd)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert result.exit_code in (0, 2), (args, result.exit_code, result.output)
        assert "Traceback" not in result.output, (args, result.output)
        after = _files(root)
        assert not [p for p in after if p.endswith(".tmp")], (args, after.keys())
        changed = {p for p in after if before.get(p) != after[p]}
        if result.exit_code == 2:
            assert result.stderr.strip(), args
            assert not changed, (args, changed)
        else:
            if folder and changed:  # a complete gallery: its page, beside its figures
                assert any(Path(p).name == "index.html" and p in result.output for p in changed), (args, changed)
            for path in changed:  # only complete figures
                data = after[path]
                if folder and path.endswith((".html", ".md")):
                    assert data.rstrip().endswith(b"</html>") or path.endswith(".md"), path
                    continue
                assert (data[:8] == b"\x89PNG\r\n\x1a\n" or data[:5] == b"%PDF-" or b"</svg>" in data[-200:]
                        or data[:6] == b"GIF89a" and data[-1:] == b";"  # animate's files too
                        or data[:4] == b"RIFF" and data[8:12] == b"WEBP" or data.rstrip().endswith(b"</html>")), path
                assert folder or path in result.output or path.replace(os.sep, "/") in result.output


# -- one test per command -------------------------------------------------------------------------


@st.composite
def name_and_params(draw):
    """NAME and -p items: mostly the activation's own parameters, sometimes anything."""
    name = draw(names)
    if name in NAMES and draw(st.integers(0, 2)):
        return name, draw(own_assignments(name))
    return name, draw(st.lists(assignments, max_size=3))


@FIGURE
@given(named=name_and_params(), alpha=_option("--alpha", numbers),
       options=_figure_options(), derivative=st.sampled_from([[], ["--no-derivative"]]))
def test_plot(named, alpha, options, derivative):
    name, params = named
    check(["plot", name, *[a for p in params for a in ("-p", p)], *alpha, *derivative, *FAST, *options])


@FIGURE
@given(items=st.lists(specs(), min_size=1, max_size=3), options=_figure_options())
def test_compare(items, options):
    check(["compare", *items, *FAST, *options])


@FIGURE
@given(items=st.lists(specs(), min_size=1, max_size=2),
       family=_option("--family", st.one_of(st.sampled_from(FAMILIES), st.text(max_size=8))),
       cols=_option("--cols", st.sampled_from(["1", "3", "0", "13", "abc"])), options=_figure_options(False))
def test_cheatsheet(items, family, cols, options):
    check(["cheatsheet", *items, *family, *cols, "--dpi", "30", *options])


@TEXT
@given(items=st.lists(specs(), max_size=3), params=st.lists(assignments, max_size=2),
       family=_option("--family", st.one_of(st.sampled_from(FAMILIES), st.text(max_size=8))),
       fmt=_option("--format", st.sampled_from(["rich", "markdown", "csv", "json", "latex", "xml", "", "JSON"])),
       columns=_option("--columns", st.one_of(st.sampled_from(["name,range", "name,,range", "", ",", "colour"]),
                                               st.text(max_size=10))))
# found by a random hunt: softplus's switch at t/β = 2e308 overflowed to a kink at +∞
@example(items=["softplus:beta=0.5,threshold=1e308"], params=[], family=[], fmt=[], columns=[])
@example(items=["softplus:beta=1,threshold=1e308"], params=[], family=[], fmt=["--format", "json"], columns=[])
def test_table(items, params, family, fmt, columns):
    check(["table", *items, *[a for p in params for a in ("-p", p)], *family, *fmt, *columns])


@TEXT
@given(family=_option("--family", st.one_of(st.sampled_from(FAMILIES), st.text(max_size=8))))
def test_list(family):
    check(["list", *family])


@TEXT
@given(named=name_and_params(),
       fmt=_option("--format", st.sampled_from(["rich", "latex", "markdown", "json", "xml", "", "LATEX"])))
def test_info(named, fmt):
    name, params = named
    check(["info", name, *[a for p in params for a in ("-p", p)], *fmt])


@FIGURE
@given(items=st.lists(specs(), min_size=1, max_size=2),
       layers=st.sampled_from(["3", "3", "3", "1", "0", "1001", "abc", "-1"]),
       width=st.sampled_from(["4", "4", "4", "1", "0", "2000"]),
       seed=_option("--seed", st.sampled_from(["0", "-1", "7", "99999999999999999999999", "x"])),
       init=_option("--init", st.sampled_from(["auto", "he", "xavier", "foo", ""])),
       fmt=_option("--format", st.sampled_from(["rich", "json", "xml"])), options=_figure_options(False))
def test_gradient(items, layers, width, seed, init, fmt, options):
    check(["gradient", *items, "--layers", layers, "--width", width, *seed, *init, *fmt, "--dpi", "30", *options])


@FIGURE
@given(logits=st.lists(numbers, max_size=5), temperature=_option("-t", numbers),
       fmt=_option("--format", st.sampled_from(["rich", "json", "xml"])), options=_figure_options(False))
def test_softmax(logits, temperature, fmt, options):
    check(["softmax", *logits, *temperature, *fmt, "--dpi", "30", *options])


@FIGURE
@given(activation=_option("--activation", st.one_of(specs(), st.sampled_from(["sigmoid", "hardsigmoid", "tanh"]))),
       target=_option("--target", st.one_of(numbers, st.floats(0, 1).map(repr))),
       options=_figure_options(False))
def test_loss(activation, target, options):
    check(["loss", *activation, *target, "--dpi", "30", *options])


@FIGURE
@given(items=st.lists(specs(), min_size=1, max_size=2),
       data=_option("--data", st.sampled_from(["circles", "xor", "moons", "spiral", "linear", "ring", ""])),
       hidden=_option("--hidden", st.sampled_from(["4", "3,2", "4,4,4", "0", "300", "4,,4", "", "x", "-1"])),
       steps=st.sampled_from(["5", "5", "20", "0", "-1", "100001", "1.5"]),
       lr=_option("--lr", st.one_of(numbers, st.sampled_from(["0.01", "1", "100"]))),
       optimizer=_option("--optimizer", st.sampled_from(["adam", "gd", "sgd", ""])),
       bias=_option("--bias-init", st.one_of(numbers, st.sampled_from(["-3", "0", "5"]))),
       noise=_option("--noise", st.sampled_from(["0", "0.1", "1", "2", "-0.1", "nan"])),
       samples=_option("--samples", st.sampled_from(["8", "20", "3", "10001", "abc"])),
       fmt=_option("--format", st.sampled_from(["rich", "json", "xml"])), options=_figure_options(False))
def test_train(items, data, hidden, steps, lr, optimizer, bias, noise, samples, fmt, options):
    check(["train", *items, *data, *hidden, "--steps", steps, *lr, *optimizer, *bias, *noise, *samples, *fmt,
           "--dpi", "30", *options])


@FIGURE
@given(items=st.lists(specs(), min_size=1, max_size=2),
       steps=st.sampled_from(["50", "50", "0", "100001", "x"]),
       lr=_option("--lr", st.one_of(numbers, st.sampled_from(["0.5", "5", "100"]))),
       samples=_option("--samples", st.sampled_from(["10", "2", "1", "10001"])),
       fmt=_option("--format", st.sampled_from(["rich", "json", "xml"])), options=_figure_options(False))
def test_zigzag(items, steps, lr, samples, fmt, options):
    check(["zigzag", *items, "--steps", steps, *lr, *samples, *fmt, "--dpi", "30", *options])


@TEXT
@given(items=st.lists(st.one_of(names, specs()), max_size=3),
       fmt=_option("--format", st.sampled_from(["rich", "markdown", "json", "csv", "latex", "", "RICH"])),
       lang=_option("--lang", st.sampled_from(["en", "zh", "fr", ""])))
def test_frameworks(items, fmt, lang):
    check(["frameworks", *items, *fmt, *lang])


CONFIGS = Path(__file__).resolve().parent / "data" / "configs"


@TEXT
@given(target=st.one_of(names, specs(), st.sampled_from(["somefile.txt", "config.json", "a/b", "", "gelu_new", "swish",
                                                          *(str(p) for p in sorted(CONFIGS.glob("*.json")))])),
       fmt=_option("--format", st.sampled_from(["rich", "json", "xml", ""])),
       output=_option("-o", st.sampled_from(["out.png", "out.svg", "out.txt", "sub/out.png", ""])),
       lang=_option("--lang", st.sampled_from(["en", "zh", "fr"])))
def test_resolve(target, fmt, output, lang):
    check(["resolve", target, *fmt, *output, "--dpi", "30", *lang])


@TEXT
@given(fmt=_option("--format", st.sampled_from(["rich", "markdown", "json", "csv", ""])),
       lang=_option("--lang", st.sampled_from(["en", "zh", "fr"])))
def test_models(fmt, lang):
    check(["models", *fmt, *lang])


@TEXT
@given(items=st.lists(specs(), min_size=1, max_size=3),
       fmt=_option("--format", st.sampled_from(["rich", "markdown", "json", "csv", ""])),
       lang=_option("--lang", st.sampled_from(["en", "zh", "fr"])))
def test_gain(items, fmt, lang):
    check(["gain", *items, *fmt, *lang])


SLOW = settings(max_examples=max(EXAMPLES // 4, 1), deadline=None, suppress_health_check=[HealthCheck.too_slow])
pairs = st.one_of(st.tuples(numbers, numbers).map(lambda p: f"{p[0]},{p[1]}"),
                  st.sampled_from(["2,0.05", "1,0", "0,0", "2", "a,b", "", "1e5,0", "2,-1"]))


@SLOW
@given(spec=st.one_of(specs(), st.sampled_from(["tanh", "relu", "gelu", "selu", "x*tanh(x)"])),
       sigma_b2=st.lists(st.one_of(numbers, st.sampled_from(["0", "0.05", "0.3"])), max_size=2),
       point=_option("--point", pairs), fmt=_option("--format", st.sampled_from(["rich", "json", "xml"])),
       options=_figure_options(False))
def test_phase(spec, sigma_b2, point, fmt, options):
    check(["phase", spec, *(a for v in sigma_b2 for a in ("--sigma-b2", v)), *point, *fmt, "--dpi", "20",
           *options])


@FIGURE
@given(items=st.lists(specs(), min_size=1, max_size=2),
       sigma_w2=_option("--sigma-w2", st.one_of(numbers, st.sampled_from(["1", "2", "4"]))),
       sigma_b2=_option("--sigma-b2", st.one_of(numbers, st.sampled_from(["0", "0.05"]))),
       depth=st.sampled_from(["3", "3", "10", "0", "1001", "x"]),
       width=st.sampled_from(["8", "8", "0", "1", "9000", "-1"]),
       seed=_option("--seed", st.sampled_from(["0", "-1", "7", "x"])),
       fmt=_option("--format", st.sampled_from(["rich", "json", "xml"])), options=_figure_options(False))
def test_propagate(items, sigma_w2, sigma_b2, depth, width, seed, fmt, options):
    check(["propagate", *items, *sigma_w2, *sigma_b2, "--depth", depth, "--width", width, *seed, *fmt, "--dpi", "20",
           *options])


@FIGURE
@given(items=st.lists(specs(), min_size=1, max_size=2),
       dtype=_option("--dtype", st.sampled_from(["float8_e5m2", "float8_e4m3,float8_e5m2", "float64", "", ",", "fp8"])),
       ftz=st.sampled_from([[], ["--ftz"]]),
       fmt=_option("--format", st.sampled_from(["rich", "json", "markdown", "xml"])), options=_figure_options(False))
def test_precision(items, dtype, ftz, fmt, options):
    check(["precision", *items, *(dtype or ["--dtype", "float8_e5m2"]), *ftz, *fmt, "--dpi", "20", *options])


GALLERY = settings(max_examples=max(EXAMPLES // 4, 1), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@GALLERY
@given(items=st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(NAMES), specs()), min_size=1, max_size=2),
       fmt=_option("--format", st.sampled_from(["png", "svg", "svg", "jpg", ""])),
       theme=_option("--theme", st.sampled_from(["light", "dark", "both", "light", "blue"])),
       out=st.sampled_from(["site", "site", "site", "sub/site", "somefile.txt", "", "."]),
       family=st.one_of(st.just([]), st.just([]), _option("--family", st.one_of(st.sampled_from(FAMILIES),
                                                                                 st.text(max_size=6)))))
@example(items=["relu", "gelu"], fmt=["--format", "svg"], theme=["--theme", "both"], out="site", family=[])
def test_gallery(items, fmt, theme, out, family):
    check(["gallery", *items, *fmt, *theme, *family, "--dpi", "20", "-o", out], folder=True)


@settings(max_examples=max(EXAMPLES // 2, 1), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(st.one_of(names, specs()), min_size=1, max_size=2),
       sweep=st.one_of(st.tuples(keys, numbers, numbers, st.sampled_from(["2", "3", "1", "301", "x", ""])).map(
           lambda t: f"{t[0]}={t[1]}:{t[2]}:{t[3]}"), assignments, st.sampled_from(["alpha=0.1:2:3", "beta=0.5:2:2"])),
       log=st.sampled_from([[], ["--log"]]), pingpong=st.sampled_from([[], ["--pingpong"]]),
       fps=_option("--fps", st.sampled_from(["1", "12", "0", "61", "x"])),
       hold=_option("--hold", st.sampled_from(["0", "0.5", "-1", "11", "nan"])),
       out=st.sampled_from(["x.gif", "x.png", "x.webp", "x.html", "x.mp4", "x.jpg", "somefile.txt/x.gif"]),
       theme=_option("--theme", themes))
@example(items=["elu", "celu"], sweep="alpha=0.1:2:3", log=[], pingpong=["--pingpong"], fps=[], hold=[], out="x.gif",
         theme=[])
def test_animate(items, sweep, log, pingpong, fps, hold, out, theme):
    check(["animate", *items, "-p", sweep, *log, *pingpong, *fps, *hold, *theme, "--size", "2x2", "--dpi", "20",
           "-o", out])


@settings(max_examples=max(EXAMPLES // 4, 1), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(st.one_of(names, specs()), max_size=2), theme=_option("--theme", themes),
       out=st.sampled_from(["x.html", "x.html", "x.htm", "sub/x.html", "somefile.txt/x.html", ""]))
def test_page(items, theme, out):
    check(["page", *items, *theme, "--no-frameworks", "-o", out])


def test_every_command_is_fuzzed():
    """A test_<command> above for every command of the app: a new command fails here until it has one."""
    fuzzed = {name[len("test_"):] for name in globals() if name.startswith("test_")} & set(COMMANDS)
    assert_covers_every_command(fuzzed, what="fuzz tests")
