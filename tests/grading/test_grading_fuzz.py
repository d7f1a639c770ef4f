"""Fuzz: answers generated inside the parser's size limits are always judged, and quickly.

Every generated text goes through :func:`linalg_tutor.course.service.grade` on real exercise
instances (a value answer, 0.1, and an expression answer, L8.p3) and through
:func:`linalg_tutor.grading.grader.grade_expression`. Each call must return a
:class:`~linalg_tutor.grading.verdict.Verdict` (right, wrong or refused), never raise, and
come back within :data:`BUDGET` seconds of wall-clock time.

The run is derandomized (the same examples every time). ``FUZZ_EXAMPLES`` sets how many
texts are generated (default 150, about 25 s on a loaded 2-core machine); the issue's
acceptance run is ``FUZZ_EXAMPLES=1000``.
"""

from __future__ import annotations

import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linalg_tutor.course.deadline import ANSWER_SECONDS, TookTooLong, within
from linalg_tutor.course.service import grade, instantiate, load
from linalg_tutor.grading.grader import grade_expression
from linalg_tutor.grading.limits import DEFAULT_LIMITS
from linalg_tutor.grading.verdict import Verdict

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
#: Wall-clock seconds one judgement may take: the one-second deadline plus slack for a busy machine.
BUDGET = 1.5

COURSE = load()
VALUE_EXERCISE = instantiate(COURSE.exercise("0.1"), 0)  # C₁₁ of A·B, exactly 19
EXPRESSION_EXERCISE = instantiate(COURSE.exercise("L8.p3"), 0)  # t^2 - 5*t + 6

small_int = st.integers(min_value=0, max_value=99).map(str)
prime = st.sampled_from(["2", "3", "5", "7", "11", "13", "17", "19", "23", "29", "31", "37"])
exponent = st.integers(min_value=-DEFAULT_LIMITS.max_exponent, max_value=DEFAULT_LIMITS.max_exponent)
power = st.integers(min_value=0, max_value=DEFAULT_LIMITS.max_exponent).map(str)
constant = st.sampled_from(["π", "pi", "e", "(π*e)", "(π+e)", "√2", "sqrt(3)", "t", "x", "i"])
function = st.sampled_from(["sin", "cos", "tan", "exp", "log", "sqrt", "abs"])


@st.composite
def surd_sum_power(draw) -> str:
    """``19 + (√2+√3+…)^k - (…)^m``: a sum of surds raised to a power, maybe cancelling."""
    radicands = draw(st.lists(prime, min_size=1, max_size=6, unique=True))
    signs = draw(st.lists(st.sampled_from(["+", "-"]), min_size=len(radicands), max_size=len(radicands)))
    base = "".join(f"{s}√{r}" for s, r in zip(signs, radicands)).lstrip("+")
    k = draw(st.integers(min_value=1, max_value=120))
    text = f"({base})^{k}"
    if draw(st.booleans()):
        other = draw(st.lists(prime, min_size=1, max_size=6))
        coeffs = draw(st.lists(st.integers(1, 40), min_size=len(other), max_size=len(other)))
        second = "+".join(f"{c}√{r}" for c, r in zip(coeffs, other))
        text += f" - ({draw(small_int)}+{second})^{draw(st.integers(1, 120))}"
    return f"{draw(small_int)} + {text}"


@st.composite
def nested_functions(draw) -> str:
    """``sin(exp(log(…)))`` nested a few levels around numbers, constants and big powers."""
    depth = draw(st.integers(min_value=1, max_value=12))
    inner = draw(st.one_of(constant, small_int, st.builds(lambda c, p: f"{c}^{p}", constant, power)))
    for _ in range(draw(st.integers(0, 4))):
        inner += draw(st.sampled_from(["*", "+", "-", "/"])) + draw(
            st.one_of(constant, st.builds(lambda c, p: f"{c}^{p}", constant, power))
        )
    text = inner
    for _ in range(depth):
        text = f"{draw(function)}({text})"
    return text


