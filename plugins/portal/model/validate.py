"""Checking one content file against the schema and the registries."""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import PurePosixPath

from portal.common.messages import label
from portal.model.body_files import missing_files, named_pictures, picture_problems
from portal.model.item import Item
from portal.model.problems import Problem, error, warning
from portal.model.schema import CONTENT_TYPES, FIELDS, PLACEHOLDER_BODY, Context, FieldError
from portal.model.source import SourceFile


def _unknown_key(source: SourceFile, key: str) -> Problem:
    entry = source.entries[key]
    close = get_close_matches(key, list(FIELDS), n=1, cutoff=0.6)
    hint = label("did_you_mean", value=FIELDS[close[0]].name) if close else ""
    return error(source.path, entry.line, "unknown_key", key=entry.name, hint=hint)


def _folder_problems(item: Item) -> list[Problem]:
    parts = PurePosixPath(item.path).parts
    if len(parts) < 3 or parts[0] not in CONTENT_TYPES:
        return []
    problems = []
    if item.type and parts[0] != item.type:
        problems.append(error(item.path, item.line("type"), "folder_mismatch", folder=parts[0],
                              key="Type", value=item.type))
    unit = item.unit
    if unit and parts[1] != unit.slug:
        problems.append(error(item.path, item.line("unit"), "folder_mismatch", folder=parts[1],
                              key="Unit", value=unit.slug))
    return problems


def validate_source(source: SourceFile, context: Context) -> Item:
    """Read every metadata value; the item carries every problem found."""
    item = Item(source.path, {}, {}, source.body, source.body_line)
    problems: list[Problem] = list(source.problems)
    for key, entry in source.entries.items():
        item.lines[key] = entry.line
        spec = FIELDS.get(key)
        if spec is None:
            problems.append(_unknown_key(source, key))
            continue
        if not entry.value:
            problems.append(error(source.path, entry.line, "empty_value", key=spec.name))
            continue
        try:
            item.fields[key] = spec.read(entry.value, spec.name, context)
        except FieldError as problem:
            problems.append(error(source.path, entry.line, problem.message, key=spec.name,
                                  **problem.params))
    item_type = item.type
    for key, spec in FIELDS.items():
        if item_type in spec.required_for and key not in source.entries:
            problems.append(error(source.path, 1, "missing_key", key=spec.name,
                                  for_type=label("for_type", type=item_type)))
        if item_type and key in item.fields and item_type not in spec.types:
            problems.append(error(source.path, item.line(key), "key_not_for_type", key=spec.name,
                                  type=item_type, types=" / ".join(sorted(spec.types))))
    for key in ("title", "date", "type", "unit"):
        if not item_type and key not in source.entries:
            problems.append(error(source.path, 1, "missing_key", key=FIELDS[key].name,
                                  for_type=""))
    problems += _folder_problems(item)
    problems += missing_files(source.path, source.body, source.body_line, context.content_root)
    item.pictures = named_pictures(source.body, source.body_line, item.get("image"), item.line("image"))
    problems += picture_problems(source.path, item.pictures, context.content_root)
    if source.body.strip() in PLACEHOLDER_BODY:
        problem = error if context.production else warning
        problems.append(problem(source.path, source.body_line, "placeholder_body"))
    if item.is_draft:
        problems = [warning(p.path, p.line, p.code, **p.params) for p in problems]
        problems.append(warning(source.path, item.line("status"), "draft"))
    item.problems = problems
    return item
