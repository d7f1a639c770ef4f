"""Derivations as data: titled steps of text lines and matrices.

The step engine never prints. Each operation returns a :class:`Derivation`, and whoever shows
it chooses the form: the TUI and ``linalg-tutor steps`` render plain Unicode text, ``--markdown``
and exported reports render Markdown, ``--latex`` renders LaTeX and ``--json`` a plain dict.
Keeping derivations as data is what lets one engine serve every front end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from rich.cells import cell_len

from linalg_tutor.mathtext import fmt as _fmt
from linalg_tutor.mathtext.latex import latex_text, latex_value


@dataclass(frozen=True)
class Text:
    """One line of prose or arithmetic, already in Unicode (``C₁₁ = 1·5 + 2·7 = 19``)."""

    text: str


@dataclass(frozen=True)
class Show:
    """A labelled value: a matrix drawn as a grid, or a scalar with its decimal beside it.

    Args:
        label: What the value is, e.g. ``"A"``, ``"[A | b] after R2 ← R2 − 2·R1"``.
        value: A SymPy matrix, scalar or expression (exact).
        augment: For a matrix, the column index before which a ``│`` bar is drawn.
        note: A short remark printed after the value.
    """

    label: str
    value: Any
    augment: int | None = None
    note: str = ""


Item = Union[Text, Show]


@dataclass
class Step:
    """One numbered step of a derivation: a title and the lines under it."""

    title: str
    items: list[Item] = field(default_factory=list)

    def text(self, line: str) -> "Step":
        self.items.append(Text(line))
        return self

    def show(self, label: str, value: Any, *, augment: int | None = None, note: str = "") -> "Step":
        self.items.append(Show(label, value, augment, note))
        return self


@dataclass
class Derivation:
    """The full hand calculation of one operation on the learner's own numbers.

    Args:
        operation: The registry name of the operation (``"det"``, ``"inverse"`` …).
        title: A human title (``"Determinant by cofactor expansion along row 1"``).
        steps: The numbered steps, in order.
        result: The final value as a SymPy object (or a list/dict of them).
        checks: Verification lines, each ``(description, holds)``; e.g. ``("A·A⁻¹ = I", True)``.
        summary: One sentence with the answer, for headers and feedback.
    """

    operation: str
    title: str
    steps: list[Step] = field(default_factory=list)
    result: Any = None
    checks: list[tuple[str, bool]] = field(default_factory=list)
    summary: str = ""

    def step(self, title: str) -> Step:
        """Append and return a new step, so operations read as a sequence of ``d.step(...)``."""
        s = Step(title)
        self.steps.append(s)
        return s

    def check(self, description: str, holds: bool) -> None:
        self.checks.append((description, bool(holds)))

    @property
    def verified(self) -> bool:
        """True when every verification check holds (and there is at least one)."""
        return bool(self.checks) and all(ok for _, ok in self.checks)

    # ---- rendering -------------------------------------------------------------------------

    def to_text(self) -> str:
        """Plain Unicode, for terminals (TUI scratchpad and ``linalg-tutor steps``)."""
        out: list[str] = [self.title, "═" * min(cell_len(self.title), 78)]
        for n, step in enumerate(self.steps, 1):
            out.append("")
            out.append(f"Step {n}. {step.title}")
            for item in step.items:
                out.extend("   " + line for line in _item_lines(item))
        if self.checks:
            out.append("")
            out.append("Check")
            for desc, ok in self.checks:
                out.append(f"   {'✓' if ok else '✗'} {desc}")
        if self.summary:
            out.append("")
            out.append(f"Result: {self.summary}")
        return "\n".join(out)

    def to_markdown(self) -> str:
        """Markdown with the grids in code blocks, for reports and ``--markdown``."""
        out: list[str] = [f"## {self.title}"]
        for n, step in enumerate(self.steps, 1):
            out.append("")
            out.append(f"**Step {n}. {step.title}**")
            out.append("")
            block: list[str] = []
            for item in step.items:
                block.extend(_item_lines(item))
            out.append("```text")
            out.extend(block)
            out.append("```")
        if self.checks:
            out.append("")
            out.append("**Check**")
            out.append("")
            out.extend(f"- {'✓' if ok else '✗'} {desc}" for desc, ok in self.checks)
        if self.summary:
            out.append("")
            out.append(f"**Result:** {self.summary}")
        return "\n".join(out)

    def to_latex(self) -> str:
        """A LaTeX fragment (``enumerate`` of steps, matrices as SymPy typesets them) for notes.

        The output is ASCII: the Unicode of the text lines (−, ·, √, ≤, λ, xᵀ, x₁ …) becomes LaTeX
        commands, so it compiles with pdflatex and amsmath, without unicode-math or a Unicode font.
        """
        out = [f"\\subsection*{{{latex_text(self.title)}}}", "\\begin{enumerate}"]
        for step in self.steps:
            out.append(f"  \\item \\textbf{{{latex_text(step.title)}}}")
            for item in step.items:
                if isinstance(item, Show):
                    note = f"\\quad\\text{{{latex_text(item.note)}}}" if item.note else ""
                    out.append(f"    \\[ \\text{{{latex_text(item.label)}}} = {latex_value(item.value)}{note} \\]")
                else:
                    lines = " \\newline ".join(latex_text(line) for line in item.text.split("\n"))
                    out.append(f"    \\par {lines}")
        out.append("\\end{enumerate}")
        if self.checks:
            out.append("Checks: " + "; ".join(
                f"{latex_text(d)} ({'holds' if ok else 'fails'})" for d, ok in self.checks))
        if self.summary:
            out.append(f"\\par\\textbf{{Result:}} {latex_text(self.summary)}")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``operation``, ``title``, ``steps`` (title + lines), ``result``."""
        return {
            "operation": self.operation,
            "title": self.title,
            "steps": [
                {"title": s.title, "lines": [line for item in s.items for line in _item_lines(item)]}
                for s in self.steps
            ],
            "result": result_repr(self.result),
            "checks": [{"description": d, "holds": ok} for d, ok in self.checks],
            "verified": self.verified,
            "summary": self.summary,
        }


