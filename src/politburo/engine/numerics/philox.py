"""NumPy's per-run streams, computed for many runs at once.

Run ``r`` of root seed ``s`` draws its uniforms from
``Generator(Philox(SeedSequence(s, spawn_key=(r,)))).random(n)``. Building one generator per
run costs tens of microseconds, more than a run of a small scenario; this module computes the
same numbers, bit for bit, with array arithmetic over all the runs of a batch: the seed
sequence's hash ([ONeill2015]), the Philox 4x64-10 block function ([Salmon2011]) on counters
1, 2, ... under the key the sequence generates, and NumPy's conversion of 64 random bits to a
double (the top 53 bits times 2**-53).

>>> import numpy as np
>>> runs = np.array([0, 1, 7, 2**33 + 5])
>>> fast = philox_uniforms(42, runs, 6)
>>> slow = [
...     np.random.Generator(np.random.Philox(np.random.SeedSequence(42, spawn_key=(int(r),))))
...     .random(6)
...     for r in runs
... ]
>>> bool((fast == np.array(slow)).all())
True

References
----------
.. [ONeill2015] O'Neill (2015), "Developing a seed_seq Alternative" (the hash NumPy's
   ``SeedSequence`` uses).
.. [Salmon2011] Salmon, Moraes, Dror and Shaw (2011), "Parallel random numbers: as easy as
   1, 2, 3".
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from politburo.arrays import U32, U64

__all__ = ["philox_keys", "philox_uniforms"]


_MASK32 = 0xFFFFFFFF
_INIT_A, _MULT_A = 0x43B0D7E5, 0x931E8875
_INIT_B, _MULT_B = 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R = 0xCA01F9DD, 0x4973F715
_POOL = 4
_M0, _M1 = 0xD2E7470EE14C6C93, 0xCA5A826395121157
_W0, _W1 = 0x9E3779B97F4A7C15, 0xBB67AE8584CAA73B
_ROUNDS = 10
_SHIFT, _LOW = np.uint64(32), np.uint64(_MASK32)
_CHUNK = 32_768
"""Counters computed at once (arrays that stay in cache)."""


def _words(value: int) -> list[int]:
    """A non-negative integer as little-endian 32-bit words (at least one)."""
    if value < 0:
        raise ValueError("expected non-negative integer")
    words = []
    while True:
        words.append(value & _MASK32)
        value >>= 32
        if not value:
            return words


class _Hash:
    """The seed sequence's hash, whose multiplier advances with every use."""

    def __init__(self, init: int, mult: int) -> None:
        self.const, self.mult = init, mult

    def __call__(self, value: U32) -> U32:
        value = value ^ np.uint32(self.const)
        self.const = (self.const * self.mult) & _MASK32
        value = value * np.uint32(self.const)
        return value ^ (value >> np.uint32(16))


def _mix(x: U32, y: U32) -> U32:
    result: U32 = np.uint32(_MIX_L) * x - np.uint32(_MIX_R) * y
    return np.asarray(result ^ (result >> np.uint32(16)))


def _pools(seed: int, spawn: U32) -> U32:
    """(R, 4) the entropy pools of ``SeedSequence(seed, spawn_key=(r,))``; ``spawn`` (R, W)
    holds each run id's words."""
    run_words = _words(seed)
    run_words += [0] * (_POOL - len(run_words))
    runs = spawn.shape[0]
    entropy = [np.full(runs, w, dtype=np.uint32) for w in run_words]
    entropy += [spawn[:, k] for k in range(spawn.shape[1])]
    hashmix = _Hash(_INIT_A, _MULT_A)
    mixer = [hashmix(entropy[i]) for i in range(_POOL)]
    for src in range(_POOL):
        for dst in range(_POOL):
            if src != dst:
                mixer[dst] = _mix(mixer[dst], hashmix(mixer[src]))
    for src in range(_POOL, len(entropy)):
        for dst in range(_POOL):
            mixer[dst] = _mix(mixer[dst], hashmix(entropy[src]))
    return np.stack(mixer, axis=1)


