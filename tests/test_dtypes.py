"""The precision lens (actviz.dtypes): the formats against numpy's and ml_dtypes' own conversions, the
emulated arithmetic against IEEE float16 arithmetic, the overflow and flush points against thresholds
derived by hand, the published bugs reproduced by the textbook forms, and the quality bar of actviz's
stable forms over the whole catalogue and every framework preset."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actviz
from actviz import dtypes
from actviz.errors import ParameterError
from actviz.selection import select, select_many

F16, BF16, F32 = dtypes.FORMATS["float16"], dtypes.FORMATS["bfloat16"], dtypes.FORMATS["float32"]
E4M3, E5M2 = dtypes.FORMATS["float8_e4m3"], dtypes.FORMATS["float8_e5m2"]
COMPUTE = (F16, BF16, F32)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def _hard_values(fmt: dtypes.Format) -> np.ndarray:
    """The format's numbers, the midpoints between them (ties), their float64 neighbours, and far values."""
    x = fmt.inputs()
    mids = (x[:-1] + x[1:]) / 2
    rng = np.random.default_rng(0)
    wide = rng.standard_normal(20000) * 10.0 ** rng.integers(-45, 45, 20000)
    top = fmt.max + fmt.ulp(np.array(fmt.max)) / 2
    return np.concatenate([x, mids, np.nextafter(mids, np.inf), np.nextafter(mids, -np.inf), wide,
                           [top, np.nextafter(top, 0.0), -top, np.inf, -np.inf, 1e-300, -1e-320]])


# -- the formats ------------------------------------------------------------------------------------------


def test_float16_rounding_is_numpys_conversion():
    v = _hard_values(F16)
    with np.errstate(over="ignore"):
        assert _same(F16.round(v), v.astype(np.float16).astype(np.float64))


@pytest.mark.parametrize("name,attr", [("bfloat16", "bfloat16"), ("float8_e4m3", "float8_e4m3fn"),
                                       ("float8_e5m2", "float8_e5m2")])
def test_small_formats_round_as_ml_dtypes(name, attr):
    ml = pytest.importorskip("ml_dtypes")
    fmt = dtypes.FORMATS[name]
    v = _hard_values(fmt)
    with np.errstate(over="ignore", invalid="ignore"):
        ref = v.astype(getattr(ml, attr)).astype(np.float64)
    assert _same(fmt.round(v), ref)
    finite = ml.finfo(getattr(ml, attr))
    assert fmt.max == float(finite.max) and fmt.smallest_normal == float(finite.smallest_normal)


def test_the_inputs_are_every_finite_number_of_the_format():
    bits = np.arange(1 << 16, dtype=np.uint32)
    half = bits.astype(np.uint16).view(np.float16).astype(np.float64)
    assert np.array_equal(F16.inputs(), np.unique(half[np.isfinite(half)]))
    with np.errstate(invalid="ignore"):  # the NaN patterns
        brain = (bits << 16).view(np.float32).astype(np.float64)
    assert np.array_equal(BF16.inputs(), np.unique(brain[np.isfinite(brain)]))
    assert F16.inputs().size == 63487 and BF16.inputs().size == 65279
    assert E4M3.inputs().size == 253 and E5M2.inputs().size == 247  # 256 codes: NaNs, infinities and −0 out
    assert E4M3.inputs().max() == 448 and E5M2.inputs().max() == 57344
    x = F32.inputs()  # every binade of float32, its largest value, its smallest subnormal, both signs
    assert np.array_equal(x, x.astype(np.float32).astype(np.float64)) and np.all(np.diff(x) > 0)
    assert x.max() == float(np.finfo(np.float32).max) and x[x > 0].min() == 2.0 ** -149
    binades = np.floor(np.log2(np.abs(x[x > 0])))
    assert set(np.arange(-149, 128)) <= set(binades.astype(int).tolist())


@pytest.mark.parametrize("fmt,kind", [(F16, np.float16), (F32, np.float32)])
def test_ulp_is_numpys_spacing(fmt, kind):
    x = fmt.inputs()
    x = x[np.abs(x) < fmt.max]  # numpy's spacing at the largest value is inf (the gap to overflow)
    assert np.array_equal(fmt.ulp(x), np.spacing(np.abs(x).astype(kind)).astype(np.float64))


