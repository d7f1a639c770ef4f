"""Load chapters and exercises from disk, reporting every problem as ``file:line: message``.

Loading never raises on bad content: it returns what could be read plus a list of
:class:`Problem`. The CLI prints them (``linalg-tutor validate``) and the app shows the same
report instead of a traceback. This module checks *structure* only (YAML syntax, the schema,
duplicates, cross references) and stays fast: it does not import SymPy. The mathematical checks
(does ``compute`` evaluate, does ``literal`` agree with it) live in :mod:`.validate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from linalg_tutor.content.models import (
    AnswerSpec,
    Chapter,
    ChapterMeta,
    Exercise,
    CourseFile,
    ExerciseFile,
    WorkbookChapter,
)
from linalg_tutor.paths import CHAPTERS_DIR, EXERCISES_DIR, EXERCISES_FILE

_CHAPTER_NAME = re.compile(r"^(\d{2})-[a-z0-9-]+\.md$")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Course:
    """Everything the tutor teaches, as loaded from one content folder."""

    root: Path
    chapters: list[Chapter] = field(default_factory=list)
    workbook: list[WorkbookChapter] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)
    #: File and line of each exercise's ``- id:`` entry, for later (semantic) problems.
    exercise_sources: dict[str, tuple[str, int]] = field(default_factory=dict)
    workbook_sources: dict[int, tuple[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, exercise_id: str) -> tuple[str, int]:
        """``(path, line)`` of an exercise's entry, for messages that point an author at it."""
        return self.exercise_sources.get(exercise_id, (str(self.root / EXERCISES_DIR), 1))

    def problem(self, exercise_id: str, message: str) -> Problem:
        """A problem located at an exercise's entry."""
        path, line = self.where(exercise_id)
        return Problem(path, line, message)

    def exercise(self, exercise_id: str) -> Exercise:
        for ex in self.exercises:
            if ex.id == exercise_id:
                return ex
        raise KeyError(exercise_id)

    def chapter(self, chapter_id: int) -> Chapter:
        for ch in self.chapters:
            if ch.id == chapter_id:
                return ch
        raise KeyError(chapter_id)

    def workbook_chapter(self, number: int) -> WorkbookChapter:
        for wb in self.workbook:
            if wb.chapter == number:
                return wb
        raise KeyError(number)

    def for_lesson(self, chapter_id: int) -> list[Exercise]:
        """Exercises listed at the end of lesson chapter ``chapter_id``: check question last."""
        items = [ex for ex in self.exercises if ex.lesson == chapter_id]
        return sorted(items, key=lambda ex: (not ex.is_workbook, ex.sort_key))

    def for_workbook(self, number: int) -> list[Exercise]:
        return [ex for ex in self.exercises if ex.workbook == number and ex.is_workbook]

    @property
    def workbook_exercises(self) -> list[Exercise]:
        """The workbook's numbered exercises: the ones overall mastery counts."""
        return [ex for ex in self.exercises if ex.is_workbook]

    @property
    def ok(self) -> bool:
        return not self.problems


#: Answer kinds by name: the model each kind's ``answer:`` is validated against.
AnswerKinds = Mapping[str, type[AnswerSpec]]


def load_course(root: Path, kinds: AnswerKinds | None = None) -> Course:
    """Read ``root/chapters/*.md``, ``root/exercises.yaml`` and ``root/exercises/*.yaml``.

    ``kinds`` are the answer kinds the course knows (the course layer passes its registry);
    without them answers are checked only for a ``kind:``. Never raises on bad content.
    """
    course = Course(root=root)
    _load_chapters(course)
    _load_exercises(course, kinds)
    _cross_check(course)
    return course


# ---- chapters ---------------------------------------------------------------------------------


