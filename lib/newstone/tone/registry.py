"""The scorer registry: names to factories, built once per process.

Scorer modules register themselves (`register_scorer`); the registry imports none of them
statically.  It knows them as module names (`PLUGINS`, the way package entry points name
plugins) and imports those on the first lookup, so `newstone.tone.sentiment` (the `vader` scorer)
and `newstone.tone.scorers` (the trained ones) depend on the registry and never the other way.
"""

from __future__ import annotations

import functools
from importlib import import_module
from typing import Callable, Iterable, Protocol

#: modules that register scorers, imported by name on the first lookup
PLUGINS = ("newstone.tone.sentiment", "newstone.tone.scorers")
#: how to install the optional extra the `minilm` scorer needs
ML_INSTALL_HINT = "pip install -e '.[ml]'"


class Scorer(Protocol):
    """What every scorer offers: VADER-style scores for one text, and for many."""

    name: str

    def polarity_scores(self, text: str) -> dict[str, float]: ...

    def score_many(self, texts: Iterable[str]) -> list[dict[str, float]]: ...


class UnknownScorerError(ValueError):
    pass


_REGISTRY: dict[str, tuple[Callable[[], Scorer], str]] = {}
_REQUIRES: dict[str, tuple[str, ...]] = {}


def register_scorer(
    name: str, description: str = "", requires: tuple[str, ...] = ()
) -> Callable[[Callable[[], Scorer]], Callable[[], Scorer]]:
    """Register a zero-argument factory under a name; `requires` names the importable modules
    (an optional extra) it needs, so listing scorers never has to load a model."""

    def decorate(factory: Callable[[], Scorer]) -> Callable[[], Scorer]:
        _REGISTRY[name] = (factory, description)
        _REQUIRES[name] = tuple(requires)
        return factory

    return decorate


def scorer_installed(name: str) -> bool:
    """Whether the modules a scorer needs are installed (checked without importing them)."""
    from importlib.util import find_spec

    _load_plugins()
    return all(find_spec(m) is not None for m in _REQUIRES.get(name, ()))


_PLUGINS_LOADED = False
RECOMMENDED = ("minilm", "lexicon", "vader-news", "vader")  # for news, most accurate first


def _load_plugins() -> None:
    """Import the scorer modules on first use, not at import: the trained scorers bring numpy
    models and optional extras that plain VADER scoring does not need."""
    global _PLUGINS_LOADED
    if not _PLUGINS_LOADED:
        _PLUGINS_LOADED = True
        for module in PLUGINS:
            import_module(module)


def available_scorers() -> list[str]:
    _load_plugins()
    return list(_REGISTRY)


def scorer_descriptions() -> dict[str, str]:
    _load_plugins()
    return {name: desc for name, (_, desc) in _REGISTRY.items()}


def recommended_scorers() -> list[str]:
    """Scorer names, the one to prefer for news first; a scorer whose extra is missing goes last."""
    names = available_scorers()
    ranked = [n for n in RECOMMENDED if n in names] + [n for n in names if n not in RECOMMENDED]
    return sorted(ranked, key=lambda n: not scorer_installed(n))


@functools.lru_cache(maxsize=None)
def get_scorer(name: str = "vader") -> Scorer:
    """The scorer registered under `name`, built once per process."""
    if name not in _REGISTRY:
        _load_plugins()
    try:
        factory, _ = _REGISTRY[name]
    except KeyError:
        raise UnknownScorerError(
            f"unknown scorer {name!r}; available: {', '.join(available_scorers())}"
        ) from None
    return factory()
