"""One build's run: what its stages learn and keep between Pelican's signals.

Made when the build starts (``output_folder``, the pipeline's first stage, on ``initialized``)
and kept in the build's settings under ``PORTAL_RUN``. Pelican hands every handler that dict or
a shallow copy of it: ``pelican.settings``, ``generator.settings`` and ``generator.context``,
the writer's and the readers' ``settings``, the context of ``content_written``. So each stage
finds its state with ``run_of(...)``, and no module keeps any: a second build in the same
process starts from a run of its own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from portal.model.state import BuildState

RUN_SETTING = "PORTAL_RUN"
Part = TypeVar("Part")


@dataclass
class BuildRun:
    state: BuildState  # the content: registries, items, problems
    previous: Path | None  # the last successful build, while this one writes a folder of its own
    parts: dict[type, Any] = field(default_factory=dict)  # each stage's own state, by its type

    def part(self, kind: type[Part]) -> Part:
        """This run's ``kind``, made empty (``kind()``) when first asked for."""
        if kind not in self.parts:
            self.parts[kind] = kind()
        return self.parts[kind]

    def keep(self, part: object) -> None:
        self.parts[type(part)] = part


def run_of(values: Mapping[str, Any]) -> BuildRun:
    """The run of the build whose settings or context ``values`` are."""
    run = values.get(RUN_SETTING)
    if not isinstance(run, BuildRun):
        raise RuntimeError("no portal build is running: the portal plugin is not registered "
                           "(PLUGINS = ['portal'])")
    return run
