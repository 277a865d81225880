"""Problems found in content: each names the file, the line and the fix."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from portal.common.messages import explain, label

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


def summary(problems: list[Problem], items: int) -> tuple[str, int, int]:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors:
        return label("summary_bad", errors=errors, warnings=warnings), errors, warnings
    return label("summary_ok", items=items, warnings=warnings), errors, warnings


def report(problems: Iterable[Problem], items: int) -> tuple[str, bool]:
    """The text to show an official, and whether the content has errors."""
    ordered = sort_problems(problems)
    line, errors, _ = summary(ordered, items)
    return "\n".join([*(p.render() for p in ordered), line]), bool(errors)


def report_json(problems: Iterable[Problem], items: int) -> tuple[str, bool]:
    """The same report for machines: every problem with its message and fix."""
    ordered = sort_problems(problems)
    line, errors, warnings = summary(ordered, items)
    entries = []
    for problem in ordered:
        message, fix = explain(problem.code, **problem.params)
        entries.append({"path": problem.path, "line": problem.line, "severity": problem.severity,
                        "code": problem.code, "message": message, "fix": fix})
    data = {"ok": not errors, "items": items, "errors": errors, "warnings": warnings,
            "summary": line, "problems": entries}
    return json.dumps(data, ensure_ascii=False, indent=1), bool(errors)
