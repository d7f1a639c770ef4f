"""Fresh numbers on demand: draw an exercise's varied data from a seed.

A seed names an instance for good: the same exercise and seed always give the same numbers
(``random.Random`` seeded with the exercise id and the seed), so an attempt that records its
seed can be reproduced, and ``show``/``check --seed`` agree with the TUI. Seed 0 is the data
as written in the exercise file.
"""

from __future__ import annotations

import random
from typing import Any

from linalg_tutor.content.models import Variation

#: How many draws one value may take to meet its properties before the seed is given up.
MAX_DRAWS = 200


class NoVariant(ValueError):
    """No data meeting the properties was found (an author error: properties too strict)."""


def rng_for(exercise_id: str, seed: int, attempt: int = 0) -> random.Random:
    """The random source of one instance (``attempt`` > 0 when an instance had to be redrawn)."""
    return random.Random(f"{exercise_id}:{seed}:{attempt}")


def draw(name: str, variation: Variation, rng: random.Random) -> Any:
    """One varied value as YAML-like data (an int, a list, or a list of rows)."""
    for _ in range(MAX_DRAWS):
        value = _draw_once(variation, rng)
        if _holds(value, variation):
            return value
    raise NoVariant(f"vary `{name}`: no value with {', '.join(variation.properties)} "
                    f"found in {MAX_DRAWS} draws; widen `entries` or drop a property")


def _draw_once(v: Variation, rng: random.Random) -> Any:
    lo, hi = v.entries
    positive = "positive" in v.properties
    nonzero = "nonzero" in v.properties

    def entry(a: int, b: int) -> int:
        if positive:
            a = max(a, 1)
        while True:
            x = rng.randint(a, b)
            if not (nonzero and x == 0):
                return x

    if v.integer is not None:
        return entry(*v.integer)
    if v.vector is not None:
        return [entry(lo, hi) for _ in range(v.vector)]
    rows, cols = v.matrix  # type: ignore[misc]
    if "symmetric" in v.properties or "spd" in v.properties:
        m = [[0] * cols for _ in range(rows)]
        for i in range(rows):
            for j in range(i, cols):
                m[i][j] = m[j][i] = entry(lo, hi)
        return m
    return [[entry(lo, hi) for _ in range(cols)] for _ in range(rows)]


def _holds(value: Any, v: Variation) -> bool:
    props = set(v.properties)
    if not props & {"nonsingular", "singular", "spd", "integer-eigenvalues", "distinct-eigenvalues"}:
        return True
    import sympy

    m = sympy.Matrix(value)
    det = m.det()
    if "nonsingular" in props and det == 0:
        return False
    if "singular" in props and det != 0:
        return False
    if "spd" in props:
        minors = [m[:k, :k].det() for k in range(1, m.rows + 1)]
        if any(x <= 0 for x in minors):
            return False
    if props & {"integer-eigenvalues", "distinct-eigenvalues"}:
        eigen = m.eigenvals()  # small integer matrices: cheap
        if "integer-eigenvalues" in props and not all(getattr(lam, "is_Integer", False) for lam in eigen):
            return False
        if "distinct-eigenvalues" in props and any(mult > 1 for mult in eigen.values()):
            return False
    return True
