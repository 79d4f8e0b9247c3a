"""Build hook: compile the extraction modules with mypyc when a wheel is built.

Extraction is pure-Python text work (line classification, pattern searches, small objects), and
compiling its modules to C extensions makes it about 1.4 times faster; ``terms.py``, the loop that
turns each term of a query's answer into a Python value, is compiled too. The hook is hatch-mypyc's,
with three choices of this project's:

- editable installs (``pip install -e .``) stay pure Python, so that an edited module is the one
  imported; a regular install (``pip install .``, what ``scripts/quickstart`` and ``scripts/test``
  run) is compiled;
- ``FSGRAPH_PURE_PYTHON=1`` builds a pure-Python wheel;
- a machine that cannot compile (no C compiler) gets the pure-Python wheel and a warning, not a
  failed install: the same code, slower; with ``FSGRAPH_REQUIRE_COMPILED=1`` (what ``scripts/test``
  sets where there is a C compiler) a failed compilation fails the install instead, so that the
  tests never run pure Python unnoticed.

The compiled modules are removed from the source tree once the wheel is written, so that a later
editable install never imports them in place of edited sources.
"""

from __future__ import annotations

import os
from typing import Any

import hatch_mypyc.plugin


class CompiledExtraction(hatch_mypyc.plugin.MypycBuildHook):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable" or os.environ.get("FSGRAPH_PURE_PYTHON"):
            self.clean([version])  # a compiled module left beside its source would shadow it
            return
        try:
            super().initialize(version, build_data)
        except Exception as exc:  # the compiler's whole output is in the message
            self.clean([version])
            if os.environ.get("FSGRAPH_REQUIRE_COMPILED"):
                raise
            self.app.display_warning(f"fsgraph: not compiled, installing pure Python ({exc})")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        self.clean([version])


def get_build_hook() -> type[CompiledExtraction]:
    return CompiledExtraction
