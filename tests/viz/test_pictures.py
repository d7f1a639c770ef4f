"""Convolution, PCA, SVD, factorisation, descent, Hessian, quadratic forms, shapes, conditioning."""

from __future__ import annotations

import math

import numpy as np
import pytest

from linalg_tutor.viz import conv, optim, svd
from linalg_tutor.viz.catalog import PANELS, panel_info
from linalg_tutor.viz.conditioning import condition
from linalg_tutor.viz.contours import level_points
from linalg_tutor.viz.eigen import pca, sample
from linalg_tutor.viz.factorization import Factorizer
from linalg_tutor.viz.fmt import num
from linalg_tutor.viz.network import PIPELINE, layer_stages
from linalg_tutor.viz.shapes import PRESETS, addition_table, broadcast


def test_catalog_has_one_panel_per_chapter():
    assert [p.chapter for p in PANELS] == list(range(19))
    assert panel_info(5).title.startswith("A 2×2") and panel_info(40) is None


def test_num_formatting():
    assert [num(7.0), num(-4), num(0.70710678), num(-0.0), num(1e-9)] == ["7", "−4", "0.707", "0", "1.00e−9"]
    assert [num(30, 0), num(100, 0), num(20.0, 2), num(-0.0001)] == ["30", "100", "20", "−1.00e−4"]
    assert num(2.2e-16) == "0" and num(3e7) == "3.00e7"


def test_sobel_output_is_the_dot_product_everywhere():
    n = conv.out_size()
    img = np.array(conv.IMAGE)
    k = np.array(conv.SOBEL_X)
    last = conv.conv_step(n * n - 1)
    for r in range(n):
        for c in range(n):
            assert last.output[r][c] == int((img[r:r + 3, c:c + 3] * k).sum())
    step = conv.conv_step(2)
    assert (step.row, step.col, step.value) == (0, 2, 180)
    assert step.output[0] == (0, 180, 180, None, None, None)


def test_pca_finds_the_stretched_direction():
    result = pca(sample(30))
    assert math.degrees(math.atan2(result.eigenvectors[0][1], result.eigenvectors[0][0])) == pytest.approx(30, abs=10)
    assert result.eigenvalues[0] > result.eigenvalues[1] > 0
    assert 0.5 < result.explained < 1


def test_svd_rank_k_error_matches_the_reconstruction():
    for k in (1, 3, 24):
        rk = svd.rank_k(k)
        img = svd.image()
        actual = np.linalg.norm(img - rk.approx) / np.linalg.norm(img)
        assert rk.error == pytest.approx(actual, abs=1e-9)
        assert rk.storage == k * 49
    assert svd.rank_k(24).error < 1e-9


def test_factorizer_is_repeatable_and_learns():
    a, b = Factorizer(k=2), Factorizer(k=2)
    a.train(100)
    b.train(100)
    assert a.loss() == b.loss()
    assert a.loss() < a.history[0] / 10
    assert a.parameters == 20 and a.observed == 18


def test_gradient_descent_steps_and_divergence():
    path = optim.gd_path((-4, 2), 0.1, 1)
    assert path[1] == pytest.approx((-3.2, 0.8))
    assert optim.gd_limit() == pytest.approx(1 / 3)
    assert optim.gd_status(0.1) == "converges"
    assert optim.gd_status(0.3).startswith("converges, zig")
    assert optim.gd_status(0.4).startswith("diverges")
    far = optim.gd_path((-4, 2), 0.4, 30)[-1]
    assert abs(far[1]) > 100


def test_hessian_classifies_the_critical_points():
    s = optim.SURFACES[0]
    assert optim.hessian_report(s, 1, 0).verdict == "local minimum"
    assert optim.hessian_report(s, -1, 0).verdict == "saddle point"
    seed = optim.hessian_report(optim.SURFACES[1], 1, 1)
    assert not seed.critical and "saddle-shaped" in seed.verdict
    assert sorted(seed.eigenvalues) == pytest.approx(sorted([3 + 3 * math.sqrt(5), 3 - 3 * math.sqrt(5)]))


def test_quadratic_forms():
    assert optim.quad_form(2, 1, 2).kind == "positive definite"
    bad = optim.quad_form(1, 2, 1)
    assert bad.kind == "indefinite" and bad.eigenvalues == pytest.approx((3, -1))
    assert optim.quad_value(1, 2, 1, 1, -1) == -2
    assert optim.quad_form(1, 1, 1).kind == "positive semidefinite"


def test_contour_points_lie_on_their_level():
    for c, xs, ys in level_points(lambda x, y: x * x + y * y, (1, 4), (-3, 3), (-3, 3)):
        assert xs and all(abs(math.hypot(x, y) - math.sqrt(c)) < 0.08 for x, y in zip(xs, ys))


def test_layer_stages_match_the_worked_example():
    stages = {s.name.split(" ")[0]: s.value for s in layer_stages()}
    assert stages["z"] == (0.8, 0.9, -0.7)
    assert stages["L"] == (0.85,)
    assert stages["∂L/∂W"] == ((-0.8, -0.4), (3.6, 1.8), (0.0, 0.0))
    new_w, new_b = layer_stages()[-1].value
    assert new_w == ((0.508, -0.296), (0.064, 0.682), (-0.4, 0.2))
    assert new_b == (0.104, -0.018, -0.1)
    assert len(PIPELINE) == 7


def test_broadcasting_agrees_with_numpy():
    for a, b, _ in PRESETS:
        res = broadcast(a, b)
        try:
            expected = np.broadcast_shapes(a, b)
        except ValueError:
            expected = None
        assert res.result == expected and (res.error is None) == (expected is not None)
    left, right, total = addition_table((3, 1), (1, 4))
    assert total.shape == (3, 4) and total[2, 3] == 30 + 4


def test_conditioning_of_the_seed_example():
    c = condition(1.001, 0.001)
    assert c.x == pytest.approx((1, 1))
    assert c.x2 == pytest.approx((0, 2), abs=1e-6)
    assert c.kappa == pytest.approx(4002, rel=1e-3)
    assert c.digits32 == pytest.approx(7.2 - math.log10(c.kappa))
    assert condition(1.0001, 0.001).kappa == pytest.approx(40002, rel=1e-3)
