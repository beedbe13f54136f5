"""Root seeds: what every command and entry point accepts, checked in one place.

A root seed is stored beside every result in a signed 64-bit column, so it must lie in
``0 .. 2**63 - 1``. :func:`check_seed` refuses anything else with a :class:`Problem` naming
the option, before any work is done.
"""

from __future__ import annotations

import hashlib

from politburo.errors import PolitburoError, Problem

__all__ = ["MAX_SEED", "check_seed", "name_key"]

MAX_SEED = 2**63 - 1
"""Largest root seed: results store the seed as a signed 64-bit integer."""


def check_seed(seed: object, field: str = "--seed") -> int:
    """Return ``seed`` if it is a whole number from 0 to :data:`MAX_SEED`.

    Raises
    ------
    PolitburoError
        Naming ``field``, for a seed that is not an integer, is negative or too large.

    Examples
    --------
    >>> check_seed(7)
    7
    >>> check_seed(-5)
    Traceback (most recent call last):
    ...
    politburo.errors.PolitburoError: --seed: the seed must be an integer from 0 to ...
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise PolitburoError(
            Problem(f"the seed must be an integer from 0 to {MAX_SEED}, not {seed!r}", field=field)
        )
    return seed


def name_key(name: str) -> int:
    """A 64-bit number for the name of a stream of draws, the same on every machine.

    >>> name_key("calibration") == name_key("calibration") != name_key("judgments")
    True
    """
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")
