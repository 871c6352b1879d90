"""The offline page (issue 28): ``explore.html``, one self-contained file to move parameters and watch.

Pick a function (and a framework's variant of it), move every parameter on a slider, see f and f′ drawn
live (f″ on request, the numerical derivative of f′), the region where |f′| < 0.01 shaded, the formula,
and the exact facts actviz derives (range, f′ range, minimum and where, continuity, saturation) —
precomputed here on a grid of slider positions, and labelled as the nearest grid point's facts between
them. The state lives in the URL's hash (``#fn=elu&alpha=0.5``), so a configuration can be linked; the
controls are native (keyboard-accessible), the page follows the reader's light or dark preference (or a
switch), and speaks English or Chinese.

The curves are computed in the page by JavaScript generated from actviz's own definitions
(:mod:`.jsgen`). The page proves it: opened with ``#selftest`` it evaluates every function at
:data:`CHECK_POINTS` points for up to three parameter sets against values embedded here, and writes
``SELFTEST PASS`` or ``SELFTEST FAIL <worst case>`` into the document (tolerance :data:`TOLERANCE`
relative). The values are embedded as float64 rounded to their top 32 bits (sign, exponent and 20 bits of
mantissa: within 4.8e−7 relative, any magnitude), base64, so the check data stays small.

Nothing is fetched: no scripts, styles or fonts from elsewhere, no requests of any kind.
"""

from __future__ import annotations

import base64
import html
import json
import math
import struct
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import text
from .._version import __version__
from ..formulas import plain_formula
from ..messages import chinese_name, language, msg
from ..spec import Activation, Bound, Param
from .jsgen import ERF_JS, HELPERS_JS, VECTOR_JS, TraceError, trace
from .sampling import VECTOR_REST
from .style import color_for, page_colors

__all__ = ["Page", "page_html", "page_key", "CHECK_POINTS", "TOLERANCE", "GRID", "check_x", "slider_range", "Built"]

#: the self-test's x: 41 points across [−5.1, 4.9], off the usual kinks (0, ±0.5, ±1 are not among them)
CHECK_POINTS = 41
#: the self-test's tolerance, relative (an absolute floor of 1e−300 for values that are 0)
TOLERANCE = 1e-6
#: slider positions with exact facts, per parameter (the default is always one of them)
GRID = 9
#: the page's x-window
XMIN, XMAX = -5.0, 5.0
#: the languages of the page's words
LANGS = ("en", "zh")


def check_x() -> np.ndarray:
    return np.linspace(-5.1, 4.9, CHECK_POINTS)


def _nice(span: float) -> float:
    """The step of a slider's grid: 1, 2 or 5 times a power of ten, about a tenth of ``span``."""
    raw = span / 10.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next(k * power for k in (1.0, 2.0, 5.0, 10.0) if k * power >= raw * 0.999)


def slider_range(p: Param) -> tuple[float, float, float]:
    """(low, high, step) of the slider of a numeric parameter: its domain where that is bounded, else
    around the default (a one-sided domain reaches three times the default, at least 3 from its end); the
    ends are whole steps (an open end one step inside), so the positions are round numbers."""
    d = float(p.default)
    lo, hi = p.low, p.high
    if lo is not None and hi is not None:
        a, b = lo, hi
    elif lo is not None:
        a, b = lo, max(lo + 3.0 * max(abs(d - lo), 1.0), d + 1.0)
    elif hi is not None:
        a, b = min(hi - 3.0 * max(abs(hi - d), 1.0), d - 1.0), hi
    else:
        a, b = min(d - 1.0, -1.0), max(d + 1.0, 1.0)
    step = _nice(b - a) / 10.0
    a2 = math.ceil(round(a / step, 9)) * step
    b2 = math.floor(round(b / step, 9)) * step
    if p.low_open and a2 <= a:
        a2 += step
    if p.high_open and b2 >= b:
        b2 -= step
    return float(f"{a2:.12g}"), float(f"{b2:.12g}"), float(f"{step:.12g}")


def _grid(p: Param) -> list[float]:
    """The slider positions with exact facts: every tenth position (whole multiples of the grid step) and
    the default."""
    a, b, step = slider_range(p)
    big = step * 10.0
    first = math.ceil(round(a / big, 9))
    values = {float(f"{k * big:.12g}") for k in range(first, math.floor(round(b / big, 9)) + 1)}
    return sorted(values | {float(p.default)} | {a, b})


def _deflated(data: bytes) -> str:
    """``data`` compressed by raw DEFLATE (RFC 1951, what :data:`INFLATE_JS` reads back), base64."""
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return base64.b64encode(packer.compress(data) + packer.flush()).decode("ascii")


def _pack(values: Sequence[float]) -> bytes:
    """float64 values rounded to their top 32 bits, big-endian (see the module's docstring)."""
    out = bytearray()
    for v in values:
        bits = struct.unpack(">Q", struct.pack(">d", float(v)))[0]
        if math.isfinite(v):
            top = (bits + 0x80000000) >> 32
            if ((top >> 20) & 0x7FF) == 0x7FF:  # rounding carried into the exponent of inf: stay finite
                top = bits >> 32
        else:
            top = bits >> 32
        out += struct.pack(">I", top)
    return bytes(out)


