"""Chapters 14 and 18: the worked layer's forward and backward pass; a training step's stages."""

from __future__ import annotations

from dataclasses import dataclass

X = (2.0, 1.0)
W = ((0.5, -0.3), (0.1, 0.7), (-0.4, 0.2))
B = (0.1, 0.0, -0.1)
TARGET = (1.0, 0.0, 0.0)
LR = 0.01


@dataclass(frozen=True)
class Stage:
    name: str          # "z = W·x + b"
    direction: str     # "forward" or "backward"
    formula: str       # how one entry is computed, with the numbers
    value: tuple       # the vector or matrix, rounded to 4 places


def _r(v: float) -> float:
    return round(v + 0.0, 4)


def layer_stages(x=X, w=W, b=B, target=TARGET, lr=LR) -> tuple[Stage, ...]:
    """The eight stages of one training step of a ReLU layer with a sum-of-squares loss."""
    z = [sum(wij * xj for wij, xj in zip(row, x)) + bi for row, bi in zip(w, b)]
    a = [max(0.0, v) for v in z]
    loss = sum((ai - ti) ** 2 for ai, ti in zip(a, target))
    dl_da = [2 * (ai - ti) for ai, ti in zip(a, target)]
    dl_dz = [g if zi > 0 else 0.0 for g, zi in zip(dl_da, z)]
    dl_dw = [[g * xj for xj in x] for g in dl_dz]
    new_w = [[wij - lr * gij for wij, gij in zip(row, grow)] for row, grow in zip(w, dl_dw)]
    new_b = [bi - lr * g for bi, g in zip(b, dl_dz)]
    f = lambda v: f"{v:g}"  # noqa: E731
    return (
        Stage("z = W·x + b", "forward",
              f"z₁ = {f(w[0][0])}·{f(x[0])} + ({f(w[0][1])})·{f(x[1])} + {f(b[0])} = {f(_r(z[0]))}",
              tuple(_r(v) for v in z)),
        Stage("a = ReLU(z)", "forward", "aᵢ = max(0, zᵢ): negative entries become 0",
              tuple(_r(v) for v in a)),
        Stage("L = Σ(a − t)²", "forward",
              " + ".join(f"({f(_r(ai))} − {f(ti)})²" for ai, ti in zip(a, target)) + f" = {f(_r(loss))}",
              (_r(loss),)),
        Stage("∂L/∂a = 2(a − t)", "backward", "each entry: 2 × (aᵢ − tᵢ)",
              tuple(_r(v) for v in dl_da)),
        Stage("∂L/∂z = ∂L/∂a ⊙ [z>0]", "backward", "ReLU passes the gradient where z > 0, else 0",
              tuple(_r(v) for v in dl_dz)),
        Stage("∂L/∂W = (∂L/∂z)·xᵀ", "backward", "outer product: row i is (∂L/∂zᵢ) × x",
              tuple(tuple(_r(v) for v in row) for row in dl_dw)),
        Stage("∂L/∂b = ∂L/∂z", "backward", "the bias gradient is the upstream gradient itself",
              tuple(_r(v) for v in dl_dz)),
        Stage(f"W ← W − {lr:g}·∂L/∂W,  b ← b − {lr:g}·∂L/∂b", "update",
              "every weight moves a small step against its gradient",
              (tuple(tuple(_r(v) for v in row) for row in new_w), tuple(_r(v) for v in new_b))),
    )


# ---- chapter 18: the pipeline of a training step --------------------------------------------

@dataclass(frozen=True)
class PipelineStage:
    name: str
    shape: str
    operations: str
    chapters: str


#: A two-layer network 784 → 128 → 10 on a batch of 32 images.
PIPELINE: tuple[PipelineStage, ...] = (
    PipelineStage("batch of inputs X", "[32, 784]", "flatten each 28×28 image into a row", "1, 15"),
    PipelineStage("layer 1: Z₁ = X·W₁ᵀ + b₁", "[32, 784]·[784, 128] → [32, 128]",
                  "matrix product; the bias [128] broadcast over 32 rows", "4, 15"),
    PipelineStage("activation: A₁ = ReLU(Z₁)", "[32, 128]", "element-wise max(0, ·)", "0, 2"),
    PipelineStage("layer 2: Z₂ = A₁·W₂ᵀ + b₂", "[32, 128]·[128, 10] → [32, 10]",
                  "matrix product and broadcast bias again", "4, 15"),
    PipelineStage("loss: L = mean‖Z₂ − Y‖²", "[32, 10] → scalar", "subtract, square, sum: a norm", "2, 11"),
    PipelineStage("backward: ∂L/∂W₂, ∂L/∂W₁", "[10, 128], [128, 784]",
                  "chain rule: transposes and outer products of gradients", "12, 14"),
    PipelineStage("update: W ← W − η·∂L/∂W", "same shapes as W",
                  "scale and subtract; the rate η limited by curvature", "12, 13, 17"),
)
