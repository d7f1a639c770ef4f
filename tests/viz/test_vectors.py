"""The numbers behind the vector pictures (chapters 2, 3, 6, 7), checked without a terminal."""

from __future__ import annotations

import math

import pytest

from linalg_tutor.viz.vectors import ball_outline, coordinates, dot_report, norms, parallelogram


def test_norms_of_3_minus_4():
    n = norms(3, -4)
    assert (n.l1, n.l2, n.linf) == (7, 5, 4)


@pytest.mark.parametrize("kind, norm", [("l1", lambda x, y: abs(x) + abs(y)),
                                        ("l2", math.hypot),
                                        ("linf", lambda x, y: max(abs(x), abs(y)))])
def test_every_outline_point_has_the_radius_as_its_norm(kind, norm):
    xs, ys = ball_outline(kind, 2.5)
    assert all(abs(norm(x, y) - 2.5) < 1e-9 for x, y in zip(xs, ys))


def test_dot_report_of_a_45_degree_pair():
    rep = dot_report((3, 1), (1, 2))
    assert rep.dot == 5
    assert rep.cosine == pytest.approx(1 / math.sqrt(2))
    assert rep.angle_deg == pytest.approx(45)
    assert rep.projection == pytest.approx((1, 2))


def test_projection_and_perpendicular_case():
    rep = dot_report((1, 3), (3, 1))
    assert rep.projection == pytest.approx((1.8, 0.6))
    assert dot_report((1, 0), (0, 2)).angle_deg == pytest.approx(90)
    assert dot_report((0, 0), (1, 1)).cosine is None


def test_parallelogram_area_and_rank():
    assert parallelogram((3, 1), (1, 2)).area == 5
    flat = parallelogram((1, 2), (2, 4))
    assert (flat.det, flat.rank) == (0, 1)
    assert parallelogram((0, 0), (0, 0)).rank == 0


def test_coordinates_in_a_basis_rebuild_the_point():
    c = coordinates((3, 2), (1, 1), (-1, 1))
    assert c == pytest.approx((2.5, -0.5))
    s = 1 / math.sqrt(2)
    assert coordinates((3, 2), (s, s), (-s, s)) == pytest.approx((5 * s, -s))
    assert coordinates((3, 2), (1, 2), (2, 4)) is None
