"""What a model's config selects: the fields that name an activation, the traps, and the look-alikes.

Core (data and rules, numpy only; no words, no network). A Hugging Face ``config.json`` names its MLP's
activation in one of a few fields (:data:`FIELDS`), in the top level or in nested configs
(``text_config``, ``vision_config``, ...); the string is a key of transformers' ``ACT2CLS``
(src/transformers/activations.py, huggingface/transformers), except where the model's own code reads it
otherwise, which ``model_type`` tells (:data:`TRAPS`). :func:`find` walks a parsed config and returns
what runs, as :class:`Found` records; :func:`resolve_name` does the same for a bare name, across the
frameworks. :func:`distance` measures how far two activations are apart, three ways.

The rules were read in transformers' model code (5.25; ``models/<type>/modeling_<type>.py`` and
``configuration_<type>.py``): which MLPs are gated (``act(gate_proj(x)) * up_proj(x)``), OpenAI GPT's
``ACT_FNS`` (its ``"gelu"`` is ``gelu_new``), T5's ``feed_forward_proj`` (``"gated-gelu"`` runs
``gelu_new``, gated), Gemma's legacy ``hidden_act: "gelu"`` (rewritten to ``gelu_pytorch_tanh``) and
gpt-oss's experts (``_apply_gate``: a clamped SwiGLU that ignores ``hidden_act``). Texts about them live
in the outer ring (:mod:`actviz.models_text`); here a trap is an id and its numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["FIELDS", "READS", "GATED", "NOT_GATED", "TRAPS", "LOOKALIKES", "WINDOW", "BF16_RANGE", "Found", "Distance",
           "ConfigError", "find", "resolve_name", "spec_of_key", "distance", "lookalikes_of", "Family", "FAMILIES",
           "PRIMER_SPEC", "families"]

#: the fields that name an MLP's activation, in the order they are looked for at each level
FIELDS = ("hidden_act", "hidden_activation", "activation_function", "afn", "feed_forward_proj", "dense_act_fn")

#: model types whose MLP is gated, act(gate_proj(x)) * up_proj(x) (read in each modeling_<type>.py)
GATED = frozenset({
    "llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "gemma", "gemma2", "gemma3",
    "gemma3_text", "bitnet", "phi3", "olmo", "olmo2", "granite", "cohere", "deepseek_v3", "gpt_oss",
})
#: model types whose MLP is not gated, act(up_proj(x))
NOT_GATED = frozenset({"bert", "roberta", "gpt2", "openai-gpt", "clip", "clip_text_model", "clip_vision_model",
                       "nemotron", "apertus", "vit", "whisper", "bart", "gpt_neox", "falcon", "phi",
                       "siglip", "siglip_vision_model", "siglip_text_model"})

#: model types whose MLP reads one field where a config may carry several (Gemma 2 and 3 read
#: hidden_activation; their configs keep a hidden_act beside it that nothing in the MLP reads)
READS: Mapping[str, str] = {"gemma2": "hidden_activation", "gemma3": "hidden_activation",
                            "gemma3_text": "hidden_activation"}

#: the one ids of the traps (the outer ring words them), with what each one changes
TRAPS: Mapping[str, Mapping[str, Any]] = {
    # OpenAI GPT: modeling_openai.py's ACT_FNS maps "gelu" to gelu_new (and "swish" to silu)
    "openai_gpt_gelu": {"model_type": "openai-gpt", "field": "afn", "value": "gelu", "runs": "gelu_new"},
    # T5: configuration_t5.py splits feed_forward_proj at "-"; "gated-gelu" is rewritten to gelu_new, gated
    "t5_gated_gelu": {"field": "feed_forward_proj", "value": "gated-gelu", "runs": "gelu_new"},
    # Gemma 1: configuration_gemma.py rewrites the legacy hidden_act "gelu" to gelu_pytorch_tanh
    "gemma_legacy_gelu": {"model_type": "gemma", "field": "hidden_act", "value": "gelu", "runs": "gelu_pytorch_tanh"},
    # gpt-oss: modeling_gpt_oss.py's experts clamp gate ≤ limit and up to ±limit, α = 1.702, (up + 1)·gate·σ(α·gate)
    "gpt_oss_swiglu": {"model_type": "gpt_oss", "alpha": 1.702, "limit": 7.0},
}

#: a function -> the functions a port might confuse it with (catalogue specs), nearest kind first
LOOKALIKES: Mapping[str, tuple[str, ...]] = {
    "gelu": ("gelu:approximate=tanh", "quick_gelu", "silu"),
    "gelu:approximate=tanh": ("gelu", "quick_gelu", "silu"),
    "quick_gelu": ("gelu", "gelu:approximate=tanh", "silu"),
    "silu": ("gelu", "gelu:approximate=tanh", "quick_gelu"),
    "squared_relu": ("relu", "silu", "gelu"),
    "relu": ("gelu", "silu", "squared_relu"),
    "relu6": ("relu", "hardtanh:min_val=0,max_val=6"),
    "mish": ("silu", "gelu"),
    "hardswish": ("silu",),
    "leaky_relu": ("relu",),
    "prelu": ("leaky_relu", "relu"),
    "tanh": ("sigmoid", "hardtanh"),
    "sigmoid": ("tanh", "hardsigmoid"),
    "clipped_gelu": ("gelu",),
    "laplace": ("squared_relu", "sigmoid"),
    "sqrtsoftplus": ("softplus", "sigmoid"),
    "xielu": ("xielu", "elu", "silu"),
    "identity": ("relu",),
    "swigluoai": ("quick_gelu", "silu"),
}

#: where the largest difference is looked for (a difference growing without bound, ReLU against squared
#: ReLU, is reported at the window's edge)
WINDOW = (-10.0, 10.0)
#: the bfloat16 inputs compared: every one with 0.5 ≤ |x| ≤ 6
BF16_RANGE = (0.5, 6.0)


class ConfigError(ValueError):
    """A config that names no activation, an unreadable one, or an activation string no framework knows.
    ``field`` is the field (or path) at fault, ``value`` the string, ``known`` what would be valid."""

    def __init__(self, kind: str, field: str = "", value: str = "", known: Sequence[str] = ()) -> None:
        super().__init__(kind, field, value)
        self.kind, self.field, self.value, self.known = kind, field, value, tuple(known)


@dataclass(frozen=True)
class Found:
    """One activation a config sets: where (``path``, ``field``), the string (``value``), the model type that
    reads it, the transformers key that runs (``key``), a catalogue ``spec`` that draws exactly that function
    (the framework's constants as parameters), whether the MLP is gated (None: the model type does not tell),
    the trap ids that apply, and the specs of its look-alikes."""

    path: str
    field: str
    value: str
    model_type: str | None
    key: str
    spec: str
    gated: bool | None
    traps: tuple[str, ...] = ()
    lookalikes: tuple[str, ...] = ()
    frameworks: tuple[tuple[str, str], ...] = ()  #: for a bare name: (framework, spec) per framework that has it
    two_input: str = ""  #: a spec of the two-input form that runs, where the MLP is not act(gate)·up (gpt-oss)


# -- configs --------------------------------------------------------------------------------------------------


def _walk(config: Mapping[str, Any], path: str = "", model_type: str | None = None
          ) -> Iterator[tuple[str, str, Any, str | None, Mapping[str, Any]]]:
    """(path, field, value, model_type, the level's dict) for every activation field, nested configs included."""
    own = config.get("model_type")
    mt = own if isinstance(own, str) else model_type
    reads = READS.get(mt or "")
    for name in FIELDS:
        if reads in config and name != reads:
            continue
        if name in config and config[name] is not None:
            yield (f"{path}.{name}" if path else name), name, config[name], mt, config
    for key, value in config.items():
        if isinstance(value, Mapping):
            yield from _walk(value, f"{path}.{key}" if path else key, mt)


def find(config: Any) -> list[Found]:
    """Every activation a parsed ``config.json`` sets (:class:`Found`, in the file's order); a config that
    sets none, or a value that is not an activation string, is a :class:`ConfigError`."""
    from .frameworks import KEYS

    if not isinstance(config, Mapping):
        raise ConfigError("not_object")
    keys = KEYS["transformers"]
    out: list[Found] = []
    for path, name, value, mt, level in _walk(config):
        if name == "dense_act_fn" and "feed_forward_proj" in level:
            continue  # T5 derives it from feed_forward_proj (reported there)
        if not isinstance(value, str):
            raise ConfigError("not_string", path, repr(value), list(keys))
        traps: list[str] = []
        gated = True if mt in GATED else False if mt in NOT_GATED else None
        key = value.strip().lower()
        two_input = ""
        if name == "feed_forward_proj":  # T5: "[gated-]ACT"
            parts = key.split("-")
            gated = parts[0] == "gated" and len(parts) == 2
            key = parts[-1]
            if key == "gelu" and gated:
                key, traps = "gelu_new", ["t5_gated_gelu"]
        elif mt == "openai-gpt" and name == "afn":
            if key == "gelu":
                key, traps = "gelu_new", ["openai_gpt_gelu"]
            elif key == "swish":
                key = "silu"
        elif mt == "gemma" and name == "hidden_act" and key == "gelu":
            key, traps = "gelu_pytorch_tanh", ["gemma_legacy_gelu"]
        elif mt == "gpt_oss":
            traps = ["gpt_oss_swiglu"]
            alpha = level.get("swiglu_alpha", TRAPS["gpt_oss_swiglu"]["alpha"])
            limit = level.get("swiglu_limit", TRAPS["gpt_oss_swiglu"]["limit"])
            two_input = f"swigluoai:alpha={_num(alpha)},limit={_num(limit)}"
        if key not in keys:
            raise ConfigError("unknown", path, value, list(keys))
        spec = two_input or spec_of_key(key)  # gpt-oss's experts run their own clamped SwiGLU
        out.append(Found(path, name, value, mt, key, spec, gated, tuple(traps), lookalikes_of(spec), (), two_input))
    if not out:
        raise ConfigError("no_field", "", "", FIELDS)
    return out


def _num(v: Any) -> str:
    return repr(float(v)).removesuffix(".0") if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def spec_of_key(key: str) -> str:
    """transformers' key -> a catalogue spec of exactly that function: its constants as parameters
    (``gelu_new`` -> ``gelu:approximate=tanh``, ``xielu`` -> its bfloat16 αp, αn and ε). gelu_fast's
    0.7978845608 for √(2/π) (a difference below 1e−12) is the one constant a spec does not carry."""
    from .frameworks import KEYS

    return _spec_at_defaults(KEYS["transformers"][key])


def lookalikes_of(spec: str) -> tuple[str, ...]:
    """The specs a port might confuse ``spec`` with (xIELU's implementation: the paper's form first)."""
    base, _, params = spec.partition(":")
    found = LOOKALIKES.get(spec) or LOOKALIKES.get(base, ())
    if base == "xielu" and "eps=" in params:  # transformers' xIELU: the paper's form with the same parameters
        paper = ",".join(p for p in params.split(",") if not p.startswith("eps="))
        found = (f"xielu:{paper}" if paper else "xielu", *found[1:])
    return tuple(s for s in found if s != spec)


def resolve_name(name: str) -> Found:
    """A bare activation NAME (``gelu``, ``gelu_pytorch_tanh``, ``swish``) as transformers reads it, with what
    each other framework means by it (:attr:`Found.frameworks`); an unknown name is a :class:`ConfigError`."""
    from .catalog import REGISTRY
    from .errors import UnknownActivationError
    from .frameworks import DEFINITIONS, FRAMEWORKS, KEYS

    key = name.strip().lower().replace("-", "_")
    keys = KEYS["transformers"]
    others: list[tuple[str, str]] = []
    if key in keys:
        spec = spec_of_key(key)
    else:
        try:
            act = REGISTRY[key]
        except UnknownActivationError:
            raise ConfigError("unknown_name", "", name, [*keys, *REGISTRY.names()]) from None
        spec = act.name
    catalogue = REGISTRY[key].name if key in REGISTRY else None  # what the name means outside transformers
    for fw in FRAMEWORKS:
        d = keys.get(key) if fw == "transformers" else DEFINITIONS[fw].get(catalogue) if catalogue else None
        if d is not None:
            others.append((fw, _spec_of_definition(d)))
    return Found("", "", name, None, key if key in keys else "", spec, None, (), lookalikes_of(spec), tuple(others))


def _spec_of_definition(d: Any) -> str:
    """A framework's definition -> a catalogue spec of the function it computes at its defaults."""

    return spec_of_key(d.spelling) if d.framework == "transformers" else _spec_at_defaults(d)


def _spec_at_defaults(d: Any) -> str:
    """The catalogue spec of the function a definition ``d`` computes at its defaults: its parameters and
    fixed constants, those that differ from the catalogue's defaults."""
    from .catalog import REGISTRY

    act = REGISTRY[d.name]
    values = {**{k: v for k, (_, v) in d.params.items() if v is not None}, **dict(d.fixed)}
    shown = [f"{p.name}={values[p.name] if isinstance(values[p.name], str) else _num(values[p.name])}"
             for p in act.params if p.name in values and values[p.name] != p.default]
    return act.name + (":" + ",".join(shown) if shown else "")


# -- how far apart -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Distance:
    """How far two scalar activations a and b are apart: the largest |a − b| on :data:`WINDOW` and the x
    where it is (refined to ~1e−9), the RMS of a − b under Z ~ N(0, 1) (``rms_error``: its quadrature bound),
    and the share of the bfloat16 inputs with 0.5 ≤ |x| ≤ 6 where a(x) and b(x), each rounded to bfloat16,
    differ (``bf16_count`` of ``bf16_total``)."""

    max_abs_diff: float
    at: float
    rms_normal: float
    bf16_differ: float
    bf16_count: int = 0
    bf16_total: int = 0
    rms_error: float = 0.0
    window: tuple[float, float] = field(default=WINDOW)

    def to_dict(self) -> dict[str, Any]:
        return {"max_abs_diff": self.max_abs_diff, "at": self.at, "rms_normal": self.rms_normal,
                "bf16_differ": self.bf16_differ}


def _scalar(bound: Any) -> Any:
    from .analysis import scalar_functions

    f, _ = scalar_functions(bound)
    return f


def distance(a: Any, b: Any) -> Distance:
    """How far bound activations ``a`` and ``b`` are apart (:class:`Distance`)."""
    from .dtypes import FORMATS
    from .quadrature import normal_expectations

    fa, fb = _scalar(a), _scalar(b)

    def diff(x: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.abs(np.asarray(fa(x), dtype=float) - np.asarray(fb(x), dtype=float))

    lo, hi = WINDOW
    x = np.linspace(lo, hi, 200_001)  # a step of 1e−4, then a golden-section refinement around the best
    d = diff(x)
    d = np.where(np.isnan(d), -1.0, d)
    top = float(np.max(d))  # of equal maxima (GELU − tanh-GELU is even), the rightmost
    i = int(np.flatnonzero(d >= top * (1.0 - 1e-9))[-1])
    best_x, best = float(x[i]), float(d[i])
    if 0 < i < len(x) - 1:
        left, right = float(x[i - 1]), float(x[i + 1])
        g = (math.sqrt(5.0) - 1.0) / 2.0
        for _ in range(60):
            m1, m2 = right - g * (right - left), left + g * (right - left)
            d1, d2 = float(diff(np.array([m1]))[0]), float(diff(np.array([m2]))[0])
            if d1 >= d2:
                right = m2
            else:
                left = m1
        mid = (left + right) / 2.0
        dm = float(diff(np.array([mid]))[0])
        if dm >= best:
            best_x, best = mid, dm
    kinks = sorted({*a.kinks(), *b.kinks(), *a.pieces(), *b.pieces(), best_x})

    def sq(z: np.ndarray) -> np.ndarray:
        return diff(z).reshape(1, -1) ** 2

    e = normal_expectations(sq, 1, kinks)
    rms = math.sqrt(max(e.values[0], 0.0))
    rms_err = e.errors[0] / (2.0 * rms) if rms > 0 else math.sqrt(e.errors[0])
    bf = FORMATS["bfloat16"]
    xs = bf.inputs()
    xs = xs[(np.abs(xs) >= BF16_RANGE[0]) & (np.abs(xs) <= BF16_RANGE[1])]
    with np.errstate(all="ignore"):
        ra, rb = bf.round(np.asarray(fa(xs), dtype=float)), bf.round(np.asarray(fb(xs), dtype=float))
    differ = int(np.count_nonzero(~((ra == rb) | (np.isnan(ra) & np.isnan(rb)))))
    return Distance(best, best_x, rms, differ / len(xs), differ, len(xs), rms_err)


# -- which models use what ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """A model family, the config fields that select its activation (as its published configs set them),
    and where that was verified: the model's configuration and modeling files in transformers 5.25
    (``models/<type>/configuration_<type>.py`` default and ``modeling_<type>.py`` MLP)."""

    family: str
    example: str  #: a Hub id whose config sets these fields
    config: Mapping[str, Any]
    source: str


#: the families of issue 26, in its order
FAMILIES: tuple[Family, ...] = (
    Family("BERT", "bert-base-uncased", {"model_type": "bert", "hidden_act": "gelu"},
           "transformers models/bert: configuration_bert.py, BertIntermediate"),
    Family("GPT-2", "openai-community/gpt2", {"model_type": "gpt2", "activation_function": "gelu_new"},
           "transformers models/gpt2: configuration_gpt2.py, GPT2MLP"),
    Family("OpenAI GPT", "openai-community/openai-gpt", {"model_type": "openai-gpt", "afn": "gelu"},
           "transformers models/openai: modeling_openai.py ACT_FNS"),
    Family("T5", "google-t5/t5-small", {"model_type": "t5", "feed_forward_proj": "relu"},
           "transformers models/t5: configuration_t5.py, T5DenseActDense"),
    Family("Flan-T5 (T5 v1.1)", "google/flan-t5-base", {"model_type": "t5", "feed_forward_proj": "gated-gelu"},
           "transformers models/t5: configuration_t5.py, T5DenseGatedActDense"),
    Family("Llama", "meta-llama/Llama-2-7b-hf", {"model_type": "llama", "hidden_act": "silu"},
           "transformers models/llama: configuration_llama.py, LlamaMLP"),
    Family("Mistral", "mistralai/Mistral-7B-v0.1", {"model_type": "mistral", "hidden_act": "silu"},
           "transformers models/mistral: MistralMLP"),
    Family("Qwen 2", "Qwen/Qwen2.5-7B", {"model_type": "qwen2", "hidden_act": "silu"},
           "transformers models/qwen2: Qwen2MLP"),
    Family("Gemma 1", "google/gemma-7b", {"model_type": "gemma", "hidden_act": "gelu"},
           "transformers models/gemma: configuration_gemma.py (legacy 'gelu' rewritten), GemmaMLP"),
    Family("Gemma 2", "google/gemma-2-9b", {"model_type": "gemma2", "hidden_activation": "gelu_pytorch_tanh"},
           "transformers models/gemma2: Gemma2MLP reads hidden_activation"),
    Family("Gemma 3", "google/gemma-3-4b-it", {"model_type": "gemma3", "text_config": {
        "model_type": "gemma3_text", "hidden_activation": "gelu_pytorch_tanh"}},
           "transformers models/gemma3: Gemma3MLP reads hidden_activation"),
    Family("Nemotron", "nvidia/Nemotron-4-Minitron-4B-Base", {"model_type": "nemotron", "hidden_act": "relu2"},
           "transformers models/nemotron: NemotronMLP, act(up_proj(x))"),
    Family("Apertus", "swiss-ai/Apertus-8B-2509", {"model_type": "apertus", "hidden_act": "xielu"},
           "transformers models/apertus: ApertusMLP, act(up_proj(x))"),
    Family("CLIP", "openai/clip-vit-base-patch32", {"model_type": "clip", "text_config": {
        "model_type": "clip_text_model", "hidden_act": "quick_gelu"}},
           "transformers models/clip: configuration_clip.py, CLIPMLP"),
    Family("gpt-oss", "openai/gpt-oss-20b", {"model_type": "gpt_oss", "hidden_act": "silu", "swiglu_limit": 7.0},
           "transformers models/gpt_oss: GptOssExperts._apply_gate"),
    Family("BitNet", "microsoft/bitnet-b1.58-2B-4T", {"model_type": "bitnet", "hidden_act": "relu2"},
           "transformers models/bitnet: BitNetMLP, act(gate_proj(x)) * up_proj(x)"),
    Family("Primer", "", {}, "So et al. 2021: squared ReLU (not a transformers model type; no config field)"),
)

#: Primer selects squared ReLU in its own code, not through a config string
PRIMER_SPEC = "squared_relu"


def families() -> list[tuple[Family, Found | None]]:
    """Each family with what its config selects (:func:`find` on its fields; None for Primer, which has none)."""
    return [(f, find(f.config)[0] if f.config else None) for f in FAMILIES]
