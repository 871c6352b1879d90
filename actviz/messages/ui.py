"""Messages of figures, tables, cards and lessons: id -> (English, Chinese).

Fields in braces are filled in by the caller with text already formatted by :mod:`actviz.text`
(numbers, intervals, names). The Chinese follows the reference notes' vocabulary: 激活函数、导数、值域、
饱和（左饱和、右饱和、双侧饱和、单侧饱和）、梯度消失、神经元死亡、以零为中心、锯齿（Z 字形）、均方差、
交叉熵. No Chinese message contains mathtext ($…$): matplotlib draws a string with $ entirely in its
math fonts, which have no Chinese.
"""

from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    # -- words and joints --------------------------------------------------------------------------------
    "text.every_x": ("every x", "所有 x"),
    "text.and": (" and ", " 且 "),
    "text.or": (" or ", " 或 "),
    "text.list_sep": (", ", "，"),
    "text.list_sep_strong": ("; ", "；"),
    "text.evidence": ("≈ {shown} (numerical, undecided)", "≈ {shown}（数值估计，未确定）"),
    "text.sentence": ("{text}.", "{text}。"),
    "text.term": ("{term}: {text}", "{term}：{text}"),
    "text.discontinuous": ("discontinuous", "不连续"),
    "text.vector_note": ("component 1 as x\u2081 varies, other logits ({rest})",
                         "第 1 个分量随 x\u2081 变化，其余 logit 为 ({rest})"),
    "count.layer": ("layer|layers", "层"),
    "count.unit": ("unit|units", "个单元"),
    "count.function": ("function|functions", "个函数"),
    "count.step": ("step|steps", "步"),
    "word.yes": ("yes", "是"),
    "word.no": ("no", "否"),
    "word.none": ("none", "无"),
    "word.undecided": ("undecided", "未确定"),
    "word.soft": ("soft", "软"),
    "word.hard": ("hard", "硬"),
    "word.increasing": ("increasing", "递增"),
    "word.decreasing": ("decreasing", "递减"),
    "word.constant": ("constant", "常数"),
    "word.odd": ("odd", "奇函数"),
    "word.even": ("even", "偶函数"),
    "word.minimum": ("minimum", "极小值"),
    "word.maximum": ("maximum", "极大值"),
    "word.corner_minimum": ("corner minimum", "尖角极小值"),
    "word.corner_maximum": ("corner maximum", "尖角极大值"),
    "word.positive": ("positive", "为正"),
    "word.negative": ("negative", "为负"),
    "word.up": ("up", "上"),
    "word.down": ("down", "下"),
    "saturation.both": ("both ({kind})", "双侧（{kind}）"),
    "saturation.mixed": ("left {left}, right {right}", "左{left}，右{right}"),
    "saturation.left": ("left ({kind})", "左侧（{kind}）"),
    "saturation.right": ("right ({kind})", "右侧（{kind}）"),
    "smoothness.no_jump": (" (no jump visible in float64)", "（float64 下看不到跳跃）"),
    "smoothness.jump": ("jump {size} at x = {at}", "在 x = {at} 处跳跃 {size}"),
    "smoothness.jumps": ("jumps up to {size} at x = {at}", "在 x = {at} 处跳跃，最大 {size}"),
    "smoothness.negligible": (" (negligible)", "（可忽略）"),

    # -- gallery: index.html and index.md ------------------------------------------------------------------
    "count.activation_function": ("activation function|activation functions", "个激活函数"),
    "gallery.heading": ("Activation functions", "激活函数"),
    "gallery.heading_framework": ("{heading} as {framework} defines them", "{heading}（{framework} 中的定义）"),
    "gallery.intro": ("{count}, each with its figure, formula and derivative, and the properties actviz derives "
                      "from the function itself for the parameters shown.",
                      "共 {count}，每个都配有图像、公式和导数，以及 actviz 针对所示参数由函数本身推导出的性质。"),
    "gallery.alt": ("Plot of {what}, {formula}, solid, and its derivative, dashed, for x from {lo} to {hi}; "
                    "the range of f is {range}.",
                    "{what} 的图像：{formula}（实线）及其导数（虚线），x 从 {lo} 到 {hi}；f 的值域为 {range}。"),
    "gallery.alt_vector": ("Plot of {what}: bars of the example input (3, 1, {minus}3) and its output, and the "
                           "first component as the first logit varies; its range is {range}.",
                           "{what} 的图像：示例输入 (3, 1, {minus}3) 及其输出的柱状图，以及第一个分量随第一个 "
                           "logit 变化的曲线；值域为 {range}。"),
    "gallery.caption": ("{what}: f solid, f′ dashed; dotted lines are asymptotes, shading marks |f′| < 0.01.",
                        "{what}：f 为实线，f′ 为虚线；点线为渐近线，阴影为 |f′| < 0.01 的饱和区。"),
    "gallery.caption_vector": ("{what}: the example (3, 1, {minus}3) as bars, and the first component as the first "
                               "logit varies.",
                               "{what}：示例 (3, 1, {minus}3) 的柱状图，以及第一个分量随第一个 logit 变化的曲线。"),
    "gallery.continuity": ("Continuity", "连续性"),
    "gallery.centred": ("{yes} (E f(Z) = {mean} for Z ~ N(0, 1))", "{yes}（Z ~ N(0, 1) 时 E f(Z) = {mean}）"),
    "gallery.symbol": (" ({symbol} in the formula)", "（公式中记作 {symbol}）"),
    "gallery.vector_note": ("A vector activation: its properties are those of the 2-logit case (x, 0), the first "
                            "output as a function of x.",
                            "向量值激活函数：其性质按 2 个 logit 的情形 (x, 0) 计算，即第一个输出作为 x 的函数。"),
    "gallery.reference": ("Reference: {reference}", "参考文献：{reference}"),
    "gallery.notes": ("Notes:", "说明："),
    "gallery.dark": ("Dark theme: {link}", "深色主题：{link}"),
    "gallery.contents": ("Contents", "目录"),
    "gallery.table": ("Property table", "性质表"),
    "gallery.table_help": ("Ranges are exact sets; saturation: f′ → 0 on that side (hard: f′ = 0 "
                           "exactly beyond a point); zero-centred: |E f(Z)| < 0.05 for Z ~ N(0, 1); continuity "
                           "Cᵏ: k continuous derivatives.",
                           "值域为精确集合；饱和：该侧 f′ → 0（硬饱和：越过某点后 f′ 恰为 0）；以零为中心："
                           "Z ~ N(0, 1) 时 |E f(Z)| < 0.05；连续性 Cᵏ：k 阶导数连续。"),
    "gallery.back": ("Back to the contents", "返回目录"),
    "gallery.footer": ("Made with actviz {version}: figures and facts are derived from the functions themselves.",
                       "由 actviz {version} 生成：图像与性质均由函数本身推导得出。"),
    "gallery.footer_markdown": ("Made with actviz {version}.", "由 actviz {version} 生成。"),

    # -- figures: plot, compare ----------------------------------------------------------------------------
    "figure.asymptote": ("asymptote", "渐近线"),
    "figure.saturated": ("saturated: |f\u2032| < 0.01", "饱和区：|f\u2032| < 0.01"),
    "figure.right_axis": (" (right axis)", "（右侧坐标轴）"),
    "figure.df_clipped": ("{label}, clipped: {lo} to {hi}", "{label}，已截断：{lo} 至 {hi}"),
    "figure.vector_example": ("example x = (3, 1, \u22123)", "示例 x = (3, 1, \u22123)"),
    "figure.bar_input": ("input $x$", "输入 x"),
    "figure.bar_output": ("output {label}$(x)$", "输出 {label}(x)"),
    "figure.unresolved": ("f oscillates faster than {n} samples can draw in this window: narrow the x-range",
                          "f 在此区间内振荡太快，{n} 个采样点也画不出来；请缩小 x 的范围"),
    "figure.component1": (" [component 1]", " [第 1 个分量]"),
    "figure.component1_note": ("[component 1]: {note}", "[第 1 个分量]：{note}"),
    "figure.clip_note": ("{what} clipped at the frame\n(grows much faster):\n", "{what} 在边框处截断\n（增长快得多）：\n"),
    "figure.clipped": (" (clipped)", "（已截断）"),
    "figure.compared": ("Activation functions compared: {names}", "激活函数对比：{names}"),
    "braille.clipped": ("{what} clipped at the frame (grows much faster): ", "{what} 在边框处截断（增长快得多）："),

    # -- cheatsheet ------------------------------------------------------------------------------------------
    "cheatsheet.heading": ("Activation functions", "激活函数"),
    "cheatsheet.framework_heading": ("{framework}: {heading}", "{framework}：{heading}"),
    "cheatsheet.one": ("one function and its derivative", "一个函数及其导数"),
    "cheatsheet.many": ("{n} functions and their derivatives", "{n} 个函数及其导数"),
    "cheatsheet.title": ("{heading}: cheatsheet of {what}", "{heading}速查表：{what}"),
    "cheatsheet.title_two_lines": ("{heading}:\ncheatsheet of {what}", "{heading}速查表：\n{what}"),
    "cheatsheet.window": ("x-range [{low}, {high}]", "x 取值范围 [{low}, {high}]"),
    "cheatsheet.vector": ("; vector-valued functions: {note}", "；向量值函数：{note}"),
    "cheatsheet.footer": (". Ranges derived from the functions by actviz.analysis.",
                          "。值域由 actviz.analysis 从函数本身推导。"),
    "cheatsheet.key_f": ("f(x), in the function's colour", "f(x)，函数自身的颜色"),
    "cheatsheet.key_df": ("f\u2032(x)", "导数 f\u2032(x)"),
    "cheatsheet.key_jump": ("value at a jump", "跳跃点处的取值"),
    "cheatsheet.continued": (" (continued)", "（续）"),
    "cheatsheet.range": ("range {shown}", "值域 {shown}"),
    "cheatsheet.range_vector": ("range of f\u2081 {shown}", "f\u2081 的值域 {shown}"),
    "cheatsheet.df_clipped": ("  ·  f\u2032 clipped", "  ·  f\u2032 已截断"),

    # -- tables ------------------------------------------------------------------------------------------
    "column.name": ("Name", "名称"),
    "column.label": ("Label", "标签"),
    "column.family": ("Family", "类别"),
    "column.params": ("Parameters", "参数"),
    "column.formula": ("Formula", "公式"),
    "column.range": ("Range", "值域"),
    "column.range_min": ("min f", "f 下确界"),
    "column.range_max": ("max f", "f 上确界"),
    "column.range_min_closed": ("min attained", "取到最小值"),
    "column.range_max_closed": ("max attained", "取到最大值"),
    "column.ranges": ("Range of f / f′", "f / f′ 的值域"),
    "column.derivative_range": ("f′ range", "导数值域"),
    "column.range_set": ("Range (set)", "值域（集合）"),
    "column.range_set.help": ("the exact set of values of f: intervals and isolated points.",
                              "f 取值的精确集合：区间与孤立点。"),
    "column.derivative_set": ("f′ values (set)", "f′ 取值（集合）"),
    "column.derivative_set.help": ("the values f′ takes where it exists (a value set by convention at a kink, "
                                   "relu′(0), is not one).",
                                   "f′ 在存在处的取值（在折点处按约定给出的值，如 relu′(0)，不算在内）。"),
    "column.min_derivative": ("min f′", "f′ 下确界"),
    "column.max_derivative": ("max f′", "f′ 上确界"),
    "column.saturation": ("Saturation", "饱和"),
    "column.saturation.help": ("f′ → 0 on that side; hard: f′ = 0 exactly beyond a point (a dead zone).",
                               "该侧 f′ → 0；硬饱和：越过某点后 f′ 恰为 0（死区）。"),
    "column.saturation_left": ("Left sat.", "左饱和"),
    "column.saturation_right": ("Right sat.", "右饱和"),
    "column.zero_centred": ("Centred", "以零为中心"),
    "column.zero_centred.help": ("|E f(Z)| < 0.05 for Z ~ N(0, 1).", "Z ~ N(0, 1) 时 |E f(Z)| < 0.05。"),
    "column.monotonic": ("Monotonic", "单调"),
    "column.monotonic_direction": ("Direction", "单调方向"),
    "column.derivative_monotonic": ("f′ monotonic", "f′ 单调"),
    "column.dead_zone": ("Dead zone", "死区"),
    "column.dead_zone.help": ("f′ = 0 on a whole half-line: units can die.",
                              "f′ 在整条半直线上为 0：神经元可能死亡。"),
    "column.zero_gradient": ("f′ = 0 on", "f′ = 0 的区间"),
    "column.zero_gradient.help": ("where f′ is exactly 0 (a bounded band passes no gradient but is not a dead zone).",
                                  "f′ 恰为 0 之处（有界区间内没有梯度通过，但不是死区）。"),
    "column.identity_near_origin": ("≈ x at 0", "0 附近 ≈ x"),
    "column.symmetry": ("Symmetry", "对称性"),
    "column.continuity": ("Smoothness", "光滑性"),
    "column.continuity.help": ("Cᵏ: k continuous derivatives; a jump is given with its size "
                               "(negligible: below 10⁻⁶ of the size of f).",
                               "Cᵏ：k 阶导数连续；跳跃给出其大小（小于 f 量级的 10⁻⁶ 时可忽略）。"),
    "column.max_jump": ("Max jump", "最大跳跃"),
    "column.mean_output": ("E f(Z)", "E f(Z)"),
    "column.mean_output.help": ("mean of f(Z) for Z ~ N(0, 1).", "Z ~ N(0, 1) 时 f(Z) 的均值。"),
    "column.output_variance": ("Var f(Z)", "Var f(Z)"),
    "column.output_variance.help": ("variance of f(Z) for Z ~ N(0, 1).", "Z ~ N(0, 1) 时 f(Z) 的方差。"),
    "column.mean_derivative": ("E f′(Z)", "E f′(Z)"),
    "column.mean_derivative.help": ("mean of f′(Z) for Z ~ N(0, 1): how much gradient passes on average.",
                                    "Z ~ N(0, 1) 时 f′(Z) 的均值：平均能传过多少梯度。"),
    "table.note": ("{header}: {help}", "{header}：{help}"),
    "table.symbols": ("Symbols in the formulas: {symbols}.", "公式中的符号：{symbols}。"),
    "table.vector_note_rich": ("* vector activation, shown for 2 logits: x and 0 (softmax(x, 0)₁ = σ(x)).",
                               "* 向量值激活函数，按 2 个 logit（x 与 0）给出（softmax(x, 0)₁ = σ(x)）。"),
    "table.vector_note_markdown": (r"\* Vector activation, shown for 2 logits (x, 0): its first output as a function of x.",
                                   r"\* 向量值激活函数，按 2 个 logit (x, 0) 给出：其第一个输出作为 x 的函数。"),
    "table.latex_requires": (r"% requires \usepackage{booktabs} in the preamble (for \toprule, \midrule, \bottomrule)",
                             r"% 导言区需要 \usepackage{booktabs}（用于 \toprule、\midrule、\bottomrule）；"
                             r"中文另需 XeLaTeX 与 ctex 宏包"),
    "table.vector_note_latex": (r"% * vector activation, shown for 2 logits (x, 0): its first output as a function of x",
                                r"% * 向量值激活函数，按 2 个 logit (x, 0) 给出：其第一个输出作为 x 的函数"),
    "list.name": ("Name, aliases", "名称、别名"),
    "list.family": ("Family", "类别"),
    "list.summary": ("Summary", "简介"),

    # -- info card ---------------------------------------------------------------------------------------
    "info.formula": ("Formula", "公式"),
    "info.derivative": ("Derivative", "导数"),
    "info.family": ("Family", "类别"),
    "info.aliases": ("Aliases", "别名"),
    "info.parameters": ("Parameters", "参数"),
    "info.param_name": ("Name", "名称"),
    "info.param_symbol": ("In formula", "公式中"),
    "info.param_used": ("Used", "取值"),
    "info.param_default": ("Default", "默认值"),
    "info.param_domain": ("Domain", "允许范围"),
    "info.param_meaning": ("Meaning", "含义"),
    "info.at_x": (" at x = {x}", "，在 x = {x} 处"),
    "info.min_at": ("  (min{at})", "  （最小值{at}）"),
    "info.max_at": ("  (max{at})", "  （最大值{at}）"),
    "info.range": ("Range", "值域"),
    "info.derivative_range": ("f′ range", "导数值域"),
    "info.limits": ("Limits at −∞, +∞", "−∞、+∞ 处的极限"),
    "info.oscillates": ("none (oscillates)", "无（振荡）"),
    "info.saturation": ("Saturation", "饱和"),
    "info.dead_zone": ("Dead zone", "死区"),
    "info.zero_gradient": ("f′ exactly 0 on", "f′ 恰为 0 的区间"),
    "info.bounded_band": ("  (a bounded band: no gradient there, but not a dead zone)",
                          "  （有界区间：其中没有梯度，但不是死区）"),
    "info.monotonic": ("Monotonic", "单调性"),
    "info.derivative_monotonic": ("f′ monotonic", "f′ 单调"),
    "info.identity": ("Identity near 0", "0 附近近似恒等"),
    "info.symmetry": ("Symmetry", "对称性"),
    "info.kinks": ("  (kinks at {at})", "  （折点位于 {at}）"),
    "info.other_kinks": ("  (other kinks at {at})", "  （其他折点位于 {at}）"),
    "info.smoothness": ("Smoothness", "光滑性"),
    "info.zero_centred": ("Zero-centred", "以零为中心"),
    "info.under_normal": ("Under Z ~ N(0,1)", "Z ~ N(0,1) 时"),
    "info.note": ("Note", "注意"),
    "info.vector_note": ("Vector activation: properties are for 2 logits, the first x varying and the other held at 0",
                         "向量值激活函数：性质按 2 个 logit 计算，第一个为变化的 x，另一个固定为 0"),
    "info.derived": ("Derived properties", "推导出的性质"),
    "info.notes": ("Notes", "说明"),
    "info.advice": ("Advice (derived from the properties above)", "建议（由以上性质推导）"),
    "info.reference": ("Reference: ", "参考文献："),
    "info.no_plot": ("No plot: {why}.", "无法作图：{why}。"),

    # -- advice --------------------------------------------------------------------------------------------
    "advice.general": ("How to choose (as in the reference notes): start with ReLU; if units die, try Leaky ReLU "
                       "or ELU; then PReLU or RReLU. Keep sigmoid/softmax for outputs that are probabilities.",
                       "如何选择（与参考笔记一致）：先用 ReLU；若出现神经元死亡，试试 Leaky ReLU 或 ELU；"
                       "再试 PReLU 或 RReLU。Sigmoid/softmax 留给输出概率的输出层。"),
    "advice.half_line": ("a whole half-line", "整条半直线"),
    "advice.dead_everywhere": ("f′ is exactly 0 for every x: no gradient passes through it at all, so gradient "
                               "descent cannot train the layers below it.",
                               "对所有 x，f′ 恰为 0：完全没有梯度能通过它，梯度下降无法训练它下面的各层。"),
    "advice.dead_zone": ("f′ is exactly 0 for {where}: a unit stuck there gets no gradient and can die "
                         "(Leaky ReLU or ELU avoid this).",
                         "当 {where} 时 f′ 恰为 0：停在那里的神经元得不到梯度，可能死亡"
                         "（Leaky ReLU 或 ELU 可避免）。"),
    "advice.zero_band": ("f′ is exactly 0 for {where}: inputs in this bounded band pass no gradient back (not a dead "
                         "zone: outside the band gradients flow again).",
                         "当 {where} 时 f′ 恰为 0：落在这个有界区间内的输入不回传梯度"
                         "（不是死区：区间之外梯度照常流动）。"),
    "advice.saturates_both": ("Saturates on both sides: f′ → 0 far out, so gradients vanish through deep stacks; "
                              "better for gates and outputs than for deep hidden layers.",
                              "双侧饱和：远离原点时 f′ → 0，梯度在深层网络中逐层消失（梯度消失）；"
                              "更适合门控和输出层，而非深层隐藏层。"),
    "advice.saturates_left": ("Saturates softly on the left only: robust to noise there while gradients "
                              "still flow on the other side.",
                              "仅左侧软饱和（单侧饱和）：对该侧的噪声更鲁棒，另一侧梯度仍可流动。"),
    "advice.saturates_right": ("Saturates softly on the right only: robust to noise there while gradients "
                               "still flow on the other side.",
                               "仅右侧软饱和（单侧饱和）：对该侧的噪声更鲁棒，另一侧梯度仍可流动。"),
    "advice.undecided": ("Some of its limits at ±∞ are undecided (sympy gave no answer within its time, or one the "
                         "values far out do not bear out), so the range, the values of f′ and the saturation that rest "
                         "on them are undecided too; values marked ≈ are estimates from evaluation far out, not facts.",
                         "部分 ±∞ 处的极限未确定（sympy 在时限内没有给出结论，或给出的结论与远处的数值不符），因此由这些极限得出的"
                         "值域、导数值域和饱和都标为未确定；标有 ≈ 的值是远处的数值估计，不是已证明的结论。"),
    "advice.never_saturates": ("Never saturates and is unbounded: gradients do not vanish, but activations can grow.",
                               "不饱和且无界：梯度不会消失，但激活值可能越来越大。"),
    "advice.vanishing": ("max f′ = {hi} < 1: its own factor in the chain rule shrinks the gradient at least "
                         "{fold}-fold per layer; the weights can make up part of that ('actviz gradient' measures the "
                         "whole chain): the vanishing gradient.",
                         "max f′ = {hi} < 1：链式法则中它自己的因子使梯度每层至少缩小为 1/{fold}；"
                         "权重能弥补一部分（'actviz gradient' 测量整条链）：这就是梯度消失。"),
    "advice.not_centred": ("Not zero-centred (mean output {mean} under N(0, 1) input, {sign}): weight updates of a "
                           "neuron tend to share a sign, so training zig-zags.",
                           "不以零为中心（N(0, 1) 输入下平均输出 {mean}，{sign}）：同一神经元的权重更新"
                           "往往同号，训练路径呈锯齿（Z 字形）。"),
    "advice.centred": ("Zero-centred under N(0, 1) input, which helps optimisation.",
                       "N(0, 1) 输入下以零为中心，有利于优化。"),
    "advice.self_normalising": ("Keeps mean 0 and variance 1 under N(0, 1) input (self-normalising).",
                                "N(0, 1) 输入下保持均值 0、方差 1（自归一化）。"),
    "advice.identity": ("Behaves like the identity near 0 (f(0) = 0, f′(0) = 1), which makes initialisation easy.",
                        "在 0 附近近似恒等映射（f(0) = 0，f′(0) = 1），初始化更容易。"),
    "advice.jump": ("a jump of {size} at x = {at}", "在 x = {at} 处跳跃 {size}"),
    "advice.jumps": ("jumps of up to {size} at x = {at}", "在 x = {at} 处跳跃，最大 {size}"),
    "advice.discontinuous": ("Discontinuous ({jump}): its derivative says nothing about the jump, so gradient "
                             "descent cannot learn across it.",
                             "不连续（{jump}）：导数不反映这个跳跃，梯度下降无法跨越它学习。"),
    "advice.negligible_jump": ("Its jump of {size} at x = {at} is negligible (less than 10⁻⁶ of the size of f, which "
                               "reaches {scale} there): in training it behaves as continuous.",
                               "它在 x = {at} 处的跳跃 {size} 可以忽略（小于 f 量级的 10⁻⁶，f 在那里达到 {scale}）："
                               "训练中表现得如同连续。"),
    "advice.no_visible_jump": ("Discontinuous by definition, but no jump is visible in float64: in training it "
                               "behaves as continuous.",
                               "按定义不连续，但在 float64 下看不到跳跃：训练中表现得如同连续。"),
    "advice.extremum": ("a {kind} of {v} at x = {x}", "在 x = {x} 处有{kind} {v}"),
    "advice.at_points": ("at {n} points", "在 {n} 个点处"),
    "advice.again": ("again and again", "反复"),
    "advice.several_bumps": ("f′ changes sign {times} (nearest 0: {what}), so f has several bumps or oscillates",
                             "f′ {times}变号（离 0 最近的：{what}），所以 f 有多个起伏或振荡"),
    "advice.one_bump": ("{what} where f′ changes sign; such a bump or dip adds expressiveness at some extra cost",
                        "{what}，f′ 在此变号；这样的凸起或凹陷以一些额外代价增加了表达能力"),
    "advice.corner": ("slopes of opposite sign meet at x = {x} (f′ = {a} on the left, {b} on the right): a {kind}",
                      "符号相反的斜率在 x = {x} 处相接（左侧 f′ = {a}，右侧 {b}）：{kind}"),
    "advice.jump_against": ("f jumps {way} at x = {x} (from {a} to {b}) against its slope there",
                            "f 在 x = {x} 处逆着斜率向{way}跳跃（从 {a} 到 {b}）"),
    "advice.rises_and_falls": ("f both rises and falls", "f 既有上升也有下降"),
    "advice.not_monotonic": ("Not monotonic: {why}.", "非单调：{why}。"),

    # -- lessons: gradient ---------------------------------------------------------------------------------
    "lesson.activation": ("activation", "激活函数"),
    "lesson.init": ("init", "初始化"),
    "gradient.verdict.vanishes": ("vanishes", "消失"),
    "gradient.verdict.passed_on": ("passed on", "正常传递"),
    "gradient.verdict.explodes": ("explodes", "爆炸"),
    "gradient.verdict.zero": ("zero", "为零"),
    "gradient.verdict_note": ("first/last < {low}: the gradient vanishes on its way back to the input; {low} to {high}: "
                              "it is passed on (roughly preserved); > {high}: it explodes.",
                              "首层/末层 < {low}：梯度在传回输入的途中消失（梯度消失）；{low} 到 {high}：梯度正常传递"
                              "（大致保持）；> {high}：梯度爆炸。"),
    "gradient.table_title": ("Gradient norm per layer: {layers} × {units}, seed {seed}",
                             "各层梯度范数：{layers} × {units}，随机种子 {seed}"),
    "gradient.first": ("first layer", "首层"),
    "gradient.last": ("last layer", "末层"),
    "gradient.first_last": ("first/last", "首层/末层"),
    "gradient.gradient": ("gradient", "梯度"),
    "gradient.na": ("n/a (zero gradient)", "不适用（梯度为零）"),
    "gradient.is_zero": ("gradient is 0", "梯度为 0"),
    "gradient.ratio": ("first/last = {ratio}: {verdict}", "首层/末层 = {ratio}：{verdict}"),
    "gradient.legend": ("{title}, {init} init ({ratio})", "{title}，{init} 初始化（{ratio}）"),
    "gradient.xlabel": ("layer (1 = next to the input, {layers} = next to the output)",
                        "层（1 = 靠近输入，{layers} = 靠近输出）"),
    "gradient.ylabel": (r"gradient norm $\Vert\partial L/\partial z_\ell\Vert$ (log scale)",
                        "梯度范数 ‖∂L/∂zₗ‖（对数坐标）"),
    "gradient.figure_title": ("Vanishing gradients: the norm reaching each layer", "梯度消失：到达每一层的梯度范数"),
    "gradient.caption": ("Random MLP: {layers} × {units}, standard-normal inputs, seed {seed}; unit gradient at the "
                         "output, back-propagated with f′.\n{note}",
                         "随机 MLP：{layers} × {units}，标准正态输入，随机种子 {seed}；"
                         "在输出端施加单位梯度，用 f′ 反向传播。\n{note}"),

    # -- lessons: softmax --------------------------------------------------------------------------------
    "softmax.logit": ("logit z", "logit z"),
    "softmax.probability": ("probability", "概率"),
    "softmax.note": ("m = max {scaled} = {m}. Subtracting it changes no probability and keeps every exponential ≤ 1, "
                     "so nothing overflows; the raw e^{raw} is the exp column × e^{m}.",
                     "m = max {scaled} = {m}。减去它不改变任何概率，并使每个指数 ≤ 1，因此不会溢出；"
                     "原始的 e^{raw} 等于 exp 列 × e^{m}。"),
    "softmax.logits": ("logits z", "logit z"),
    "softmax.probabilities": ("probabilities softmax(z)", "概率 softmax(z)"),
    "softmax.probabilities_t": ("probabilities softmax(z / T), T = {t}", "概率 softmax(z / T)，T = {t}"),
    "softmax.index": ("index", "序号"),
    "softmax.figure_title": ("Softmax: logits become probabilities (positive, summing to 1)",
                             "Softmax：logit 变为概率（均为正，总和为 1）"),

    # -- lessons: loss -----------------------------------------------------------------------------------
    "loss.mse": ("MSE", "均方差"),
    "loss.cross_entropy": ("cross-entropy", "交叉熵"),
    "loss.params": (" (parameter {shown})", "（参数 {shown}）"),
    "loss.paramss": (" (parameters {shown})", "（参数 {shown}）"),
    "loss.params_of": (" ({name}'s parameter {shown})", "（{name} 的参数 {shown}）"),
    "loss.params_ofs": (" ({name}'s parameters {shown})", "（{name} 的参数 {shown}）"),
    "loss.domain.all": ("every z from {s} to {e}", "从 {s} 到 {e} 的所有 z"),
    "loss.domain.left": ("z < {e} (from the start of the plotted range, z = {s})", "z < {e}（从作图区间起点 z = {s} 起）"),
    "loss.domain.right": ("z > {s} (to the end of the plotted range, z = {e})", "z > {s}（直到作图区间终点 z = {e}）"),
    "loss.domain_note": ("cross-entropy needs a probability, 0 < f(z) < 1; {label} gives one only for {where}, so its "
                         "curve is drawn only there",
                         "交叉熵需要一个概率，即 0 < f(z) < 1；{label} 仅在 {where} 时给出概率，所以其曲线只画在那里"),
    "loss.undefined": ("undefined", "无定义"),
    "loss.table_title": ("∂L/∂z for a = {output}, y = {y}", "∂L/∂z，a = {output}，y = {y}"),
    "loss.wrong_note": ("At z = {z} the output a = {a} is confidently wrong (y = {y}): MSE's gradient {mse} is "
                        "{factor}× smaller than cross-entropy's {ce}, so MSE learns slowest exactly where it is most "
                        "wrong.",
                        "在 z = {z} 处输出 a = {a}，自信地错了（y = {y}）：均方差的梯度 {mse} 比交叉熵的 {ce} 小 "
                        "{factor} 倍，所以均方差恰恰在错得最厉害时学得最慢。"),
    "loss.wrong": ("confidently wrong: |a − y| > 0.9", "自信地错了：|a − y| > 0.9"),
    "loss.xlabel": ("pre-activation z", "激活前的输入 z"),
    "loss.figure_title": ("Output a = {output}, target y = {target}: gradient of the loss",
                          "输出 a = {output}，目标 y = {target}：损失函数的梯度"),
    "loss.caption_mse": ("MSE: L = ½(a − y)², so ∂L/∂z = {formula}.", "均方差：L = ½(a − y)²，所以 ∂L/∂z = {formula}。"),
    "loss.caption_ce": ("cross-entropy: L = −y ln a − (1 − y) ln(1 − a), so ∂L/∂z = {formula}.",
                        "交叉熵：L = −y ln a − (1 − y) ln(1 − a)，所以 ∂L/∂z = {formula}。"),

    # -- activations at work: train, zigzag --------------------------------------------------------------
    "train.adam": ("Adam", "Adam"),
    "train.gd": ("gradient descent", "梯度下降"),
    "train.table_title": ("Training on {data}: {net}, {optimizer} lr {lr}, {steps}",
                          "在 {data} 上训练：{net}，{optimizer}，学习率 {lr}，{steps}"),
    "train.diverged": ("diverged", "发散"),
    "train.of": ("{dead}\u00a0of\u00a0{units}", "{dead}/{units}"),
    "train.never_short": ("never", "从未"),
    "train.loss": ("loss", "损失"),
    "train.accuracy": ("accuracy", "准确率"),
    "train.dead_units": ("dead units", "死亡单元"),
    "train.zero_outputs": ("zero outputs", "零输出"),
    "train.at_95": ("95 % at step", "达到 95 % 的步数"),
    "train.diverged_note": ("{label} diverged at step {step} (the loss overflowed): try a smaller learning rate.",
                            "{label} 在第 {step} 步发散（损失溢出）：请试试更小的学习率。"),
    "train.report_note": ("Data: {samples} samples, noise {noise}, seed {seed}; hidden biases start at {bias}. "
                          "Loss (cross-entropy) and accuracy on the training data after the last step. A dead unit "
                          "has f′ = 0 for every sample: no gradient reaches its weights, so it cannot learn (unless the "
                          "layers below change its inputs). Zero outputs: the share of hidden outputs exactly 0 (a "
                          "sparse code).",
                          "数据：{samples} 个样本，噪声 {noise}，随机种子 {seed}；隐藏层偏置初值 {bias}。"
                          "损失（交叉熵）和准确率均为最后一步之后在训练数据上的值。死亡单元对每个样本都有 f′ = 0："
                          "没有梯度能到达它的权重，它无法学习（除非下面的层改变了它的输入）——即神经元死亡。"
                          "零输出：隐藏层输出恰为 0 的比例（稀疏表示）。"),
    "train.diverged_at": ("diverged at step {step}", "在第 {step} 步发散"),
    "train.map_numbers": ("accuracy {accuracy} · dead {dead} of {units}", "准确率 {accuracy} · 死亡 {dead}/{units}"),
    "train.caption_setup": ("Data: {data}, {samples} samples, noise {noise}, seed {seed}.  Network: {net} (sigmoid "
                            "output, cross-entropy loss), {inits} initialisation, hidden biases {bias}; {optimizer}, "
                            "lr {lr}, {steps} full-batch steps.",
                            "数据：{data}，{samples} 个样本，噪声 {noise}，随机种子 {seed}。网络：{net}"
                            "（sigmoid 输出，交叉熵损失），{inits} 初始化，隐藏层偏置 {bias}；{optimizer}，"
                            "学习率 {lr}，{steps} 步全批量训练。"),
    "train.caption_reading": ("Points: the training data, blue class 1 and orange class 0.  Background: the predicted "
                              "class, paler where the network is less sure; line: the decision boundary.  A dead unit "
                              "has f′ = 0 for every sample, so no gradient reaches it.",
                              "点：训练数据，蓝色为第 1 类，橙色为第 0 类。背景：预测的类别，网络越不确定颜色越浅；"
                              "线：决策边界。死亡单元对每个样本都有 f′ = 0，没有梯度能到达它。"),
    "train.figure_title": ("Activations at work: a network per activation trained on {data}",
                           "激活函数实战：每种激活函数各训练一个网络，数据集 {data}"),
    "train.reached": ("{label}: 95 % at step {step}", "{label}：第 {step} 步达到 95 %"),
    "train.never": ("{label}: never 95 %", "{label}：从未达到 95 %"),
    "train.dead_at_end": ("{dead} of {units} at the end", "结束时 {dead}/{units}"),
    "train.step": ("training step", "训练步数"),
    "train.loss_title": ("Training loss (cross-entropy)", "训练损失（交叉熵）"),
    "train.loss_title_log": ("Training loss (cross-entropy, log scale)", "训练损失（交叉熵，对数坐标）"),
    "train.dead_title": ("Dead hidden units (f′ = 0 for every sample)", "死亡的隐藏单元（对每个样本 f′ = 0）"),
    "zigzag.table_title": ("A neuron fed by each activation, trained one sample at a time from {start} to {optimum}, "
                           "lr {lr}",
                           "以各激活函数的输出为输入的神经元，逐样本训练，从 {start} 到 {optimum}，学习率 {lr}"),
    "zigzag.inputs": ("inputs from", "输入来自"),
    "zigzag.mean_input": ("mean input", "平均输入"),
    "zigzag.same_sign": ("same sign", "同号"),
    "zigzag.opposite": ("opposite signs", "异号"),
    "zigzag.updates": ("updates to converge", "收敛所需更新次数"),
    "zigzag.diverged_short": ("diverged at {step}", "在第 {step} 次发散"),
    "zigzag.not_in": ("not in {steps}", "{steps} 次内未收敛"),
    "zigzag.report_note": ("Each update is Δwᵢ = −lr·(ŷ − y)·xᵢ: both weights move by their input times one common "
                           "factor, so inputs of one sign (sigmoid's are all positive) move them the same way, while "
                           "the optimum needs w₁ up and w₂ down. Converged: within {tolerance} of the starting distance "
                           "from the optimum. The remaining updates moved at most one weight (an input exactly 0, as "
                           "ReLU gives).",
                           "每次更新为 Δwᵢ = −lr·(ŷ − y)·xᵢ：两个权重的变化都是各自的输入乘以同一个因子，"
                           "所以同号的输入（sigmoid 的输出全为正）使它们同向移动，而最优解需要 w₁ 增大、w₂ 减小。"
                           "收敛：与最优解的距离不超过起始距离的 {tolerance}。其余的更新至多移动了一个权重"
                           "（输入恰为 0，ReLU 会给出这样的输入）。"),
    "zigzag.inputs_from": ("inputs from {title}", "输入来自 {title}"),
    "zigzag.diverged_at": ("diverged at update {step}", "在第 {step} 次更新时发散"),
    "zigzag.converged": ("converged in {steps} updates", "{steps} 次更新后收敛"),
    "zigzag.not_converged": ("not converged in {steps} updates", "{steps} 次更新内未收敛"),
    "zigzag.path_numbers": ("same-sign updates {share} · {steps}", "同号更新 {share} · {steps}"),
    "zigzag.caption_setup": ("A neuron ŷ = w₁x₁ + w₂x₂ fed by a layer of the named activation, x = f(u), u standard "
                             "normal ({samples} samples, seed {seed}), trained one sample at a time (lr {lr}) from "
                             "{start} (circle) to the optimum {optimum} (star): w₁ must go up and w₂ down.",
                             "神经元 ŷ = w₁x₁ + w₂x₂，其输入来自一层所示的激活函数，x = f(u)，u 服从标准正态分布"
                             "（{samples} 个样本，随机种子 {seed}），逐样本训练（学习率 {lr}），从 {start}（圆圈）"
                             "到最优解 {optimum}（星号）：w₁ 必须增大，w₂ 必须减小。"),
    "zigzag.caption_update": ("Each update is Δwᵢ = −lr·(ŷ − y)·xᵢ: when both inputs are positive (sigmoid), both "
                              "weights move the same way, and the path zig-zags.",
                              "每次更新为 Δwᵢ = −lr·(ŷ − y)·xᵢ：两个输入都为正时（sigmoid），两个权重同向移动，"
                              "路径呈锯齿（Z 字形）。"),
    "zigzag.figure_title": ("Zig-zag: a neuron's two weights on their way to the optimum",
                            "锯齿路径：一个神经元的两个权重走向最优解"),
}
