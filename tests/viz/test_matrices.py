"""Tensors, the product stepper, 2×2 maps and matrix norms (chapters 1, 4, 5, 8, 11)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from linalg_tutor.viz.matrices import eigen2, element_count, map2, matrix_norms, product_step


def test_element_counts():
    assert element_count(()) == 1
    assert element_count((32, 3, 224, 224)) == 4_816_896


def test_product_stepper_fills_c_row_by_row():
    a = ((1, 0, 2), (-1, 3, 1))
    b = ((3, 1), (2, 1), (1, 0))
    first = product_step(a, b, 0)
    assert (first.i, first.j, first.value) == (0, 0, 5)
    assert first.filled == ((5, None), (None, None))
    last = product_step(a, b, 3)
    assert last.filled == ((5, 1), (4, 2))
    assert last.terms == ((-1, 1), (3, 1), (1, 0))


def test_map2_of_the_symmetric_example():
    m = map2(((2, 1), (1, 2)))
    assert m.det == 3
    assert [v.real for v in m.eigenvalues] == [3, 1]
    assert np.allclose(m.inverse, [[2 / 3, -1 / 3], [-1 / 3, 2 / 3]])
    s = 1 / math.sqrt(2)
    assert np.allclose(m.eigenvectors, [[s, s], [s, -s]])


def test_map2_at_det_zero_and_for_a_rotation():
    flat = map2(((1, 2), (2, 4)))
    assert flat.det == 0 and flat.inverse is None
    turn = map2(((0, -1), (1, 0)))
    assert turn.eigenvalues[0] == pytest.approx(1j) and turn.eigenvectors == ()


@pytest.mark.parametrize("m", [((2, 1), (1, 2)), ((1, 2), (3, 4)), ((3, 0), (0, 2)), ((1, 1), (0, 1)),
                               ((2, 0), (0, 2))])
def test_eigen2_agrees_with_numpy(m):
    values, vectors = eigen2(m)
    assert sorted(v.real for v in values) == pytest.approx(sorted(np.linalg.eigvals(np.array(m)).real))
    for v in vectors:
        image = np.array(m) @ np.array(v)
        assert abs(image[0] * v[1] - image[1] * v[0]) < 1e-9  # A·v is parallel to v


def test_matrix_norms_of_1234():
    n = matrix_norms(((1, 2), (3, 4)))
    assert n.frobenius == pytest.approx(math.sqrt(30))
    assert n.nuclear == pytest.approx(math.sqrt(34))
    assert n.spectral == pytest.approx(math.sqrt(15 + math.sqrt(221)))
    assert math.hypot(*n.axes[0]) == pytest.approx(n.spectral)
    assert matrix_norms(((3, 0), (0, 2))).nuclear == pytest.approx(5)