# -- the facts --------------------------------------------------------------------------------------------


def _facts(bound: Bound) -> list[Any]:
    """[range, f′ range, minimum, continuity, saturation en, saturation zh, formulas]: language-neutral
    notation, the saturation in both languages; the minimum is [value, at], or the infimum that is not
    attained, or "unbounded", or null where the range is undecided; the formulas of f and f′ as they read
    for these parameters (plain ReLU: max(0, x)), in each language."""
    from ..tables import saturation_text

    p = bound.properties()
    low = p.low
    if not p.range_decided:
        least: Any = None
    elif low.bounded and low.closed and low.at is not None:
        least = [text.number(low.value), text.number(low.at)]
    else:  # no minimum: say why (the range shows the infimum)
        least = text.number(low.value) if low.bounded else "unbounded"
    words = []
    for lang in LANGS:
        with language(lang):
            words.append(saturation_text(p))
    with language("en"):
        return [text.range_set(p), text.derivative_set(p), least, text.continuity(p.continuity_order), *words,
                _formulas(bound)]


def _formulas(bound: Bound) -> list[list[str]]:
    """[[f, f′] in English, [f, f′] in Chinese] as Unicode text."""
    out = []
    for lang in LANGS:
        with language(lang):
            out.append([plain_formula(bound.formula), plain_formula(bound.derivative_formula)])
    return out


# -- the entries ------------------------------------------------------------------------------------------


