"""Build hook: ship the course content inside the wheel.

The content lives at the top of the repository (``chapters/``, ``exercises.yaml``, ``exercises/``) so that
authors find it without digging through the package. A plain ``pip install .`` must still carry
it, so the build copies it into ``linalg_tutor/_content/`` of the built package, where
:mod:`linalg_tutor.paths` looks when the tutor runs outside a checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
CONTENT = ("chapters", "exercises.yaml", "exercises")


class BuildWithContent(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "linalg_tutor" / "_content"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name in CONTENT:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, target / name)
            elif source.is_file():
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithContent})
