"""What a build keeps beside its output for the next one: read whole or not at all, and
written so that a build stopped halfway never leaves half a file."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any


def read_kept(file: Path) -> Any:
    """What ``write_kept`` stored there; None when there is nothing, or nothing readable."""
    try:
        return pickle.loads(file.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None


def write_kept(file: Path, value: Any) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(file)
