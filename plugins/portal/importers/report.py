"""The report at the end of a run: every page given, what became of it and why, on screen and as
JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from portal.importers.messages import field_names, say
from portal.importers.model import Note

IMPORTED, DRAFT, SKIPPED, FAILED = "imported", "draft", "skipped", "failed"


def render_note(note: Note) -> str:
    params = dict(note.params)
    if "caption" in params:
        params["caption"] = say("caption", text=params["caption"]) if params["caption"] else ""
    return say(note.code, **params)


@dataclass
class Entry:
    source: str
    outcome: str
    reason: Note | None = None
    file: str | None = None
    title: str | None = None
    type: str | None = None
    id: str | None = None
    legacy_url: str | None = None
    adapter: str | None = None
    encoding: str | None = None
    views: int | None = None
    missing: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def messages(self) -> list[str]:
        found = [render_note(self.reason)] if self.reason else []
        if self.missing:
            found.append(say("missing", fields=field_names(self.missing)))
        return found + [render_note(note) for note in self.notes]

    def to_json(self) -> dict[str, object]:
        data = {key: value for key, value in vars(self).items()
                if key not in ("reason", "notes") and value not in (None, [])}
        if self.reason:
            data["reason"] = {"code": self.reason.code, "message": render_note(self.reason)}
        if self.notes:
            data["notes"] = [{"code": n.code, "message": render_note(n)} for n in self.notes]
        return data


@dataclass
class Report:
    dry_run: bool
    entries: list[Entry] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def count(self, *outcomes: str) -> int:
        return sum(entry.outcome in outcomes for entry in self.entries)

    @property
    def failed(self) -> bool:
        return self.count(FAILED) > 0

    def summary(self) -> dict[str, int]:
        return {"imported": self.count(IMPORTED, DRAFT), "drafts": self.count(DRAFT),
                "skipped": self.count(SKIPPED), "failed": self.count(FAILED)}

    def render(self) -> str:
        lines = []
        for entry in sorted(self.entries, key=lambda e: e.source):
            messages = entry.messages()
            if not messages:
                continue
            target = f" → {entry.file}" if entry.file else ""
            lines.append(f"[{say(entry.outcome)}] {entry.source}{target}")
            lines += [f"    - {message}" for message in messages]
        if self.dry_run:
            lines.append(say("dry_run"))
        lines.append(say("summary", **self.summary()))
        return "\n".join(lines)

    def to_json(self) -> str:
        data = {"dry_run": self.dry_run, "summary": self.summary(),
                "items": [entry.to_json() for entry in sorted(self.entries, key=lambda e: e.source)]}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