def test_dtype_names_and_errors():
    assert [f.name for f in dtypes.check_dtypes(None)] == ["float16", "bfloat16", "float32"]
    assert [f.name for f in dtypes.check_dtypes("fp16, BF16,float8_e4m3fn,half")] == ["float16", "bfloat16", "float8_e4m3"]
    assert all(f.ftz for f in dtypes.check_dtypes(["float32"], ftz=True))
    with pytest.raises(ParameterError, match=r"'float64' is not a format .*float16, bfloat16, float32"):
        dtypes.check_dtypes("float64")
    with pytest.raises(ParameterError, match="is empty"):
        dtypes.check_dtypes(" , ")


# -- arithmetic in a format -------------------------------------------------------------------------------


@pytest.mark.parametrize("op", [np.add, np.subtract, np.multiply, np.divide])
def test_basic_operations_are_ieee_float16(op):
    """+, −, ×, ÷ in IEEE float16 are correctly rounded on every machine: the emulation must agree."""
    rng = np.random.default_rng(1)
    x = rng.choice(F16.inputs(), 20000)
    y = rng.choice(F16.inputs(), 20000)
    with np.errstate(all="ignore"):
        ieee = op(x.astype(np.float16), y.astype(np.float16)).astype(np.float64)
        emulated = op(dtypes.InFormat(x, F16), dtypes.InFormat(y, F16))
    assert isinstance(emulated, dtypes.InFormat)
    assert _same(emulated.v, ieee)


def test_every_result_and_constant_is_stored_in_the_format():
    x = dtypes.InFormat(np.array([1.0, 2.0, 3.0]), BF16)
    y = x * 0.1 + np.exp(x)  # 0.1 is stored in bfloat16 first: 0.10009765625
    assert isinstance(y, dtypes.InFormat)
    assert _same(y.v, BF16.round(BF16.round(x.v * 0.10009765625) + BF16.round(np.exp(x.v))))
    assert (x > 1.5).dtype == bool  # comparisons stay plain
    assert isinstance(np.where(x.v > 1.5, x, 0.5), dtypes.InFormat)
    with pytest.raises(dtypes.LeftFormat):
        np.asarray(x)


def test_overflow_is_inf_or_nan_and_subnormals_flush_with_ftz():
    big = dtypes.InFormat(np.array([300.0]), E4M3)
    assert np.isnan((big * 2.0).v[0])  # E4M3FN has no infinity
    assert np.isinf((dtypes.InFormat(np.array([300.0]), E5M2) * 1000.0).v[0])
    ftz = dtypes.check_dtypes("float32", ftz=True)[0]
    tiny = dtypes.InFormat(np.array([2.0 ** -120]), ftz)
    assert (tiny * 2.0 ** -10).v[0] == 0.0 and (dtypes.InFormat(np.array([2.0 ** -120]), F32) * 2.0 ** -10).v[0] > 0
    assert ftz.inputs()[ftz.inputs() > 0].min() == 2.0 ** -126


def test_every_definition_computes_in_the_format():
    """No catalogue function or preset converts its input to float64 (which would make it look perfect)."""
    x = F16.inputs()[::97]
    for b in [*select_many([]), *(p for fw in ("torch", "keras", "jax", "tf") for p in select_many([], framework=fw))]:
        if b.vector:
            continue
        for form in dtypes.forms_of(b):
            out = dtypes.in_format(form.fn, x, F16, form.params)
            assert _same(out, F16.round(out)), b.name


# -- thresholds derived by hand -------------------------------------------------------------------------------


def _first_at_least(fmt: dtypes.Format, threshold: float) -> float:
    """The smallest number of the format ≥ threshold (float32: found by the bisection, not in the sample)."""
    if fmt is F32:
        f = np.float32(threshold)
        return float(f if f >= threshold else np.nextafter(f, np.float32(np.inf)))
    x = fmt.inputs()
    return float(x[x >= threshold].min())


@pytest.mark.parametrize("fmt", COMPUTE)
def test_textbook_softplus_overflows_where_exp_does(fmt):
    """e^x rounds to inf from x = ln(max + ulp/2) on: the first input there is where log(1 + e^x) is inf."""
    top = fmt.max + float(fmt.ulp(np.array(fmt.max))) / 2
    r = dtypes.precision(select("softplus"), fmt)
    assert r.naive.overflow_at == _first_at_least(fmt, math.log(top))
    assert r.stable.overflow_at is None and r.stable.nonfinite == 0
    assert r.to_dict()["naive_overflow_at"] == r.naive.overflow_at


