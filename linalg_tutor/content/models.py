"""The course content as typed objects: chapters, workbook chapters and exercises.

These pydantic models *are* the schema of ``exercises.yaml`` and of a chapter's front matter:
unknown keys are refused (``extra="forbid"``) so a typo such as ``hint:`` for ``hints:`` is an
error with a line number, not a silently ignored field.

The answer of an exercise is an :class:`AnswerSpec` whose ``kind`` names one of the answer
kinds registered by the course layer (``linalg_tutor.course.kinds``); content itself knows
none of them, so adding a kind never touches this package.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: The content format this loader understands (``format_version:`` in exercises.yaml).
#: 2: the exercises live in ``exercises/*.yaml``, one file per workbook chapter and per lesson.
FORMAT_VERSION = 2

ExerciseType = Literal["derive", "trace", "build", "debug", "design"]
EXERCISE_TYPES: tuple[str, ...] = ("derive", "trace", "build", "debug", "design")

_WORKBOOK_ID = re.compile(r"^(\d+)\.(\d+)$")
_LESSON_ID = re.compile(r"^L(\d+)\.[a-z][a-z0-9-]*$")
_TOLERANCE = re.compile(r"^(exact|(rel|abs):[0-9.eE+-]+|dp:\d+)$")

#: A given value as written in YAML: a number, an exact expression string ("1/3", "sqrt(2)"),
#: a vector (list) or a matrix (list of lists). The loader turns them into SymPy values lazily.
GivenValue = Union[int, float, str, list[Union[int, float, str]], list[list[Union[int, float, str]]]]


#: Given data is worked by hand: a matrix is at most this many rows and columns, an entry at most
#: this many characters. Larger data would make every check of the exercise slow.
MAX_GIVEN_SIDE = 10
MAX_GIVEN_TEXT = 100


def _check_size(name: str, value: object) -> None:
    rows = value if isinstance(value, list) else [value]
    cells = [c for r in rows for c in (r if isinstance(r, list) else [r])]
    side = max([len(rows)] + [len(r) for r in rows if isinstance(r, list)])
    if side > MAX_GIVEN_SIDE:
        raise ValueError(f"given `{name}` has {side} rows or columns; hand-worked data has at most {MAX_GIVEN_SIDE}")
    if any(isinstance(c, str) and len(c) > MAX_GIVEN_TEXT for c in cells):
        raise ValueError(f"given `{name}` has an entry longer than {MAX_GIVEN_TEXT} characters")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class AnswerSpec(BaseModel):
    """An exercise's ``answer:``, as far as content knows it: ``kind`` names an answer kind.

    Content does not know the kinds. The course layer registers one model per kind (a subclass
    of this one, with ``extra="forbid"``) and hands them to the loader, which validates each
    answer against its kind's model, with file:line problems, and keeps the kind's object.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    kind: str = Field(pattern=r"^[a-z][a-z0-9-]*$")

    #: The exercise types an answer of this kind can answer (the loader checks it).
    fits: ClassVar[tuple[str, ...]] = EXERCISE_TYPES


