"""Derivations as data: titled steps of text lines and matrices.

The step engine never prints. Each operation returns a :class:`Derivation`, and whoever shows
it chooses the form: the TUI and ``linalg-tutor steps`` render plain Unicode text, ``--markdown``
and exported reports render Markdown, ``--latex`` renders LaTeX and ``--json`` a plain dict.
Keeping derivations as data is what lets one engine serve every front end.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Union

from rich.cells import cell_len

from linalg_tutor.steps import fmt as _fmt


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
        out = [f"\\subsection*{{{_latex_text(self.title)}}}", "\\begin{enumerate}"]
        for step in self.steps:
            out.append(f"  \\item \\textbf{{{_latex_text(step.title)}}}")
            for item in step.items:
                if isinstance(item, Show):
                    note = f"\\quad\\text{{{_latex_text(item.note)}}}" if item.note else ""
                    out.append(f"    \\[ \\text{{{_latex_text(item.label)}}} = {_latex_value(item.value)}{note} \\]")
                else:
                    lines = " \\newline ".join(_latex_text(line) for line in item.text.split("\n"))
                    out.append(f"    \\par {lines}")
        out.append("\\end{enumerate}")
        if self.checks:
            out.append("Checks: " + "; ".join(
                f"{_latex_text(d)} ({'holds' if ok else 'fails'})" for d, ok in self.checks))
        if self.summary:
            out.append(f"\\par\\textbf{{Result:}} {_latex_text(self.summary)}")
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


_LATEX_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                  "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}",
                  # In LaTeX's default OT1 text encoding these print as ¡, ¿ and —.
                  "<": r"\ensuremath{<}", ">": r"\ensuremath{>}", "|": r"\ensuremath{|}"}

#: Unicode symbols of the derivations and the LaTeX math they stand for.
_LATEX_MATH = {
    "−": "-", "·": r"\cdot", "⋅": r"\cdot", "∙": r"\cdot", "×": r"\times", "÷": r"\div",
    "±": r"\pm", "∓": r"\mp", "≈": r"\approx", "≤": r"\leq", "≥": r"\geq", "≠": r"\neq",
    "≡": r"\equiv", "∼": r"\sim", "≅": r"\cong", "∝": r"\propto", "≪": r"\ll", "≫": r"\gg",
    "→": r"\to", "←": r"\leftarrow", "↔": r"\leftrightarrow", "↦": r"\mapsto",
    "⇒": r"\Rightarrow", "⇔": r"\Leftrightarrow", "∞": r"\infty", "∂": r"\partial",
    "∇": r"\nabla", "‖": r"\|", "│": "|", "∈": r"\in", "∉": r"\notin", "⊥": r"\perp",
    "∑": r"\sum", "∏": r"\prod", "∫": r"\int", "∅": r"\emptyset", "∘": r"\circ",
    "⊗": r"\otimes", "⊕": r"\oplus", "∀": r"\forall", "∃": r"\exists", "⟨": r"\langle",
    "⟩": r"\rangle", "⌈": r"\lceil", "⌉": r"\rceil", "⌊": r"\lfloor", "⌋": r"\rfloor",
    "′": r"{}^{\prime}", "°": r"{}^{\circ}", "ℓ": r"\ell", "ℚ": r"\mathbf{Q}",
    "ℝ": r"\mathbf{R}", "ℂ": r"\mathbf{C}", "ℕ": r"\mathbf{N}", "ℤ": r"\mathbf{Z}",
    "𝟙": r"\mathbf{1}", "✓": r"\surd", "✗": r"\times",
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ι": r"\iota", "κ": r"\kappa",
    "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi", "π": r"\pi", "ρ": r"\rho",
    "σ": r"\sigma", "τ": r"\tau", "υ": r"\upsilon", "φ": r"\varphi", "χ": r"\chi",
    "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta", "Θ": r"\Theta",
    "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi", "Σ": r"\Sigma", "Φ": r"\Phi", "Ψ": r"\Psi",
    "Ω": r"\Omega",
}

#: Unicode text punctuation and its LaTeX text-mode spelling.
_LATEX_TEXT = {"–": "--", "—": "---", "…": r"\ldots{}", "•": r"\textbullet{}", "⚠": r"\textbf{!}",
               "‘": "`", "’": "'", "“": "``", "”": "''", "\u00a0": "~", "═": "=",
               "⎡": "[", "⎢": "[", "⎣": "[", "⎤": "]", "⎥": "]", "⎦": "]"}

_SUPERSCRIPT_CHARS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁼⁽⁾ⁿⁱʲᵀᴴᵘᵃᵇᵏᵐˣʸᵗ", "0123456789-+=()nijTHuabkmxyt"))
_SUBSCRIPT_CHARS = dict(zip("₀₁₂₃₄₅₆₇₈₉₋₊₌₍₎ᵢⱼₖₙₐₑₒₓₘₚₜₗₛₕ", "0123456789-+=()ijknaeoxmptlsh"))

#: Combining marks after a symbol (x̂, x̄) and the math accent each stands for.
_LATEX_ACCENTS = {"\u0302": r"\hat", "\u0304": r"\bar", "\u0305": r"\bar", "\u0303": r"\tilde",
                  "\u0307": r"\dot", "\u0308": r"\ddot", "\u20d7": r"\vec"}

#: Accents of precomposed letters in words (Schrödinger), as LaTeX text accents.
_TEXT_ACCENTS = {"\u0301": "\\'", "\u0300": "\\`", "\u0302": "\\^", "\u0308": '\\"', "\u0303": "\\~",
                 "\u0327": "\\c", "\u030c": "\\v", "\u0304": "\\="}


def _latex_value(value: Any) -> str:
    """A value in LaTeX math; when SymPy cannot print it (an integer too long), its fmt text."""
    from sympy import latex

    try:
        return _latex_math(latex(value))
    except ValueError:
        return f"\\text{{{_latex_text(_fmt.fmt(value))}}}"


def _latex_math(text: str) -> str:
    """SymPy's LaTeX with the Unicode it keeps from symbol names (λ, σ₁, x̂) made into commands."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        accent = _LATEX_ACCENTS.get(text[i + 1]) if i + 1 < n else None
        if ord(ch) < 128 and accent is None:
            out.append(ch)
            i += 1
            continue
        if ch in _SUPERSCRIPT_CHARS or ch in _SUBSCRIPT_CHARS:
            table, mark = (_SUPERSCRIPT_CHARS, "^") if ch in _SUPERSCRIPT_CHARS else (_SUBSCRIPT_CHARS, "_")
            j = i
            while j < n and text[j] in table:
                j += 1
            out.append(f"{mark}{{{''.join(table[c] for c in text[i:j])}}}")
            i = j
            continue
        if ord(ch) < 128:
            body = ch
        elif ch in _LATEX_MATH:
            body = _LATEX_MATH[ch]
        else:
            body = f"\\text{{{_latex_char(ch)}}}"
        if accent is not None:
            out.append(f"{accent}{{{body}}}")
            i += 2
        else:
            out.append(body + " " if body[-1].isalpha() else body)  # "\lambda x", not "\lambdax"
            i += 1
    return "".join(out)


