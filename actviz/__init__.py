"""actviz: plot, compare, tabulate and explain the activation functions of neural networks.

>>> import actviz
>>> act = actviz.get("elu")
>>> float(act(-50.0, alpha=2.0))
-2.0
>>> actviz.table("relu", "elu:alpha=2", format="csv", columns="name,range").splitlines()
['name,range', 'relu,"[0, ∞)"', 'elu,"(−2, ∞)"']

Anywhere an activation is named, an expression in x works too (``actviz.plot("x*tanh(softplus(x))")``);
``actviz.define("xsig", "x*sigmoid(b*x)", b=1.0)`` names one.

``import actviz`` loads numpy and nothing heavier; matplotlib and rich load when a figure or a rich
table is asked for, sympy only where an expression's limit needs it. See :mod:`actviz.api` for the functions.
"""

# no ``from __future__ import annotations`` here: it would make ``actviz.annotations`` a public name

from ._version import __version__
from .api import (
    activations,
    animate,
    bind,
    cheatsheet,
    check_cheatsheet,
    check_format,
    check_gallery,
    compare,
    compare_frameworks,
    curves,
    define,
    distance,
    families,
    file_stem,
    frameworks_report,
    frameworks_table,
    gain,
    gain_dicts,
    gain_report,
    gain_table,
    gallery,
    get,
    gradient,
    gradient_flow,
    house_size,
    info_card,
    init_lines,
    lesson_figure,
    lesson_report,
    list_table,
    loss,
    loss_gradients,
    model_families,
    model_families_report,
    names,
    one_framework,
    output_path,
    page,
    parse_params,
    phase,
    plot,
    plot2d,
    precision,
    precision_markdown,
    printable,
    propagate,
    properties,
    properties_table,
    register,
    resolve,
    resolve_figure,
    resolve_report,
    save,
    save_text,
    show,
    softmax,
    softmax_example,
    table,
    terminal_plot,
    train,
    two_input,
    two_input_moments,
    unregister,
    zigzag,
)
from .errors import ActvizError, ParameterError, UnknownActivationError
from .properties import Properties
from .spec import Activation, Bound, Param

__all__ = [
    "get", "names", "gradient_flow", "softmax_example", "loss_gradients", "families", "define", "register", "unregister", "properties", "plot", "compare", "cheatsheet", "animate", "page",
    "gallery",
    "curves", "save", "save_text", "terminal_plot", "table", "gradient", "softmax", "loss", "lesson_figure",
    "train", "zigzag", "compare_frameworks", "frameworks_table", "gain", "gain_table", "gain_report", "gain_dicts",
    "init_lines", "phase", "propagate", "precision", "precision_markdown",
    "check_cheatsheet", "check_gallery", "check_format", "parse_params", "bind", "activations", "one_framework",
    "file_stem", "output_path", "house_size", "show", "printable", "properties_table", "list_table", "info_card",
    "lesson_report", "frameworks_report", "resolve", "resolve_report", "resolve_figure", "distance",
    "two_input", "two_input_moments", "plot2d", "model_families", "model_families_report",
    "Activation", "Bound", "Param", "Properties", "ActvizError", "UnknownActivationError", "ParameterError",
    "__version__",
]
