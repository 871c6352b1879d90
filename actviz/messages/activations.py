"""Texts of the catalogue's activations in Chinese: family headings, summaries, notes and parameter
meanings (id ``act.<name>.summary``, ``act.<name>.note.<i>``, ``act.<name>.param.<param>``,
``family.<family>``), each with the English it translates, and the Chinese names in common use.

The English lives with each definition (``actviz/catalog``): a test checks that every text there has
its entry here and that the English copies still match (a translation is shown only while they do,
see :func:`actviz.messages.localized`). Names of functions keep their usual form (ReLU, Sigmoid).
"""

from __future__ import annotations

#: activation name -> its Chinese name, where one is in common use (shown beside ReLU, Sigmoid, ...)
CHINESE_NAMES: dict[str, str] = {
    "identity": "恒等函数",
    "binary_step": "阶跃函数",
    "sigmoid": "S 型函数",
    "tanh": "双曲正切函数",
    "hardsigmoid": "硬 Sigmoid",
    "hardtanh": "硬双曲正切",
    "arctan": "反正切函数",
    "relu": "修正线性单元",
    "leaky_relu": "带泄露修正线性单元",
    "prelu": "参数化修正线性单元",
    "rrelu": "随机修正线性单元",
    "elu": "指数线性单元",
    "selu": "缩放指数线性单元",
    "celu": "连续可微指数线性单元",
    "gelu": "高斯误差线性单元",
    "silu": "Sigmoid 加权线性单元",
    "softmax": "归一化指数函数",
    "gaussian": "高斯函数",
    "sinusoid": "正弦函数",
}

