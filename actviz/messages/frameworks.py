"""Messages of ``actviz frameworks`` (how PyTorch, Keras, JAX and TensorFlow define each activation):
:data:`FRAMEWORK_MESSAGES`, id -> (English, Chinese), and :data:`TRANSLATIONS`, id -> (checksum, Chinese).

``frameworks.*``: the table's headers, footnotes and kinds of disagreement, and the sentences
:func:`actviz.presets.compare` builds (their fields: numbers formatted by :mod:`actviz.text`,
framework names and code, never translated). ``fw.<framework>.<name>.<what>``: the texts of each
framework's definition in :mod:`actviz.frameworks` (``what``: note, kink, differs) and
``fw.<framework>.checked``: a version it was checked against, their English kept there only, each
translation with a checksum of the English it translates (shown only while that English still
matches, see :func:`actviz.messages.localized`; a test checks every one has its entry, and
``python -m actviz.messages.review`` lists them with their English). Framework names (PyTorch, Keras, JAX, TensorFlow), their keys (torch, tf)
and code identifiers stay as they are; the kinds use the reference notes' words (折点 for a kink,
as in ``info.kinks``).
"""

from __future__ import annotations

FRAMEWORK_MESSAGES: dict[str, tuple[str, str]] = {
    # -- the table ---------------------------------------------------------------------------------------
    "frameworks.name": ("Name", "名称"),
    "frameworks.disagreements": ("Disagreements", "分歧"),
    "frameworks.name_markdown": ("name", "名称"),
    "frameworks.disagreements_markdown": ("disagreements", "分歧"),
    "frameworks.checked": ("Checked against {versions}; f\u2032 at kinks as each framework's autograd gives it.",
                           "已对照 {versions} 核对；折点处的 f\u2032 取各框架自动微分给出的值。"),
    "frameworks.checked_markdown": ("Checked against {versions}.", "已对照 {versions} 核对。"),
    "frameworks.no_parameters": ("\u2713: no parameters", "\u2713：无参数"),
    "frameworks.kind_label": ("{kind}: ", "{kind}："),
    # the kinds of disagreement (actviz.presets.KINDS); JSON and CSV keep the English keys
    "frameworks.kind.missing": ("missing", "缺失"),
    "frameworks.kind.name": ("name", "命名"),
    "frameworks.kind.value": ("value", "函数值"),
    "frameworks.kind.default": ("default", "默认值"),
    "frameworks.kind.approximation": ("approximation", "近似"),
    "frameworks.kind.switch": ("switch", "切换"),
    "frameworks.kind.kink": ("kink", "折点"),

    # -- the disagreements (actviz.presets.compare) --------------------------------------------------------
    # Values with the keys of the frameworks that use them, "0.01 (torch, jax); 0.2 (keras, tf)", are notation,
    # written as code is, the same in every language
    "frameworks.list_sep": (", ", "、"),  # between the names of frameworks in a sentence
    "frameworks.missing": ("not in {frameworks}", "{frameworks} 中没有"),
    "frameworks.param": ("{param}: {groups}", "{param}：{groups}"),
    "frameworks.value": ("f differs by up to {size} on [{lo}, {hi}]: {groups}",
                         "f 在 [{lo}, {hi}] 上最多相差 {size}：{groups}"),
    "frameworks.kink": ("f\u2032 at x = {at}: {groups}", "x = {at} 处的 f\u2032：{groups}"),
    "frameworks.differs": ("{framework}: {text}", "{framework}：{text}"),

    # -- a preset's notes (actviz.presets.preset, shown by actviz info NAME --framework FW) -------------------
    "frameworks.definition_note": ("{framework}'s definition: {where}; checked against {key} {version}.",
                                   "{framework} 的定义：{where}；已对照 {key} {version} 核对。"),
    "frameworks.kink_note": ("Convention at the kinks in {framework}: {kink}.", "{framework} 在折点处的约定：{kink}。"),
}

