"""The numbers behind each chapter's picture: pure functions, no Textual, no plotext.

Every visual panel of the tutor (``linalg_tutor.tui.panels``) draws what a function here
returns, so the mathematics is tested without a terminal. NumPy is imported by the modules
that need it; :mod:`linalg_tutor.viz.catalog` (the list of panels) imports nothing heavy.
"""