class Variation(_Strict):
    """How one given value varies with the seed (``vary: {A: {matrix: [2, 2], entries: [-9, 9]}}``).

    Exactly one of ``integer`` (a whole number in [lo, hi]), ``vector`` (its length) or
    ``matrix`` (its shape) says what is drawn; ``entries`` bounds the entries of a vector or
    matrix; ``properties`` asks for more (redrawn until they hold).
    """

    integer: tuple[int, int] | None = None
    vector: int | None = Field(default=None, ge=1, le=6)
    matrix: tuple[int, int] | None = None
    entries: tuple[int, int] = (-9, 9)
    properties: list[Literal["nonzero", "nonsingular", "singular", "symmetric", "spd",
                             "integer-eigenvalues", "distinct-eigenvalues", "positive"]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one(self) -> "Variation":
        given = [x for x in (self.integer, self.vector, self.matrix) if x is not None]
        if len(given) != 1:
            raise ValueError("say exactly one of `integer: [lo, hi]`, `vector: n` or `matrix: [rows, cols]`")
        for lo, hi in [r for r in (self.integer, self.entries) if r is not None]:
            if lo > hi or max(abs(lo), abs(hi)) > 1000:
                raise ValueError(f"range [{lo}, {hi}] must have lo ≤ hi, within ±1000")
        if self.matrix is not None and not (1 <= self.matrix[0] <= 6 and 1 <= self.matrix[1] <= 6):
            raise ValueError("a varied matrix is 1×1 to 6×6")
        square = ("nonsingular", "singular", "symmetric", "spd", "integer-eigenvalues", "distinct-eigenvalues")
        if any(p in square for p in self.properties) and (self.matrix is None or self.matrix[0] != self.matrix[1]):
            raise ValueError(f"properties {', '.join(p for p in self.properties if p in square)} need a square `matrix`")
        return self


class EngineCall(_Strict):
    """A step-engine operation run on the exercise's given data: ``{op: det, args: [B]}``."""

    op: str
    args: list[str] = Field(default_factory=list)


class DerivationSpec(_Strict):
    engine: EngineCall | None = None
    text: str = ""

    @model_validator(mode="after")
    def _something(self) -> "DerivationSpec":
        if self.engine is None and not self.text.strip():
            raise ValueError("a derivation needs `text`, an `engine` call, or both")
        return self


class Exercise(_Strict):
    """One exercise, workbook item (``0.1``) or lesson check question (``L0.check``)."""

    id: str
    type: ExerciseType
    title: str = Field(min_length=1)
    prompt: str = Field(min_length=1)
    workbook: int | None = None
    lesson: int | None = None
    given: dict[str, GivenValue] = Field(default_factory=dict)
    vary: dict[str, Variation] = Field(default_factory=dict)
    answer: AnswerSpec
    hints: list[str] = Field(min_length=1)
    derivation: DerivationSpec
    explanation: str = ""

    @field_validator("id")
    @classmethod
    def _id_form(cls, v: str) -> str:
        if not (_WORKBOOK_ID.match(v) or _LESSON_ID.match(v)):
            raise ValueError(f"id {v!r} must look like 0.1 (workbook) or L0.check (lesson)")
        return v

    @field_validator("hints")
    @classmethod
    def _real_hints(cls, v: list[str]) -> list[str]:
        if any(not h.strip() for h in v):
            raise ValueError("every hint needs text")
        return v

    @field_validator("given")
    @classmethod
    def _names(cls, v: dict[str, GivenValue]) -> dict[str, GivenValue]:
        for name, value in v.items():
            if not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", name):
                raise ValueError(f"given name {name!r} must be a letter followed by letters/digits")
            _check_size(name, value)
        return v

    @model_validator(mode="after")
    def _placement(self) -> "Exercise":
        if self.workbook is None and self.lesson is None:
            raise ValueError("an exercise needs `workbook:` or `lesson:` (or both)")
        m = _WORKBOOK_ID.match(self.id)
        if m and self.workbook is not None and int(m.group(1)) != self.workbook:
            raise ValueError(f"id {self.id} says workbook chapter {m.group(1)} but `workbook:` is {self.workbook}")
        if m and self.workbook is None:
            raise ValueError(f"workbook exercise {self.id} needs `workbook: {m.group(1)}`")
        lm = _LESSON_ID.match(self.id)
        if lm and self.lesson is not None and int(lm.group(1)) != self.lesson:
            raise ValueError(f"id {self.id} says lesson {lm.group(1)} but `lesson:` is {self.lesson}")
        unknown = [name for name in self.vary if name not in self.given]
        if unknown:
            raise ValueError(f"`vary` names {', '.join(unknown)}, which is not in `given` (the seed-0 values)")
        return self

    @property
    def varies(self) -> bool:
        """Whether the exercise has fresh numbers on demand (seed 0 is always the data as written)."""
        return bool(self.vary)

    @property
    def is_workbook(self) -> bool:
        return self.workbook is not None and bool(_WORKBOOK_ID.match(self.id))

    @property
    def sort_key(self) -> tuple[int, int, int]:
        m = _WORKBOOK_ID.match(self.id)
        if m:
            return (0, int(m.group(1)), int(m.group(2)))
        lm = _LESSON_ID.match(self.id)
        # A lesson's practice exercises come before its check question, in file order.
        return (1, int(lm.group(1)) if lm else 0, 1 if self.id.endswith(".check") else 0)


class WorkbookChapter(_Strict):
    """A workbook chapter: a short framing text and the exercises that share its number."""

    chapter: int = Field(ge=0)
    title: str = Field(min_length=1)
    lessons: list[int] = Field(default_factory=list)
    intro: str = ""


class CourseFile(_Strict):
    """The whole of ``exercises.yaml``: the content format; the exercises are in ``exercises/``."""

    format_version: int

    @field_validator("format_version")
    @classmethod
    def _known(cls, v: int) -> int:
        if v != FORMAT_VERSION:
            raise ValueError(f"this tutor reads format_version {FORMAT_VERSION}, the file says {v}")
        return v


class ExerciseFile(_Strict):
    """One file of ``exercises/``: a workbook chapter (with its intro) and/or exercises."""

    workbook: WorkbookChapter | None = None
    exercises: list[Exercise] = Field(default_factory=list)


class ChapterMeta(_Strict):
    """The front matter of ``chapters/NN-slug.md``."""

    id: int = Field(ge=0)
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1, max_length=100)
    workbook: int | None = None


class Chapter(BaseModel):
    """A lesson chapter: its front matter, its Markdown body and where it came from."""

    model_config = ConfigDict(frozen=True)

    meta: ChapterMeta
    body: str
    path: str
    body_line: int = 1

    @property
    def id(self) -> int:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    def headings(self) -> list[tuple[int, str]]:
        """``(level, text)`` of each ``##``/``###`` heading outside code blocks: the table of contents."""
        out: list[tuple[int, str]] = []
        fenced = False
        for line in self.body.splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
                continue
            if fenced:
                continue
            m = re.match(r"^(#{2,3})\s+(.*\S)\s*$", line)
            if m:
                out.append((len(m.group(1)), m.group(2)))
        return out
