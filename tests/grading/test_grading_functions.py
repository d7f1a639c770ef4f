"""Author functions for expected answers, read through the same safe parser."""

from __future__ import annotations

import pytest
import sympy as sp

from linalg_tutor.grading import parse
from linalg_tutor.grading.errors import MathError, ParseError, ShapeError
from linalg_tutor.grading.functions import MATRIX_FUNCTIONS

A = sp.Matrix([[1, 2], [3, 4]])
NAMES = {"A": A, "S": sp.Matrix([[1, 2], [2, 4]]), "v": sp.Matrix([3, 4]), "R": sp.Matrix([[0, -1], [1, 0]])}


def ev(text: str):
    return parse(text, names=NAMES, functions=MATRIX_FUNCTIONS).value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("det(A)", -2),
        ("tr(A)", 5),
        ("trace(A)", 5),
        ("rank(A)", 2),
        ("rank(S)", 1),
        ("dot(v, v)", 25),
        ("dot([1,2],[3,4])", 11),
        ("norm1(v)", 7),
        ("norm2(v)", 5),
        ("norm(v)", 5),
        ("norminf(v)", 4),
        ("norm1(A)", 6),
        ("norminf(A)", 7),
        ("fro(A)", sp.sqrt(30)),
        ("sum(A)", 10),
        ("max(A)", 4),
        ("min(A, 0)", 0),
        ("numel(A)", 4),
        ("det(A)^2 + 1", 5),
        ("(A*A)[2,2]", 22),
    ],
)
def test_scalar_functions(text, expected):
    assert sp.simplify(ev(text) - expected) == 0


def test_matrix_valued_functions():
    assert ev("transpose(A)") == A.T
    assert ev("inv(A)") == A.inv()
    assert ev("shape([1,2,3;4,5,6])") == sp.Matrix([2, 3])
    assert ev("I(3)") == sp.eye(3)
    assert ev("eigenvals([[2, 0], [0, 1]])") == sp.Matrix([1, 2])
    assert ev("eigenvals(R)") == sp.Matrix([-sp.I, sp.I])
    assert ev("eigenvals([[1, 1], [0, 1]])") == sp.Matrix([1, 1])  # repeated by multiplicity


@pytest.mark.parametrize(
    "text, error",
    [
        ("det([1,2,3;4,5,6])", ShapeError),
        ("det(3)", ShapeError),
        ("inv(S)", MathError),
        ("dot([1,2],[1,2,3])", ShapeError),
        ("I(0)", ShapeError),
        ("I(1000)", ShapeError),
        ("max(R*[1, i])", MathError),
        ("det(A, A)", ParseError),
    ],
)
def test_function_misuse(text, error):
    with pytest.raises(error):
        ev(text)


def test_learners_do_not_get_author_functions():
    with pytest.raises(ParseError, match="det"):
        parse("det(A)", names=NAMES)
