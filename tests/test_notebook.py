"""The tour notebook (issue 24), executed as a user would run it: ``jupyter nbconvert --execute`` on
``outputs/notebooks/actviz_tour.ipynb``. Every cell runs, nothing is printed as a side effect, figures follow
the notebook's ``InlineBackend.figure_formats`` (SVG here), tables, properties and lesson results display as
HTML or markdown with short plain reprs. Skipped where Jupyter (nbconvert, nbformat, ipykernel) is absent."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "outputs" / "notebooks" / "actviz_tour.ipynb"
pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("nbconvert", "nbformat", "ipykernel")),
    reason="Jupyter is not installed (pip install nbconvert ipykernel)")


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    import nbformat

    out = tmp_path_factory.mktemp("notebook")
    # the kernel as Jupyter starts it: the tests' MPLBACKEND=Agg (conftest) would hide pyplot's inline figures
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "ACTVIZ_LANG")}
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(out),
                    "--ExecutePreprocessor.timeout=600", str(NOTEBOOK)], check=True, capture_output=True, timeout=900,
                   env=env)
    nb = nbformat.read(out / NOTEBOOK.name, as_version=4)
    return {c.source: c.outputs for c in nb.cells if c.cell_type == "code"}


def _cell(executed, start):
    (outputs,) = [o for source, o in executed.items() if source.startswith(start)]
    return outputs


def test_every_cell_runs_and_nothing_is_printed(executed):
    assert len(executed) >= 12
    for source, outputs in executed.items():
        kinds = [o.output_type for o in outputs]
        assert "error" not in kinds and "stream" not in kinds, (source, outputs)
        assert kinds.count("execute_result") + kinds.count("display_data") <= 1, (source, kinds)  # one display


def test_figures_follow_the_inline_format(executed):
    for start in ('actviz.plot("elu"', 'actviz.plot("x*sigmoid', "lg.figure()", "fig, (ax_f, ax_df)"):
        (out,) = _cell(executed, start)
        assert "image/svg+xml" in out.data and "image/png" not in out.data, start


def test_tables_properties_and_lessons_display_richly_with_short_reprs(executed):
    (table,) = _cell(executed, 'actviz.table("relu", "elu", "gelu", "silu")')
    assert "<td>gelu</td>" in table.data["text/html"] and "<td>silu</td>" in table.data["text/html"]
    (md,) = _cell(executed, 'actviz.table("relu", "gelu", format="markdown")')
    assert md.data["text/markdown"].startswith("| ") and "text/html" not in md.data
    (selu,) = _cell(executed, 'actviz.properties("selu")')
    assert "(−1.758, ∞)" in selu.data["text/html"]  # −λα, λ = 1.0507, α = 1.6733
    (loss,) = _cell(executed, 'lg = actviz.loss("sigmoid")')
    assert "−0.9933" in loss.data["text/html"]  # ∂CE/∂z = σ(−5) − 1 at z = −5
    (soft,) = _cell(executed, "actviz.softmax(")
    assert "0.879" in soft.data["text/html"]  # e³ / (e³ + e + e⁻³)
    (plot,) = _cell(executed, "actviz.terminal_plot(")
    assert "width:1ch" in plot.data["text/html"]
    for out in (table, md, selu, loss, soft, plot):
        if out is not plot:
            assert len(out.data["text/plain"]) < 200 and "\n" not in out.data["text/plain"]
