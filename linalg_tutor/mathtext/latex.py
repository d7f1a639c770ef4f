"""Unicode derivation text as plain-ASCII LaTeX, for ``linalg-tutor steps --latex`` and notes.

The engine writes for terminals (−, ·, √, ≤, λ, xᵀ, x₁, x̂). pdflatex with amsmath knows none
of those characters, so each becomes a command, a math-mode script or ``\\ensuremath``; anything
unknown is written as ``[U+XXXX]`` rather than left to break the run.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from linalg_tutor.mathtext import fmt as _fmt

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


def _script_run(text: str, i: int) -> tuple[str, str, int] | None:
    """A run of superscript (or subscript) characters at ``i``: ``("^", "T", end)``, or None."""
    ch = text[i]
    if ch in _SUPERSCRIPT_CHARS:
        table, mark = _SUPERSCRIPT_CHARS, "^"
    elif ch in _SUBSCRIPT_CHARS:
        table, mark = _SUBSCRIPT_CHARS, "_"
    else:
        return None
    j = i
    while j < len(text) and text[j] in table:
        j += 1
    return mark, "".join(table[c] for c in text[i:j]), j


def latex_value(value: Any) -> str:
    """A value in LaTeX math; when SymPy cannot print it (an integer too long), its fmt text."""
    from sympy import latex

    try:
        return _latex_math(latex(value))
    except ValueError:
        return f"\\text{{{latex_text(_fmt.fmt(value))}}}"


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
        run = _script_run(text, i)
        if run:
            mark, body, i = run
            out.append(f"{mark}{{{body}}}")
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


def latex_text(text: str) -> str:
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
            out.append(f"\\ensuremath{{\\sqrt{index}{{\\text{{{latex_text(arg)}}}}}}}")
            continue
        run = _script_run(text, i)
        if run:
            mark, body, i = run
            out.append(f"\\ensuremath{{{{}}{mark}{{{body}}}}}")
            continue
        if i + 1 < n and text[i + 1] in _LATEX_ACCENTS:
            out.append(f"\\ensuremath{{{_LATEX_ACCENTS[text[i + 1]]}{{\\text{{{latex_text(ch)}}}}}}}")
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
