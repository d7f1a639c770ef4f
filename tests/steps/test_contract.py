"""The step engine's contract, across every family: registry, input defaults, renderings.

The family tests check the mathematics of each operation; these check what every operation
promises the front ends: a name ``get`` can find, defaults the runner can parse, plain-text
grids that line up on a terminal, LaTeX that pdflatex can compile, and JSON that serialises.
The registry's tolerance of a clashing family is checked on throw-away family packages.
"""

from __future__ import annotations

import json
import re
import textwrap
import uuid

import pytest
import sympy
from rich.cells import cell_len
from sympy import Integer, Matrix, Symbol

from linalg_tutor.steps import registry
from linalg_tutor.course import scratchpad as runner
from linalg_tutor.steps.derivation import BadInput, Derivation, NotPossible, _item_lines, result_repr

# ---- the real registry ------------------------------------------------------------------------

_GENERIC = {"matrix": "[[2,1],[1,3]]", "vector": "[1,2]", "scalar": "2", "integer": "1",
            "expression": "x**2 + x*y", "variables": "[x, y]", "text": "x"}


def _example(slot: registry.Input) -> str:
    """The example in a slot's help (``…, e.g. [[1,2],[3,4]]``), or a generic one of its kind."""
    _, found, rest = slot.help.partition("e.g. ")
    if not found:
        return _GENERIC[slot.kind]
    if rest.startswith("["):
        depth = 0
        for k, ch in enumerate(rest):
            depth += {"[": 1, "]": -1}.get(ch, 0)
            if depth == 0:
                return rest[: k + 1]
    return re.split(r" or |, |\)", rest)[0]


def test_every_family_loads():
    assert registry.operations()
    assert registry.problems() == {}


def test_names_and_aliases_are_unique_and_findable():
    seen: dict[str, str] = {}
    for op in registry.operations():
        for key in (op.name, *op.aliases):
            assert key == key.strip().lower(), key
            assert key not in seen, f"{key!r} claimed by {op.name} and {seen[key]}"
            seen[key] = op.name
            assert registry.get(key.upper()) is op


def test_input_defaults_are_text_the_runner_parses():
    for op in registry.operations():
        for slot in op.inputs:
            if slot.default is None:
                continue
            assert slot.optional, (op.name, slot.name)
            assert isinstance(slot.default, str), (op.name, slot.name)
            runner.parse_input(slot.default, slot)  # raises InputError if the default is unreadable


def test_every_operation_renders_to_text_markdown_ascii_latex_and_json():
    for op in registry.operations():
        texts = [_example(slot) for slot in op.inputs if not slot.optional]
        try:
            d = runner.run(op.name, texts)
        except (BadInput, NotPossible):
            continue  # a declared refusal is within the contract
        assert isinstance(d, Derivation) and d.steps and d.title, op.name
        assert d.to_text() and d.to_markdown()
        latex = d.to_latex()
        unicode_left = sorted({ch for ch in latex if ord(ch) > 127})
        assert not unicode_left, (op.name, unicode_left)
        json.dumps(d.to_dict())


# ---- renderings -------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["x̂", "x̂ᵀ", "中", "A", "ŷ − ȳ"])
def test_matrix_label_pads_by_display_width(label):
    lines = _item_lines(Derivation("t", "t").step("s").show(label, Matrix([1, 2, 3])).items[0])
    starts = {cell_len(line[: line.index(bracket)]) for line in lines for bracket in "⎡⎢⎣" if bracket in line}
    assert len(starts) == 1, lines


def test_title_underline_matches_display_width():
    d = Derivation("t", "x̂ for 中")
    assert d.to_text().splitlines()[1] == "═" * cell_len("x̂ for 中")


def test_latex_uses_commands_not_unicode():
    d = Derivation("t", "Least squares for x̂")
    s = d.step("Normal equations AᵀA·x̂ = Aᵀb")
    s.text("C₁₂ = 1·6 + 2·(−8) = −10;  √2 ≈ 1.4142;  √(x + 1) ≤ ‖v‖₂;  λ₁ ≥ σ²;  A⁻¹ × 2;  |x| < 3 — done…")
    s.show("x̂", Matrix([[Symbol("λ₁"), Symbol("σ")]]), note="≈ exact")
    d.check("A·A⁻¹ = I", True)
    d.summary = "x̂ = [1, −2]"
    latex = d.to_latex()
    assert all(ord(ch) < 128 for ch in latex), sorted({ch for ch in latex if ord(ch) > 127})
    for command in (r"\ensuremath{\cdot}", r"\ensuremath{-}", r"\ensuremath{\sqrt{\text{2}}}",
                    r"\ensuremath{\sqrt{\text{x + 1}}}", r"\ensuremath{\approx}", r"\ensuremath{\leq}",
                    r"\ensuremath{\|}", r"\ensuremath{{}_{12}}", r"\ensuremath{{}^{T}}", r"\ensuremath{{}^{-1}}",
                    r"\ensuremath{\lambda}", r"\ensuremath{\geq}", r"\ensuremath{\sigma}", r"\ensuremath{\times}",
                    r"\ensuremath{\hat{\text{x}}}", r"\ensuremath{<}", "---", r"\ldots{}", r"\lambda _{1} & \sigma \end"):
        assert command in latex, command


