"""Type aliases for the NumPy arrays the package passes around: one home for all of them."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["I8", "I16", "I32", "U32", "U64", "Bools", "Floats", "Ints"]

Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
I8 = npt.NDArray[np.int8]
I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
