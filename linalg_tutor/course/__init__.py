"""The course service: what ties exercises to grading and to the step engine.

Below this layer, ``content`` reads chapters and exercise files, ``grading`` reads and judges
typed answers, ``steps`` derives hand calculations and ``progress`` keeps attempts; none of them
knows the others. Here they meet:

* :mod:`.kinds` — the answer-kind registry (value, expression, direction, choice, line, order, code).
* :mod:`.instance` — an exercise made concrete for one seed (:func:`~.instance.instantiate`).
* :mod:`.service` — load the course with its kinds, grade an answer, derive an exercise's steps.
* :mod:`.validate` — every check ``linalg-tutor validate`` runs, structural and mathematical.
* :mod:`.scratchpad` — typed text → a step-engine operation (the scratchpad and ``steps``).
* :mod:`.show` — an exercise as the learner sees it, as text or JSON (``linalg-tutor show``).

The front ends (``tui``, ``cli``) use this layer and never reach past it into kinds by name.
"""
