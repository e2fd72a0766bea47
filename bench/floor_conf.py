"""Sphinx configuration of the bench's floor builds, copied there as ``conf.py``.

Only myst-parser and sphinx-design, no ``handbook.site``: the handbook's own
settings (read from docs/conf.py by :func:`bench.scenarios.floor_settings`)
come from ``floor.json``, written next to this file by the bench.
"""

import json
from pathlib import Path

project = "plancher"
extensions = ["myst_parser", "sphinx_design"]
globals().update(json.loads(Path(__file__).with_name("floor.json").read_text("utf-8")))
