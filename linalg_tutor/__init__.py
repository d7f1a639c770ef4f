"""linalg-tutor: a terminal tutor for the linear algebra behind machine learning.

The package is layered. Everything outside ``tui/`` is the pure core: it never imports
Textual, so it can be used and tested headless (see ``tests/test_layering.py``).
"""

__version__ = "0.1.0"
