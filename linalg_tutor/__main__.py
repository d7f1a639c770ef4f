"""``python -m linalg_tutor`` behaves exactly like the ``linalg-tutor`` command."""

from linalg_tutor.cli import main

raise SystemExit(main())