def philox_keys(seed: int, run_ids: npt.NDArray[np.int64]) -> U64:
    """(R, 2) the Philox keys of ``Philox(SeedSequence(seed, spawn_key=(r,)))``."""
    ids = np.asarray(run_ids, dtype=np.int64)
    if (ids < 0).any():
        raise ValueError("expected non-negative integer")
    ids = ids.astype(np.uint64)
    keys = np.empty((len(ids), 2), dtype=np.uint64)
    wide = ids > _MASK32
    for sel, width in ((~wide, 1), (wide, 2)):
        if not sel.any():
            continue
        part = ids[sel]
        spawn = np.stack(
            [((part >> np.uint64(32 * k)) & np.uint64(_MASK32)) for k in range(width)], axis=1
        ).astype(np.uint32)
        pool = _pools(seed, spawn)
        hashmix = _Hash(_INIT_B, _MULT_B)
        state = [hashmix(pool[:, i % _POOL]).astype(np.uint64) for i in range(4)]
        keys[sel, 0] = state[0] | (state[1] << np.uint64(32))
        keys[sel, 1] = state[2] | (state[3] << np.uint64(32))
    return keys


def _mulhilo(a: U64, multiplier: int, hi: U64, lo: U64, scratch: list[U64]) -> None:
    """``hi`` and ``lo`` := the high and low 64 bits of ``multiplier * a`` (128 bits)."""
    m_lo, m_hi = np.uint64(multiplier & _MASK32), np.uint64(multiplier >> 32)
    a_lo, a_hi, t, w = scratch
    np.bitwise_and(a, _LOW, out=a_lo)
    np.right_shift(a, _SHIFT, out=a_hi)
    np.multiply(a_lo, m_lo, out=t)
    t >>= _SHIFT
    np.multiply(a_hi, m_lo, out=w)
    t += w
    np.multiply(a_lo, m_hi, out=w)
    np.bitwise_and(t, _LOW, out=a_lo)
    w += a_lo
    w >>= _SHIFT
    t >>= _SHIFT
    np.multiply(a_hi, m_hi, out=hi)
    hi += t
    hi += w
    np.multiply(a, np.uint64(multiplier), out=lo)


def _blocks(keys: U64, blocks: int) -> U64:
    """(R, blocks, 4) the Philox 4x64-10 outputs for counters 1 .. blocks under ``keys``."""
    runs = keys.shape[0]
    k0, k1 = keys[:, :1].copy(), keys[:, 1:].copy()
    shape = (runs, blocks)
    c = [np.broadcast_to(np.arange(1, blocks + 1, dtype=np.uint64), shape).copy()]
    c += [np.zeros(shape, dtype=np.uint64) for _ in range(3)]
    spare = [np.empty(shape, dtype=np.uint64) for _ in range(4)]
    scratch = [np.empty(shape, dtype=np.uint64) for _ in range(4)]
    for r in range(_ROUNDS):
        if r:
            k0 += np.uint64(_W0)
            k1 += np.uint64(_W1)
        hi0, lo0, hi1, lo1 = spare
        _mulhilo(c[0], _M0, hi0, lo0, scratch)
        _mulhilo(c[2], _M1, hi1, lo1, scratch)
        hi1 ^= c[1]
        hi1 ^= k0
        hi0 ^= c[3]
        hi0 ^= k1
        spare = c
        c = [hi1, lo1, hi0, lo0]
    return np.stack(c, axis=2)


def philox_uniforms(
    seed: int, run_ids: npt.NDArray[np.int64], width: int
) -> npt.NDArray[np.float64]:
    """(R, width) the first ``width`` uniforms of each run's generator, as
    ``Generator(Philox(SeedSequence(seed, spawn_key=(r,)))).random(width)`` gives them."""
    keys = philox_keys(seed, run_ids)
    runs, blocks = keys.shape[0], max((width + 3) // 4, 1)
    out = np.empty((runs, width))
    step = max(_CHUNK // blocks, 1)
    for lo in range(0, runs, step):
        bits = _blocks(keys[lo : lo + step], blocks).reshape(-1, blocks * 4)[:, :width]
        np.multiply(bits >> np.uint64(11), 1.0 / 9007199254740992.0, out=out[lo : lo + step])
    return out
