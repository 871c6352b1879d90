"""What actviz prints for a corpus of commands, as JSON on stdout: {"table json": "...", ...}.

tests/test_portable.py runs this script in subprocesses under several OpenBLAS kernels
(``OPENBLAS_CORETYPE``) and numpy CPU-feature settings (``NPY_DISABLE_CPU_FEATURES``) and compares:
every text output byte for byte, json and csv numbers to 1e−12 relative. Run it by hand to see
where two machines differ:

    OPENBLAS_CORETYPE=Haswell python tests/cpu_outputs.py > haswell.json
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

os.environ.setdefault("MPLBACKEND", "Agg")

#: parameterised specs, including narrow and far parameters, and expressions (rules decide their limits)
SPECS = ["elu:alpha=0.5", "leaky_relu:alpha=0.1", "hardtanh:min_val=-2,max_val=3", "softplus:beta=0.5",
         "celu:alpha=3", "gelu:approximate=tanh", "selu", "threshold:threshold=0.5,value=-1", "snake:alpha=2",
         "x*tanh(softplus(x))", "x*sigmoid(1.702*x)", "max(x, 0.2*x)", "where(x > 1, x, exp(x - 1))",
         "x/(1 + abs(x))", "tanh(x) + 0.1*x"]

COLUMNS = ("name,range,derivative_range,range_set,derivative_set,min_derivative,max_derivative,saturation,"
           "zero_centred,monotonic,dead_zone,zero_gradient,symmetry,continuity,max_jump,mean_output,"
           "output_variance,mean_derivative")

#: (name, argv): each output that must not depend on the CPU
COMMANDS: list[tuple[str, list[str]]] = [
    ("table rich", ["table"]),
    ("table markdown", ["table", "--format", "markdown"]),
    ("table latex", ["table", "--format", "latex"]),
    ("table json", ["table", "--format", "json"]),
    ("table csv", ["table", "--format", "csv", "--columns", COLUMNS]),
    ("torch json", ["table", "--framework", "torch", "--format", "json"]),
    ("torch markdown", ["table", "--framework", "torch", "--format", "markdown"]),
    ("jax json", ["table", "--framework", "jax", "--format", "json"]),
    ("jax markdown", ["table", "--framework", "jax", "--format", "markdown"]),
    ("specs json", ["table", *SPECS, "--format", "json"]),
    ("specs markdown", ["table", *SPECS, "--format", "markdown"]),
    ("specs zh", ["table", *SPECS, "--lang", "zh"]),
    ("info gelu", ["info", "gelu"]),
    ("info hardswish torch", ["info", "hardswish", "--framework", "torch"]),
    ("gradient", ["gradient", "sigmoid", "tanh", "relu", "gelu"]),
    ("gradient json", ["gradient", "sigmoid", "tanh", "relu", "gelu", "--format", "json"]),
    ("softmax", ["softmax", "3", "1", "-3"]),
    ("softmax json", ["softmax", "1000", "1001", "999", "-t", "2", "--format", "json"]),
    ("loss", ["loss", "--no-figure"]),
    ("train", ["train", "relu", "tanh", "gelu", "--data", "circles", "--steps", "300"]),
    ("train json", ["train", "relu", "tanh", "--data", "moons", "--steps", "300", "--format", "json"]),
    ("zigzag", ["zigzag", "sigmoid", "tanh"]),
    ("zigzag json", ["zigzag", "sigmoid", "tanh", "--format", "json"]),
    ("plot terminal", ["plot", "gelu", "--terminal"]),
    ("precision", ["precision", "gelu", "silu", "softplus", "mish", "--dtype", "float16,bfloat16"]),
    ("precision json", ["precision", "gelu", "tanh", "x*(1 - sigmoid(-x))", "--dtype", "float32,float8_e4m3",
                        "--format", "json"]),
    ("precision ftz", ["precision", "silu", "softplus", "--dtype", "float32", "--ftz", "--format", "markdown"]),
]


def outputs() -> dict[str, str]:
    from typer.testing import CliRunner

    from actviz.cli import app

    runner = CliRunner()
    out = {}
    with tempfile.TemporaryDirectory() as folder:  # the lessons write their figures to ./outputs
        os.chdir(folder)
        for name, argv in COMMANDS:
            result = runner.invoke(app, argv, env={"COLUMNS": "160", "ACTVIZ_LANG": ""})
            out[name] = f"exit {result.exit_code}\n{result.stdout}"
    from actviz.build import stale_cache

    out["cache misses"] = " ".join(stale_cache())
    return out


if __name__ == "__main__":
    json.dump(outputs(), sys.stdout, ensure_ascii=False, indent=0)