def result_repr(result: Any) -> Any:
    """The result as SymPy prints it (``22``, ``Matrix([[3, -1], [-5, 2]])``), lists kept as lists."""
    if result is None:
        return None
    if isinstance(result, dict):
        return {str(k): result_repr(v) for k, v in result.items()}
    if isinstance(result, (list, tuple)):
        return [result_repr(v) for v in result]
    if isinstance(result, (bool, int, float, str)):
        return result
    try:
        return str(result)
    except ValueError:  # an integer longer than Python's int→str limit: JSON still gets every digit
        return _fmt.exact_str(result)


def _item_lines(item: Item) -> list[str]:
    if isinstance(item, Text):
        return item.text.split("\n")
    value = item.value
    if getattr(value, "is_Matrix", False):
        grid = _fmt.matrix_lines(value, item.augment)
        head = f"{item.label} ="
        # Screen columns, not code points: x̂ is two code points in one column, 中 one in two.
        pad = " " * (cell_len(head) + 1)
        mid = len(grid) // 2
        lines = [(head + " " if i == mid else pad) + row for i, row in enumerate(grid)]
        if item.note:
            lines[mid] += f"   {item.note}"
        return lines
    line = f"{item.label} = {_fmt.fmt_approx(value)}"
    if item.note:
        line += f"   {item.note}"
    return [line]


class NotPossible(Exception):
    """The operation cannot be carried out on this input (singular inverse, indefinite Cholesky…).

    It carries the derivation up to the point where the obstacle was found, so a front end can
    show *why* (the zero pivot, the negative diagonal) instead of a bare error.
    """

    def __init__(self, message: str, derivation: Derivation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.derivation = derivation


class BadInput(ValueError):
    """The input does not fit the operation (wrong shape, not square, wrong kind of value)."""