#: id -> (checksum of the English it translates, Chinese): see :mod:`actviz.messages`
TRANSLATIONS: dict[str, tuple[str, str]] = {
    # -- the versions checked against (actviz.frameworks.CHECKED), where they have words ---------------------
    "fw.keras.checked": ("c3323563", "3.15.1 (jax 0.10.2 后端)"),

    # -- each framework's definitions (actviz.frameworks): notes, conventions at kinks, differences ----------
    "fw.torch.threshold.note": ("04c678a6", "PyTorch 中 threshold 和 value 是必填参数；这里显示的是 actviz 的默认值 (1, 0)"),
    "fw.torch.prelu.note": ("b96508b2", "F.prelu 以权重张量 weight 传入斜率；torch.nn.PReLU 把它初始化为 0.25"),
    "fw.torch.rrelu.note": ("c1590452", "评估模式下（training=False）：斜率为 (lower + upper)/2"),
    "fw.torch.glu.note": ("e50f344a", "F.glu(x, dim) 把 x 分成两半 (a, b)：a·σ(b)"),
    "fw.torch.softplus.note": ("aab64b8c", "在 βx > threshold (20) 处切换为恒等函数：在 x = 20 处跳跃 log(1 + e^−20) ≈ 2.1e−9"),
    "fw.torch.gumbel_softmax.note": ("17e4e579", "每次调用都加入新的 Gumbel 噪声；这里画的是不加噪声的情形"),
    "fw.jax.gelu.note": ("b8c1021b", "默认 approximate=True：用 tanh 近似，而不是精确的 erf 形式"),
    "fw.jax.glu.note": ("5e717a59", "jax.nn.glu(x, axis) 把 x 分成两半 (a, b)：a·σ(b)"),
    "fw.jax.hardswish.note": ("e901657b", "也叫 jax.nn.hard_swish"),
    "fw.jax.hardtanh.kink": ("d077ed39", "f′(±1) = 1，取内侧的斜率"),
    "fw.jax.leaky_relu.kink": ("c9e8b911", "f′(0) = 1，取右侧的斜率"),
    "fw.jax.silu.note": ("4ae27231", "也叫 jax.nn.swish"),
    "fw.jax.softplus.note": ("3b767bcb", "logaddexp(x, 0)：没有切换"),
    "fw.jax.sparse_sigmoid.kink": ("d87096db", "f′(±1) = 0.25，取两侧斜率的平均值"),
    "fw.keras.glu.note": ("7f86665c", "keras.activations.glu(x, axis) 把 x 分成两半 (a, b)：a·σ(b)"),
    "fw.keras.hardswish.note": ("015a90aa", "也叫 keras.activations.hard_swish"),
    "fw.keras.hardtanh.kink": ("a055bb31", "f′(±1) = 1，取内侧的斜率（jax 后端）"),
    "fw.keras.leaky_relu.kink": ("5cab671b", "f′(0) = 1，取右侧的斜率（jax 后端）"),
    "fw.keras.leaky_relu.note": ("e7b74419", "keras.layers.LeakyReLU 的默认值不同：negative_slope=0.3"),
    "fw.keras.relu.kink": ("0e089382", "negative_slope ≠ 0 时 f′(0) = 1，取右侧的斜率（jax 后端）"),
    "fw.keras.relu.note": ("c3ff74cd", "还接受 max_value 和 threshold 两个参数（这里没有提供）"),
    "fw.keras.silu.note": ("6c4e9b29", "也叫 keras.activations.swish"),
    "fw.keras.sparse_sigmoid.kink": ("ddf3d4ba", "f′(±1) = 0.25，取两侧斜率的平均值（jax 后端）"),
    "fw.keras.sparsemax.differs": (
        "67fc5e33",
        "计算 τ 时用的是支撑集所有部分和的总和，而不是最后一个部分和：支撑集里有两个或更多 logit 时，输出之和不为 1"
        "（(0.3, 0, −0.2) 得到 (0.4, 0.1, 0)，而不是 (0.6, 0.3, 0.1)）；actviz 不复现这一差异",
    ),
    "fw.keras.tanh.differs": (
        "7ebf5645",
        "keras.activations.tanh 对 float64 输入返回 float32（jax 后端：result_type(float64, float) 是 float32），"
        "精度只有约 1e−7；actviz 不复现这一差异",
    ),
    "fw.keras.threshold.note": ("bdd77d8a", "Keras 中 threshold 和 default_value 是必填参数；这里显示的是 actviz 的默认值 (1, 0)"),
    "fw.tf.crelu.note": ("1bf90e4d", "tf.nn.crelu(x, axis) 沿 axis 把 relu(x) 和 relu(−x) 拼接起来"),
    "fw.tf.gelu.differs": (
        "550a09e1",
        "它的 float64 erfc 不够精确：其精确 GELU 最多偏差 5e−9（x = 1 处为 0.84134474193，而不是 0.84134474607），"
        "在左侧远端的相对误差最多 2e−5；actviz 不复现这一差异",
    ),
    "fw.tf.leaky_relu.note": ("039caf29", "α 以 float32 保存：即使在 float64 下，斜率 0.2 也是 0.20000000298023224"),
    "fw.tf.selu.kink": ("718e78e1", "f′(0) = scale ≈ 1.0507，取右侧的斜率"),
    "fw.tf.silu.note": ("687d2583", "也叫 tf.nn.swish"),
}
