"""Drive each visual panel with keys, as a learner would, and read the numbers it reports."""

from __future__ import annotations

import textwrap

import pytest
from textual.app import App

from linalg_tutor.tui.panels import MODULES, panel_class
from linalg_tutor.tui.panels.screen import PanelScreen
from linalg_tutor.tui.screens.reader import ReaderScreen
from linalg_tutor.tui.app import TutorApp
from linalg_tutor.viz.catalog import PANELS

SIZE = (80, 24)


class PanelHarness(App):
    """The smallest app that shows one panel the way the tutor does."""

    def __init__(self, chapter: int) -> None:
        super().__init__()
        self.chapter = chapter

    def on_mount(self) -> None:
        self.push_screen(PanelScreen(panel_class(self.chapter)()))


async def readout(chapter: int, *keys: str) -> str:
    app = PanelHarness(chapter)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        return app.screen.panel.readout()


def test_every_chapter_has_a_panel_with_a_short_caption():
    assert sorted(MODULES) == [p.chapter for p in PANELS]
    for chapter in MODULES:
        cls = panel_class(chapter)
        assert cls.CHAPTER == chapter and cls.TITLE
        # Two lines at 80 columns (78 inside the panel's padding), never a third.
        assert len(textwrap.wrap(cls.CAPTION, 78)) <= 2, chapter


async def test_sobel_steps_fill_the_output():
    text = await readout(0, "s", "s")
    assert "patch at row 1, col 3" in text and "= 180" in text
    assert "brighter on the right" in text


async def test_tensor_levels():
    assert "shape: [2, 2, 3, 4]" in await readout(1, "right", "right")
    text = await readout(1, "right", "right", "tab", "right")
    assert "shape: [3, 2, 3, 4]" in text and "= 72" in text
    assert "shape: []" in await readout(1, "left", "left")


async def test_norms_of_3_minus_4_then_moved():
    text = await readout(2)
    assert "L1 = 7" in text and "L2 = 5" in text and "L∞ = 4" in text
    moved = await readout(2, "left", "left", "up", "up")  # (2, −3)
    assert "v = (2, −3)" in moved and "L1 = 5" in moved and "L∞ = 3" in moved


async def test_dot_product_and_perpendicular_vectors():
    text = await readout(3)
    assert "= 6" in text and "= 0.6" in text and "θ = 53.13°" in text and "(1.8, 0.6)" in text
    # b = (3, 1) → (1, ... ) move a to (−1, 3): perpendicular to b.
    perp = await readout(3, "left", "left", "left", "left")
    assert "a = (−1, 3)" in perp and "zero: perpendicular" in perp and "positive: angle under 90°" in text and "θ = 90°" in perp


async def test_matrix_product_stepper():
    assert "entry C[1,1]" in await readout(4)
    text = await readout(4, "s", "s", "s")
    assert "entry C[2,2]" in text and "= 2" in text and "filled: 4 of 4" in text
    other = await readout(4, "tab", "right")
    assert "row 1 of A: (1, 2)" in other and "= 19" in other


async def test_unit_square_det_and_eigenvalues_then_collapse():
    text = await readout(5)
    assert "det A = 3" in text and "λ = 3 and 1" in text
    flat = await readout(5, "tab", "tab", "tab", "minus", "minus", "minus")  # d: 2 → 0.5
    assert "det A = 0" in flat and "collapses onto a line" in flat and "A⁻¹: none" in flat


async def test_parallelogram_area_and_rank():
    text = await readout(6)
    assert "area = |det| = 5" in text and "rank 2" in text
    smaller = await readout(6, "tab", "right", "right", "down", "down")  # v = (2, 1)
    assert "v = (2, 1)" in smaller and "area = |det| = 1" in smaller
    parallel = await readout(6, "tab", *["right"] * 10)  # v = (6, 2) = 2u
    assert "v = (6, 2)" in parallel and "area = |det| = 0" in parallel and "dependent: rank 1" in parallel


async def test_change_of_basis_coordinates():
    text = await readout(7)
    assert "c = (2.5, −0.5)" in text
    std = await readout(7, "down", "down", "tab", "right", "right")  # b₁ (1, 0), b₂ (0, 1)
    assert "c = (3, 2)" in std
    broken = await readout(7, "tab", "right", "right", "right", "right")  # b₂ = (1, 1) = b₁
    assert "not a basis" in broken


