"""Hypothesis settings for one test file, chosen by ``HYPOTHESIS_PROFILE``.

Each property-test file builds its own :class:`hypothesis.settings` object
with :func:`property_settings` and applies it with a decorator. Nothing here
calls ``settings.register_profile`` or ``settings.load_profile``: those
change Hypothesis's global state, so a profile registered or loaded by one
file (``derandomize=True``, say) would silently apply to the tests of every
file imported after it.

Every value that differs between the two runs is passed explicitly, so the
result does not depend on whatever profile happens to be loaded either:

* by default (``make test``): a fixed, small set of examples
  (``derandomize=True``, no example database), the same on every run;
* with ``HYPOTHESIS_PROFILE=long`` (``make test-long``): more examples, drawn
  at random on each run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from hypothesis import HealthCheck, Phase, settings

PROFILE_VARIABLE = "HYPOTHESIS_PROFILE"
PROFILES = ("default", "long")


def profile() -> str:
    """The run's profile: ``default`` (the variable unset or empty) or ``long``."""
    name = os.environ.get(PROFILE_VARIABLE) or "default"
    if name not in PROFILES:
        raise ValueError(
            f"{PROFILE_VARIABLE}={name!r}: unknown profile (expected one of {', '.join(PROFILES)})"
        )
    return name


def is_long() -> bool:
    return profile() == "long"


def property_settings(
    *,
    examples: int,
    long_examples: int,
    phases: Iterable[Phase] = tuple(Phase),
    suppress: Iterable[HealthCheck] = (),
) -> settings:
    """Settings for the property tests of one file (see the module docstring)."""
    long = is_long()
    return settings(
        max_examples=long_examples if long else examples,
        derandomize=not long,
        # a derandomized run replays the same examples anyway; keep no state on disk
        **({} if long else {"database": None}),
        deadline=None,
        phases=tuple(phases),
        suppress_health_check=tuple(suppress),
    )
