"""Exact numbers as text: the leaf every other package may use, and which uses none of them.

* :mod:`.fmt` — SymPy values as Unicode maths (``5√2``, ``−3/4``, aligned matrices), decimals that
  never claim more exactness than they have, super- and subscripts.
* :mod:`.latex` — that Unicode maths as ASCII LaTeX.
* :mod:`.guards` — cheap size estimates (digits, nesting, towers) taken before expensive work.
* :mod:`.numeric` — guarded numeric evaluation at sample points (gives up on astronomical values).

Nothing here imports another package of linalg_tutor (``tests/test_layering.py`` checks it), so
grading, the step engine, content and the front ends can all share one way of writing numbers.
"""