async def test_ellipse_eigen_and_pca_modes():
    text = await readout(8)
    assert "λ = 3 and 1" in text and "v = (0.707, 0.707)" in text
    rotation = await readout(8, "tab", "minus", "minus", "minus", "minus")  # a: 2 → 0
    assert "λ" in rotation
    pca = await readout(8, "right")
    assert "PCA of 40 points" in pca and "PC1 explains" in pca


async def test_svd_rank_k():
    text = await readout(9)
    assert "k = 1" in text and "storage k(m+n+1) = 49" in text
    more = await readout(9, "s", "s")
    assert "k = 3" in more and "storage k(m+n+1) = 147" in more and "25.5 %" in more


async def test_factorization_training_lowers_the_loss():
    from linalg_tutor.viz.factorization import Factorizer

    start = await readout(10)
    assert "epoch 0" in start and "parameters: 2·5·k = 20" in start
    trained = await readout(10, "s", "s", "s", "s")
    expected = Factorizer(k=2)
    expected.train(100)
    assert "epoch 100" in trained and f"loss = {round(expected.loss(), 4)}" in trained
    three = await readout(10, "right")
    assert "k = 3" in three and "parameters: 2·5·k = 30" in three


async def test_matrix_norms():
    text = await readout(11)
    assert "spectral ‖A‖₂ = 5.465" in text and "nuclear ‖A‖* = 5.831" in text
    assert "Frobenius ‖A‖_F = 5.477" in text and "√30" in text


async def test_gradient_descent_converges_then_diverges():
    text = await readout(12, "s")
    assert "step 1" in text and "x = (−3.2, 0.8)" in text and "converges" in text
    fast = await readout(12, "tab", *["plus"] * 15, "s", "s")  # η = 0.1 + 15·0.02 = 0.4
    assert "η = 0.4" in fast and "diverges" in fast


async def test_hessian_classifies_points():
    assert "local minimum" in await readout(13)
    saddle = await readout(13, *["left"] * 8)  # (1, 0) → (−1, 0)
    assert "at (−1, 0)" in saddle and "saddle point" in saddle
    seed = await readout(13, "up", "up", "up", "up", "tab", "right")  # the seed's f at (1, 1)
    assert "not a critical point" in seed


async def test_quadratic_form_kinds():
    text = await readout(16)
    assert "positive definite" in text and "ellipses" in text
    saddle = await readout(16, "minus", "minus", "tab", "plus", "plus", "tab", "minus", "minus")  # [[1,2],[2,1]]
    assert "indefinite" in saddle and "λ = 3 and −1" in saddle and "gives xᵀAx = −2" in saddle


async def test_backprop_stages():
    assert "z = W·x + b" in await readout(14) and "(0.8, 0.9, −0.7)" in await readout(14)
    loss = await readout(14, "s", "s")
    assert "0.85" in loss
    update = await readout(14, *["s"] * 7)
    assert "(0.508, −0.296)" in update and "(0.104, −0.018, −0.1)" in update


async def test_broadcast_ok_and_error():
    assert "result: [3, 4]" in await readout(15)
    error = await readout(15, *["right"] * 4)
    assert "[3, 4]" in error and "[5, 4]" in error and "3 ≠ 5" in error


async def test_conditioning_jump():
    text = await readout(17)
    assert "x' = (0, 2)" in text and "κ(A) = σ₁/σ₂ = 4002" in text
    calm = await readout(17, "left", "left", "left", "left", "left")  # d = 3
    assert "x' = (0.9995, 1.0005)" in calm and "κ(A) = σ₁/σ₂ = 5.8" in calm


async def test_pipeline_stages():
    assert "batch of inputs X" in await readout(18)
    assert "[32, 128]·[128, 10] → [32, 10]" in await readout(18, "s", "s", "s")


async def test_space_plays_and_stops(tmp_path):
    app = PanelHarness(4)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        assert app.screen.panel.playing
        await pilot.pause(2.0)
        assert "filled: 4 of 4" in app.screen.panel.readout()
        assert not app.screen.panel.playing  # stops by itself at the end


async def test_reset_puts_the_start_back():
    app = PanelHarness(2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "r")
        assert "v = (3, −4)" in app.screen.panel.readout()


