"""The spawn guard: experiments started from a script that does not guard its main code.

Local workers are started with ``spawn``: each imports the script that started it as
``__mp_main__``. A script whose work is not under ``if __name__ == "__main__":`` would run that
work again in every worker, and start workers of its own; Python refuses the second and the
pool breaks. :func:`check_not_bootstrapping` stops such a worker at once with a one-line
message, and :data:`SPAWN_GUARD` is what the parent tells the user.
"""

from __future__ import annotations

import multiprocessing
import sys

__all__ = ["SPAWN_GUARD", "check_not_bootstrapping"]

SPAWN_GUARD = (
    "worker processes are started with 'spawn' and import the script that starts them: "
    'put the script\'s work in a function called under `if __name__ == "__main__":` '
    "(see the Python API in docs/experiments.md)"
)


def check_not_bootstrapping() -> None:
    """End this process with :data:`SPAWN_GUARD` on stderr if it is a worker still importing
    the main script (the script's unguarded code is calling the API again); do nothing in
    any other process."""
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        print(f"error: {SPAWN_GUARD}", file=sys.stderr)
        raise SystemExit(1)
