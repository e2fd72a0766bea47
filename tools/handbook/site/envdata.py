"""Typed access to the extension's data kept in Sphinx's build environment.

Sphinx pickles the :class:`~sphinx.environment.BuildEnvironment` between
builds with every attribute set on it; the extension keeps its own data there
under ``handbook_*`` names. ``BuildEnvironment`` does not declare them, so
each one is an :class:`EnvSlot`, which gives the value its type::

    ADDITIONS: EnvSlot[dict[str, str]] = EnvSlot("handbook_additions")
    ADDITIONS.set(env, {})
    ADDITIONS.get(env)[docname] = digest
"""

from __future__ import annotations

from typing import Generic, TypeVar

from sphinx.environment import BuildEnvironment

__all__ = ["EnvSlot"]

T = TypeVar("T")
D = TypeVar("D")


class EnvSlot(Generic[T]):
    """One attribute of the environment, ``env.<name>``, holding a ``T``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def get(self, env: BuildEnvironment) -> T:
        """``env.<name>`` (AttributeError when it was never set)."""
        value: T = getattr(env, self.name)
        return value

    def get_or(self, env: BuildEnvironment, default: D) -> T | D:
        """``env.<name>``, or ``default`` when it was never set."""
        value: T | D = getattr(env, self.name, default)
        return value

    def set(self, env: BuildEnvironment, value: T) -> None:
        setattr(env, self.name, value)
