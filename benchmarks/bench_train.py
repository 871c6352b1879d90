"""Benchmark: `actviz train identity relu tanh sigmoid --data circles` against a numpy training loop.

The baseline is the straightforward script a reader of the notes would write: the same four
networks (2 → 16 → 16 → 1, He init for ReLU, Xavier for the others, sigmoid output with
cross-entropy), the same 200 circle points, 1000 full-batch Adam steps (lr 0.01), loss, accuracy
and dead units recorded at every step, vectorised over the samples (no Python loop over samples
or units), one weight matrix and one Adam state per layer, the activations and their derivatives
written as numpy one-liners. Fresh processes, alternating A B A B (see harness.py); goal: median
wall-time ratio ≤ 1.0. The second case adds the figure on both sides (the baseline draws decision
regions with contourf, the loss and the dead units with pyplot, and saves a PNG at 150 dpi).

    python benchmarks/bench_train.py [--runs N]      (or benchmarks/run.py for every benchmark)
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Case, actviz_cmd, main, write_script  # noqa: E402

TRAINING_LOOP = r'''
import sys
import numpy as np

rng = np.random.default_rng(0)
n = 200
r = np.concatenate([rng.uniform(0, 0.5, n // 2), rng.uniform(0.7, 1.0, n - n // 2)])
a = rng.uniform(0, 2 * np.pi, n)
X = np.stack([r * np.cos(a), r * np.sin(a)], axis=1) + 0.05 * rng.standard_normal((n, 2))
y = np.concatenate([np.ones(n // 2), np.zeros(n - n // 2)]).reshape(-1, 1)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


acts = {
    "identity": (lambda z: z, lambda z: np.ones_like(z)),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "sigmoid": (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z))),
}
sizes = [2, 16, 16, 1]
steps = 1000
results = {}
for name, (f, df) in acts.items():
    he = name == "relu"
    W = [rng.standard_normal((i, o)) * np.sqrt(2 / i if he and k < 2 else 2 / (i + o))
         for k, (i, o) in enumerate(zip(sizes[:-1], sizes[1:]))]
    b = [np.zeros(o) for o in sizes[1:]]
    mW = [np.zeros_like(w) for w in W]
    vW = [np.zeros_like(w) for w in W]
    mb = [np.zeros_like(v) for v in b]
    vb = [np.zeros_like(v) for v in b]
    losses, accs, dead = [], [], []
    for step in range(steps + 1):
        hs, zs = [X], []
        for k in range(2):
            z = hs[-1] @ W[k] + b[k]
            zs.append(z)
            hs.append(f(z))
        out = sigmoid(hs[-1] @ W[2] + b[2])
        p = np.clip(out, 1e-12, 1 - 1e-12)
        losses.append(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        accs.append(np.mean((out > 0.5) == y))
        dead.append(np.mean([np.all(df(z) == 0, axis=0).mean() for z in zs]))
        if step == steps:
            break
        d = (out - y) / n
        gW = [None] * 3
        gb = [None] * 3
        gW[2] = hs[2].T @ d
        gb[2] = d.sum(axis=0)
        g = d @ W[2].T
        for k in (1, 0):
            delta = g * df(zs[k])
            gW[k] = hs[k].T @ delta
            gb[k] = delta.sum(axis=0)
            g = delta @ W[k].T
        t = step + 1
        for params, grads, ms, vs in ((W, gW, mW, vW), (b, gb, mb, vb)):
            for i in range(3):
                ms[i] = 0.9 * ms[i] + 0.1 * grads[i]
                vs[i] = 0.999 * vs[i] + 0.001 * grads[i] ** 2
                mhat = ms[i] / (1 - 0.9 ** t)
                vhat = vs[i] / (1 - 0.999 ** t)
                params[i] -= 0.01 * mhat / (np.sqrt(vhat) + 1e-8)
    reached = next((s for s, acc in enumerate(accs) if acc >= 0.95), None)
    results[name] = (W, b, f, losses, dead)
    print(f"{name:10s} loss {losses[-1]:.4g}  accuracy {accs[-1]:.3f}  dead {dead[-1]:.3f}  95% at {reached}")

if "--figure" in sys.argv:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(11, 7))
    grid = np.linspace(-1.3, 1.3, 160)
    gx, gy = np.meshgrid(grid, grid)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    for i, (name, (W, b, f, losses, dead)) in enumerate(results.items()):
        ax = fig.add_subplot(2, 4, i + 1)
        h = pts
        for k in range(2):
            h = f(h @ W[k] + b[k])
        prob = sigmoid(h @ W[2] + b[2]).reshape(gx.shape)
        ax.contourf(gx, gy, prob, levels=20, cmap="RdBu", alpha=0.6)
        ax.contour(gx, gy, prob, levels=[0.5], colors="k")
        ax.scatter(X[:, 0], X[:, 1], c=y.ravel(), cmap="RdBu", s=10, edgecolors="w")
        ax.set_title(name)
        ax.set_xticks([])
        ax.set_yticks([])
    ax_loss = fig.add_subplot(2, 2, 3)
    ax_dead = fig.add_subplot(2, 2, 4)
    for name, (W, b, f, losses, dead) in results.items():
        ax_loss.plot(losses, label=name)
        ax_dead.plot(np.array(dead) * 100, label=name)
    ax_loss.set_title("training loss")
    ax_dead.set_title("dead units (%)")
    ax_loss.legend()
    fig.tight_layout()
    fig.savefig("baseline_train.png", dpi=150)
'''


def cases(tmp: str) -> list[Case]:
    loop = write_script(tmp, "train_loop.py", TRAINING_LOOP)
    args = ("train", "identity", "relu", "tanh", "sigmoid", "--data", "circles")
    return [
        Case("actviz train identity relu tanh sigmoid --data circles vs a numpy training loop",
             actviz_cmd(*args), loop, goal_ratio=1.0, runs=9),
        Case("actviz train ... -o train.png vs the numpy loop and a pyplot figure",
             actviz_cmd(*args, "-o", "train.png"), [*loop, "--figure"], goal_ratio=1.0, runs=9),
    ]


if __name__ == "__main__":
    main(cases)
