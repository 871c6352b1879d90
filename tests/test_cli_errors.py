"""Every bad input to every command: exit code 2, a short message naming the bad token and what
would be valid, no traceback, and no file created or changed (issue 7, "Bad input").

Each case runs with ``tmp_path`` as the working directory, so a default ``outputs/`` folder
would land there; the folder must look exactly as it did before the command.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from cli_helpers import COMMANDS, FIGURE_COMMANDS, assert_covers_every_command, commands_with
from typer.testing import CliRunner

from actviz.cli import app

runner = CliRunner()
FAST = ["--points", "20", "--dpi", "30"]
LONG = "x" * 300 + ".png"

# (args, tokens the message must contain); every case must exit with code 2
NAMES = [
    (["rellu"], ["'rellu'", "did you mean 'relu'"]),
    (["gleu"], ["'gleu'", "'gelu'"]),
    ([""], ["empty"]),
    (["  "], ["empty"]),
]
SPECS = [
    ("relu:", ["'relu:'", "NAME:KEY=VALUE"]),
    ("relu:alpha", ["'alpha'", "KEY=VALUE"]),
    ("relu:alpha=", ["'alpha='", "KEY=VALUE"]),
    ("relu:=3", ["'=3'", "KEY=VALUE"]),
    ("relu:alpha=0.1:beta", ["'relu:alpha=0.1:beta'", "NAME:KEY=VALUE"]),
    ("relu:alpha=0.1,alpha=0.2", ["'alpha' is given twice"]),
    (":alpha=1", ["empty activation name"]),
    ("relu:beta=1", ["no parameter 'beta'", "alpha"]),
    ("relu:alpha=abc", ["alpha='abc'", "not a number"]),
    ("relu:alpha=nan", ["alpha=nan", "finite"]),
    ("relu:alpha=inf", ["alpha=inf", "finite"]),
    ("relu:alpha=-inf", ["alpha=-inf", "finite"]),
    ("softplus:beta=0", ["beta=0", "beta > 0"]),
    ("rrelu:lower=0.5,upper=0.1", ["lower must not exceed upper", "0.5 > 0.1"]),
    ("hardtanh:min_val=1,max_val=1", ["min_val must be below max_val"]),
    ("hardtanh:min_val=2,max_val=1", ["min_val must be below max_val", "2 ≥ 1"]),
]
PARAMS = [  # -p KEY=VALUE for commands that take one NAME
    ("relu", ["-p", "alpha"], ["'alpha'", "KEY=VALUE"]),
    ("relu", ["-p", "=3"], ["'=3'", "KEY=VALUE"]),
    ("relu", ["-p", "alpha="], ["'alpha='", "KEY=VALUE"]),
    ("relu", ["-p", "beta=3"], ["no parameter 'beta'", "alpha"]),
    ("relu", ["-p", "alpha=abc"], ["alpha='abc'", "not a number"]),
    ("relu", ["-p", "alpha=nan"], ["alpha=nan", "finite"]),
    ("relu", ["-p", "alpha=inf"], ["alpha=inf", "finite"]),
    ("relu", ["-p", "alpha=-inf"], ["alpha=-inf", "finite"]),
    ("relu", ["-p", "alpha=0.1", "-p", "alpha=0.2"], ["'alpha' is given twice"]),
    ("softplus", ["-p", "beta=0"], ["beta=0", "beta > 0"]),
    ("rrelu", ["-p", "lower=0.5", "-p", "upper=0.1"], ["lower must not exceed upper"]),
    ("hardtanh", ["-p", "min_val=1", "-p", "max_val=1"], ["min_val must be below max_val"]),
]
OUTPUTS = [  # -o PATH (somefile.txt is a regular file in the working directory)
    (["-o", "x.jpg"], ["'x.jpg'", ".png, .svg, .pdf"]),
    (["-o", "x"], ["'x'", "no suffix", ".png, .svg, .pdf"]),
    (["-o", "x.png.bak"], ["'.bak'", ".png, .svg, .pdf"]),
    (["-o", "somefile.txt/x.png"], ["'somefile.txt'", "not a folder"]),
    (["-o", "somefile.txt/a/b/x.svg"], ["'somefile.txt'", "not a folder"]),
    (["-o", "."], ["no suffix", ".png"]),
    (["-o", ""], ["output path is empty", "--output"]),
    (["-o", LONG], ["304 bytes", "at most 255"]),
]
FIGURE_OPTIONS = [  # the options of plot and compare
    (["--xmin", "3", "--xmax", "3"], ["--xmin 3", "--xmax 3"]),
    (["--xmin", "5", "--xmax", "3"], ["--xmin 5", "smaller than --xmax 3"]),
    (["--xmin", "nan"], ["--xmin nan", "finite"]),
    (["--xmax", "inf"], ["--xmax inf", "finite"]),
    (["--xmin", "-inf"], ["--xmin -inf", "finite"]),
    (["--xmin", "-1e300"], ["--xmin", "finite number between"]),
    (["--xmin", "abc"], ["'abc'", "--xmin", "float"]),
    (["--points", "1"], ["--points 1", "10 to 100000"]),
    (["--points", "0"], ["--points 0", "10 to 100000"]),
    (["--points", "-5"], ["--points -5", "10 to 100000"]),
    (["--points", "1000000000000"], ["--points 1000000000000", "10 to 100000"]),
    (["--points", "1.5"], ["'1.5'", "--points", "int"]),
    (["--dpi", "0"], ["--dpi 0", "20 to 600"]),
    (["--dpi", "-1"], ["--dpi -1", "20 to 600"]),
    (["--dpi", "100000"], ["--dpi 100000", "20 to 600"]),
    (["--dpi", "abc"], ["'abc'", "--dpi", "int"]),
    (["--theme", "blue"], ["'blue'", "light, dark"]),
    (["--theme", ""], ["''", "light, dark"]),
    (["--bogus"], ["--bogus"]),
    (["--size", "40x40", "--dpi", "600"], ["--dpi 600", "24000 x 24000", "megapixels"]),
    (["--svg-text", "paths", "-o", "x.png"], ["--svg-text paths", ".svg"]),
]
LESSON_FIGURE_OPTIONS = [  # theme, dpi and output of gradient, softmax and loss
    (["--dpi", "0"], ["--dpi 0", "20 to 600"]),
    (["--dpi", "100000"], ["--dpi 100000", "20 to 600"]),
    (["--theme", "blue"], ["'blue'", "light, dark"]),
    *OUTPUTS,
]


def _cases():
    out = []

    def add(args, words, code=2):
        out.append(pytest.param(args, words, code, id=" ".join(args)[:70] or "(none)"))

    # plot and info take one NAME
    for args, words in NAMES:
        add(["plot", *args, *FAST], words)
        add(["info", *args], words)
    for name, args, words in PARAMS:
        add(["plot", name, *args, *FAST], words)
        add(["info", name, *args], words)
    add(["plot", "relu:alpha=0.1", "-p", "alpha=0.2", *FAST], ["alpha is given twice", "'relu:alpha=0.1'"])
    add(["info", "relu:alpha=0.1", "--param", "alpha=0.2"], ["alpha is given twice"])
    add(["info", "relu", "--format", "xml"], ["--format 'xml'", "rich, markdown, json, latex"])
    add(["info", "relu", "--format", "latex", "-p", "alhpa=2"], ["alhpa", "alpha"])
    add(["plot", "relu:", *FAST], ["'relu:'", "NAME:KEY=VALUE"])
    add(["plot", ":alpha=1", *FAST], ["empty", "':alpha=1'"])
    add(["plot", "relu", "--alpha", "nan", *FAST], ["alpha=nan", "finite"])
    add(["plot", "relu", "--alpha", "abc", *FAST], ["'abc'", "--alpha"])
    add(["plot", "softplus", "--beta", "0", *FAST], ["beta=0", "beta > 0"])
    add(["plot", "sigmoid", "--alpha", "1", *FAST], ["no parameter 'alpha'", "valid parameters: a"])
    add(["plot", "relu", "--alpha", "0.1", "-p", "alpha=0.2", *FAST], ["alpha is given twice"])
    add(["plot", "elu", "--alpha", "1e300", *FAST], ["alpha=1e+300", "too large to draw"])
    add(["plot", "relu", "extra", *FAST], ["extra"])
    add(["plot"], ["NAME"])
    add(["info"], ["NAME"])
    for args, words in FIGURE_OPTIONS:
        add(["plot", "relu", *FAST, *args], words)
        add(["compare", "relu", "gelu", *FAST, *args], words)
    for args, words in OUTPUTS:
        add(["plot", "relu", *FAST, *args], words)
        add(["compare", "relu", *FAST, *args], words)
        add(["cheatsheet", "relu", "--dpi", "30", *args], words)

    # --terminal and --height (plot and compare): --height is for --terminal only; the options of a
    # figure file are refused with --terminal (nothing is written either way); the window is checked
    for command in (["plot", "gelu"], ["compare", "relu", "gelu"]):
        for height in ("3", "101", "-1", "0"):
            add([*command, "--terminal", "--height", height], [f"--height {height}", "4 to 100"])
        add([*command, "--terminal", "--height", "abc"], ["'abc'", "--height"])
        add([*command, "--terminal", "--height", "1.5"], ["'1.5'", "--height"])
        add([*command, "--height", "10"], ["--height", "add --terminal"])
        add([*command, "--height", "10", "-o", "x.png"], ["--height", "add --terminal"])
        for args, flag in ((["-o", "x.png"], "-o/--output"), (["--output", "x.svg"], "-o/--output"),
                           (["--dpi", "100"], "--dpi"), (["--theme", "dark"], "--theme"), (["--show"], "--show")):
            add([*command, "--terminal", *args], [flag, "--terminal prints the plot as text"])
        add([*command, "--terminal", "--xmin", "5", "--xmax", "3"], ["--xmin 5", "smaller than --xmax 3"])
        add([*command, "--terminal", "--xmax", "inf"], ["--xmax inf", "finite"])
        add([*command, "--terminal", "--points", "1"], ["--points 1", "10 to 100000"])
    add(["plot", "elu", "--alpha", "1e300", "--terminal"], ["alpha=1e+300", "too large to draw"])
    add(["plot", "rellu", "--terminal"], ["'rellu'", "did you mean 'relu'"])
    add(["compare", *["relu"] * 25, "--terminal"], ["at most 24", "25 were given"])

    # commands that take SPECs
    spec_commands = {
        "compare": lambda spec: ["compare", "gelu", spec, *FAST],
        "cheatsheet": lambda spec: ["cheatsheet", spec, "--dpi", "30"],
        "table": lambda spec: ["table", spec],
        "gradient": lambda spec: ["gradient", spec, "--layers", "3", "--width", "4"],
        "loss": lambda spec: ["loss", "--activation", spec, "--dpi", "30"],
        "train": lambda spec: ["train", spec, "--steps", "2", "--hidden", "3"],
        "zigzag": lambda spec: ["zigzag", spec, "--steps", "5"],
        "gallery": lambda spec: ["gallery", spec, "--dpi", "30", "-o", "site"],
        "gain": lambda spec: ["gain", spec],
        "propagate": lambda spec: ["propagate", spec, "--depth", "2", "--width", "4"],
        "precision": lambda spec: ["precision", spec, "--dtype", "float8_e5m2"],
        "animate": lambda spec: ["animate", spec, "-p", "alpha=0.5:1:2", "--dpi", "20", "-o", "x.gif"],
        "page": lambda spec: ["page", spec, "--no-frameworks", "-o", "x.html"],
    }
    assert_covers_every_command(spec_commands, among=commands_with("specs") | commands_with("--activation"),
                                what="spec_commands")
    for _command, build in spec_commands.items():
        for args, words in NAMES:
            add(build(args[0]), words)
        for spec, words in SPECS:
            add(build(spec), words)
    for name, args, words in PARAMS:
        add(["table", name, *args], words)
    add(["compare"], ["SPEC"])
    add(["gradient"], ["SPEC"])
    add(["compare", "elu:alpha=1e300", *FAST], ["alpha=1e+300", "too large to draw"])
    add(["compare", "softplus:beta=1e-300", *FAST], ["beta=1e-300", "too large to draw"])
    add(["compare", *["relu"] * 25, *FAST], ["at most 24", "25 were given", "cheatsheet"])

    # cheatsheet
    add(["cheatsheet", "--family", "foo"], ["'foo'", "valid families", "relu"])
    add(["cheatsheet", "--family", "relus"], ["'relus'", "did you mean 'relu'"])
    add(["cheatsheet", "--family", ""], ["''", "valid families"])
    add(["cheatsheet", "relu", "--family", "sigmoid"], ["relu", "not in family 'sigmoid'"])
    add(["cheatsheet", "--cols", "0"], ["--cols 0", "1 to 12"])
    add(["cheatsheet", "--cols", "100"], ["--cols 100", "1 to 12"])
    add(["cheatsheet", "--cols", "abc"], ["'abc'", "--cols"])
    add(["cheatsheet", "--dpi", "0"], ["--dpi 0", "20 to 600"])
    add(["cheatsheet", "--dpi", "100000"], ["--dpi 100000", "20 to 600"])
    add(["cheatsheet", "--dpi", "600"], ["--dpi 600", "megapixels"])
    add(["cheatsheet", "--theme", "blue"], ["'blue'", "light, dark"])
    add(["cheatsheet", "--xmin", "5"], ["--xmin 5", "smaller than --xmax 5"])
    add(["cheatsheet", "--xmin", "abc"], ["'abc'", "--xmin"])
    add(["cheatsheet", "--svg-text", "pathz"], ["--svg-text 'pathz'", "text, paths"])
    for command in (["plot", "relu"], ["compare", "relu", "gelu"]):
        add([*command, *FAST, "--size", "1x1"], ["--size 1 x 1", "2 to 40"])
        add([*command, *FAST, "--size", "wide"], ["--size 'wide'", "3.5x2.6", "16:9"])
        add([*command, *FAST, "--size", "16:0"], ["--size", "x 0 inches is out of range"])
        add([*command, *FAST, "--svg-text", "none"], ["--svg-text 'none'", "text, paths"])
        add([*command, *FAST, "-o", "x.txt"], ["'.txt'", ".png, .svg, .pdf (or .csv for the numbers)"])
        add([*command, *FAST, "--font-scale", "0.2"], ["--font-scale 0.2", "[0.5, 3]"])
        add([*command, *FAST, "--font-scale", "big"], ["'big'", "--font-scale"])
        add([*command, "--terminal", "--font-scale", "2"], ["--font-scale is for figure files", "--terminal"])
    add(["compare", "relu", "gelu", "--grid", "--terminal"], ["--grid", "--terminal"])
    add(["plot", "relu", *FAST, "--ylim", "2,1"], ["--ylim 2, 1", "LOW < HIGH"])
    add(["plot", "relu", *FAST, "--ylim", "0,1e-300"], ["--ylim 0, 1e−300", "too narrow"])
    add(["plot", "relu", *FAST, "--ylim", "1e300,1e301"], ["--ylim 1e+300", "too large", "1000000000"])
    add(["plot", "relu", *FAST, "--ylim", "nan,1"], ["--ylim", "finite"])
    add(["plot", "relu", *FAST, "--ylim", "1"], ["--ylim '1'", "LOW,HIGH"])
    add(["cheatsheet", "elu:alpha=1e300", "--dpi", "30"], ["alpha=1e+300", "too large to draw"])

    # table and list
    add(["table", "--family", "foo"], ["'foo'", "valid families"])
    add(["table", "relu", "--family", "sigmoid"], ["family 'sigmoid'"])
    add(["table", "--format", "xml"], ["--format 'xml'", "rich, markdown, csv, json, latex"])
    add(["table", "--format", "JSON"], ["'JSON'", "did you mean 'json'"])
    add(["table", "--format", ""], ["--format ''", "rich, markdown"])
    add(["table", "--columns", "foo"], ["'foo'", "valid columns are", "range"])
    add(["table", "--columns", "rang"], ["'rang'", "did you mean 'range'"])
    add(["table", "--columns", ""], ["--columns is empty", "range"])
    add(["table", "--columns", ","], ["--columns is empty"])
    add(["table", "-p", "alpha=1"], ["-p (alpha) apply to exactly one activation"])
    add(["table", "relu", "elu", "-p", "alpha=1"], ["2 were named"])
    add(["table", "relu:alpha=0.1", "-p", "alpha=0.2"], ["alpha is given twice"])
    add(["list", "--family", "foo"], ["'foo'", "valid families"])
    add(["list", "--family", ""], ["''", "valid families"])
    add(["list", "extra"], ["extra"])

    # gradient
    add(["gradient", "softmax"], ["softmax is vector-valued", "element-wise"])
    for args, words in [
        (["--layers", "0"], ["--layers 0", "1 to 1000"]),
        (["--layers", "100000"], ["--layers 100000", "1 to 1000"]),
        (["--layers", "abc"], ["'abc'", "--layers"]),
        (["--width", "0"], ["--width 0", "1 to 1024"]),
        (["--width", "100000"], ["--width 100000", "1 to 1024"]),
        (["--seed", "-1"], ["--seed -1"]),
        (["--init", "foo"], ["--init 'foo'", "auto, xavier, he"]),
        (["--init", ""], ["--init ''", "auto, xavier, he"]),
        (["--format", "xml"], ["--format 'xml'", "rich, json"]),
        *LESSON_FIGURE_OPTIONS,
    ]:
        add(["gradient", "relu", "--layers", "3", "--width", "4", *args], words)

    # softmax
    for args, words in [
        (["abc"], ["logit 'abc'", "not a number"]),
        (["1", "nan"], ["logit 'nan'", "finite"]),
        (["1", "inf"], ["logit 'inf'", "finite"]),
        (["1", "-inf"], ["logit '-inf'", "finite"]),
        (["1e400"], ["logit '1e400'", "finite"]),
        (["1", "--bogus"], ["'--bogus'", "--temperature"]),
        (["1", "2", "-t", "0"], ["--temperature 0", "> 0"]),
        (["1", "2", "-t", "-1"], ["--temperature -1", "> 0"]),
        (["1", "2", "-t", "nan"], ["--temperature nan", "finite number > 0"]),
        (["1", "2", "-t", "inf"], ["--temperature inf", "finite number > 0"]),
        (["1", "2", "-t", "-inf"], ["--temperature -inf", "finite number > 0"]),
        (["1", "2", "-t", "abc"], ["'abc'", "--temperature"]),
        (["1", "2", "-t", "1e-320"], ["--temperature", "too small"]),
        (["1", "2", "--format", "xml"], ["--format 'xml'", "rich, json"]),
        (["1e308", "-1e308", "-o", "x.png"], ["logit 1e+308", "too large to draw"]),
        ([*map(str, range(101)), "-o", "x.png"], ["101 logits", "at most 100"]),
        *((["1", "2", *args], words) for args, words in LESSON_FIGURE_OPTIONS),
    ]:
        add(["softmax", *args, *(["--dpi", "30"] if "--dpi" not in args else [])], words)
    add(["softmax"], ["LOGIT"])

    # loss
    for args, words in [
        (["--target", "2"], ["--target 2", "[0, 1]"]),
        (["--target", "-1"], ["--target -1", "[0, 1]"]),
        (["--target", "nan"], ["--target nan", "[0, 1]"]),
        (["--target", "inf"], ["--target inf", "[0, 1]"]),
        (["--target", "-inf"], ["--target -inf", "[0, 1]"]),
        (["--target", "abc"], ["'abc'", "--target"]),
        (["--activation", "softmax"], ["softmax is vector-valued"]),
        (["--activation", "binary_step"], ["binary_step", "0 < f(z) < 1", "sigmoid"]),  # relu is fine on 0 < z < 1
        (["--activation", "elu:alpha=1e300"], ["alpha=1e+300", "overflows"]),
        (["extra"], ["extra"]),
        *LESSON_FIGURE_OPTIONS,
    ]:
        add(["loss", *args, *(["--dpi", "30"] if "--dpi" not in args else [])], words)

    # train
    add(["train"], ["SPEC"])
    add(["train", "softmax"], ["softmax is vector-valued", "element-wise"])
    for args, words in [
        (["--data", "ring"], ["--data 'ring'", "xor, circles"]),
        (["--hidden", "4,x"], ["--hidden '4,x'", "e.g. 16,16"]),
        (["--hidden", "1000"], ["--hidden '1000'", "1 to 256"]),
        (["--steps", "0"], ["--steps 0", "1 to 100000"]),
        (["--steps", "abc"], ["'abc'", "--steps"]),
        (["--steps", "100000", "--samples", "10000"], ["--steps 100000", "limit"]),
        (["--lr", "0"], ["--lr 0", "(0, 100]"]),
        (["--lr", "inf"], ["--lr inf", "(0, 100]"]),
        (["--optimizer", "sgd"], ["--optimizer 'sgd'", "adam, gd"]),
        (["--init", "foo"], ["--init 'foo'", "auto, xavier, he"]),
        (["--bias-init", "nan"], ["--bias-init nan", "[−100, 100]"]),
        (["--noise", "-1"], ["--noise -1", "[0, 1]"]),
        (["--samples", "3"], ["--samples 3", "4 to 10000"]),
        (["--seed", "-1"], ["--seed -1"]),
        (["--format", "xml"], ["--format 'xml'", "rich, json"]),
        *LESSON_FIGURE_OPTIONS,
    ]:
        add(["train", "relu", "--steps", "2", *(["--hidden", "3"] if "--hidden" not in args else []), *args], words)
    add(["train", *["relu"] * 13, "--steps", "2", "-o", "x.png"], ["at most 12"])

    # zigzag
    add(["zigzag"], ["SPEC"])
    add(["zigzag", "softmin"], ["softmin is vector-valued", "element-wise"])
    for args, words in [
        (["--steps", "0"], ["--steps 0", "1 to 100000"]),
        (["--lr", "-1"], ["--lr -1", "(0, 100]"]),
        (["--samples", "1"], ["--samples 1", "2 to 10000"]),
        (["--seed", "-1"], ["--seed -1"]),
        (["--format", "xml"], ["--format 'xml'", "rich, json"]),
        *LESSON_FIGURE_OPTIONS,
    ]:
        add(["zigzag", "sigmoid", *(["--steps", "5"] if "--steps" not in args else []), *args], words)
    add(["zigzag", *["tanh"] * 9, "-o", "x.png"], ["at most 8"])

    # gain, phase, propagate (issue 25)
    add(["gain"], ["SPEC"])
    add(["gain", "softmax"], ["softmax is vector-valued", "element-wise"])
    add(["gain", "x*exp(x**2)"], ["not finite"])
    add(["gain", "relu", "--format", "csv"], ["--format 'csv'", "rich, markdown, json"])
    add(["phase"], ["SPEC"])
    for args, words in NAMES:
        add(["phase", args[0]], words)
    for spec, words in SPECS:
        add(["phase", spec], words)
    add(["phase", "softmax"], ["softmax is vector-valued"])
    for args, words in [
        (["--sigma-b2", "-1"], ["--sigma-b2 -1", "[0, 10000]"]),
        (["--sigma-b2", "nan"], ["--sigma-b2 nan"]),
        (["--point", "2"], ["--point '2'", "SIGMA_W2,SIGMA_B2"]),
        (["--point", "0,0.1"], ["--point 0,0.1", "(0, 10000]"]),
        (["--point", "2,-1"], ["--point 2,-1", "[0, 10000]"]),
        (["--format", "xml"], ["--format 'xml'", "rich, json"]),
        *LESSON_FIGURE_OPTIONS,
    ]:
        add(["phase", "tanh", *args], words)
    add(["propagate"], ["SPEC"])
    add(["propagate", "softmin"], ["softmin is vector-valued"])
    for args, words in [
        (["--sigma-w2", "0"], ["--sigma-w2 0", "(0, 10000]"]),
        (["--sigma-w2", "inf"], ["--sigma-w2 inf"]),
        (["--sigma-b2", "-0.5"], ["--sigma-b2 -0.5", "[0, 10000]"]),
        (["--depth", "0"], ["--depth 0", "1 to 1000"]),
        (["--width", "100000"], ["--width 100000", "1 to 8192"]),
        (["--seed", "-1"], ["--seed -1"]),
        (["--format", "xml"], ["--format 'xml'", "rich, json"]),
        *LESSON_FIGURE_OPTIONS,
    ]:
        add(["propagate", "tanh", *(["--depth", "2"] if "--depth" not in args else []), *args], words)
    add(["propagate", *["tanh"] * 9, "--depth", "2", "-o", "x.png"], ["at most 8"])
    add(["precision"], ["SPEC"])
    add(["precision", "softmax"], ["softmax is vector-valued", "element-wise"])
    for args, words in [
        (["--dtype", "float64"], ["--dtype 'float64'", "float16, bfloat16, float32, float8_e4m3, float8_e5m2"]),
        (["--dtype", ","], ["--dtype is empty"]),
        (["--format", "xml"], ["--format 'xml'", "rich, markdown, json"]),
        *LESSON_FIGURE_OPTIONS,
    ]:
        add(["precision", "relu", *args], words)
    add(["precision", *["relu"] * 7, "--dtype", "float8_e5m2", "-o", "x.png"], ["at most 6 activations"])
    add(["precision", "relu", "gelu", "silu", "elu", "--dtype", "float16,bfloat16,float32,float8_e4m3,float8_e5m2",
         "-o", "x.png"], ["18 panels", "4 × 5"])

    # --framework on every command that takes activations, and actviz frameworks (issue 13)
    framework_commands = {"plot": ["plot", "gelu"], "compare": ["compare", "gelu"], "cheatsheet": ["cheatsheet", "gelu"],
                          "table": ["table", "gelu"], "list": ["list"], "info": ["info", "gelu"],
                          "gradient": ["gradient", "relu"], "loss": ["loss"], "train": ["train", "relu"],
                          "zigzag": ["zigzag", "relu"], "gallery": ["gallery", "gelu", "-o", "site"],
                          "gain": ["gain", "gelu"], "phase": ["phase", "gelu"], "propagate": ["propagate", "gelu"],
                          "precision": ["precision", "gelu"], "animate": ["animate", "elu", "-p", "alpha=1:2:2"]}
    assert_covers_every_command(framework_commands, among=commands_with("--framework"), what="framework_commands")
    for command in framework_commands.values():
        add([*command, "--framework", "mxnet"], ["--framework 'mxnet'", "torch, keras, jax, tf"])
    for command in (["plot", "softmin"], ["compare", "softmin"], ["table", "softmin"], ["info", "softmin"]):
        add([*command, "--framework", "jax"], ["JAX (jax.nn) has no softmin", "jax.nn.softmax"])
    add(["gradient", "mish", "--framework", "tf"], ["TensorFlow (tf.nn) has no mish", "tf.nn.silu"])
    add(["plot", "gelu", "--framework", "torch,jax"], ["plot takes one --framework", "actviz compare"])
    add(["info", "gelu", "--framework", "torch,jax"], ["info takes one --framework"])
    add(["loss", "--framework", "torch,jax"], ["loss takes one --framework"])
    add(["plot", "softplus", "-p", "beta=2", "--framework", "jax"], ["jax.softplus", "no parameter 'beta'"])
    add(["plot", "x*sigmoid(x)", "--framework", "jax"], ["expression", "drop --framework"])
    add(["compare", "relu", "--framework", ","], ["--framework is empty"])
    add(["cheatsheet", "--family", "wave", "--framework", "tf"], ["none of the wave family", "--family"])
    add(["frameworks", "rellu"], ["'rellu'", "'relu'"])
    add(["frameworks", "--format", "latex"], ["--format 'latex'", "rich, markdown, json, csv"])
    add(["frameworks", "x*sigmoid(x)"], ["expression"])

    # resolve (issue 26)
    add(["resolve", "geluu"], ["unknown activation 'geluu'", "did you mean 'gelu'"])
    add(["resolve", "missing/config.json"], ["no such config file"])
    add(["resolve", "gelu", "--format", "xml"], ["--format 'xml'", "rich, json"])
    add(["resolve", "gelu", "-o", "fig.jpg"], ["jpg"])
    add(["models", "--format", "xml"], ["--format 'xml'", "rich, markdown, json"])

    # gallery
    add(["gallery", "relu", "--format", "jpg", "-o", "site"], ["--format 'jpg'", "png, svg"])
    add(["gallery", "relu", "--dpi", "5", "-o", "site"], ["--dpi 5", "20 to 600"])
    add(["gallery", "relu", "--theme", "blue", "-o", "site"], ["--theme 'blue'", "light, dark, both"])
    add(["gallery", "--family", "wave2", "-o", "site"], ["'wave2'", "did you mean 'wave'"])
    add(["gallery", "relu", "--lang", "fr", "-o", "site"], ["--lang 'fr'", "en, zh"])

    # animate (issue 28): the sweep, the timing, the frame and the file, all before any frame is drawn
    anim = ["--dpi", "20", "-o", "x.gif"]
    add(["animate", "elu", *anim], ["--param", "Missing"])
    add(["animate", "elu", "-p", "beta=0.1:2:4", *anim], ["no parameter 'beta'", "alpha"])
    add(["animate", "elu", "-p", "alpha=-1:2:4", *anim], ["alpha=-1:2:4", "alpha > 0"])
    add(["animate", "elu", "-p", "alpha=0.1:2:1", *anim], ["FRAMES 1", "2 to 300"])
    add(["animate", "elu", "-p", "alpha=0.1:2:301", *anim], ["FRAMES 301", "2 to 300"])
    add(["animate", "elu", "-p", "alpha=0.1:2:x", *anim], ["FRAMES", "whole number"])
    add(["animate", "elu", "-p", "alpha=0.1-2", *anim], ["'alpha=0.1-2'", "NAME=START:STOP:FRAMES"])
    add(["animate", "elu", "-p", "alpha=a:2:4", *anim], ["START and STOP"])
    add(["animate", "elu", "-p", "alpha=1:1:4", *anim], ["nothing moves"])
    add(["animate", "elu", "-p", "alpha=nan:1:4", *anim], ["finite"])
    add(["animate", "silu", "-p", "beta=0:10:4", "--log", *anim], ["--log", "above 0"])
    add(["animate", "gelu", "-p", "approximate=0:1:4", *anim], ["choice", "numeric"])
    add(["animate", "elu", "sigmoid", "-p", "alpha=0.5:1:3", *anim], ["no parameter 'alpha'", "sigmoid"])
    add(["animate", "elu:alpha=2", "-p", "alpha=0.5:1:3", *anim], ["alpha is given twice"])
    add(["animate", "rrelu", "-p", "lower=0.1:0.5:3", *anim], ["lower must not exceed upper"])
    add(["animate", "softmax", "relu", "-p", "alpha=0.5:1:3", *anim], ["no parameter 'alpha'"])
    add(["animate", "gumbel_softmax", "elu", "-p", "tau=0.5:1:3", *anim], ["no parameter 'tau'"])
    add(["animate", "elu", "-p", "alpha=1e300:1e301:3", *anim], ["too large to draw"])
    add(["animate", "elu", "-p", "alpha=0.5:1:3", "--fps", "0", *anim], ["--fps 0", "1 to 60"])
    add(["animate", "elu", "-p", "alpha=0.5:1:3", "--hold", "-1", *anim], ["--hold", "[0, 10]"])
    add(["animate", "elu", "-p", "alpha=0.5:1:3", "--size", "40x40", "--dpi", "300", "-o", "x.gif"], ["megapixels"])
    add(["animate", "elu", "-p", "alpha=0.5:1:3", "--theme", "blue", *anim], ["'blue'", "light, dark"])
    add(["animate", "elu", "-p", "alpha=0.5:1:3", "--lang", "fr", *anim], ["--lang 'fr'", "en, zh"])
    add(["animate", "elu", "-p", "alpha=0.5:1:3", "-o", "x.jpg"], ["'.jpg'", ".gif, .png, .webp, .html, .mp4"])
    add(["animate", "elu", "-p", "alpha=0.5:1:3", "--xmin", "3", "--xmax", "1", *anim], ["--xmin 3"])
    add(["animate", "elu", "-p", "alpha=0.5:1:3", "--framework", "torch,jax", *anim], ["animate takes one --framework"])

    # page (issue 28)
    add(["page", "elu", "-o", "x.htm"], ["'.htm'", ".html"])
    add(["page", "elu", "-o", "somefile.txt/x.html"], ["is a file, not a folder"])
    add(["page", "--theme", "blue", "-o", "x.html"], ["'blue'", "light, dark"])
    add(["page", "--lang", "fr", "-o", "x.html"], ["--lang 'fr'", "en, zh"])

    # the app itself
    add(["nosuchcommand"], ["nosuchcommand"])
    add(["--bogus"], ["--bogus"])
    return out


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"<dir>") for p in root.rglob("*")}


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "somefile.txt").write_text("keep me\n")
    return tmp_path


@pytest.mark.parametrize(("args", "words", "code"), _cases())
def test_bad_input(workdir, args, words, code):
    before = _snapshot(workdir)
    result = runner.invoke(app, args)
    assert result.exit_code == code, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    # a short message: our own errors take one line (wrapped at most to a few in 80 columns);
    # click's usage errors a usage line, a hint and a small box
    assert len(result.stderr.strip().splitlines()) <= 6, result.stderr
    assert _snapshot(workdir) == before, "a file was created or changed"


def test_every_command_has_bad_input_cases():
    assert_covers_every_command({case.values[0][0] for case in _cases()} & set(COMMANDS), what="bad-input cases")


# -- failures outside the user's control: exit code 1, still no traceback and nothing left --------


def test_unwritable_folder_exit_1(workdir, monkeypatch):
    """Tests run as root, so simulate a folder without write permission."""
    locked = workdir / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if Path(p).resolve() == locked else real_access(p, mode, **k))
    before = _snapshot(workdir)
    for args in FIGURE_COMMANDS.values():
        result = runner.invoke(app, [*args, "-o", "locked/sub/fig.png"])
        assert result.exit_code == 1, result.output
        assert "'locked'" in result.stderr and "not writable" in result.stderr
        assert "Traceback" not in result.output
        assert _snapshot(workdir) == before


def test_disk_full_while_writing_exit_1(workdir, monkeypatch):
    from matplotlib.figure import Figure

    def full(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Figure, "savefig", full)
    result = runner.invoke(app, ["plot", "relu", *FAST, "-o", "fig.png"])
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.stderr and "Traceback" not in result.output
    assert sorted(p.name for p in workdir.iterdir()) == ["somefile.txt"]


def test_usage_errors_are_plain_and_name_the_option():
    """click's own usage errors (a bad int) exit 2 with the option and the bad value, no traceback."""
    result = runner.invoke(app, ["plot", "relu", "--dpi", "abc"])
    assert result.exit_code == 2
    assert "Invalid value for '--dpi'" in result.stderr and "'abc'" in result.stderr
    assert "'actviz plot --help' lists what it takes" in result.stderr
    assert "Traceback" not in result.output and "╭" not in result.output  # one line, no framed panel