def _load_chapters(course: Course) -> None:
    folder = course.root / CHAPTERS_DIR
    if not folder.is_dir():
        course.problems.append(Problem(str(folder), 1, "the chapters folder is missing"))
        return
    seen: dict[int, str] = {}
    for path in sorted(folder.glob("*.md")):
        name_match = _CHAPTER_NAME.match(path.name)
        if not name_match:
            course.problems.append(Problem(str(path), 1, "chapter files are named NN-slug.md, e.g. 03-dot-product.md"))
            continue
        chapter = _load_chapter(path, course.problems)
        if chapter is None:
            continue
        if chapter.id != int(name_match.group(1)):
            course.problems.append(Problem(str(path), 2, f"front matter id is {chapter.id} but the file name says {int(name_match.group(1))}"))
        if chapter.id in seen:
            course.problems.append(Problem(str(path), 2, f"chapter id {chapter.id} is also used by {seen[chapter.id]}"))
            continue
        seen[chapter.id] = path.name
        course.chapters.append(chapter)
    course.chapters.sort(key=lambda c: c.id)


def _load_chapter(path: Path, problems: list[Problem]) -> Chapter | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), 1, f"cannot read the file: {exc}"))
        return None
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(str(path), 1, "a chapter starts with front matter between --- lines (id, title, summary, workbook)"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.append(Problem(str(path), 1, "the front matter is not closed by a --- line"))
        return None
    front = "\n".join(lines[1:end])
    try:
        data, node = _compose_and_construct(front)
    except yaml.YAMLError as exc:
        problems.append(Problem(str(path), 1 + _yaml_error_line(exc), f"front matter: {_yaml_error_text(exc)}"))
        return None
    errors = _schema_errors(ChapterMeta, data, node, str(path), line_offset=1)
    if errors:
        problems.extend(errors)
        return None
    meta = ChapterMeta.model_validate(data)
    body = "\n".join(lines[end + 1:]).strip("\n") + "\n"
    return Chapter(meta=meta, body=body, path=str(path), body_line=end + 2)


# ---- exercises --------------------------------------------------------------------------------


def _read_yaml(path: Path, problems: list[Problem]) -> tuple[Any, yaml.Node | None] | None:
    """Parse one YAML file into (data, node tree); None (with a problem) when it cannot be read."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(where, 1, f"{path.name} is missing"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(where, 1, f"cannot read the file: {exc}"))
        return None
    if len(text) > MAX_FILE_CHARS:
        problems.append(Problem(where, 1, f"the file is {len(text):,} characters long; a course file may have "
                                          f"at most {MAX_FILE_CHARS:,} (split it)"))
        return None
    try:
        refused = _refused_constructs(text, where)
        if refused:
            problems.extend(refused)
            return None
        data, node = _compose_and_construct(text)
    except yaml.YAMLError as exc:
        problems.append(Problem(where, _yaml_error_line(exc), _yaml_error_text(exc)))
        return None
    problems.extend(_duplicate_keys(node, where))
    return data, node


def _compose_and_construct(text: str) -> tuple[Any, yaml.Node | None]:
    """The node tree (for line numbers) and the data built from that same tree: one parse."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


#: Largest course file read (exercise files are a few hundred lines; this leaves room for 100×).
MAX_FILE_CHARS = 2_000_000
#: Longest number written in a course file.
MAX_NUMBER_DIGITS = 1000


def _refused_constructs(text: str, where: str) -> list[Problem]:
    """YAML that costs more to load than it says: aliases (a few lines can expand to billions of
    nodes, or refer to themselves) and numbers with thousands of digits. Found from the parser's
    event stream, before anything is built."""
    problems = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(where, event.start_mark.line + 1,
                                    f"YAML aliases (*{event.anchor}) are not allowed in course files: write the value out"))
            break
        if (isinstance(event, yaml.ScalarEvent) and not event.style  # plain, unquoted
                and sum(c.isdigit() for c in event.value[:MAX_NUMBER_DIGITS + 10]) > MAX_NUMBER_DIGITS):
            problems.append(Problem(where, event.start_mark.line + 1,
                                    f"a number with more than {MAX_NUMBER_DIGITS} digits: write it as an expression "
                                    "in quotes (\"10^2000\") if you need it"))
    return problems