def _latex_text(text: str) -> str:
    """Plain LaTeX for a Unicode line, usable in text mode and inside ``\\text{…}``.

    Symbols become ``\\ensuremath{…}``, runs of super- and subscripts become ``^{…}`` and
    ``_{…}``, and ``√x``/``√(…)`` become ``\\sqrt``; anything unknown is written as ``[U+XXXX]``
    rather than left to break a pdflatex run.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "√∛":
            arg, i = _root_argument(text, i + 1)
            index = "[3]" if ch == "∛" else ""
            out.append(f"\\ensuremath{{\\sqrt{index}{{\\text{{{_latex_text(arg)}}}}}}}")
            continue
        if ch in _SUPERSCRIPT_CHARS or ch in _SUBSCRIPT_CHARS:
            table, mark = (_SUPERSCRIPT_CHARS, "^") if ch in _SUPERSCRIPT_CHARS else (_SUBSCRIPT_CHARS, "_")
            j = i
            while j < n and text[j] in table:
                j += 1
            out.append(f"\\ensuremath{{{{}}{mark}{{{''.join(table[c] for c in text[i:j])}}}}}")
            i = j
            continue
        if i + 1 < n and text[i + 1] in _LATEX_ACCENTS:
            out.append(f"\\ensuremath{{{_LATEX_ACCENTS[text[i + 1]]}{{\\text{{{_latex_text(ch)}}}}}}}")
            i += 2
            continue
        if ch == "-" and _is_minus(text, i):
            out.append("\\ensuremath{-}")
            i += 1
            continue
        out.append(_latex_char(ch))
        i += 1
    return "".join(out)


def _is_minus(text: str, i: int) -> bool:
    """Whether the ASCII ``-`` at ``i`` is a minus sign (``x - 1``, ``(-3)``, ``= -2``) rather than
    a hyphen (``det-rows``, ``--json``): in LaTeX text the two are different glyphs."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else "-"
    return before in " ([{=,·×/|:;" and after != "-"


def _latex_char(ch: str) -> str:
    if ch in _LATEX_ESCAPES:
        return _LATEX_ESCAPES[ch]
    if ch == "\n":
        return " "
    if ord(ch) < 128:
        return ch
    if ch in _LATEX_MATH:
        return f"\\ensuremath{{{_LATEX_MATH[ch]}}}"
    if ch in _LATEX_TEXT:
        return _LATEX_TEXT[ch]
    base, *marks = unicodedata.normalize("NFD", ch)
    if ord(base) < 128 and len(marks) == 1 and marks[0] in _TEXT_ACCENTS:
        return f"{_TEXT_ACCENTS[marks[0]]}{{{base}}}"
    if ch in _LATEX_ACCENTS:  # a combining mark with nothing before it
        return ""
    return f"[U+{ord(ch):04X}]"


def _root_argument(text: str, start: int) -> tuple[str, int]:
    """What a ``√`` at ``start - 1`` covers: a bracketed group, or a number or name."""
    n = len(text)
    if start < n and text[start] == "(":
        depth = 0
        for j in range(start, n):
            if text[j] == "(":
                depth += 1
            elif text[j] == ")":
                depth -= 1
                if depth == 0:
                    return text[start + 1:j], j + 1
        return text[start + 1:], n
    j = start
    while j < n:
        ch = text[j]
        decimal_point = ch == "." and j + 1 < n and text[j + 1].isdigit() and j > start
        if not (decimal_point or unicodedata.combining(ch) or ch in _SUBSCRIPT_CHARS
                or (ch.isalnum() and ch not in _SUPERSCRIPT_CHARS)):
            break
        j += 1
    return text[start:j], j


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
