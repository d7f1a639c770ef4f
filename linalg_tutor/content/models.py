"""The course content as typed objects: chapters, workbook chapters and exercises.

These pydantic models *are* the schema of ``exercises.yaml`` and of a chapter's front matter:
unknown keys are refused (``extra="forbid"``) so a typo such as ``hint:`` for ``hints:`` is an
error with a line number, not a silently ignored field.

One exercise type is one answer-spec model here + one grader + one input widget. The answer
spec is a tagged union on ``kind``: adding a kind means adding a model to :data:`AnswerSpec`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class WrongAnswer(_Strict):
    """A known wrong answer with feedback aimed at the slip that produces it."""

    value: GivenValue | None = None
    compute: str | None = None
    feedback: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_source(self) -> "WrongAnswer":
        if (self.value is None) == (self.compute is None):
            raise ValueError("give exactly one of `value` or `compute`")
        return self


class ValueAnswer(_Strict):
    """A number, vector or matrix typed by the learner and compared with a computed value."""

    kind: Literal["value"]
    compute: str | None = None
    literal: GivenValue | None = None
    label: str = "Answer"
    tolerance: str = "exact"
    wrong: list[WrongAnswer] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_expected(self) -> "ValueAnswer":
        if self.compute is None and self.literal is None:
            raise ValueError("a value answer needs `compute` (preferred) or `literal`")
        return self

    @field_validator("tolerance")
    @classmethod
    def _tolerance_form(cls, v: str) -> str:
        if not _TOLERANCE.match(v.strip()):
            raise ValueError(f"tolerance must be exact, rel:X, abs:X or dp:N, not {v!r}")
        return v.strip()


class ChoiceAnswer(_Strict):
    """Pick one of several options (by arrow keys, number keys or mouse)."""

    kind: Literal["choice"]
    choices: list[str] = Field(min_length=2, max_length=9)
    correct: int = Field(ge=1, description="1-based number of the right choice")
    feedback: dict[int, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _in_range(self) -> "ChoiceAnswer":
        n = len(self.choices)
        if self.correct > n:
            raise ValueError(f"`correct` is {self.correct} but there are only {n} choices")
        bad = [k for k in self.feedback if not 1 <= k <= n]
        if bad:
            raise ValueError(f"feedback for choice {bad[0]}, but choices run 1..{n}")
        if len(set(self.choices)) != n:
            raise ValueError("two choices have the same text")
        return self


class CodeTest(_Strict):
    args: list[Any]
    expect: Any


class CodeAnswer(_Strict):
    """Code the learner writes (build), fixes (debug) or designs; run in a sandbox (later issue)."""

    kind: Literal["code"]
    language: Literal["python"] = "python"
    function: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    starter: str = ""
    solution: str
    tests: list[CodeTest] = Field(min_length=1)


AnswerSpec = Annotated[Union[ValueAnswer, ChoiceAnswer, CodeAnswer], Field(discriminator="kind")]


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
        for name in v:
            if not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", name):
                raise ValueError(f"given name {name!r} must be a letter followed by letters/digits")
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
        if self.type in ("derive", "trace") and self.answer.kind == "code":
            raise ValueError(f"a {self.type} exercise takes a value or choice answer, not code")
        return self

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