def test_the_issue_thresholds():
    assert math.isclose(dtypes.precision(select("softplus"), F16).naive.overflow_at, 11.0898, abs_tol=0.005)
    assert math.isclose(dtypes.precision(select("softplus"), F32).naive.overflow_at, 88.7228, abs_tol=1e-4)
    assert math.isclose(dtypes.precision(select("softplus"), BF16).naive.overflow_at, 89.0)
    small_beta = dtypes.precision(select("softplus:beta=0.1"), F16)  # pytorch #187180's small β
    assert math.isclose(small_beta.naive.overflow_at, 110.9, abs_tol=0.1)


def test_silu_flushes_from_minus_87_34_on_flush_to_zero_hardware():
    """tt-metal: SiLU returned exactly 0 for x ≤ −87.34 in float32: σ(x) = 1/(1 + e^−x) falls below the
    smallest normal float32, 2^−126, where x < −ln(2^126) = −87.3365, and the hardware flushed it."""
    ftz = dtypes.check_dtypes("float32", ftz=True)[0]
    r = dtypes.precision(select("silu"), ftz)
    assert math.isclose(r.naive.flush_at, -126 * math.log(2.0), abs_tol=1e-4)
    ieee = dtypes.precision(select("silu"), F32)  # with subnormals it lasts until e^−x overflows
    assert math.isclose(ieee.naive.flush_at, -math.log(float(np.finfo(np.float32).max)), abs_tol=1e-4)
    assert ieee.stable.flush_at is None or ieee.stable.flush_at < -100  # only where the truth is subnormal


def test_bf16_silu_through_one_minus_sigmoid_flushes_small_negatives():
    """tiny-llm #164: x·(1 − σ(−x)) in bfloat16 is 0 as soon as 1 + e^x rounds to 1, for e^x < 2^−8 (half
    of bfloat16's spacing at 1), x < −8 ln 2 = −5.545; the stable rewrite (σ(x)) does not flush there."""
    r = dtypes.precision(select("x*(1 - sigmoid(-x))"), BF16)
    below = BF16.inputs()[BF16.inputs() < -8 * math.log(2.0)]
    assert r.naive.flush_at == below.max()
    assert r.stable.flush_at is None or r.stable.flush_at < -80
    assert r.naive.formula == "x*(1 - sigmoid(-x))"


def test_textbook_mish_loses_its_digits_on_minus_20_to_minus_2():
    """darknet #5452: x·tanh(log(1 + eˣ)) in float32 loses precision on [−20, −2] (1 + eˣ absorbs eˣ)."""
    r = dtypes.precision(select("mish"), F32)
    inside = (r.inputs >= -20) & (r.inputs <= -2)
    assert np.nanmax(np.where(np.isfinite(r.naive.ulp[inside]), r.naive.ulp[inside], np.nan)) > 1000
    assert np.all(r.stable.ulp[inside] <= dtypes.ULP_BOUND)


# -- the errors, checked independently -----------------------------------------------------------------------


def test_ulp_errors_against_numpy_spacing():
    r = dtypes.precision(select("gelu"), F16)
    t16 = r.truth.astype(np.float16)
    normal = np.isfinite(r.truth) & (np.abs(r.truth) >= F16.smallest_normal)
    with np.errstate(over="ignore"):
        direct = np.abs(r.stable.values - r.truth) / np.spacing(np.abs(t16)).astype(np.float64)
    assert np.allclose(direct[normal], r.stable.ulp[normal])


def test_truth_is_mpmath_rounded():
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 40
    r = dtypes.precision(select("silu"), F16)
    rng = np.random.default_rng(2)
    for i in rng.integers(0, r.inputs.size, 300):
        x = mp.mpf(float(r.inputs[i]))
        exact = float(x / (1 + mp.exp(-x)))
        assert F16.round(np.array(exact)) == r.truth[i]


# -- the quality bar -------------------------------------------------------------------------------------------


def _all_scalar():
    seen = [b for b in select_many([]) if not b.vector]
    for fw in ("torch", "keras", "jax", "tf"):
        seen += [b for b in select_many([], framework=fw) if not b.vector]
    return seen