def test_latex_tells_a_minus_from_a_hyphen():
    d = Derivation("t", "t")
    d.step("s").text("det-rows gives x - 1 = -2 and (-3), see --latex")
    line = d.to_latex().splitlines()[3]
    assert line == r"    \par det-rows gives x \ensuremath{-} 1 = \ensuremath{-}2 and (\ensuremath{-}3), see --latex"


def test_huge_integers_render_everywhere():
    big = Integer(10) ** 5000 + 7
    d = Derivation("t", "t", result=[big, Matrix([[big, 1]])])
    d.step("s").show("n", big).show("M", Matrix([[big, 1]]))
    assert "100000…007 (5,001 digits)" in d.to_text()
    assert "(5,001 digits)" in d.to_latex() and "(5,001 digits)" in d.to_markdown()
    data = json.loads(json.dumps(d.to_dict()))
    assert data["result"][0] == "1" + "0" * 4999 + "7"  # JSON keeps every digit
    assert data["result"][1] == f"Matrix([[1{'0' * 4999}7, 1]])"
    assert result_repr(sympy.Rational(1, 3)) == "1/3"


# ---- a family that clashes is left out, the others stay --------------------------------------


def _family_package(tmp_path, monkeypatch, families: dict[str, str]) -> str:
    """A throw-away package of family modules, with the registry pointed at it and emptied."""
    package = f"fake_families_{uuid.uuid4().hex[:8]}"
    root = tmp_path / package
    root.mkdir()
    (root / "__init__.py").write_text("")
    header = "from linalg_tutor.steps.registry import Input, operation\n"
    for name, body in families.items():
        (root / f"{name}.py").write_text(header + textwrap.dedent(body))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_PACKAGE", package)
    monkeypatch.setattr(registry, "FAMILIES", tuple(families))
    monkeypatch.setattr(registry, "_REGISTRY", {})
    monkeypatch.setattr(registry, "_ALIASES", {})
    monkeypatch.setattr(registry, "_PROBLEMS", {})
    monkeypatch.setattr(registry, "_loaded", False)
    return package


_GOOD = '''
@operation("fake-one", "first", inputs=(), aliases=("f1",))
def one():
    from linalg_tutor.steps.derivation import Derivation
    return Derivation("fake-one", "One")
'''
_CLASHING = '''
@operation("fake-three", "registered before the clash", inputs=())
def three():
    pass

@operation("fake-two", "second", inputs=(), aliases=("f2", "f1"))
def two():
    pass
'''
_LATER = '''
@operation("fake-four", "after the clash", inputs=(Input("k", "integer", "k", optional=True, default="2"),))
def four(k):
    from linalg_tutor.steps.derivation import Derivation
    return Derivation("fake-four", f"Four {k}")
'''


def test_a_duplicate_alias_leaves_out_only_its_family(tmp_path, monkeypatch):
    package = _family_package(tmp_path, monkeypatch, {"good": _GOOD, "clashing": _CLASHING, "later": _LATER})
    with pytest.warns(RuntimeWarning, match="clashing operations are unavailable") as caught:
        names = [op.name for op in registry.operations()]
    assert names == ["fake-one", "fake-four"]  # nothing half-registered from the clashing family
    message = str(caught[0].message)
    assert f"{package}.clashing.two registers alias 'f1'" in message
    assert f"already taken by alias 'f1' of operation 'fake-one' ({package}.good.one)" in message
    assert set(registry.problems()) == {"clashing"}
    assert registry.get("f1").name == "fake-one"
    assert runner.run("fake-four", []).title == "Four 2"  # the CLI path still works
    with pytest.raises(KeyError, match="clashing operations are unavailable"):
        registry.get("fake-three")


def test_a_taken_name_names_both_registrants(tmp_path, monkeypatch):
    _family_package(tmp_path, monkeypatch, {})

    @registry.operation("fake-x", "x", inputs=(), aliases=("fx",))
    def first():
        pass

    def second():
        pass

    with pytest.raises(registry.RegistrationError, match=r"test_contract\..*second registers name 'fx', "
                                                         r"already taken by alias 'fx' of operation 'fake-x'"):
        registry.operation("fx", "y", inputs=())(second)
    with pytest.raises(registry.RegistrationError, match="registers alias 'fake-x', already taken by operation"):
        registry.operation("fake-y", "y", inputs=(), aliases=("fake-x",))(second)
    with pytest.raises(registry.RegistrationError, match="must be lowercase"):
        registry.operation("Fake-Z", "z", inputs=())(second)
    assert [op.name for op in registry.operations()] == ["fake-x"]


def test_a_broken_family_fails_loudly_every_time(tmp_path, monkeypatch):
    broken = '''
    @operation("fake-five", "registered before the bug", inputs=())
    def five():
        pass

    raise RuntimeError("bug in the family")
    '''
    _family_package(tmp_path, monkeypatch, {"good": _GOOD, "broken": broken})
    for _ in range(2):  # the second call does not quietly return a partial table
        with pytest.raises(RuntimeError, match="bug in the family"):
            registry.operations()
    assert "fake-five" not in registry._REGISTRY


def test_operations_come_in_curriculum_order_whatever_was_imported_first():
    import linalg_tutor.steps.pca  # noqa: F401 - a late family imported early must not jump the queue

    modules = [op.func.__module__.rsplit(".", 1)[1] for op in registry.operations()]
    ranks = [registry.FAMILIES.index(m) for m in modules]
    assert ranks == sorted(ranks) and modules[0] == "basics"