ACTIVATIONS: dict[str, tuple[str, str]] = {
    'family.linear': ('Linear and near-linear', '线性与近线性'),
    'family.sigmoid': ('Sigmoid and squashing', 'Sigmoid 与挤压型'),
    'family.relu': ('Rectifiers (ReLU family)', '修正线性单元（ReLU 家族）'),
    'family.exponential': ('Exponential linear units', '指数线性单元'),
    'family.softplus': ('Smooth rectifiers', '平滑的修正函数'),
    'family.gated': ('Self-gated (x·g(x))', '自门控（x·g(x)）'),
    'family.shrink': ('Shrinkage', '收缩函数'),
    'family.wave': ('Bumps and waves', '凸起与波形'),
    'family.softmax': ('Vector-valued (softmax)', '向量值（softmax）'),
    'family.expression': ('Your expressions', '自定义表达式'),
    'act.identity.summary': (
        'Passes its input through unchanged: the activation of a linear layer.',
        '原样输出输入：线性层的激活函数。',
    ),
    'act.identity.note.0': (
        'No non-linearity: a stack of linear layers is still one linear map.',
        '没有非线性：多层线性层叠加起来仍然只是一个线性映射。',
    ),
    'act.identity.note.1': (
        'Used on regression outputs, where any real value must be reachable.',
        '用于回归输出，输出需要能取到任意实数。',
    ),
    'act.bent_identity.summary': (
        'Identity bent upwards: slope 1/2 far left, 3/2 far right, smooth everywhere.',
        '向上弯曲的恒等函数：最左端斜率 1/2，最右端 3/2，处处光滑。',
    ),
    'act.bent_identity.note.0': (
        'Never saturates: f′ stays between 1/2 and 3/2, so gradients neither vanish nor explode.',
        '从不饱和：f′ 始终在 1/2 与 3/2 之间，梯度既不消失也不爆炸。',
    ),
    'act.bent_identity.note.1': (
        'Not zero-centred under N(0, 1) input, and rarely used in practice.',
        'N(0, 1) 输入下不以零为中心，实际中很少使用。',
    ),
    'act.soft_exponential.summary': (
        'Interpolates between identity (α = 0) and an exponential (α > 0).',
        '在恒等函数（α = 0）与指数函数（α > 0）之间插值。',
    ),
    'act.soft_exponential.note.0': (
        'f(0) = α for α > 0: the curve does not pass through the origin.',
        'α > 0 时 f(0) = α：曲线不经过原点。',
    ),
    'act.soft_exponential.note.1': (
        'The exponential side can explode; the log branch of the paper (α < 0, defined only on a half-line) '
        'is not offered here.',
        '指数一侧可能爆炸；论文中的对数分支（α < 0，只在半直线上有定义）这里没有提供。',
    ),
    'act.soft_exponential.param.alpha': (
        'shape: 0 gives the identity, > 0 an exponential shifted by α',
        '形状：0 为恒等函数，> 0 为平移 α 的指数函数',
    ),
    'act.binary_step.summary': (
        "Heaviside step: 0 for negative input, 1 from zero on; the perceptron's activation.",
        'Heaviside 阶跃函数：负输入为 0，从 0 起为 1；感知机的激活函数。',
    ),
    'act.binary_step.note.0': (
        'Its derivative is zero wherever it exists: gradient descent cannot train it.',
        '其导数在存在处处处为零：梯度下降无法训练它。',
    ),
    'act.binary_step.note.1': (
        'σ(a·x) tends to it as the slope a grows, for every x ≠ 0; at 0, σ(a·0) = ½ while H(0) = 1 here.',
        '斜率 a 增大时 σ(a·x) 对每个 x ≠ 0 都趋于它；在 0 处 σ(a·0) = ½，而这里 H(0) = 1。',
    ),
    'act.sigmoid.summary': ('The logistic function: squashes any input into (0, 1).', '逻辑函数：把任意输入挤压到 (0, 1)。'),
    'act.sigmoid.note.0': (
        'Saturates on both sides: σ′ ≤ a/4, so gradients shrink layer after layer (vanishing gradient).',
        '双侧饱和：σ′ ≤ a/4，梯度逐层缩小（梯度消失）。',
    ),
    'act.sigmoid.note.1': (
        "Not zero-centred: every output is positive, so a neuron's weight updates share one sign and training "
        'zig-zags.',
        '不以零为中心：输出全为正，同一神经元的权重更新同号，训练路径呈锯齿（Z 字形）。',
    ),
    'act.sigmoid.note.2': (
        'exp is relatively costly. Still the right output for a binary probability.',
        'exp 的计算代价相对较高。仍是二分类概率输出的正确选择。',
    ),
    'act.sigmoid.param.a': ('slope: larger a makes a steeper step', '斜率：a 越大越接近阶跃'),
    'act.tanh.summary': (
        'Hyperbolic tangent: a zero-centred sigmoid with range (−1, 1).',
        '双曲正切：以零为中心的 sigmoid，值域 (−1, 1)。',
    ),
    'act.tanh.note.0': ('Zero-centred, which helps optimisation compared with sigmoid.', '以零为中心，比 sigmoid 更有利于优化。'),
    'act.tanh.note.1': (
        'Still saturates on both sides, so deep stacks suffer vanishing gradients.',
        '仍然双侧饱和，深层网络会出现梯度消失。',
    ),
    'act.tanh.note.2': ('A good default for small recurrent or shallow networks.', '适合作为小型循环网络或浅层网络的默认选择。'),
    'act.hardsigmoid.summary': (
        "Piecewise-linear sigmoid: x/6 + 1/2 clipped to [0, 1] (PyTorch's definition).",
        '分段线性的 sigmoid：x/6 + 1/2 截断到 [0, 1]（PyTorch 的定义）。',
    ),
    'act.hardsigmoid.note.0': ('Cheap: no exponential, good for mobile networks.', '计算便宜：没有指数运算，适合移动端网络。'),
    'act.hardsigmoid.note.1': (
        'Hard saturation: f′ is exactly 0 for |x| ≥ 3, so those units pass no gradient.',
        '硬饱和：|x| ≥ 3 时 f′ 恰为 0，这些单元不传递梯度。',
    ),
    'act.hardtanh.summary': ('Identity clipped to [min_val, max_val].', '截断到 [min_val, max_val] 的恒等函数。'),
    'act.hardtanh.note.0': ('Cheap and zero-centred at the defaults.', '计算便宜，默认参数下以零为中心。'),
    'act.hardtanh.note.1': (
        'Hard saturation outside [min_val, max_val]: no gradient flows there.',
        '[min_val, max_val] 之外硬饱和：那里没有梯度流动。',
    ),
    'act.hardtanh.param.min_val': ('lower clipping value m₋', '下截断值 m₋'),
    'act.hardtanh.param.max_val': ('upper clipping value m₊', '上截断值 m₊'),
    'act.softsign.summary': (
        'x/(1 + |x|): like tanh, but approaches ±1 polynomially rather than exponentially.',
        'x/(1 + |x|)：类似 tanh，但以多项式速度而非指数速度趋近 ±1。',
    ),
    'act.softsign.note.0': ('Saturates more slowly than tanh, so gradients vanish later.', '饱和得比 tanh 慢，梯度消失得更晚。'),
    'act.softsign.note.1': ('Zero-centred; cheap (no exponential).', '以零为中心；计算便宜（没有指数运算）。'),
    'act.arctan.summary': (
        'Inverse tangent: a zero-centred sigmoid with range (−π/2, π/2).',
        '反正切：以零为中心的 sigmoid，值域 (−π/2, π/2)。',
    ),
    'act.arctan.note.0': (
        'Zero-centred; saturates polynomially (f′ ~ 1/x²), slower than tanh.',
        '以零为中心；以多项式速度饱和（f′ ~ 1/x²），比 tanh 慢。',
    ),
    'act.isru.summary': (
        'Inverse square root unit x/√(1 + αx²): a cheap tanh-like curve with range ±1/√α.',
        '逆平方根单元 x/√(1 + αx²)：计算便宜的类 tanh 曲线，值域 ±1/√α。',
    ),
    'act.isru.note.0': (
        'Cheaper than tanh (no exponential); zero-centred; saturates on both sides.',
        '比 tanh 便宜（没有指数运算）；以零为中心；双侧饱和。',
    ),
    'act.isru.param.alpha': ('controls the range ±1/√α', '控制值域 ±1/√α'),
    'act.logsigmoid.summary': (
        'log σ(x) = −softplus(−x): the log-probability of a sigmoid output.',
        'log σ(x) = −softplus(−x)：sigmoid 输出的对数概率。',
    ),
    'act.logsigmoid.note.0': (
        'Used inside losses (binary cross-entropy) rather than as a hidden activation.',
        '用在损失函数（二元交叉熵）内部，而不是作为隐藏层激活函数。',
    ),
    'act.logsigmoid.note.1': ('Saturates on the right only; unbounded below.', '仅右侧饱和；下方无界。'),
    'act.lecun_tanh.summary': (
        '1.7159·tanh(2x/3): scaled so that f(±1) = ±1 and the slope at 0 is about 1.14.',
        '1.7159·tanh(2x/3)：缩放使 f(±1) = ±1，0 处斜率约为 1.14。',
    ),
    'act.lecun_tanh.note.0': (
        'Zero-centred; the recommended sigmoid of Efficient BackProp; saturates on both sides.',
        '以零为中心；《Efficient BackProp》推荐的 sigmoid；双侧饱和。',
    ),
    'act.lecun_tanh.note.1': (
        'It does not keep unit variance by itself: under N(0, 1) input Var f(Z) = 0.750; LeCun pairs it with '
        'normalised inputs and 1/√fan_in weights.',
        '它本身并不保持单位方差：N(0, 1) 输入下 Var f(Z) = 0.750；LeCun 把它与归一化的输入和 1/√fan_in 的权重搭配使用。',
    ),
    'act.smht.summary': (
        'Soboleva modified hyperbolic tangent: tanh with separate rates for each exponential.',
        'Soboleva 修正双曲正切：每个指数各有自己速率的 tanh。',
    ),
    'act.smht.note.0': (
        'a = b = c = d gives tanh(a·x); the defaults (a = 1, b = c = d = 0.5) have no standard and were '
        'chosen to show an asymmetric curve: bounded below by −1, unbounded above.',
        'a = b = c = d 时为 tanh(a·x)；默认参数（a = 1，b = c = d = 0.5）没有标准，选它是为了展示一条不对称的曲线：下方以 −1 为界，上方无界。',
    ),
    'act.smht.note.1': (
        'Right tail: bounded when a ≤ c; left tail: bounded when b ≤ d.',
        '右尾：a ≤ c 时有界；左尾：b ≤ d 时有界。',
    ),
    'act.smht.param.a': ('rate of the rising exponential in the numerator', '分子中上升指数的速率'),
    'act.smht.param.b': ('rate of the falling exponential in the numerator', '分子中下降指数的速率'),
    'act.smht.param.c': ('rate of the rising exponential in the denominator', '分母中上升指数的速率'),
    'act.smht.param.d': ('rate of the falling exponential in the denominator', '分母中下降指数的速率'),
    'act.relu.summary': (
        'Rectified linear unit max(0, x); with alpha ≠ 0 it becomes a leaky ReLU.',
        '修正线性单元 max(0, x)；alpha ≠ 0 时成为 Leaky ReLU。',
    ),
    'act.relu.note.0': (
        'The default choice: cheap, and f′ = 1 for x > 0, so gradients pass through depth unchanged.',
        '默认选择：计算便宜，x > 0 时 f′ = 1，梯度穿过深度时保持不变。',
    ),
    'act.relu.note.1': (
        'Saturates on the left (hard): a unit whose input stays negative gets no gradient and can die for '
        'good.',
        '左侧饱和（硬饱和）：输入始终为负的单元得不到梯度，可能永久死亡（神经元死亡）。',
    ),
    'act.relu.note.2': (
        'Not zero-centred. Start here; if units die, try Leaky ReLU or ELU.',
        '不以零为中心。先用它；若出现神经元死亡，试试 Leaky ReLU 或 ELU。',
    ),
    'act.relu.param.alpha': ('slope for negative inputs (0: plain ReLU)', '负输入的斜率（0：普通 ReLU）'),
    'act.leaky_relu.summary': (
        'ReLU with a small slope α for negative inputs, so units cannot die.',
        '负输入处带小斜率 α 的 ReLU，因此单元不会死亡。',
    ),
    'act.leaky_relu.note.0': (
        'Keeps a gradient α on the left, so no dead neurons; otherwise as cheap as ReLU.',
        '左侧保留梯度 α，没有神经元死亡；其余方面与 ReLU 一样便宜。',
    ),
    'act.leaky_relu.note.1': ('The first thing to try when ReLU units die.', 'ReLU 出现神经元死亡时首先尝试它。'),
    'act.leaky_relu.param.alpha': ('slope for negative inputs', '负输入的斜率'),
    'act.prelu.summary': (
        'Parametric ReLU: a leaky ReLU whose slope α is learned (per channel).',
        '参数化 ReLU：斜率 α 可学习（按通道）的 Leaky ReLU。',
    ),
    'act.prelu.note.0': (
        'The slope is learned, usually one per channel, at almost no extra cost.',
        '斜率可学习，通常每个通道一个，几乎不增加代价。',
    ),
    'act.prelu.note.1': (
        'Worth trying after ReLU and Leaky ReLU; can overfit small data sets.',
        '在 ReLU 与 Leaky ReLU 之后值得一试；在小数据集上可能过拟合。',
    ),
    'act.prelu.param.alpha': ('negative slope; learned during training (initial value)', '负半轴斜率；训练中学习（此为初值）'),
    'act.rrelu.summary': (
        'Randomised leaky ReLU: random slope in [lower, upper] in training, the mean slope in evaluation.',
        '随机化 Leaky ReLU：训练时斜率在 [lower, upper] 中随机取，评估时取平均斜率。',
    ),
    'act.rrelu.note.0': ('The random slope acts as a regulariser during training.', '随机斜率在训练时起正则化作用。'),
    'act.rrelu.note.1': (
        'Shown here deterministically, as in evaluation mode: slope (lower + upper)/2.',
        '这里按评估模式确定性地展示：斜率 (lower + upper)/2。',
    ),
    'act.rrelu.param.lower': ('lower bound of the random negative slope', '随机负斜率的下界'),
    'act.rrelu.param.upper': ('upper bound of the random negative slope', '随机负斜率的上界'),
    'act.relu6.summary': ('ReLU capped at 6: min(max(0, x), 6).', '上限为 6 的 ReLU：min(max(0, x), 6)。'),
    'act.relu6.note.0': (
        'The cap keeps activations small for low-precision (mobile) inference.',
        '上限让激活值保持较小，便于低精度（移动端）推理。',
    ),
    'act.relu6.note.1': ('Hard saturation on both sides: dead below 0 and above 6.', '双侧硬饱和：0 以下和 6 以上都是死区。'),
    'act.threshold.summary': (
        'x above a threshold, a constant value below it (PyTorch F.threshold).',
        '阈值以上为 x，以下为常数值（PyTorch F.threshold）。',
    ),
    'act.threshold.note.0': (
        'PyTorch has no defaults for it; actviz uses threshold = 1, value = 0, which shows the jump.',
        'PyTorch 没有给它默认参数；actviz 取 threshold = 1、value = 0，以展示跳跃。',
    ),
    'act.threshold.note.1': (
        'threshold = value = 0 gives ReLU. Dead below the threshold.',
        'threshold = value = 0 即为 ReLU。阈值以下是死区。',
    ),
    'act.threshold.param.threshold': ('inputs at or below it are replaced', '小于等于它的输入被替换'),
    'act.threshold.param.value': ('the replacement value', '替换值'),
    'act.srelu.summary': (
        'S-shaped ReLU: identity between two thresholds, other slopes outside them.',
        'S 形 ReLU：两个阈值之间为恒等，阈值之外为其他斜率。',
    ),
    'act.srelu.note.0': (
        'All four parameters are learned in the original paper; the defaults here are illustrative.',
        '原论文中四个参数都可学习；这里的默认值只是示意。',
    ),
    'act.srelu.note.1': ('Can model both convex and concave shapes.', '能表示凸形和凹形。'),
    'act.srelu.param.t_left': ('left threshold', '左阈值'),
    'act.srelu.param.a_left': ('slope left of t_left', 't_left 左侧的斜率'),
    'act.srelu.param.t_right': ('right threshold', '右阈值'),
    'act.srelu.param.a_right': ('slope right of t_right', 't_right 右侧的斜率'),
    'act.squared_relu.summary': (
        'max(0, x)²: found by architecture search for Transformers.',
        'max(0, x)²：为 Transformer 做架构搜索得到。',
    ),
    'act.squared_relu.note.0': (
        'Dead for x < 0 like ReLU; the gradient grows with x, which can destabilise deep stacks.',
        '与 ReLU 一样 x < 0 时为死区；梯度随 x 增长，可能使深层网络不稳定。',
    ),
    'act.elu.summary': (
        'Exponential linear unit: x for x > 0, α(eˣ − 1) below, approaching −α.',
        '指数线性单元：x > 0 时为 x，以下为 α(eˣ − 1)，趋近 −α。',
    ),
    'act.elu.note.0': (
        'Negative outputs push the mean activation towards zero, which speeds up learning.',
        '负输出把平均激活推向零，加快学习。',
    ),
    'act.elu.note.1': (
        'Soft saturation on the left gives robustness to noise; no dead neurons.',
        '左侧软饱和使其对噪声鲁棒；没有神经元死亡。',
    ),
    'act.elu.note.2': (
        'exp makes it costlier than ReLU. A good second choice after ReLU.',
        'exp 使它比 ReLU 代价高。ReLU 之后不错的第二选择。',
    ),
    'act.elu.param.alpha': ('the negative saturation value is −α', '负方向饱和值为 −α'),
    'act.selu.summary': (
        'Scaled ELU with fixed λ ≈ 1.0507, α ≈ 1.6733: self-normalising.',
        '缩放 ELU，固定 λ ≈ 1.0507，α ≈ 1.6733：自归一化。',
    ),
    'act.selu.note.0': (
        'With LeCun-normal weights, activations converge to mean 0 and variance 1 through depth.',
        '配合 LeCun 正态初始化，激活值在各层间收敛到均值 0、方差 1。',
    ),
    'act.selu.note.1': (
        'Needs that initialisation (and alpha-dropout) to keep its guarantee.',
        '需要这种初始化（以及 alpha-dropout）才能保持这一保证。',
    ),
    'act.celu.summary': (
        'Continuously differentiable ELU: α(e^(x/α) − 1) below zero, C¹ for every α.',
        '连续可微 ELU：零以下为 α(e^(x/α) − 1)，对任意 α 都是 C¹。',
    ),
    'act.celu.note.0': (
        'Like ELU but f′ is continuous at 0 for any α, which helps optimisers.',
        '与 ELU 类似，但对任意 α，f′ 在 0 处都连续，有利于优化器。',
    ),
    'act.celu.param.alpha': ('the negative saturation value is −α', '负方向饱和值为 −α'),
    'act.isrlu.summary': (
        'Inverse square root linear unit: x for x ≥ 0, x/√(1 + αx²) below.',
        '逆平方根线性单元：x ≥ 0 时为 x，以下为 x/√(1 + αx²)。',
    ),
    'act.isrlu.note.0': ('ELU-like shape without an exponential: cheaper to compute.', '类似 ELU 的形状但没有指数运算：计算更便宜。'),
    'act.isrlu.param.alpha': ('the negative saturation value is −1/√α', '负方向饱和值为 −1/√α'),
    'act.softplus.summary': (
        'log(1 + e^(βx))/β: a smooth ReLU whose derivative is the sigmoid.',
        'log(1 + e^(βx))/β：平滑的 ReLU，其导数就是 sigmoid。',
    ),
    'act.softplus.note.0': ('The antiderivative of the sigmoid; smooth and always positive.', 'sigmoid 的原函数；光滑且恒为正。'),
    'act.softplus.note.1': ('Soft saturation on the left; costlier than ReLU.', '左侧软饱和；比 ReLU 代价高。'),
    'act.softplus.note.2': (
        "C∞ and increasing, with softplus′ = σ(βx) exactly. PyTorch's F.softplus switches to the identity "
        'where βx > 20 (threshold = 20 here): that leaves a jump down of log(1 + e^(−t))/β at x = t/β, so the '
        'function as implemented is discontinuous and, by that small drop, not monotonic.',
        'C∞ 且递增，softplus′ 恰为 σ(βx)。PyTorch 的 F.softplus 在 β'
        'x > 20 处切换为恒等函数（这里即 threshold = 20）：这在 x = t/β 处留下'
        '一个 log(1 + e^(−t))/β 的向下跳跃，所以实际实现的函数不连续，并且因为这一点小小的'
        '下落而不单调。',
    ),
    'act.softplus.param.beta': ('sharpness: larger β is closer to ReLU', '锐度：β 越大越接近 ReLU'),
    'act.softplus.param.threshold': (
        "PyTorch's switch to the identity where βx > threshold (F.softplus uses 20); inf: off, the "
        'mathematical softplus',
        'PyTorch 在 βx > threshold 处切换为恒等函数（F.softplus 用 20）；inf：关闭，即数学上的 softplus',
    ),
    'act.squareplus.summary': (
        '(x + √(x² + b))/2: a softplus-like curve with only a square root.',
        '(x + √(x² + b))/2：只用平方根的类 softplus 曲线。',
    ),
    'act.squareplus.note.0': (
        'Cheaper than softplus (no exp or log); f(0) = √b/2.',
        '比 softplus 便宜（没有 exp 或 log）；f(0) = √b/2。',
    ),
    'act.squareplus.param.b': ('curvature near 0: b → 0 gives ReLU', '0 附近的弯曲程度：b → 0 时成为 ReLU'),
    'act.gelu.summary': (
        'Gaussian error linear unit x·Φ(x): the input weighted by how likely it is to be kept.',
        '高斯误差线性单元 x·Φ(x)：输入按其被保留的可能性加权。',
    ),
    'act.gelu.note.0': (
        'The default of BERT and GPT-style Transformers; smooth and non-monotonic near 0 (minimum ≈ −0.17 at '
        'x ≈ −0.75).',
        'BERT 和 GPT 类 Transformer 的默认选择；光滑，在 0 附近非单调（在 x ≈ −0.75 处有极小值 ≈ −0.17）。',
    ),
    'act.gelu.note.1': (
        'Soft saturation on the left only; costlier than ReLU (erf or tanh).',
        '仅左侧软饱和；比 ReLU 代价高（erf 或 tanh）。',
    ),
    'act.gelu.note.2': (
        "Exact GELU needs erf: actviz uses libm's erf/erfc, so the left tail keeps full relative accuracy.",
        '精确的 GELU 需要 erf：actviz 使用 libm 的 erf/erfc，所以左尾保持完整的相对精度。',
    ),
    'act.gelu.param.approximate': (
        "'none' for the exact erf form, 'tanh' for the tanh approximation",
        "'none' 为精确的 erf 形式，'tanh' 为 tanh 近似",
    ),
    'act.quick_gelu.summary': (
        'x·σ(1.702x): the sigmoid approximation of GELU used by CLIP.',
        'x·σ(1.702x)：CLIP 使用的 GELU 的 sigmoid 近似。',
    ),
    'act.quick_gelu.note.0': ('Cheaper than exact GELU and within about 0.02 of it.', '比精确 GELU 便宜，与之相差约 0.02 以内。'),
    'act.silu.summary': (
        "Sigmoid-weighted linear unit x·σ(βx) (Swish); β = 1 is PyTorch's SiLU.",
        'Sigmoid 加权线性单元 x·σ(βx)（Swish）；β = 1 即 PyTorch 的 SiLU。',
    ),
    'act.silu.note.0': (
        'Smooth, non-monotonic (minimum ≈ −0.278 at β = 1), unbounded above: often beats ReLU in deep nets.',
        '光滑、非单调（β = 1 时极小值 ≈ −0.278）、上方无界：在深层网络中常常优于 ReLU。',
    ),
    'act.silu.note.1': ('Soft saturation on the left; costs a sigmoid.', '左侧软饱和；要多算一个 sigmoid。'),
    'act.silu.param.beta': ('gate sharpness: β → ∞ approaches ReLU', '门控的锐度：β → ∞ 时趋近 ReLU'),
    'act.mish.summary': (
        'x·tanh(softplus(x)): a smooth, self-regularised non-monotonic unit.',
        'x·tanh(softplus(x))：光滑、自正则化的非单调单元。',
    ),
    'act.mish.note.0': (
        'Similar to Swish; popular in object detection (the YOLO family). Costlier than ReLU.',
        '与 Swish 类似；在目标检测（YOLO 系列）中流行。比 ReLU 代价高。',
    ),
    'act.hardswish.summary': (
        'x·relu6(x + 3)/6: a piecewise version of Swish for mobile networks.',
        'x·relu6(x + 3)/6：为移动端网络设计的分段版 Swish。',
    ),
    'act.hardswish.note.0': ('No exponential: cheap on phones. Dead for x < −3.', '没有指数运算：在手机上很便宜。x < −3 时为死区。'),
    'act.elish.summary': (
        'Exponential linear sigmoid squashing: x·σ(x) for x ≥ 0, (eˣ − 1)·σ(x) below.',
        '指数线性 sigmoid 压缩：x ≥ 0 时为 x·σ(x)，以下为 (eˣ − 1)·σ(x)。',
    ),
    'act.elish.note.0': ("Combines ELU's negative part with Swish's positive part.", '结合了 ELU 的负半部分与 Swish 的正半部分。'),
    'act.lisht.summary': (
        'Linearly scaled hyperbolic tangent x·tanh(x): even, never negative.',
        '线性缩放双曲正切 x·tanh(x)：偶函数，从不为负。',
    ),
    'act.lisht.note.0': (
        'Symmetric: negative inputs produce large positive outputs; no saturation.',
        '对称：负输入产生较大的正输出；不饱和。',
    ),
    'act.tanhexp.summary': (
        'x·tanh(eˣ): close to the identity for x > 0, a small dip below zero.',
        'x·tanh(eˣ)：x > 0 时接近恒等函数，零以下有一个小凹陷。',
    ),
    'act.tanhexp.note.0': (
        'Rises faster than the identity just right of zero (f′ peaks at 1.062), identity-like further right; '
        'designed for light-weight networks.',
        '在零的右侧比恒等函数上升得快（f′ 峰值 1.062），再往右近似恒等；为轻量级网络设计。',
    ),
    'act.softshrink.summary': (
        'Soft thresholding: moves x towards 0 by λ, and to 0 inside [−λ, λ].',
        '软阈值：把 x 向 0 移动 λ，在 [−λ, λ] 内变为 0。',
    ),
    'act.softshrink.note.0': ('The proximal operator of the ℓ₁ norm: produces sparse outputs.', 'ℓ₁ 范数的近端算子：产生稀疏输出。'),
    'act.softshrink.param.lambd': ('half-width of the zero band', '零区间的半宽'),
    'act.hardshrink.summary': ('Hard thresholding: x where |x| > λ, 0 otherwise.', '硬阈值：|x| > λ 处为 x，否则为 0。'),
    'act.hardshrink.note.0': ('Jumps at ±λ: keeps large values exactly, kills small ones.', '在 ±λ 处跳跃：大值原样保留，小值置零。'),
    'act.hardshrink.param.lambd': ('half-width of the zero band', '零区间的半宽'),
    'act.tanhshrink.summary': ('x − tanh(x): flat near zero, slope 1 far out.', 'x − tanh(x)：零附近平坦，远处斜率为 1。'),
    'act.tanhshrink.note.0': (
        'Smooth shrinkage; f′(0) = 0, so small inputs pass almost no gradient.',
        '光滑的收缩；f′(0) = 0，小输入几乎不传递梯度。',
    ),
    'act.gaussian.summary': ('exp(−x²): a bump, as in radial basis function networks.', 'exp(−x²)：一个凸起，用于径向基函数网络。'),
    'act.gaussian.note.0': (
        'Saturates on both sides: units far from the centre pass no gradient.',
        '双侧饱和：远离中心的单元不传递梯度。',
    ),
    'act.sinusoid.summary': (
        'sin(x): periodic, used in implicit neural representations (SIREN).',
        'sin(x)：周期函数，用于隐式神经表示（SIREN）。',
    ),
    'act.sinusoid.note.0': (
        'Periodic: no limits at ±∞; needs careful initialisation (SIREN).',
        '周期性：±∞ 处没有极限；需要谨慎的初始化（SIREN）。',
    ),
    'act.sinc.summary': (
        'Normalised sinc sin(πx)/(πx), 1 at 0 (as numpy.sinc and torch.sinc).',
        '归一化 sinc sin(πx)/(πx)，0 处为 1（与 numpy.sinc、torch.sinc 相同）。',
    ),
    'act.sinc.note.0': (
        'Normalised like numpy.sinc and torch.sinc; the unnormalised sin(x)/x is the same curve stretched by '
        'π in x.',
        '与 numpy.sinc、torch.sinc 一样是归一化的；未归一化的 sin(x)/x 是同一条曲线在 x 方向拉伸 π 倍。',
    ),
    'act.sinc.note.1': ('Decaying oscillation: bounded, with f′ → 0 on both sides.', '衰减的振荡：有界，两侧 f′ → 0。'),
    'act.gcu.summary': (
        'Growing cosine unit x·cos(x): an oscillation whose amplitude grows with |x|.',
        '增长余弦单元 x·cos(x)：振幅随 |x| 增长的振荡。',
    ),
    'act.gcu.note.0': (
        'Odd, oscillating and unbounded; lets a single neuron learn XOR.',
        '奇函数、振荡且无界；单个神经元就能学会异或（XOR）。',
    ),
    'act.softmax.summary': ('Turns logits into probabilities: positive, summing to 1.', '把 logit 变为概率：均为正，总和为 1。'),
    'act.softmax.note.0': (
        'The output layer for multi-class classification; pairs with cross-entropy, whose gradient with '
        'respect to the logits is simply p − y.',
        '多分类的输出层；与交叉熵搭配，交叉熵对 logit 的梯度就是 p − y。',
    ),
    'act.softmax.note.1': (
        'Computed with the maximum subtracted, so logits like (1000, 1001, 999) are fine.',
        '计算时先减去最大值，所以 (1000, 1001, 999) 这样的 logit 也没问题。',
    ),
    'act.log_softmax.summary': (
        'log of softmax: log-probabilities, computed without forming the probabilities.',
        'softmax 的对数：对数概率，不经过概率直接计算。',
    ),
    'act.log_softmax.note.0': (
        'Feeds the negative log-likelihood loss; more accurate than log(softmax(x)).',
        '供负对数似然损失使用；比 log(softmax(x)) 更精确。',
    ),
    'act.softmin.summary': ('softmax(−x): the smallest input gets the largest weight.', 'softmax(−x)：最小的输入得到最大的权重。'),
    'act.softmin.note.0': ('Used for soft attention over distances or costs.', '用于对距离或代价做软注意力。'),
    # -- added with the frameworks (issue 13) --
    'act.exponential.summary': ("eˣ: Keras's exponential activation; positive, and its own derivative.", 'eˣ：Keras 的 exponential 激活函数；恒为正，导数就是它自己。'),
    'act.exponential.note.0': ('Maps any real to a positive number: used for outputs that must be positive (a rate, a scale).', '把任意实数映射为正数：用于必须为正的输出（速率、尺度）。'),
    'act.exponential.note.1': ('Explodes on the right (it overflows float64 beyond x ≈ 709.78): rarely a hidden-layer activation.', '右侧爆炸式增长（x ≈ 709.78 以上超出 float64）：很少用作隐藏层的激活函数。'),
    'act.sparse_sigmoid.summary': ('(x + 1)/2 clipped to [0, 1]: the sigmoid of sparsemax, and the derivative of sparse plus.', '(x + 1)/2 截断到 [0, 1]：sparsemax 版的 Sigmoid，也是 sparse plus 的导数。'),
    'act.sparse_sigmoid.note.0': ('Sparsemax of the two logits (x, 0), as the sigmoid is their softmax: exactly 0 or 1 outside [−1, 1], so the probability can be exactly zero.', '它是两个 logit (x, 0) 的 sparsemax，正如 Sigmoid 是它们的 softmax：在 [−1, 1] 之外恰为 0 或 1，所以概率可以恰好为零。'),
    'act.sparse_sigmoid.note.1': ('Hard saturation on both sides, like the hard sigmoid but twice as steep.', '两侧都是硬饱和，和硬 Sigmoid 一样，但陡一倍。'),
    'act.star_relu.summary': ('s·relu(x)² + b: squared ReLU scaled and shifted to mean 0 and variance 1 under N(0, 1).', 's·relu(x)² + b：平方 ReLU 经缩放和平移，使 N(0, 1) 输入下输出均值为 0、方差为 1。'),
    'act.star_relu.note.0': ("The defaults (the paper's 0.8944 and −0.4472, i.e. 2/√5 and −1/√5 rounded) make the output mean 0 and variance 1 for standard-normal inputs; both are learned, one scalar each per layer.", '默认值（论文中的 0.8944 和 −0.4472，即 2/√5 和 −1/√5 的近似）使标准正态输入的输出均值为 0、方差为 1；两者都是学习得到的，每层各一个标量。'),
    'act.star_relu.note.1': ('Cheaper than GELU in MetaFormer models, with the same accuracy.', '在 MetaFormer 模型中比 GELU 计算更省，精度相同。'),
    'act.star_relu.param.scale': ('s, learned; default 2/√5 rounded (unit variance)', 's，可学习；默认 2/√5 的近似（方差为 1）'),
    'act.star_relu.param.bias': ('b, learned; default −1/√5 rounded (zero mean)', 'b，可学习；默认 −1/√5 的近似（均值为 0）'),
    'act.maxout.summary': ('The largest of several affine pieces: here max(w₁x + b₁, w₂x + b₂) of one input.', '若干仿射函数中的最大者：这里是单个输入的 max(w₁x + b₁, w₂x + b₂)。'),
    'act.maxout.note.0': ('A maxout unit takes the maximum over k learned affine functions of its input, so it learns its own convex, piecewise-linear activation: (x, 0) is ReLU, (x, αx) leaky ReLU, (x, −x) |x|.', 'maxout 单元取其输入的 k 个可学习仿射函数的最大值，因此它学出自己的凸分段线性激活函数：(x, 0) 即 ReLU，(x, αx) 即带泄露 ReLU，(x, −x) 即 |x|。'),
    'act.maxout.note.1': ('Shown for one input and k = 2 pieces; the defaults (x and −x/2) are illustrative. Costs k times the weights of the layer it replaces.', '这里画的是单个输入、k = 2 段的情形；默认值（x 和 −x/2）只是示例。参数量是它所替代的层的 k 倍。'),
    'act.maxout.param.w1': ('slope of the first piece', '第一段的斜率'),
    'act.maxout.param.b1': ('intercept of the first piece', '第一段的截距'),
    'act.maxout.param.w2': ('slope of the second piece', '第二段的斜率'),
    'act.maxout.param.b2': ('intercept of the second piece', '第二段的截距'),
    'act.crelu.summary': ('Concatenated ReLU (relu(x), relu(−x)): two outputs per input; output picks which is drawn.', '拼接 ReLU (relu(x), relu(−x))：每个输入两个输出；output 选择画哪一半。'),
    'act.crelu.note.0': ("Doubles the layer's outputs: both the positive and the negated negative part pass on, so no information is lost to the rectification (tf.nn.crelu).", '层的输出翻倍：正部分和取负后的负部分都传下去，修正不会丢失信息（tf.nn.crelu）。'),
    'act.crelu.note.1': ("Drawn one half at a time: output='positive' (default) is relu(x), 'negative' is relu(−x).", "一次画一半：output='positive'（默认）是 relu(x)，'negative' 是 relu(−x)。"),
    'act.crelu.param.output': ("which half of the concatenated output: 'positive' relu(x), 'negative' relu(−x)", "拼接输出中的哪一半：'positive' 为 relu(x)，'negative' 为 relu(−x)"),
    'act.sparse_plus.summary': ('0 below −1, (x + 1)²/4 between, x above 1: a softplus that is exactly 0 on the left.', 'x < −1 时为 0，中间为 (x + 1)²/4，x > 1 时为 x：左侧恰为 0 的 softplus。'),
    'act.sparse_plus.note.0': ('The antiderivative of the sparse sigmoid, as softplus is of the sigmoid: C¹, with f′ = 0 exactly for x ≤ −1 (a dead zone, like ReLU) and f = x exactly for x ≥ 1.', '它是 sparse sigmoid 的原函数，正如 softplus 是 Sigmoid 的原函数：C¹，x ≤ −1 时 f′ 恰为 0（死区，与 ReLU 相同），x ≥ 1 时 f 恰为 x。'),
    'act.logcosh.summary': ('log(cosh x): a smooth |x|, quadratic near 0, whose derivative is tanh.', 'log(cosh x)：光滑的 |x|，在 0 附近是二次函数，导数是 tanh。'),
    'act.logcosh.note.0': ("Even and convex: ≈ x²/2 near 0 and ≈ |x| − log 2 far out; better known as a robust loss (Keras's log_cosh) than as an activation.", '偶函数且是凸函数：0 附近 ≈ x²/2，远处 ≈ |x| − log 2；作为稳健损失（Keras 的 log_cosh）比作为激活函数更常见。'),
    'act.logcosh.note.1': ("An activation of Julia's NNlib (logcosh).", 'Julia 的 NNlib 中的激活函数（logcosh）。'),
    'act.hard_elish.summary': ('ELiSH with the hard sigmoid max(0, min(1, (x + 1)/2)) as its gate: 0 below −1.', '以硬 Sigmoid max(0, min(1, (x + 1)/2)) 为门的 ELiSH：x < −1 时为 0。'),
    'act.hard_elish.note.0': ('Defined together with ELiSH; exactly 0 (dead) for x ≤ −1, the identity for x ≥ 1.', '与 ELiSH 一起提出；x ≤ −1 时恰为 0（死区），x ≥ 1 时是恒等函数。'),
    'act.hard_elish.note.1': ('f′ jumps at ±1, where the hard gate starts and stops rising.', 'f′ 在 ±1 处跳变，即硬门开始和停止上升的地方。'),
    'act.glu.summary': ('Gated linear unit a·σ(b): the value half a, gated by the sigmoid of the gate half b.', '门控线性单元 a·σ(b)：数值一半 a 由门控一半 b 的 Sigmoid 控制。'),
    'act.glu.note.0': ('A GLU splits its input in two halves (a, b) and returns a ⊗ g(b): half as many outputs as inputs. Drawn here as a function of the gate x with the value half held at v (value=...).', 'GLU 把输入分成两半 (a, b)，返回 a ⊗ g(b)：输出个数是输入的一半。这里画的是门控一半 x 变化、数值一半固定为 v（value=...）时的函数。'),
    'act.glu.note.1': ("Language models' feed-forward layers use GLU variants (ReGLU, GEGLU, SwiGLU) instead of a plain activation: the gate learns which features to pass.", '语言模型的前馈层用 GLU 的变体（ReGLU、GEGLU、SwiGLU）代替普通激活函数：由门学习让哪些特征通过。'),
    'act.glu.param.value': ('the value half a, held fixed while the gate x varies (output a·g(x))', '数值一半 a，门控 x 变化时保持不变（输出 a·g(x)）'),
    'act.reglu.summary': ('GLU with a ReLU gate: a·max(0, b).', '以 ReLU 为门的 GLU：a·max(0, b)。'),
    'act.reglu.note.0': ('A GLU splits its input in two halves (a, b) and returns a ⊗ g(b): half as many outputs as inputs. Drawn here as a function of the gate x with the value half held at v (value=...).', 'GLU 把输入分成两半 (a, b)，返回 a ⊗ g(b)：输出个数是输入的一半。这里画的是门控一半 x 变化、数值一半固定为 v（value=...）时的函数。'),
    'act.reglu.note.1': ('The gate is exactly 0 for b ≤ 0: sparse, like ReLU.', 'b ≤ 0 时门恰为 0：和 ReLU 一样是稀疏的。'),
    'act.reglu.param.value': ('the value half a, held fixed while the gate x varies (output a·g(x))', '数值一半 a，门控 x 变化时保持不变（输出 a·g(x)）'),
    'act.geglu.summary': ('GLU with a GELU gate: a·GELU(b).', '以 GELU 为门的 GLU：a·GELU(b)。'),
    'act.geglu.note.0': ('A GLU splits its input in two halves (a, b) and returns a ⊗ g(b): half as many outputs as inputs. Drawn here as a function of the gate x with the value half held at v (value=...).', 'GLU 把输入分成两半 (a, b)，返回 a ⊗ g(b)：输出个数是输入的一半。这里画的是门控一半 x 变化、数值一半固定为 v（value=...）时的函数。'),
    'act.geglu.note.1': ('Used in the feed-forward layers of many Transformers; the gate is the exact (erf) GELU.', '许多 Transformer 的前馈层使用它；门是精确（erf）形式的 GELU。'),
    'act.geglu.param.value': ('the value half a, held fixed while the gate x varies (output a·g(x))', '数值一半 a，门控 x 变化时保持不变（输出 a·g(x)）'),
    'act.swiglu.summary': ('GLU with a Swish gate: a·b·σ(βb); the feed-forward layer of LLaMA and PaLM.', '以 Swish 为门的 GLU：a·b·σ(βb)；LLaMA 和 PaLM 的前馈层。'),
    'act.swiglu.note.0': ('A GLU splits its input in two halves (a, b) and returns a ⊗ g(b): half as many outputs as inputs. Drawn here as a function of the gate x with the value half held at v (value=...).', 'GLU 把输入分成两半 (a, b)，返回 a ⊗ g(b)：输出个数是输入的一半。这里画的是门控一半 x 变化、数值一半固定为 v（value=...）时的函数。'),
    'act.swiglu.note.1': ('The gate is SiLU (β = 1) in LLaMA and PaLM: smooth, and non-monotonic in the gate.', '在 LLaMA 和 PaLM 中门是 SiLU（β = 1）：光滑，且对门不单调。'),
    'act.swiglu.param.value': ('the value half a, held fixed while the gate x varies (output a·g(x))', '数值一半 a，门控 x 变化时保持不变（输出 a·g(x)）'),
    'act.swiglu.param.beta': ('sharpness of the Swish gate (1: SiLU)', 'Swish 门的陡峭程度（1：SiLU）'),
    'act.snake.summary': ('x + sin²(αx)/α: a rising line with a periodic wiggle, for periodic data.', 'x + sin²(αx)/α：带周期性波动的上升直线，用于周期性数据。'),
    'act.snake.note.0': ('Monotonic (f′ = 1 + sin(2αx) ≥ 0) yet periodic in its slope: extrapolates periodic signals where ReLU and tanh networks cannot.', '单调（f′ = 1 + sin(2αx) ≥ 0），而斜率是周期的：能外推周期信号，ReLU 和 tanh 网络做不到。'),
    'act.snake.note.1': ('Used in audio models (BigVGAN, DAC) with α learned per channel.', '用于音频模型（BigVGAN、DAC），每个通道学习自己的 α。'),
    'act.snake.param.alpha': ('frequency of the wiggle (learned per channel in the paper)', '波动的频率（论文中每个通道各自学习）'),
    'act.sparsemax.summary': ('The Euclidean projection of the logits onto the probability simplex: sparse probabilities.', '把 logit 欧氏投影到概率单纯形上：稀疏的概率。'),
    'act.sparsemax.note.0': ('Like softmax it returns probabilities, but small logits get exactly 0: a sparse attention or output layer, with a Jacobian that is cheap to apply.', '和 softmax 一样输出概率，但较小的 logit 得到的概率恰为 0：可用作稀疏的注意力或输出层，其雅可比矩阵作用起来也很省。'),
    'act.sparsemax.note.1': ('For two logits (x, 0) it is the sparse sigmoid, (x + 1)/2 clipped to [0, 1].', '对两个 logit (x, 0)，它就是 sparse sigmoid，即 (x + 1)/2 截断到 [0, 1]。'),
    'act.gumbel_softmax.summary': ('softmax((x + g)/τ) with random Gumbel noise g; drawn without the noise, softmax(x/τ).', 'softmax((x + g)/τ)，g 为随机 Gumbel 噪声；这里不加噪声，画 softmax(x/τ)。'),
    'act.gumbel_softmax.note.0': ("A differentiable stand-in for sampling a category: PyTorch's F.gumbel_softmax adds fresh Gumbel noise g to the logits at every call. actviz draws it without the noise, the tempered softmax (as RReLU is drawn in evaluation mode); act(x + g, tau=τ) is one sample.", '对类别采样的可微替代：PyTorch 的 F.gumbel_softmax 每次调用都给 logit 加上新的 Gumbel 噪声 g。actviz 画的是不加噪声的带温度 softmax（正如 RReLU 按评估模式画）；act(x + g, tau=τ) 是一次采样。'),
    'act.gumbel_softmax.note.1': ('τ → 0 approaches a one-hot sample, large τ the uniform distribution.', 'τ → 0 趋于独热（one-hot）采样，τ 很大时趋于均匀分布。'),
    'act.gumbel_softmax.param.tau': ('temperature τ: small τ makes the samples nearly one-hot', '温度 τ：τ 越小，采样越接近独热'),
    'family.glu': ('Gated linear units (v·g(x): gate x, value half v held fixed)', '门控线性单元（v·g(x)：门控 x 变化，数值一半 v 固定）'),
}
