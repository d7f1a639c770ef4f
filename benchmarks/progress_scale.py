"""Progress store at scale: years of daily practice, loaded and recorded into.

Builds a store of N attempts in a temporary folder with the project's own API (the
store's ``append`` and the progress fold, as a session does, then a session close for the
snapshot), with one answer in twenty a ten-line piece of code. Then it measures, in this
process:

- ``load_s``: opening the progress as the tutor does (``ProgressSession.open``: lock + load),
  the median of 5 runs;
- ``save_ms``: recording one attempt until it is on the disk (``record`` + ``flush``, i.e.
  the ``fdatasync`` done by the background thread included), the median of 50;
- ``file_mb``: the size of the attempts log and the snapshot together.

Goals (issue 17): load_s ≤ 0.2 and save_ms ≤ 20 at 100,000 attempts. Measured on the
shared 2-core machine (December 2026): ``attempts=100000 load_s=0.003 save_ms=0.11
file_mb=23.6``. Rebuilding from the log alone (the snapshot lost) takes about 1.3 s there.

    .venv/bin/python benchmarks/progress_scale.py --attempts 100000 [--dir DIR]

A benchmark, not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linalg_tutor.progress.model import Attempt, Progress  # noqa: E402
from linalg_tutor.progress.session import ProgressSession  # noqa: E402
from linalg_tutor.progress.store import ProgressStore  # noqa: E402

CODE = "\n".join(f"    total = total + weights[{i}] * inputs[{i}]  # step {i}" for i in range(10))


def build(folder: Path, n: int) -> None:
    """N attempts over about 200 exercises, a few dozen a day, as a learner would make them."""
    zone = timezone(timedelta(hours=1))
    start = datetime(2020, 1, 1, 8, 0, tzinfo=zone)
    with ProgressStore(folder) as store:
        store.load()
        progress = Progress()
        for i in range(n):
            at = start + timedelta(minutes=17 * i)
            attempt = Attempt(
                exercise_id=f"{i % 10}.{(i // 10) % 20}", at=at,
                answer=CODE if i % 20 == 0 else f"[[{i % 7}, 2], [3, {i % 5}]]",
                correct=i % 4 != 0, hints_used=i % 3 == 0, derivation_revealed=i % 29 == 0,
                interpreted_as="⎡1 2⎤", seed=i % 11 if i % 2 else None,
            )
            progress.add(attempt)
            store.append(attempt)
        store.sync()
        store.save(progress)


def measure(folder: Path, n: int) -> str:
    loads = []
    for _ in range(5):
        began = time.perf_counter()
        session = ProgressSession.open(folder)
        loads.append(time.perf_counter() - began)
        assert session.progress.attempt_count == n, session.progress.attempt_count
        session.close()
    session = ProgressSession.open(folder)
    verdict = SimpleNamespace(correct=True, interpreted_as="19", score=None)
    saves = []
    for i in range(50):
        began = time.perf_counter()
        session.record("0.1", "19", verdict, hints_used=0, seed=i)
        session.flush()
        saves.append(time.perf_counter() - began)
    session.close()
    size = sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith("progress."))
    return (f"attempts={n} load_s={statistics.median(loads):.3f} "
            f"save_ms={1000 * statistics.median(saves):.2f} file_mb={size / 1e6:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=100_000, metavar="N")
    parser.add_argument("--dir", type=Path, help="build the store here (default: a temporary folder)")
    args = parser.parse_args()
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        build(args.dir, args.attempts)
        print(measure(args.dir, args.attempts))
        return 0
    with tempfile.TemporaryDirectory(prefix="progress-scale-") as folder:
        build(Path(folder), args.attempts)
        print(measure(Path(folder), args.attempts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
