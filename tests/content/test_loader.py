"""The content loader: real content loads cleanly; broken content is reported as file:line."""

from __future__ import annotations

from pathlib import Path

from linalg_tutor.course.service import load as load_course
from linalg_tutor.course.validate import validate

REPO = Path(__file__).resolve().parents[2]


def test_real_course_has_no_problems():
    course, problems = validate(REPO)
    assert [str(p) for p in problems] == []
    chapter_ids = [c.id for c in course.chapters]
    assert chapter_ids == list(range(19))
    assert [w.chapter for w in course.workbook] == list(range(10))
    ids = [e.id for e in course.exercises]
    workbook = {0: 7, 1: 6, 2: 6, 3: 5, 4: 5, 5: 6, 6: 5, 7: 6, 8: 5, 9: 8}  # the seed's 59 exercises
    assert sum(workbook.values()) == 59
    assert sorted(e.id for e in course.workbook_exercises) == sorted(
        f"{chapter}.{n}" for chapter, count in workbook.items() for n in range(1, count + 1))
    for lesson in range(19):
        assert f"L{lesson}.check" in ids
        practice = [e for e in course.for_lesson(lesson) if e.id.startswith(f"L{lesson}.p")]
        assert len(practice) >= 3, lesson
    assert [e.type for e in course.for_workbook(0)] == ["derive", "derive", "trace", "derive", "derive", "derive", "build"]
    kinds = {e.answer.kind for e in course.exercises}
    assert {"value", "choice", "expression", "direction", "line", "order", "code"} <= kinds


def test_every_lesson_has_a_check_question_last():
    course = load_course(REPO)
    for chapter in course.chapters:
        items = course.for_lesson(chapter.id)
        assert items and items[-1].id == f"L{chapter.id}.check", chapter.id


def test_chapters_have_front_matter_and_contents():
    course = load_course(REPO)
    for chapter in course.chapters:
        headings = [text for level, text in chapter.headings() if level == 2]
        assert "Why it matters" in headings
        assert "Pitfalls" in headings
        assert "$" not in chapter.body.replace("$ ", ""), "no LaTeX: formulas are written in Unicode"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_yaml_syntax_error_is_located(course_copy):
    path = course_copy / "exercises" / "workbook-0.yaml"
    _replace(path, 'id: "0.2"', 'id: "0.2"\n    title: [unclosed')
    course = load_course(course_copy)
    assert len(course.problems) == 1
    problem = course.problems[0]
    assert problem.path == str(path) and "YAML syntax" in problem.message
    assert abs(problem.line - _line_of(path, "[unclosed")) <= 2


def test_unknown_key_names_the_key_and_its_line(course_copy):
    path = course_copy / "exercises" / "workbook-0.yaml"
    _replace(path, "    hints:", "    hint: oops\n    hints:")
    course = load_course(course_copy)
    messages = [str(p) for p in course.problems]
    line = _line_of(path, "hint: oops")
    assert f"{path}:{line}: unknown key `hint`" in messages[0]
    # The other exercises still load.
    assert len(course.exercises) >= 10


def test_missing_field_and_ragged_matrix(course_copy):
    path = course_copy / "exercises" / "workbook-0.yaml"
    _replace(path, "A: [[1, 2], [3, 4]]", "A: [[1, 2], [3]]")
    course, problems = validate(course_copy)
    text = "\n".join(map(str, problems))
    assert "rows have different lengths" in text
    assert f"{path}:" in text


def test_literal_that_disagrees_with_compute(course_copy):
    path = course_copy / "exercises" / "workbook-0.yaml"
    _replace(path, "literal: 19", "literal: 20")
    _, problems = validate(course_copy)
    assert len(problems) == 1
    assert "answer.literal is 20 but compute" in problems[0].message
    assert problems[0].line == _line_of(path, 'id: "0.1"')


def test_duplicate_id_and_duplicate_key(course_copy):
    path = course_copy / "exercises" / "workbook-0.yaml"
    _replace(path, 'id: "0.2"', 'id: "0.1"')
    _replace(path, "    type: derive", "    type: derive\n    type: derive")
    course = load_course(course_copy)
    text = "\n".join(map(str, course.problems))
    assert "exercise id 0.1 is also used at" in text
    assert "key `type` appears twice" in text


def test_chapter_front_matter_problems(course_copy):
    chapter = next((course_copy / "chapters").glob("02-*.md"))
    _replace(chapter, "summary:", "sumary:")
    course = load_course(course_copy)
    text = "\n".join(map(str, course.problems))
    assert f"{chapter}:" in text and "unknown key `sumary`" in text and "missing `summary`" in text
    assert 2 not in [c.id for c in course.chapters]


def test_missing_files_are_problems_not_crashes(tmp_path):
    course = load_course(tmp_path)
    text = "\n".join(map(str, course.problems))
    assert "chapters folder is missing" in text and "exercises.yaml is missing" in text


def test_not_a_mapping(course_copy):
    (course_copy / "exercises.yaml").write_text("- just\n- a list\n")
    course = load_course(course_copy)
    assert "must be a mapping" in course.problems[0].message


def test_an_exercise_file_that_is_not_a_mapping(course_copy):
    path = course_copy / "exercises" / "lesson-02.yaml"
    path.write_text("- just\n- a list\n")
    course = load_course(course_copy)
    assert [str(p) for p in course.problems] == [f"{path}:1: an exercise file is a mapping with `exercises:` (and `workbook:`)"]
    assert "L2.check" not in [e.id for e in course.exercises] and "0.1" in [e.id for e in course.exercises]


def test_old_format_version_is_named(course_copy):
    (course_copy / "exercises.yaml").write_text("format_version: 1\n")
    course = load_course(course_copy)
    assert "this tutor reads format_version 2, the file says 1" in course.problems[0].message


# ---- content that costs more to load than it says ------------------------------------------------


def test_yaml_aliases_are_refused_before_they_expand(course_copy):
    import time

    path = course_copy / "exercises" / "lesson-02.yaml"
    rows = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        rows.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    path.write_text("\n".join(rows) + "\nexercises: []\n")
    started = time.perf_counter()
    course = load_course(course_copy)
    assert time.perf_counter() - started < 5
    assert [str(p) for p in course.problems] == [f"{path}:2: YAML aliases (*a) are not allowed in course files: write the value out"]


def test_a_recursive_alias_is_refused(course_copy):
    path = course_copy / "exercises" / "lesson-02.yaml"
    path.write_text("x: &x [*x]\nexercises: []\n")
    assert "aliases" in load_course(course_copy).problems[0].message


def test_a_number_of_thousands_of_digits_is_a_problem_not_a_crash(course_copy):
    path = course_copy / "exercises" / "workbook-0.yaml"
    _replace(path, "A: [[3, 8], [4, 6]]", f"A: [[3, {'7' * 5000}], [4, 6]]")
    problems = load_course(course_copy).problems
    assert problems and "more than 1000 digits" in problems[0].message and problems[0].path == str(path)


def test_given_data_is_kept_hand_sized(course_copy):
    path = course_copy / "exercises" / "workbook-0.yaml"
    big = "[" + ", ".join("[" + ", ".join("1" for _ in range(11)) + "]" for _ in range(11)) + "]"
    _replace(path, "A: [[3, 8], [4, 6]]", f"A: {big}")
    text = "\n".join(map(str, load_course(course_copy).problems))
    assert "11 rows or columns" in text and f"{path}:" in text
