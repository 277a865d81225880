"""The search normalisation: the shared vectors, and the vectors file is what its script makes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from make_search_vectors import OUTPUT, render
from portal.common.search_text import fold, normalize, query_number_key, tokens

VECTORS: dict[str, Any] = json.loads(OUTPUT.read_text(encoding="utf-8"))


def test_vectors_file_is_up_to_date() -> None:
    assert OUTPUT.read_text(encoding="utf-8") == render(), \
        "run PYTHONPATH=plugins .venv/bin/python tests/make_search_vectors.py"


def test_vectors_cover_old_and_new_tone_places_upper_case_and_nfd() -> None:
    inputs = {row["input"] for row in VECTORS["normalize"]}
    assert {"hòa", "hoà", "HOÀ", "qủa", "gìa", "thúy", "thuý", "hỏe", "hoẻ"} <= inputs
    assert "Ho\u0300a" in inputs


@pytest.mark.parametrize("row", VECTORS["normalize"], ids=lambda row: row["input"])
def test_normalize_and_fold(row: dict[str, str]) -> None:
    assert normalize(row["input"]) == row["normalized"]
    assert fold(row["input"]) == row["folded"]


@pytest.mark.parametrize("row", VECTORS["tokens"], ids=lambda row: row["input"])
def test_tokens(row: dict[str, Any]) -> None:
    assert tokens(normalize(row["input"])) == row["tokens"]


@pytest.mark.parametrize("row", VECTORS["numbers"], ids=lambda row: row["query"])
def test_document_number_in_a_query(row: dict[str, str | None]) -> None:
    assert query_number_key(row["query"]) == row["key"]