async def test_reader_v_opens_the_chapter_panel(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_chapter(2)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen) and app.screen.panel.CHAPTER == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_palette_lists_every_panel(tmp_path):
    from linalg_tutor.tui.commands import TutorCommands

    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = TutorCommands(app.screen)
        names = [name for name, _, _ in provider._commands() if name.startswith("Visual: ")]
        assert len(names) == 19 and "Visual: 12 Gradient descent on contours" in names
        dict((n, c) for n, c, _ in provider._commands())["Visual: 17 Conditioning"]()
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen) and app.screen.panel.CHAPTER == 17


# ---- snapshots at 80×24 (after an intended change: pytest tests/tui/test_panels.py --snapshot-update)

@pytest.mark.parametrize("chapter, keys", [
    (0, ["s", "s", "s"]),      # the kernel part-way along the first row
    (2, []),                   # (3, −4) with its three balls
    (5, []),                   # [[2, 1], [1, 2]] and its eigenvector lines
    (9, ["s", "s"]),           # rank 3 next to the original
    (12, ["s", "s", "s"]),     # three steps down the contours
    (14, ["s", "s", "s"]),     # the backward pass begins
])
def test_panel_snapshot(snap_compare, chapter, keys):
    assert snap_compare(PanelHarness(chapter), terminal_size=SIZE, press=keys)


async def test_activity_calendar_draws_the_weeks():
    from datetime import date, timedelta

    from textual.app import ComposeResult

    from linalg_tutor.tui.widgets.activity import ActivityCalendar

    class Widgets(App):
        def compose(self) -> ComposeResult:
            yield ActivityCalendar(weeks=8)

    today = date(2026, 12, 5)
    app = Widgets()
    async with app.run_test(size=SIZE) as pilot:
        cal = app.query_one(ActivityCalendar)
        cal.show({today: 3, today - timedelta(days=1): 1, today - timedelta(days=9): 2}, today)
        await pilot.pause()
        picture = cal.picture().plain
        assert "6 attempts in 8 weeks · streak 2 days" in picture and "□" in picture


async def test_mouse_click_picks_a_control_and_the_wheel_steps_it():
    from textual import events

    app = PanelHarness(5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#control-3")  # d
        panel = app.screen.panel
        assert panel.active == 3
        panel.post_message(events.MouseScrollDown(panel, 0, 0, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert "⎣     1    1.5⎦" in panel.readout() and "det A = 2" in panel.readout()


async def test_play_and_step_only_where_the_panel_animates():
    app = PanelHarness(2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "s")
        assert not app.screen.panel.playing and "v = (3, −4)" in app.screen.panel.readout()


def test_start_up_and_the_palette_list_load_neither_plotext_nor_numpy():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from linalg_tutor.tui.app import TutorApp\n"
        "from linalg_tutor.tui import panels\n"
        "from linalg_tutor.tui.screens.reader import ReaderScreen\n"
        "app = TutorApp(warm_up=False)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'plotext', 'textual_plotext', 'numpy'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_fast_ansi_reading_matches_rich():
    from rich.text import Text

    from linalg_tutor.tui.panels.plot import ansi_to_strips

    ansi = ("\x1b[48;5;0m  \x1b[0m\x1b[48;2;30;30;30m\x1b[38;2;200;100;0m▄▚\x1b[0m\x1b[1mx\x1b[0m\n"
            "\x1b[38;5;3m3.0┤\x1b[0m")
    strips = ansi_to_strips(ansi, 8)
    assert [s.text for s in strips] == ["  ▄▚x   ", "3.0┤    "]
    expected = Text.from_ansi(ansi)
    ours = {seg.text: seg.style for seg in strips[0] if seg.text.strip()}
    for line in expected.split("\n")[:1]:
        for span in line.spans:
            piece = line.plain[span.start:span.end]
            if piece.strip() and piece in ours:
                assert ours[piece].color == span.style.color and ours[piece].bgcolor == span.style.bgcolor
    assert ours["x"].bold


async def test_a_click_on_the_plot_places_the_point():
    app = PanelHarness(13)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.screen.panel
        left, top, right, bottom = panel.query_one(".figure").canvas()
        (x0, x1), (y0, y1) = panel.limits
        # The cell over the data point (−1, 0): the saddle of x³ − 3x + y².
        col = left + round((-1 - x0) / (x1 - x0) * (right - left + 1) - 0.5)
        row = top + round((1 - (0 - y0) / (y1 - y0)) * (bottom - top + 1) - 0.5)
        await pilot.click(".figure", offset=(col, row))
        await pilot.pause()
        text = panel.readout()
        assert "at (−1, 0)" in text and "saddle point" in text
