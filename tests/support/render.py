"""One check that a derivation renders in every form a front end asks for."""

from __future__ import annotations

import json

from linalg_tutor.steps.derivation import Derivation


def assert_renders(d: Derivation) -> None:
    """Text, Markdown, LaTeX and JSON all work, and the derivation's own checks held."""
    assert d.to_text().startswith(d.title)
    assert "**Step 1." in d.to_markdown()
    assert "\\begin{enumerate}" in d.to_latex()
    data = d.to_dict()
    json.dumps(data)
    assert data["verified"] is True
