"""The counter service's messages, in Vietnamese first and English on request (PORTAL_LANG)."""

from __future__ import annotations

from portal.common.messages import Text, language

LABELS: dict[str, Text] = {
    "counting": Text("Bộ đếm lượt truy cập chạy tại http://{host}:{port}/api/ (lưu trữ: {store}).",
                     "The visitor counter runs at http://{host}:{port}/api/ (storage: {store})."),
    "counting_alongside": Text("Bộ đếm lượt truy cập: /api/ (lưu trữ: {store}).",
                               "Visitor counters: /api/ (storage: {store})."),
    "seeded": Text("Đã nạp số đếm ban đầu từ {path}: {pages} trang, {site} lượt truy cập.",
                   "Loaded starting counts from {path}: {pages} pages, {site} visits."),
    "bad_seed": Text("Không nạp được số đếm ban đầu từ {path}: {detail}",
                     "Could not load starting counts from {path}: {detail}"),
    "seed_shape": Text('cần một đối tượng JSON {{"site": ..., "articles": ..., "pages": {{...}}}}',
                       'expected a JSON object {{"site": ..., "articles": ..., "pages": {{...}}}}'),
    "seed_count": Text("{where}: {value} không phải số nguyên không âm",
                       "{where}: {value} is not a non-negative integer"),
    "seed_page": Text("mã trang {page} không hợp lệ", "page id {page} is not valid"),
}


def label(code: str, **params: object) -> str:
    text = LABELS[code]
    return (text.en if language() == "en" else text.vi).format(**params)
