"""The anti-spam question of an item's feedback form ("góp ý"): a small sum chosen from the
item's counter id. Pages are static and built without any secret of the service, so the question
is a function of the page id that the build and the service both compute: the service checks the
answer without keeping any state. It stops form-filling robots, not one written for this portal;
the honeypot field, the rate limit and the dedupe do the rest."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


@dataclass(frozen=True)
class Question:
    first: int
    second: int

    @property
    def text(self) -> str:
        return f"{WORDS[self.first].capitalize()} cộng {WORDS[self.second]} bằng mấy?"

    @property
    def answer(self) -> int:
        return self.first + self.second


def feedback_question(page_id: str) -> Question:
    digest = hashlib.sha256(f"gop-y\n{page_id}".encode()).digest()
    return Question(1 + digest[0] % 9, 1 + digest[1] % 9)
