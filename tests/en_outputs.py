"""English outputs of actviz, for the test that ``--lang en`` (and no --lang) is unchanged byte for byte
by the language layer: figures (PNG, SVG, PDF), tables in every format, cards, lesson reports and
terminal plots, made through the public API as it stood before the layer (so the same code runs on
both sides).

    PYTHONPATH=<a checkout of the reference commit> python tests/en_outputs.py tests/data/en_golden.json

records their SHA-256 (with the versions of the libraries that shape the bytes) from that checkout;
tests/test_lang.py compares. Re-record only when an English text or a figure changes on purpose.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path


def versions() -> dict[str, str]:
    import matplotlib
    import numpy
    from matplotlib import ft2font

    from importlib.metadata import version

    return {"matplotlib": matplotlib.__version__, "numpy": numpy.__version__, "rich": version("rich"),
            "freetype": ft2font.__freetype_version__, "fonttools": version("fonttools")}


def _console_text(renderable: object, width: int = 100) -> bytes:
    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, legacy_windows=False).print(renderable)
    return buf.getvalue().encode("utf-8")


def outputs() -> dict[str, bytes]:
    """name -> the bytes actviz writes or prints (English, the default language)."""
    import actviz
    from actviz import terminal

    out: dict[str, bytes] = {}
    folder = Path(tempfile.mkdtemp(prefix="actviz-en-"))

    def figure(name: str, fig: object) -> None:
        path = actviz.save(fig, folder / name)
        out[name] = path.read_bytes()

    relu = actviz.plot("relu")
    for suffix in ("png", "svg", "pdf"):
        figure(f"plot_relu.{suffix}", relu)
    figure("plot_leaky.svg", actviz.plot("leaky_relu", alpha=0.1))
    figure("plot_softmax.svg", actviz.plot("softmax"))
    figure("plot_srelu.svg", actviz.plot("srelu"))
    figure("plot_threshold.svg", actviz.plot("threshold"))
    figure("compare.svg", actviz.compare("relu", "elu", "gelu", "softmax", "soft_exponential"))
    figure("cheatsheet_relu.svg", actviz.cheatsheet(family="relu"))
    figure("cheatsheet_some.png", actviz.cheatsheet("sigmoid", "relu", "hardshrink", "softmax"))
    for fmt in ("markdown", "latex", "json", "csv", "rich"):
        out[f"table.{fmt}"] = actviz.table(format=fmt).encode("utf-8")
    out["table.80"] = actviz.table(width=80).encode("utf-8")
    out["table.columns"] = actviz.table(format="markdown", columns="name,range,saturation,continuity,symmetry,"
                                        "monotonic_direction,zero_gradient,saturation_left,dead_zone,"
                                        "range_min_closed").encode("utf-8")
    out["list"] = _console_text(terminal.list_table([actviz.get(n) for n in actviz.names()]))
    for spec in ("gelu", "threshold", "softplus:threshold=20", "softmax", "relu6", "sinc", "hardshrink", "sigmoid"):
        out[f"info.{spec}"] = _console_text(terminal.info_card(actviz.properties(spec)))
    flows = actviz.gradient("sigmoid", "relu", "srelu")
    out["gradient.report"] = _console_text(terminal.gradient_report(flows))
    figure("gradient.svg", actviz.lesson_figure(flows))
    example = actviz.softmax([3, 1, -3], 2.0)
    out["softmax.report"] = _console_text(terminal.softmax_report(example))
    figure("softmax.svg", actviz.lesson_figure(example))
    for spec, y in (("sigmoid", 1.0), ("hardsigmoid", 0.5)):
        curves = actviz.loss(spec, target=y)
        points = actviz.loss(spec, target=y, z=actviz.lessons.SUMMARY_Z)
        out[f"loss.{spec}.report"] = _console_text(terminal.loss_report(curves, points))
        figure(f"loss.{spec}.svg", actviz.lesson_figure(curves))
    trained = actviz.train("identity", "relu", steps=150)
    out["train.report"] = _console_text(terminal.train_report(trained))
    figure("train.png", actviz.lesson_figure(trained))
    paths = actviz.zigzag("sigmoid", "tanh", "relu")
    out["zigzag.report"] = _console_text(terminal.zigzag_report(paths))
    figure("zigzag.svg", actviz.lesson_figure(paths))
    out["terminal.plot"] = str(actviz.terminal_plot("gelu")).encode("utf-8")
    out["terminal.compare"] = str(actviz.terminal_plot("relu", "elu", "softmax")).encode("utf-8")
    return out


def digests(outs: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in sorted(outs.items())}


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.write_text(json.dumps({"versions": versions(), "sha256": digests(outputs())}, indent=1) + "\n")
    print(f"{target}: recorded")
