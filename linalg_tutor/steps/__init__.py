"""The hand-calculation engine: exact, step-by-step derivations computed with SymPy.

Each family module registers operations in :mod:`linalg_tutor.steps.registry`; every operation
returns a :class:`~linalg_tutor.steps.derivation.Derivation`. Nothing here imports SymPy at
package import time, so screens can import this package before SymPy has loaded.
"""

from linalg_tutor.steps.derivation import BadInput, Derivation, NotPossible, Show, Step, Text

__all__ = ["BadInput", "Derivation", "NotPossible", "Show", "Step", "Text"]