class Built:
    """What the page embeds: entries (JSON-able), the generated functions (deduplicated by their text),
    the self-test's cases and the names left out (a definition no scalar trace can follow)."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.functions: dict[str, str] = {}  # body -> name
        self.checks: list[dict[str, Any]] = []
        self.check_values: list[float] = []
        self.skipped: list[str] = []

    def function(self, fn: Any, params: dict[str, Any]) -> str:
        body = "".join(trace(fn, params))
        if body not in self.functions:
            self.functions[body] = f"F{len(self.functions)}"
        return self.functions[body]


def _definitions(act: Activation) -> list[tuple[str, Any]]:
    """(f, f′) as actviz defines them; a user's expression as its tree after the stable rewrites (what its
    float64 function evaluates, without the numerical safety net around it)."""
    if not act.source:
        return [("f", act.fn), ("d", act.derivative_fn)]
    from ..expressions import Expression
    from ..expressions.numeric import rewritten

    expr = Expression(act.source.partition(":")[0]) if ":" in act.source and "=" in act.source.partition(":")[2] \
        else Expression(act.source)
    f, d = rewritten(expr.tree), rewritten(expr.dtree)
    return [("f", lambda x, **p: f(x, p)), ("d", lambda x, **p: d(x, p))]


def page_key(act: Activation) -> str:
    """The name of a function on the page (its ``#fn=``): the activation's name, ``expr:`` and the text for
    an expression."""
    return act.name if not act.source else "expr:" + act.source


def _param_entry(p: Param) -> dict[str, Any]:
    shown = plain_formula(p.symbol) if p.symbol else p.name
    if p.is_choice:
        return {"name": p.name, "sym": shown, "choices": list(p.choices), "default": p.default}
    a, b, step = slider_range(p)
    return {"name": p.name, "sym": shown, "min": a, "max": b, "step": step, "default": float(p.default),
            "grid": _grid(p)}


def _entry(built: Built, bound: Bound, *, framework_of: str = "") -> dict[str, Any] | None:
    """One function of the page; its parameters start at ``bound``'s values (an expression's as its spec
    gives them)."""
    from dataclasses import replace

    act = bound.act
    start = dict(bound.params)
    shown = [replace(p, default=start[p.name]) for p in act.params if not p.off]
    params = {p.name: None for p in act.params if not p.off}
    fixed = {p.name: p.default for p in act.params if p.off}
    names: dict[str, str] = {}
    if act.vector:
        names = {"f": "VECTOR." + act.origin + ".f", "d": "VECTOR." + act.origin + ".d"}
    else:
        try:
            for which, fn in _definitions(act):
                names[which] = built.function(lambda x, _fn=fn, **p: _fn(x, **p, **fixed), params)
        except TraceError:
            built.skipped.append(act.name)
            return None
    entry: dict[str, Any] = {
        "key": page_key(act), "name": act.name, "origin": act.origin, "label": act.label, "family": act.family,
        "fw": act.framework, "vector": bool(act.vector), "color": color_for(act.origin if act.framework else act.name),
        "f": names["f"], "d": names["d"], "params": [_param_entry(p) for p in shown],
        "title": {}, "summary": {}, "facts": {}, "grid": {},
    }
    for lang in LANGS:
        with language(lang):
            entry["title"][lang] = text.heading(act.bind(start), plain=True) if lang == "zh" and chinese_name(act.origin) \
                else act.label
    entry["summary"] = {"en": act.summary}
    with language("zh"):
        from ..messages import activation_text

        entry["summary"]["zh"] = activation_text(act.origin, "summary", act.summary) if not act.source else act.summary
    entry["facts"] = _facts(act.bind(start))
    if not framework_of:  # the grid of slider positions, one parameter at a time
        for p in shown:
            positions = p.choices if p.is_choice else _grid(p)
            row = []
            for v in positions:
                if v == start.get(p.name):  # the starting point: its facts are those above
                    row.append(entry["facts"])
                    continue
                try:
                    row.append(_facts(act.bind({**start, p.name: v})))
                except Exception:  # noqa: BLE001 - a relation between parameters refuses it: no facts there
                    row.append(None)
            entry["grid"][p.name] = row
    # the formulas shown between grid points: those most grid points share (ReLU's α moved off 0 reads
    # max(0, x) + α·min(0, x), not the max(0, x) of α = 0 itself)
    seen = [json.dumps(f[6], ensure_ascii=False) for row in entry["grid"].values() for f in row if f]
    common = max(seen, key=seen.count) if seen else json.dumps(entry["facts"][6], ensure_ascii=False)
    entry["generic"] = json.loads(common)
    _checks(built, entry, act, start, shown)
    return entry


def _checks(built: Built, entry: dict[str, Any], act: Activation, defaults: dict[str, Any],
            shown: Sequence[Param]) -> None:
    """Up to three parameter sets (the defaults, then the first and last slider positions of every numeric
    parameter together, where valid) and f, f′ at :func:`check_x` for each."""
    sets = [dict(defaults)]
    numeric = [p for p in shown if not p.is_choice]
    for end in (0.3, 0.8):
        trial = dict(defaults)
        for p in numeric:
            a, b, step = slider_range(p)
            trial[p.name] = float(f"{a + round((b - a) * end / step) * step:.12g}")
        for p in act.params:
            if p.is_choice and p.choices:
                trial[p.name] = p.choices[-1] if end > 0.5 else p.choices[0]
        try:
            act.bind(trial)
        except Exception:  # noqa: BLE001 - not a valid combination: fewer sets
            continue
        if trial not in sets and (numeric or any(p.is_choice for p in act.params)):
            sets.append(trial)
    x = check_x()
    for params in sets:
        bound = act.bind(params)
        with np.errstate(all="ignore"):
            if act.vector:
                rest = np.broadcast_to(np.asarray(VECTOR_REST), (x.size, len(VECTOR_REST)))
                logits = np.column_stack([x, rest])
                f, d = bound(logits)[:, 0], bound.derivative(logits)[:, 0]
            else:
                f, d = bound(x), bound.derivative(x)
        shown = {k: v for k, v in params.items() if not any(p.name == k and p.off for p in act.params)}
        built.checks.append({"key": entry["key"], "p": shown, "at": len(built.check_values)})
        built.check_values.extend(float(v) for v in f)
        built.check_values.extend(float(v) for v in d)


def build(bounds: Sequence[Bound], frameworks: bool = True) -> Built:
    """The entries of the activations ``bounds`` (their parameters' defaults as given), and with
    ``frameworks`` every framework's variant of each catalogue function."""
    from ..frameworks import DEFINITIONS
    from ..selection import in_framework

    built = Built()
    seen = set()
    for bound in bounds:
        key = page_key(bound.act)
        if key in seen:
            continue
        seen.add(key)
        entry = _entry(built, bound)
        if entry is None:
            continue
        entry["variants"] = []
        built.entries.append(entry)
        if frameworks and not bound.act.source and not bound.act.framework:
            for fw, names in DEFINITIONS.items():
                if bound.act.name in names:
                    variant = in_framework(bound.act, fw)
                    v = _entry(built, variant.bind(), framework_of=bound.act.name)
                    if v is not None:
                        entry["variants"].append(v)
    return built


# -- the page ---------------------------------------------------------------------------------------------


def _words() -> dict[str, dict[str, str]]:
    keys = ["page.title", "page.function", "page.variant", "page.actviz", "page.show_d2", "page.theme", "page.dark",
            "page.light", "page.language", "page.range", "page.drange", "page.minimum", "page.unbounded",
            "page.not_attained", "page.undecided",
            "page.continuity", "page.saturation", "page.exact", "page.nearest", "page.small_slope", "page.formula",
            "page.derivative", "page.facts", "page.reset", "page.link", "page.d2_note", "page.vector_note",
            "page.footer", "page.min_at", "page.params", "page.none"]
    out: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        with language(lang):
            out[lang] = {k.split(".", 1)[1]: msg(k, version=__version__) if k == "page.footer" else msg(k) for k in keys}
    return out


class Page(str):
    """The page's HTML (a ``str``: write it, search it), which a notebook shows as the page itself, in a
    frame, and whose ``repr`` is one line."""

    functions: int = 0
    variants: int = 0

    def __new__(cls, content: str, *, functions: int, variants: int) -> Page:
        page = super().__new__(cls, content)
        page.functions, page.variants = functions, variants
        return page

    def __repr__(self) -> str:
        n = self.functions
        return (f"<actviz Page: {n} function{'' if n == 1 else 's'} and {self.variants} framework variants, "
                f"{len(self.encode()) / 1024:.0f} KiB of HTML; write it with actviz.page(..., output='explore.html')>")

    def __reduce__(self) -> tuple[Any, ...]:  # pickled and copied as the text it is
        return (str, (str(self),))

    def _repr_html_(self) -> str:
        return (f'<iframe title="{html.escape(msg("page.title"))}" srcdoc="{html.escape(str(self), quote=True)}" '
                'style="width:100%;height:760px;border:1px solid #ddd;border-radius:4px" loading="lazy"></iframe>')


def page_html(bounds: Sequence[Bound], *, theme: str = "light", frameworks: bool = True) -> Page:
    """The page for ``bounds`` (the whole catalogue, or the functions named), in the language in force
    (the reader can switch), ``theme`` first (the reader's preference, and a switch, decide after)."""
    from ..messages import current

    built = build(bounds, frameworks)
    functions = "\n".join(f"function {name}(x,p){{{body}}}" for body, name in built.functions.items())
    data = {"entries": built.entries, "checks": built.checks, "rest": list(VECTOR_REST), "words": _words(),
            "xmin": XMIN, "xmax": XMAX, "checkX": [float(v) for v in check_x()], "tol": TOLERANCE,
            "lang": current(), "theme": theme}
    payload = _deflated(json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode())
    values = _deflated(_pack(built.check_values))
    title = msg("page.title")
    return Page(
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-Hans" if current() == "zh" else "en"}" data-theme="{html.escape(theme)}">\n<head>\n'
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="actviz {html.escape(__version__)}">\n'
        '<meta name="color-scheme" content="light dark">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{_theme_css()}{_CSS}</style>\n</head>\n<body>\n{_BODY}\n"
        f'<script type="application/octet-stream" id="actviz-data">{payload}</script>\n'
        f'<script type="application/octet-stream" id="actviz-check">{values}</script>\n'
        f"<script>\n{INFLATE_JS}{ERF_JS}{HELPERS_JS}{VECTOR_JS}{functions}\n{_APP}</script>\n</body>\n</html>\n",
        functions=len(built.entries), variants=sum(len(e["variants"]) for e in built.entries),
    )


#: raw DEFLATE (RFC 1951) decoding, synchronous, after Mark Adler's puff.c (zlib's contrib/puff): the
#: page's data (entries, facts, check values) is shipped compressed, a quarter of its size as JSON
INFLATE_JS = r"""
function inflate(src){
  let pos=0,buf=0,cnt=0,out=new Uint8Array(src.length*8),n=0;
  function put(b){if(n===out.length){const o=new Uint8Array(out.length*2);o.set(out);out=o;}out[n++]=b;}
  function bit(){if(!cnt){if(pos>=src.length)throw new Error("inflate: out of input");buf=src[pos++];cnt=8;}const b=buf&1;buf>>=1;cnt--;return b;}
  function bits(k){let v=0;for(let i=0;i<k;i++)v|=bit()<<i;return v;}
  function table(lengths){const count=new Uint16Array(16),offs=new Uint16Array(16),sym=new Uint16Array(lengths.length);
    for(const l of lengths)count[l]++;count[0]=0;for(let i=1;i<16;i++)offs[i]=offs[i-1]+count[i-1];
    for(let i=0;i<lengths.length;i++)if(lengths[i])sym[offs[lengths[i]]++]=i;return {count,sym};}
  function decode(h){let code=0,first=0,index=0;for(let len=1;len<16;len++){code|=bit();const c=h.count[len];
    if(code-first<c)return h.sym[index+code-first];index+=c;first+=c;first<<=1;code<<=1;}throw new Error("inflate: bad code");}
  const LB=[3,4,5,6,7,8,9,10,11,13,15,17,19,23,27,31,35,43,51,59,67,83,99,115,131,163,195,227,258],
    LE=[0,0,0,0,0,0,0,0,1,1,1,1,2,2,2,2,3,3,3,3,4,4,4,4,5,5,5,5,0],
    DB=[1,2,3,4,5,7,9,13,17,25,33,49,65,97,129,193,257,385,513,769,1025,1537,2049,3073,4097,6145,8193,12289,16385,24577],
    DE=[0,0,0,0,1,1,2,2,3,3,4,4,5,5,6,6,7,7,8,8,9,9,10,10,11,11,12,12,13,13];
  function codes(lit,dist){for(;;){let s=decode(lit);if(s<256){put(s);continue;}if(s===256)return;s-=257;
    const len=LB[s]+bits(LE[s]);const d=decode(dist);const back=DB[d]+bits(DE[d]);if(back>n)throw new Error("inflate: bad distance");
    for(let i=0;i<len;i++)put(out[n-back]);}}
  let fixed=null,last=0;
  do{last=bit();const type=bits(2);
    if(type===0){cnt=0;const len=src[pos]|(src[pos+1]<<8);pos+=4;for(let i=0;i<len;i++)put(src[pos++]);}
    else if(type===1){if(!fixed){const l=[];for(let i=0;i<288;i++)l.push(i<144?8:i<256?9:i<280?7:8);fixed=[table(l),table(new Array(30).fill(5))];}
      codes(fixed[0],fixed[1]);}
    else if(type===2){const nlen=bits(5)+257,ndist=bits(5)+1,ncode=bits(4)+4,order=[16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1,15];
      const cl=new Array(19).fill(0);for(let i=0;i<ncode;i++)cl[order[i]]=bits(3);const ch=table(cl),lengths=[];
      while(lengths.length<nlen+ndist){const s=decode(ch);if(s<16)lengths.push(s);
        else{let rep=0,val=0;if(s===16){val=lengths[lengths.length-1];rep=3+bits(2);}else if(s===17)rep=3+bits(3);else rep=11+bits(7);
          for(let i=0;i<rep;i++)lengths.push(val);}}
      codes(table(lengths.slice(0,nlen)),table(lengths.slice(nlen)));}
    else throw new Error("inflate: bad block type");
  }while(!last);
  return out.subarray(0,n);
}
"""

def _theme_css() -> str:
    """The colours of both themes as CSS variables: the gallery's page colours and the figures' grid, axis
    and shade (:mod:`.style`, their one definition)."""
    from .style import theme_colors

    rules = []
    for theme, selector in (("light", ":root"), ("dark", "[data-theme=dark]")):
        figure = theme_colors(theme)
        colours = {**page_colors(theme), "grid": figure["grid"], "axis": figure["axis"], "shade": figure["shade"]}
        rules.append(f"{selector}{{{';'.join(f'--{k}:{v}' for k, v in colours.items())};color-scheme:{theme}}}")
    return "\n".join(rules) + "\n"


_CSS = """\
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:72rem;padding:.5rem 1rem 2rem;background:var(--bg);color:var(--ink);
font:1rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif}
a{color:var(--link)}
h1{font-size:1.5rem;margin:.6rem 0}
.bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.3rem 0 .8rem}
.bar label{display:flex;gap:.4rem;align-items:center;white-space:nowrap;max-width:100%}
.bar select{max-width:min(18rem,calc(100vw - 7rem))}
select,button,input{font:inherit;color:inherit}
select,button{background:var(--panel);border:1px solid var(--rule);border-radius:4px;padding:.25rem .5rem}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1rem}
@media (max-width:52rem){.layout{grid-template-columns:minmax(0,1fr)}}
.plot{position:relative;border:1px solid var(--rule);border-radius:4px;background:var(--bg)}
canvas{display:block;width:100%;height:auto;aspect-ratio:16/10}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.85rem;color:var(--muted);padding:.3rem .6rem}
.panel{background:var(--panel);border-radius:4px;padding:.6rem .8rem}
.panel h2{font-size:1.05rem;margin:.2rem 0 .4rem}
.param{display:grid;grid-template-columns:minmax(2rem,max-content) minmax(0,1fr) 4.2rem;gap:.5rem;align-items:center;margin:.3rem 0}
.param select{max-width:100%}
.param input[type=range]{width:100%;accent-color:var(--link)}
.param output{font-variant-numeric:tabular-nums;text-align:right}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem .8rem;margin:.4rem 0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
.formula{font-size:.95rem;overflow-wrap:anywhere;margin:.3rem 0}
.note,.muted,footer{color:var(--muted);font-size:.85rem}
#selftest{font-family:ui-monospace,monospace;white-space:pre-wrap}
footer{margin-top:2rem;border-top:1px solid var(--rule);padding-top:.4rem}
"""

_BODY = """\
<header><h1 id="title"></h1>
<div class="bar" role="toolbar" aria-label="controls">
<label><span id="l-function"></span> <select id="fn"></select></label>
<label><span id="l-variant"></span> <select id="fw"></select></label>
<label><input type="checkbox" id="d2"> <span id="l-d2"></span></label>
<button type="button" id="theme"></button>
<button type="button" id="lang"></button>
<button type="button" id="reset"></button>
<a id="link" href="#"></a>
</div></header>
<main class="layout">
<section aria-labelledby="name"><div class="plot"><canvas id="plot" width="960" height="600" role="img"></canvas>
<div class="legend" id="legend"></div></div>
<p class="formula" id="formula"></p><p class="formula" id="dformula"></p></section>
<aside class="panel"><h2 id="name"></h2><p class="muted" id="summary"></p>
<h2 id="l-params"></h2><div id="params"></div>
<h2 id="l-facts"></h2><p class="note" id="facts-note"></p><dl id="facts"></dl>
<p class="note" id="vector-note"></p></aside>
</main>
<p id="selftest" role="status"></p>
<footer id="footer"></footer>"""

_APP = r"""
"use strict";
function bytesOf(id){const b=atob(document.getElementById(id).textContent.trim()),u=new Uint8Array(b.length);for(let i=0;i<b.length;i++)u[i]=b.charCodeAt(i);return inflate(u);}
const D=JSON.parse(new TextDecoder().decode(bytesOf("actviz-data")));
const $=id=>document.getElementById(id);
const ENTRIES={};for(const e of D.entries){ENTRIES[e.key]=e;for(const v of e.variants)ENTRIES[e.key+"@"+v.fw]=v;}
const S={key:D.entries[0].key,fw:"",p:{},d2:false,lang:D.lang,theme:null};
function W(k){return D.words[S.lang][k];}
function fnOf(e,which){const n=e[which];if(n.startsWith("VECTOR.")){const [,o,w]=n.split(".");return (x,p)=>VECTOR[o][w](x,p,D.rest);}return window[n];}
function current(){return S.fw?ENTRIES[S.key+"@"+S.fw]:ENTRIES[S.key];}
function num(v){if(!Number.isFinite(v))return v>0?"∞":v<0?"−∞":"—";let t=Math.abs(v)>=1e4||(v!==0&&Math.abs(v)<1e-3)?v.toExponential(2):String(+v.toPrecision(4));return t.replace("-","−");}
function readHash(){const h=location.hash.replace(/^#/,"");if(h==="selftest")return true;const q=new URLSearchParams(h);
 if(q.get("fn")&&ENTRIES[q.get("fn")])S.key=q.get("fn");const e=ENTRIES[S.key];S.fw=q.get("fw")&&ENTRIES[S.key+"@"+q.get("fw")]?q.get("fw"):"";
 S.p={};for(const p of current().params){const v=q.get(p.name);if(v===null)continue;if(p.choices){if(p.choices.includes(v))S.p[p.name]=v;}else if(Number.isFinite(+v)&&v!=="")S.p[p.name]=Math.min(p.max,Math.max(p.min,+v));}
 S.d2=q.get("d2")==="1";if(q.get("lang")==="zh"||q.get("lang")==="en")S.lang=q.get("lang");if(q.get("theme")==="dark"||q.get("theme")==="light")S.theme=q.get("theme");return false;}
function writeHash(){const q=new URLSearchParams();q.set("fn",S.key);if(S.fw)q.set("fw",S.fw);for(const [k,v] of Object.entries(S.p))q.set(k,v);
 if(S.d2)q.set("d2","1");if(S.lang!==D.lang)q.set("lang",S.lang);if(S.theme)q.set("theme",S.theme);const h="#"+q.toString();
 if(location.hash!==h)history.replaceState(null,"",h);$("link").href=h;}
function params(){const e=current(),p={};for(const q of e.params)p[q.name]=q.name in S.p?S.p[q.name]:q.default;return p;}
function theme(){return S.theme||(matchMedia("(prefers-color-scheme: dark)").matches?"dark":D.theme);}
function facts(){const e=current(),p=params();const differ=e.params.filter(q=>p[q.name]!==q.default);
 if(S.fw||differ.length===0)return [e.facts,true,null];
 const base=ENTRIES[S.key];if(differ.length===1){const q=differ[0],g=base.grid[q.name];if(!g)return [null,false,null];
  const pos=q.choices?q.choices:q.grid;let best=0;for(let i=0;i<pos.length;i++)if(Math.abs((q.choices?0:pos[i])-(q.choices?0:p[q.name]))<Math.abs((q.choices?0:pos[best])-(q.choices?0:p[q.name])))best=i;
  if(q.choices)best=pos.indexOf(p[q.name]);return [g[best],pos[best]===p[q.name],q.sym+" = "+(q.choices?pos[best]:num(pos[best]))];}
 return [null,false,null];}
function fill(){const e=current();document.documentElement.lang=S.lang==="zh"?"zh-Hans":"en";document.documentElement.dataset.theme=theme();
 $("title").textContent=W("title");document.title=W("title");$("l-function").textContent=W("function");$("l-variant").textContent=W("variant");
 $("l-d2").textContent=W("show_d2");$("theme").textContent=theme()==="dark"?W("light"):W("dark");$("lang").textContent=S.lang==="zh"?"English":"中文";
 $("reset").textContent=W("reset");$("link").textContent=W("link");$("l-params").textContent=W("params");$("l-facts").textContent=W("facts");$("footer").textContent=W("footer");
 const fn=$("fn");fn.textContent="";let fam=null,group=null;for(const x of D.entries){if(x.family!==fam){fam=x.family;group=document.createElement("optgroup");group.label=fam;fn.appendChild(group);}
  const o=document.createElement("option");o.value=x.key;o.textContent=x.title[S.lang]||x.label;group.appendChild(o);}fn.value=S.key;
 const fw=$("fw");fw.textContent="";const base=ENTRIES[S.key];const o0=document.createElement("option");o0.value="";o0.textContent=W("actviz");fw.appendChild(o0);
 for(const v of base.variants){const o=document.createElement("option");o.value=v.fw;o.textContent=v.label;fw.appendChild(o);}fw.value=S.fw;fw.disabled=!base.variants.length;
 $("name").textContent=e.title[S.lang]||e.label;$("summary").textContent=e.summary[S.lang]||e.summary.en||"";
$("vector-note").textContent=e.vector?W("vector_note").replace("{rest}",D.rest.map(num).join(", ")):"";
 const box=$("params");box.textContent="";const p=params();if(!e.params.length){box.textContent=W("none");}
 for(const q of e.params){const row=document.createElement("div");row.className="param";const id="p-"+q.name;const lab=document.createElement("label");lab.htmlFor=id;lab.textContent=q.sym;row.appendChild(lab);
  let input;if(q.choices){input=document.createElement("select");for(const c of q.choices){const o=document.createElement("option");o.value=c;o.textContent=c;input.appendChild(o);}input.value=p[q.name];}
  else{input=document.createElement("input");input.type="range";input.min=q.min;input.max=q.max;input.step=q.step;input.value=p[q.name];}
  input.id=id;const out=document.createElement("output");out.htmlFor=id;out.textContent=q.choices?"":num(p[q.name]);
  input.addEventListener("input",()=>{S.p[q.name]=q.choices?input.value:+input.value;out.textContent=q.choices?"":num(+input.value);update();});
  row.appendChild(input);row.appendChild(out);box.appendChild(row);}
 update();}
function showFacts(){const [f,exact,at]=facts();const dl=$("facts");dl.textContent="";const e=current(),li=S.lang==="zh"?1:0;
 const fm=(f&&exact?f[6]:S.fw?e.facts[6]:ENTRIES[S.key].generic)[li];$("formula").textContent=fm[0];$("dformula").textContent=fm[1];
 $("facts-note").textContent=f?(exact?W("exact"):W("nearest").replace("{at}",at)):W("none");if(!f)return;
 const rows=[[W("range"),f[0]],[W("drange"),f[1]],[W("minimum"),Array.isArray(f[2])?W("min_at").replace("{value}",f[2][0]).replace("{at}",f[2][1]):f[2]==="unbounded"?W("unbounded"):f[2]===null?W("undecided"):W("not_attained").replace("{value}",f[2])],[W("continuity"),f[3]],[W("saturation"),S.lang==="zh"?f[5]:f[4]]];
 for(const [k,v] of rows){const dt=document.createElement("dt");dt.textContent=k;const dd=document.createElement("dd");dd.textContent=v;dl.appendChild(dt);dl.appendChild(dd);}}
function css(name){return getComputedStyle(document.documentElement).getPropertyValue(name).trim();}
function draw(){const e=current(),p=params(),f=fnOf(e,"f"),d=fnOf(e,"d");const c=$("plot"),r=c.getBoundingClientRect(),dpr=window.devicePixelRatio||1;
 const w=Math.max(300,Math.round(r.width*dpr)),h=Math.round(w*10/16);if(c.width!==w||c.height!==h){c.width=w;c.height=h;}
 const g=c.getContext("2d");g.setTransform(1,0,0,1,0,0);g.fillStyle=css("--bg");g.fillRect(0,0,w,h);
 const N=Math.min(1200,w),xs=[],fy=[],dy=[],d2=[];for(let i=0;i<=N;i++){const x=D.xmin+(D.xmax-D.xmin)*i/N;xs.push(x);fy.push(f(x,p));dy.push(d(x,p));}
 if(S.d2){const hh=1e-4;for(let i=0;i<=N;i++){const x=xs[i],a=(d(x+hh,p)-dy[i])/hh,b=(dy[i]-d(x-hh,p))/hh;
  d2.push(Math.abs(a-b)>0.1*Math.max(1,Math.abs(a),Math.abs(b))?NaN:(a+b)/2);}}  // f′ jumps there: no f″ (a break)
 const fin=a=>a.filter(Number.isFinite);const span=a=>{const v=fin(a);if(!v.length)return [-1,1];let lo=Math.min(...v),hi=Math.max(...v);if(hi-lo<1e-12){lo-=0.5;hi+=0.5;}return [lo,hi];};
 let [lo,hi]=span(fy);const [dlo,dhi]=span(dy);if(Math.max(hi,dhi)-Math.min(lo,dlo)<=4*(hi-lo)){lo=Math.min(lo,dlo);hi=Math.max(hi,dhi);}
 const pad=(hi-lo)*0.07;lo-=pad;hi+=pad;const fs=Math.round(12*dpr),L=Math.round(48*dpr),B=Math.round(30*dpr),T=Math.round(10*dpr),R=Math.round(10*dpr);
 const X=x=>L+(x-D.xmin)/(D.xmax-D.xmin)*(w-L-R),Y=y=>T+(hi-y)/(hi-lo)*(h-T-B);
 g.fillStyle=css("--shade");g.globalAlpha=0.22;let start=null;for(let i=0;i<=N;i++){const small=Math.abs(dy[i])<0.01;if(small&&start===null)start=i;if((!small||i===N)&&start!==null){const end=small?i:i-1;g.fillRect(X(xs[start]),T,Math.max(1,X(xs[end])-X(xs[start])),h-T-B);start=null;}}g.globalAlpha=1;
 const step=v=>{const raw=v/6,m=Math.pow(10,Math.floor(Math.log10(raw)));for(const k of [1,2,5,10])if(k*m>=raw)return k*m;return 10*m;};
 g.strokeStyle=css("--grid");g.lineWidth=dpr;g.fillStyle=css("--ink");g.font=fs+"px system-ui,sans-serif";g.textAlign="center";g.textBaseline="top";
 for(let x=Math.ceil(D.xmin);x<=D.xmax;x++){g.beginPath();g.moveTo(X(x),T);g.lineTo(X(x),h-B);g.stroke();g.fillText(num(x),X(x),h-B+4*dpr);}
 const sy=step(hi-lo);g.textAlign="right";g.textBaseline="middle";for(let y=Math.ceil(lo/sy)*sy;y<=hi;y+=sy){g.beginPath();g.moveTo(L,Y(y));g.lineTo(w-R,Y(y));g.stroke();g.fillText(num(Math.abs(y)<sy*1e-9?0:y),L-5*dpr,Y(y));}
 g.strokeStyle=css("--axis");g.lineWidth=1.2*dpr;if(lo<0&&hi>0){g.beginPath();g.moveTo(L,Y(0));g.lineTo(w-R,Y(0));g.stroke();}g.beginPath();g.moveTo(X(0),T);g.lineTo(X(0),h-B);g.stroke();
 const line=(ys,color,dash,width)=>{g.save();g.beginPath();g.rect(L,T,w-L-R,h-T-B);g.clip();g.strokeStyle=color;g.lineWidth=width*dpr;g.setLineDash(dash.map(v=>v*dpr));g.beginPath();let on=false;
  // a jump (binary step's f, ELU's f′ at 0) is a break, not a vertical segment: a step far above the typical one
  const steps=[];for(let i=1;i<=N;i++){const a=ys[i-1],b=ys[i];if(Number.isFinite(a)&&Number.isFinite(b))steps.push(Math.abs(Y(b)-Y(a)));}
  steps.sort((a,b)=>a-b);const jump=Math.max(40*(steps[steps.length>>1]||0),0.025*(h-T-B));
  for(let i=0;i<=N;i++){const y=ys[i];if(!Number.isFinite(y)||Math.abs(Y(y))>1e6){on=false;continue;}
   if(on&&Math.abs(Y(y)-Y(ys[i-1]))>jump)on=false;if(!on){g.moveTo(X(xs[i]),Y(y));on=true;}else g.lineTo(X(xs[i]),Y(y));}g.stroke();g.restore();};
 const color=theme()==="dark"?e.color:e.color;if(S.d2)line(d2,css("--muted"),[1.5,3],1.4);line(dy,css("--muted"),[6,4],1.6);line(fy,color,[],2.6);
 $("legend").innerHTML="";const items=[["f(x)",color,"solid"],["f′(x)",css("--muted"),"dashed"]];if(S.d2)items.push(["f″(x) — "+W("d2_note"),css("--muted"),"dotted"]);items.push([W("small_slope"),css("--shade"),"shade"]);
 for(const [t,col,kind] of items){const s=document.createElement("span");const k=document.createElement("span");k.style.display="inline-block";k.style.width="1.6em";k.style.verticalAlign="middle";k.style.marginRight=".3em";
  if(kind==="shade"){k.style.height=".8em";k.style.background=col;k.style.opacity=.35;}else{k.style.borderTop="3px "+kind+" "+col;}s.appendChild(k);s.appendChild(document.createTextNode(t));$("legend").appendChild(s);}
 c.setAttribute("aria-label",(e.title[S.lang]||e.label)+": f, f′");}
function update(){showFacts();draw();writeHash();}
function bind(){$("fn").addEventListener("change",ev=>{S.key=ev.target.value;S.fw="";S.p={};fill();});
 $("fw").addEventListener("change",ev=>{S.fw=ev.target.value;S.p={};fill();});$("d2").addEventListener("change",ev=>{S.d2=ev.target.checked;update();});
 $("theme").addEventListener("click",()=>{S.theme=theme()==="dark"?"light":"dark";fill();});$("lang").addEventListener("click",()=>{S.lang=S.lang==="zh"?"en":"zh";fill();});
 $("reset").addEventListener("click",()=>{S.p={};fill();});addEventListener("resize",()=>draw());addEventListener("hashchange",()=>{if(!readHash()){$("d2").checked=S.d2;fill();}});
 matchMedia("(prefers-color-scheme: dark)").addEventListener("change",()=>fill());}
function unpack(){const b=bytesOf("actviz-check"),n=b.length/4,v=new Float64Array(n),dv=new DataView(new ArrayBuffer(8));
 for(let i=0;i<n;i++){const hi=(b[4*i]<<24>>>0)+(b[4*i+1]<<16)+(b[4*i+2]<<8)+b[4*i+3];dv.setUint32(0,hi);dv.setUint32(4,0);v[i]=dv.getFloat64(0);}return v;}
function selftest(){const V=unpack(),X=D.checkX,n=X.length;let worst=null,count=0;
 for(const c of D.checks){const e=ENTRIES[c.key]||Object.values(ENTRIES).find(x=>x.key===c.key);const f=fnOf(e,"f"),d=fnOf(e,"d");
  for(const [which,fn,off] of [["f",f,0],["f′",d,n]])for(let i=0;i<n;i++){const want=V[c.at+off+i],got=fn(X[i],c.p);count++;
   let err;if(Number.isNaN(want))err=Number.isNaN(got)?0:Infinity;else if(!Number.isFinite(want))err=got===want?0:Infinity;else err=Math.abs(got-want)/Math.max(Math.abs(want),1e-300);
   if(Math.abs(got-want)<=1e-300)err=0;if(!(err<=D.tol)&&(worst===null||!(err<=worst.err)))worst={err,key:c.key,which,x:X[i],p:c.p,got,want};}}
 const word="SELF"+"TEST ";const out=worst===null?word+"PASS "+count+" values, "+D.checks.length+" parameter sets, worst within "+D.tol:
  word+"FAIL "+worst.key+" "+worst.which+"("+worst.x+") with "+JSON.stringify(worst.p)+": "+worst.got+" vs "+worst.want+" (relative error "+worst.err+")";
 $("selftest").textContent=out;document.body.dataset.selftest=worst===null?"pass":"fail";return out;}
const testing=readHash();for(const e of Object.values(ENTRIES))if(e.fw){}$("d2").checked=S.d2;bind();fill();if(testing)selftest();
"""
