"""The given data of an exercise, as aligned text grids inside Markdown.

Built from the raw YAML values (numbers and strings) rather than SymPy objects, so an exercise
opens instantly even while SymPy is still loading in the background.
"""

from __future__ import annotations

from typing import Any, Mapping

from linalg_tutor.mathtext.fmt import grid_lines


def _cell(x: Any) -> str:
    text = str(x).replace("sqrt", "√").replace("**", "^").replace("*", "·")
    return text.replace("-", "−") if text.startswith("-") else text


#: Given names that are spelled out in YAML (identifiers are ASCII) but written as letters in maths.
GREEK = {"lam": "λ", "lambda": "λ", "alpha": "α", "beta": "β", "eta": "η", "mu": "μ", "sigma": "σ",
         "theta": "θ", "delta": "δ", "kappa": "κ", "eps": "ε", "epsilon": "ε"}


def given_lines(name: str, value: Any) -> list[str]:
    """``A = ⎡1 2⎤`` … lines for one named value (matrix, vector or scalar)."""
    name = GREEK.get(name, name)
    if isinstance(value, list) and value and all(isinstance(r, list) for r in value):
        grid = grid_lines([[_cell(x) for x in row] for row in value])
        mid = len(grid) // 2
        head = f"{name} = "
        return [(head if i == mid else " " * len(head)) + row for i, row in enumerate(grid)]
    if isinstance(value, list):
        return [f"{name} = [{', '.join(_cell(x) for x in value)}]"]
    return [f"{name} = {_cell(value)}"]


def given_markdown(given: Mapping[str, Any]) -> str:
    """A fenced text block with every given value, separated by blank lines."""
    lines: list[str] = []
    for name, value in given.items():
        if lines:
            lines.append("")
        lines.extend(given_lines(name, value))
    return "```text\n" + "\n".join(lines) + "\n```\n"
