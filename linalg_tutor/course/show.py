"""An exercise as the learner sees it, as plain text or JSON (``linalg-tutor show``).

With the command line alone a learner can work every exercise: ``show`` prints the prompt, the
given data, and the answer part (choices numbered, code with line numbers, items with letters),
then ``check`` grades the answer written as the kind's text encoding.
"""

from __future__ import annotations

from typing import Any

from linalg_tutor.course.instance import ExerciseInstance

TYPE_LABELS = {
    "derive": "Derive: work it out by hand",
    "trace": "Trace: reason it through",
    "build": "Build: write the code",
    "debug": "Debug: find the bug",
    "design": "Design: put it together",
}


def given_text(instance: ExerciseInstance) -> str:
    """The given data, one name per block, matrices as aligned grids."""
    from linalg_tutor.mathtext.fmt import matrix_lines

    blocks = []
    for name, value in instance.values.items():
        if getattr(value, "is_Matrix", False):
            lines = matrix_lines(value)
            pad = " " * (len(name) + 3)
            middle = len(lines) // 2
            blocks.append("\n".join((f"{name} = " if i == middle else pad) + line for i, line in enumerate(lines)))
        else:
            from linalg_tutor.course.given import value_text

            blocks.append(f"{name} = {value_text(value)}")
    return "\n\n".join(blocks)


def show_text(instance: ExerciseInstance) -> str:
    ex = instance.exercise
    seed = f"   (seed {instance.seed})" if instance.seed else ""
    parts = [f"{ex.id}  {ex.title}   [{TYPE_LABELS.get(ex.type, ex.type)}]{seed}", "", instance.prompt.rstrip()]
    if instance.values:
        parts += ["", given_text(instance)]
    parts += ["", instance.kind.describe(instance)]
    seed_flag = f" --seed {instance.seed}" if instance.seed else ""
    answer = "--file FILE" if instance.kind.from_file else "ANSWER"
    parts += ["", f"Answer with: linalg-tutor check {ex.id}{seed_flag} {answer}   ({instance.kind.encoding})"]
    return "\n".join(parts)


def show_data(instance: ExerciseInstance) -> dict[str, Any]:
    ex = instance.exercise
    return {
        "id": ex.id,
        "title": ex.title,
        "type": ex.type,
        "kind": ex.answer.kind,
        "seed": instance.seed,
        "varies": ex.varies,
        "prompt": instance.prompt,
        "given": {name: _jsonable(value) for name, value in instance.data.items()},
        "answer": instance.kind.data(instance),
        "hints": len(instance.hints),
        "encoding": instance.kind.encoding,
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return value
    return str(value)