def _load_exercises(course: Course, kinds: AnswerKinds | None) -> None:
    """``exercises.yaml`` names the format; every ``exercises/*.yaml`` holds exercises."""
    path = course.root / EXERCISES_FILE
    read = _read_yaml(path, course.problems)
    if read is None:
        return
    data, node = read
    if not isinstance(data, dict):
        course.problems.append(Problem(str(path), 1, "exercises.yaml must be a mapping with format_version"))
        return
    errors = _schema_errors(CourseFile, data, node, str(path))
    course.problems.extend(errors)
    if errors:
        return
    folder = course.root / EXERCISES_DIR
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        course.problems.append(Problem(str(folder), 1, "no exercise files: expected exercises/*.yaml"))
    for file in files:
        _load_exercise_file(course, file, kinds)


def _load_exercise_file(course: Course, path: Path, kinds: AnswerKinds | None) -> None:
    where = str(path)
    read = _read_yaml(path, course.problems)
    if read is None:
        return
    data, node = read
    if data is None:
        return  # an empty file holds nothing yet
    if not isinstance(data, dict):
        course.problems.append(Problem(where, 1, "an exercise file is a mapping with `exercises:` (and `workbook:`)"))
        return
    # Validate item by item so one broken exercise does not hide the others.
    top = {k: v for k, v in data.items() if k not in ("workbook", "exercises")}
    course.problems.extend(_schema_errors(ExerciseFile, top, node, where))
    if data.get("workbook") is not None:
        wb_node = _child(node, "workbook")
        errors = _schema_errors(WorkbookChapter, data["workbook"], wb_node, where)
        if errors:
            course.problems.extend(errors)
        else:
            course.workbook.append(WorkbookChapter.model_validate(data["workbook"]))
            course.workbook_sources[course.workbook[-1].chapter] = (where, _line(wb_node))
    items = data.get("exercises") or []
    items_node = _child(node, "exercises")
    if not isinstance(items, list):
        course.problems.append(Problem(where, _line(items_node), "`exercises` must be a list"))
        return
    for index, item in enumerate(items):
        item_node = _child(items_node, index)
        errors = _schema_errors(Exercise, item, item_node, where)
        if errors:
            course.problems.extend(errors)
            continue
        exercise = Exercise.model_validate(item)
        if kinds is not None:
            answer = _answer_of_kind(exercise, item, item_node, where, kinds, course.problems)
            if answer is None:
                continue
            exercise = exercise.model_copy(update={"answer": answer})
        if exercise.id in course.exercise_sources:
            first = ":".join(map(str, course.exercise_sources[exercise.id]))
            course.problems.append(Problem(where, _line(item_node), f"exercise id {exercise.id} is also used at {first}"))
            continue
        course.exercises.append(exercise)
        course.exercise_sources[exercise.id] = (where, _line(item_node))


def _answer_of_kind(exercise: Exercise, item: dict, item_node: yaml.Node | None, where: str,
                    kinds: AnswerKinds, problems: list[Problem]) -> AnswerSpec | None:
    """The exercise's answer validated against its kind's model; None (with problems) if it is not."""
    answer_node = _child(item_node, "answer")
    spec = kinds.get(exercise.answer.kind)
    if spec is None:
        known = ", ".join(sorted(kinds))
        problems.append(Problem(where, _line(_child(answer_node, "kind")),
                                f"unknown answer kind `{exercise.answer.kind}` (known: {known}) (in answer.kind)"))
        return None
    errors = _schema_errors(spec, item["answer"], answer_node, where, prefix=("answer",))
    if errors:
        problems.extend(errors)
        return None
    if exercise.type not in spec.fits:
        problems.append(Problem(where, _line(_child(answer_node, "kind")),
                                f"a {exercise.type} exercise cannot take a `{exercise.answer.kind}` answer "
                                f"(it fits {', '.join(spec.fits)})"))
        return None
    return spec.model_validate(item["answer"])