@pytest.mark.parametrize("fmt", [*COMPUTE, E5M2], ids=lambda f: f.name)
def test_stable_forms_are_as_good_as_the_format_allows(fmt):
    """Every catalogue function and preset, at every input: never inf or NaN where the truth is finite,
    and within 4 + 2s ULP, where s = |f′(x)|·ulp(x)/ulp(f(x)) (from the exact derivative) is how far one ULP
    of x moves f: no worse than rounding x. Exceptions, named: GELU's x·Φ(x) where Φ(x) alone is below
    the smallest normal number (erfc has no scaled form here to compute it in; README says so), in clipped GELU
    too; Laplace's Φ((x − μ)/σ), whose argument (μ − x)/(σ√2) the format must round, a number up to 9× as
    large as x (its ULP that much coarser), within 4× the bound; xIELU's αn(eˣ − 1 − x) and βx, which cancel to
    a tenth of their size near x = −2, within 2× the bound."""
    bad = []
    for b in _all_scalar():
        r = dtypes.precision(b, fmt)
        e = r.stable
        with np.errstate(all="ignore"):
            exact = b(r.inputs)
            s = np.abs(b.derivative(r.inputs)) * fmt.ulp(r.inputs) / fmt.ulp(np.where(np.isfinite(exact), exact, fmt.max))
            allowed = dtypes.ULP_BOUND + 2 * np.where(np.isfinite(s), s, np.inf)
            worse = np.isfinite(r.truth) & ~(e.ulp <= allowed)
        relaxed = {"laplace": 4.0, "xielu": 2.0}.get(b.act.origin)
        if relaxed is not None:
            worse = np.isfinite(r.truth) & ~(e.ulp <= relaxed * allowed)
        if b.act.origin in ("gelu", "geglu", "clipped_gelu"):
            phi = np.abs(exact / np.where(r.inputs == 0, 1.0, r.inputs))
            worse &= ~(phi < fmt.smallest_normal)
        if e.nonfinite or worse.any():
            bad.append((b.name, e.nonfinite, r.inputs[worse][:3].tolist()))
    assert bad == []


def test_float8_e4m3_stable_forms_are_finite_where_inputs_are_moderate():
    """E4M3 has no infinity: any intermediate beyond 448 is NaN. actviz's forms keep their guards inside it, so
    for |x| ≤ 16 (where no activation's intermediate need exceed 448) every finite truth gets a finite answer."""
    for b in _all_scalar():
        r = dtypes.precision(b, E4M3)
        moderate = (np.abs(r.inputs) <= 16) & np.isfinite(r.truth)
        assert np.all(np.isfinite(r.stable.values[moderate])), b.name


@pytest.mark.parametrize("spec", ["softplus", "tanh", "sigmoid", "elu", "selu", "softsign", "tanhshrink", "hardsigmoid",
                                  "squareplus", "logsigmoid", "relu6", "hardswish", "celu"])
def test_well_conditioned_stable_forms_are_within_4_ulp(spec):
    for fmt in COMPUTE:
        r = dtypes.precision(select(spec), fmt)
        assert r.stable.max_ulp <= dtypes.ULP_BOUND and r.stable.nonfinite == 0, (spec, fmt.name, r.stable)


def test_vector_activations_and_no_formula_are_refused():
    with pytest.raises(ParameterError, match="softmax is vector-valued"):
        actviz.precision("softmax")
    with pytest.raises(ParameterError, match="float64"):
        actviz.precision("relu", dtype="float64")
    with pytest.raises(ParameterError, match="at least one"):
        actviz.precision()


def test_api_records_and_json():
    runs = actviz.precision("softplus", "x*tanh(x)", dtype="float16,float8_e5m2")
    assert [(r.name, r.dtype) for r in runs] == [("softplus", "float16"), ("softplus", "float8_e5m2"),
                                                  ("x_tanh_x", "float16"), ("x_tanh_x", "float8_e5m2")]
    d = runs[0].to_dict()
    for key in ("name", "dtype", "naive_overflow_at", "naive_max_ulp", "stable_max_ulp", "stable_nonfinite", "forms"):
        assert key in d
    assert d["inputs"] == 63487 and d["ftz"] is False
    assert runs[2].naive.formula == "x*tanh(x)"
