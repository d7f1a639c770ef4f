"""Chapter 8: the unit circle mapped to an ellipse, with eigenvector lines; a PCA mode on data."""

from __future__ import annotations

import math
from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Choice, Number, Panel, lines
from linalg_tutor.tui.panels.square import eigen_text, matrix_text
from linalg_tutor.viz.eigen import pca, sample
from linalg_tutor.viz.fmt import num, vec
from linalg_tutor.viz.matrices import circle, eigen2, mapped_circle


class EllipsePanel(Panel):
    CHAPTER = 8
    TITLE = "Eigenvectors and PCA"
    CAPTION = ("Matrix: the unit circle (dim), its image under A, the eigenvector lines. PCA: "
               "data and its principal axes. tab: next control; arrows, + −: change it")

    def make_controls(self):
        return [Choice("mode", ["matrix", "PCA"]),
                *(Number(n, v, step=0.5, lo=-4, hi=4) for n, v in zip("abcd", (2, 1, 1, 2))),
                Number("data angle", 30, step=15, lo=-90, hi=90, places=0)]

    def shown(self, control) -> bool:
        pca_mode = self.control("mode").value == "PCA"
        return control.name == "mode" or (control.name == "data angle") == pca_mode

    @property
    def matrix(self):
        a, b, c, d = (self.control(n).value for n in "abcd")
        return ((a, b), (c, d))

    def _pca(self):
        return pca(sample(self.control("data angle").value))

    def draw_plot(self, plt: Any) -> None:
        if self.control("mode").value == "PCA":
            return self._draw_pca(plt)
        m = self.matrix
        xs, ys = mapped_circle(m)
        reach = max([1.3] + [abs(v) * 1.1 for v in xs + ys])
        xlim, ylim = self.equal_limits(0, 0, reach)
        plt.plot(*circle(), marker=self.LINE_MARKER, color=self.dim("foreground"))
        plt.plot(xs, ys, marker=self.LINE_MARKER, color=self.rgb("accent"))
        values, vectors = eigen2(m)
        for lam, v, colour in zip(values, vectors, ("success", "primary")):
            far = reach * 3
            plt.plot([-far * v[0], far * v[0]], [-far * v[1], far * v[1]], marker="·",
                     color=self.dim(colour, 0.2))
            if lam.imag == 0:
                self.arrow(plt, (0, 0), (lam.real * v[0], lam.real * v[1]), colour, f"λ={num(lam.real)}")
        self.frame(plt, xlim, ylim)

    def _draw_pca(self, plt: Any) -> None:
        result = self._pca()
        xs = [p[0] for p in result.points]
        ys = [p[1] for p in result.points]
        cx, cy = result.mean
        reach = max(max(abs(x - cx) for x in xs), max(abs(y - cy) for y in ys)) * 1.1
        xlim, ylim = self.equal_limits(cx, cy, reach)
        plt.scatter(xs, ys, marker="•", color=self.dim("foreground", 0.3))
        for lam, v, colour, name in zip(result.eigenvalues, result.eigenvectors,
                                        ("accent", "primary"), ("PC1", "PC2")):
            s = 2 * math.sqrt(max(lam, 0))
            self.arrow(plt, (cx, cy), (cx + s * v[0], cy + s * v[1]), colour, name)
        self.frame(plt, xlim, ylim)

    def numbers(self):
        if self.control("mode").value == "PCA":
            r = self._pca()
            cov = r.covariance
            return lines(Text("PCA of 40 points", style="bold"), "covariance C (1/(n−1)) =",
                         matrix_text(cov), "",
                         f"λ₁ = {num(r.eigenvalues[0])}", f"λ₂ = {num(r.eigenvalues[1])}",
                         f"PC1 = {vec(r.eigenvectors[0])}", f"PC2 = {vec(r.eigenvectors[1])}", "",
                         Text(f"PC1 explains {num(100 * r.explained, 1)} %", style="bold"),
                         "(arrows: 2·√λ long)")
        m = self.matrix
        values, vectors = eigen2(m)
        rows = ["A =", matrix_text(m), "", Text(eigen_text(values), style="bold")]
        if values[0].imag == 0:
            rows += [f"v = {vec(v)}" for v in vectors]
            rows += ["", "Av = λv: on these lines", "A only stretches."]
        else:
            rows += ["", "No real eigenvector:", "every direction turns."]
        return lines(*rows)


PANEL = EllipsePanel