def _cross_check(course: Course) -> None:
    """References between files: chapters that exist, workbook chapters defined once."""
    lesson_ids = {c.id for c in course.chapters}
    workbook_ids = {w.chapter for w in course.workbook}
    for ex in course.exercises:
        if ex.workbook is not None and ex.workbook not in workbook_ids:
            course.problems.append(course.problem(ex.id, f"exercise {ex.id}: workbook chapter {ex.workbook} is not defined (exercises/workbook-{ex.workbook}.yaml)"))
        if ex.lesson is not None and course.chapters and ex.lesson not in lesson_ids:
            course.problems.append(course.problem(ex.id, f"exercise {ex.id}: lesson chapter {ex.lesson} has no file in chapters/"))
    for ch in course.chapters:
        # A workbook file that exists but could not be read is reported once, for itself.
        exists = (course.root / EXERCISES_DIR / f"workbook-{ch.meta.workbook}.yaml").is_file()
        if ch.meta.workbook is not None and course.workbook and ch.meta.workbook not in workbook_ids and not exists:
            course.problems.append(Problem(ch.path, 2, f"front matter workbook: {ch.meta.workbook} is not a defined workbook chapter"))
    seen_wb: set[int] = set()
    for wb in course.workbook:
        if wb.chapter in seen_wb:
            path, line = course.workbook_sources.get(wb.chapter, (str(course.root / EXERCISES_DIR), 1))
            course.problems.append(Problem(path, line, f"workbook chapter {wb.chapter} is defined twice"))
        seen_wb.add(wb.chapter)
    course.workbook.sort(key=lambda w: w.chapter)
    order = {ex.id: ex.sort_key for ex in course.exercises}
    course.exercises.sort(key=lambda ex: order[ex.id])


# ---- YAML and schema helpers ------------------------------------------------------------------


def _yaml_error_line(exc: yaml.YAMLError) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


def _yaml_error_text(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem:
        return f"YAML syntax: {problem}" + (f" ({context})" if context else "")
    return f"YAML syntax: {exc}"


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _child(node: yaml.Node | None, key: Any) -> yaml.Node | None:
    """The YAML node under ``key`` (a mapping key or a list index), or None."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == str(key):
                return v
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _key_node(node: yaml.Node | None, key: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if k.value == str(key):
                return k
    return None


def _locate(node: yaml.Node | None, loc: Iterable[Any]) -> int:
    """The line of the deepest YAML node along a pydantic error location."""
    best = node
    for part in loc:
        nxt = _child(best, part)
        if nxt is None:
            break
        best = nxt
    return _line(best)


def _schema_errors(model: type, data: Any, node: yaml.Node | None, path: str, line_offset: int = 0,
                   prefix: tuple[Any, ...] = ()) -> list[Problem]:
    """Pydantic's errors for ``data`` as problems at the lines of ``node``'s YAML; ``prefix`` is
    where ``data`` sits in its exercise, for the "(in answer.choices)" part of the message."""
    from pydantic import ValidationError

    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = err.get("loc", ())
            line = _locate(node, loc) + line_offset
            if err["type"] == "extra_forbidden":
                key_node = _key_node(_walk(node, loc[:-1]), loc[-1])
                line = _line(key_node) + line_offset if key_node else line
                message = f"unknown key `{loc[-1]}`" + _where(prefix + tuple(loc[:-1]))
            elif err["type"] == "missing":
                message = f"missing `{loc[-1]}`" + _where(prefix + tuple(loc[:-1]))
            else:
                message = _clean(err.get("msg", "invalid")) + _where(prefix + tuple(loc))
            problems.append(Problem(path, line, message))
        return _dedupe(problems)
    return []


def _walk(node: yaml.Node | None, loc: Iterable[Any]) -> yaml.Node | None:
    for part in loc:
        nxt = _child(node, part)
        if nxt is None:
            return node
        node = nxt
    return node


def _where(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc]
    return f" (in {'.'.join(parts)})" if parts else ""


def _clean(msg: str) -> str:
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int, str]] = set()
    out = []
    for p in problems:
        if (p.line, p.message) not in seen:
            seen.add((p.line, p.message))
            out.append(p)
    return out


def _duplicate_keys(node: yaml.Node | None, path: str) -> list[Problem]:
    """PyYAML keeps the last of two equal keys silently; authors deserve to hear about it."""
    out: list[Problem] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in n.value:
                if k.value in seen:
                    out.append(Problem(path, _line(k), f"key `{k.value}` appears twice in the same mapping"))
                seen.add(k.value)
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return sorted(out, key=lambda p: p.line)
