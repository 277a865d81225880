"""Problems found in content: each names the file, the line and the fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from portal_common.messages import explain, label

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def render(self) -> str:
        message, fix = explain(self.code, **self.params)
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {label(self.severity)}: {message}\n    {label('fix')}: {fix}"


def error(path: str, line: int, code: str, **params: object) -> Problem:
    return Problem(path, line, code, params, ERROR)


def warning(path: str, line: int, code: str, **params: object) -> Problem:
    return Problem(path, line, code, params, WARNING)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.code, str(p.params)))


def report(problems: Iterable[Problem], items: int) -> tuple[str, bool]:
    """The text to show an official, and whether the content has errors."""
    ordered = sort_problems(problems)
    errors = sum(p.is_error for p in ordered)
    warnings = len(ordered) - errors
    lines = [p.render() for p in ordered]
    if errors:
        lines.append(label("summary_bad", errors=errors, warnings=warnings))
    else:
        lines.append(label("summary_ok", items=items, warnings=warnings))
    return "\n".join(lines), bool(errors)