@st.composite
def tower(draw) -> str:
    """``a^b^c`` (right-associative) of small bases and exponents, sometimes bracketed."""
    parts = draw(st.lists(st.one_of(small_int, constant), min_size=2, max_size=5))
    op = draw(st.sampled_from(["^", "**"]))
    text = op.join(parts)
    if draw(st.booleans()):
        text = f"({parts[0]}{op}{parts[1]})" + "".join(f"{op}{p}" for p in parts[2:])
    return text


@st.composite
def big_product(draw) -> str:
    """A product of large factors: ``e^1000*e^1000*…``, ``10^999*…``, ``(π*e)^1000*…``."""
    factor = st.builds(lambda c, p: f"{c}^{p}", st.sampled_from(["e", "10", "(π*e)", "π", "2", "√7"]), power)
    factors = draw(st.lists(factor, min_size=1, max_size=12))
    text = "*".join(factors)
    wrap = draw(st.sampled_from(["{}", "sin({})", "cos({})", "log({})", "{} - {}", "1/({})"]))
    return wrap.format(text, text) if wrap.count("{}") == 2 else wrap.format(text)


@st.composite
def decimal(draw) -> str:
    """Huge and tiny decimals, in plain, scientific and superscript forms."""
    digits = draw(st.integers(min_value=1, max_value=DEFAULT_LIMITS.max_digits))
    mantissa = draw(st.text(alphabet="0123456789", min_size=digits, max_size=digits))
    point = draw(st.integers(min_value=0, max_value=digits))
    number = mantissa[:point] + "." + mantissa[point:] if point < digits else mantissa
    form = draw(st.sampled_from(["plain", "e", "x10", "neg"]))
    exp = draw(exponent)
    if form == "e":
        return f"{number}e{exp}"
    if form == "x10":
        return f"{number}*10^{exp}"
    if form == "neg":
        return f"-{number}e{exp} + {number}e{exp}"
    return number


TOKENS = [
    "0", "1", "2", "19", "0.5", "1e300", "1e-300", "999999999999", "+", "-", "−", "*", "×", "/",
    "^", "**", "(", ")", "[", "]", ",", ";", " ", "\n", "√", "²", "⁻¹", "ᵀ", "π", "e", "i", "t",
    "x", "A", "sin(", "cos(", "exp(", "log(", "sqrt(", "det(", "inv(", "abs(", "1000", "9^9",
    "½", "１", "е", "=", ".", "'", "_", "@",
]
token_soup = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=60).map("".join)

answer_text = st.one_of(
    surd_sum_power(), nested_functions(), tower(), big_product(), decimal(), token_soup
).filter(lambda s: len(s) <= DEFAULT_LIMITS.max_length)


def _as_the_cli_does(text: str) -> Verdict:
    """``linalg-tutor grade``: grade_expression has no deadline of its own (grading may not
    import course), so the command line runs it under :func:`within`, as here."""
    try:
        return within(ANSWER_SECONDS, lambda: grade_expression("19", text, "rel:0.001"))
    except TookTooLong:
        return Verdict.unreadable("this took too long to check; nothing was recorded")


def _timed(call) -> tuple[object, float]:
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,  # timed by hand below, with the grading deadline's own budget
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(text=answer_text)
def test_every_generated_answer_is_judged_within_the_deadline(text):
    calls = {
        "0.1": lambda: grade(VALUE_EXERCISE, text),
        "L8.p3": lambda: grade(EXPRESSION_EXERCISE, text),
        "grade_expression": lambda: _as_the_cli_does(text),
    }
    for label, call in calls.items():
        verdict, seconds = _timed(call)
        assert isinstance(verdict, Verdict), f"{label}: {text!r} gave {verdict!r}"
        assert seconds < BUDGET, f"{label}: {text!r} took {seconds:.2f} s"


def test_the_issues_cancelling_sum_is_judged_within_the_deadline():
    text = "19 + (√2+√3+√5+√7)^40 - (17+2√6+2√10+2√14+2√15+2√21+2√35)^20"
    verdict, seconds = _timed(lambda: grade(VALUE_EXERCISE, text))
    assert isinstance(verdict, Verdict) and seconds < BUDGET