@pytest.mark.parametrize("args,words", [
    (["plot", "elu", "-p", "alpha", "2"], ["unexpected argument '2'", "did you mean -p alpha=2?"]),
    (["plot", "elu", "--alph", "2"], ["has no option --alph", "did you mean --alpha?"]),
    (["plot", "elu", "--bogus"], ["actviz plot has no option --bogus", "'actviz plot --help'"]),
    (["plot", "elu", "--alpha"], ["actviz plot", "'--alpha' requires an argument"]),
    (["plto", "relu"], ["no command 'plto'", "did you mean plot?"]),
    (["plot", "elu", "extra"], ["unexpected argument 'extra'"]),
])
def test_command_line_mistakes_get_one_line_and_a_suggestion(args, words):
    """issue 24 (first contact): Typer's framed panel replaced by actviz's message style."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_a_folder_that_takes_no_files_is_named_with_the_true_cause(tmp_path, monkeypatch):
    """issue 24: `plot relu -o /proc/relu.png` named a temporary file ("/proc/.relu.png.uk_bhvo3.tmp: No such
    file or directory"); the folder the user gave and the cause are named, exit 1, nothing left behind."""
    import errno

    import actviz.render.save as save

    def refuse(*args, **kwargs):
        raise OSError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(save.tempfile, "mkstemp", refuse)
    target = tmp_path / "relu.png"
    result = runner.invoke(app, ["plot", "relu", "--points", "20", "--dpi", "30", "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert f"cannot write '{target}': folder '{tmp_path}' does not accept new files" in result.stderr
    assert ".tmp" not in result.stderr and list(tmp_path.iterdir()) == []


def test_family_names_are_case_insensitive_in_file_names_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for family in ("Relu", "RELU"):
        result = runner.invoke(app, ["cheatsheet", "--family", family, "--dpi", "20"])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == ["cheatsheet_relu.png"]
