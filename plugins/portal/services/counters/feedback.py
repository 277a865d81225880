"""Readers' feedback ("góp ý") on items: what a submitted form must hold, and what is stored.

A form is ``application/x-www-form-urlencoded`` with ``page`` (the item's counter id), ``name``
(optional), ``message``, ``answer`` (the sum the page asks, ``feedback_question`` in the build)
and ``website``, a honeypot that people never see and robots fill in."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qs

from portal.build.counters_manifest.feedback_question import feedback_question
from portal.build.counters_manifest.manifest import Manifest

MAX_MESSAGE_CHARS = 2000
MAX_NAME_CHARS = 100
MAX_FORM_BYTES = 32 * 1024  # a message of 2,000 characters, percent-encoded, fits easily
FEEDBACK_LIMIT = 5  # submissions per client address per FEEDBACK_WINDOW_SECONDS
FEEDBACK_WINDOW_SECONDS = 10 * 60
FIELDS = ("page", "name", "message", "answer", "website")


@dataclass(frozen=True)
class Feedback:
    page: str
    url: str
    name: str
    message: str
    received: str  # UTC, ISO 8601

    @property
    def digest(self) -> str:
        """What makes two submissions the same: the page and the message, ignoring case, spaces
        and the Unicode form the browser sent."""
        text = " ".join(unicodedata.normalize("NFC", self.message).casefold().split())
        return hashlib.sha256(f"{self.page}\n{text}".encode()).hexdigest()


class FeedbackRefused(ValueError):
    """A submission that is not stored: ``code`` names the message, ``field`` the form field."""

    def __init__(self, code: str, status: int, field: str | None = None,
                 retry_after: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.field = field
        self.retry_after = retry_after


def received_at(now: float) -> str:
    return datetime.fromtimestamp(now, UTC).isoformat(timespec="seconds")


def parse_form(body: bytes) -> dict[str, str]:
    try:
        pairs = parse_qs(body.decode("utf-8"), keep_blank_values=True, errors="strict",
                         max_num_fields=len(FIELDS) * 2)
    except (UnicodeDecodeError, ValueError) as error:
        raise FeedbackRefused("bad_encoding", 400) from error
    return {name: values[0] for name, values in pairs.items() if name in FIELDS}


def clean(text: str) -> str:
    """NFC, Windows line ends made plain, control characters other than line ends removed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    return re.sub(r"[\x00-\x09\x0b-\x1f\x7f]", "", text).strip()


def check(form: dict[str, str], manifest: Manifest, now: float) -> Feedback:
    page = form.get("page", "")
    entry = manifest.items.get(page)
    if entry is None:
        raise FeedbackRefused("unknown_item", 404, "page")
    if form.get("website", ""):
        raise FeedbackRefused("trap", 400)
    name, message = clean(form.get("name", "")), clean(form.get("message", ""))
    if not message:
        raise FeedbackRefused("no_message", 422, "message")
    if len(message) > MAX_MESSAGE_CHARS:
        raise FeedbackRefused("long_message", 422, "message")
    if len(name) > MAX_NAME_CHARS:
        raise FeedbackRefused("long_name", 422, "name")
    answer = form.get("answer", "").strip()
    if not answer.isascii() or not answer.isdigit() or \
            int(answer) != feedback_question(page).answer:
        raise FeedbackRefused("wrong_answer", 422, "answer")
    return Feedback(page, entry.url, name, message, received_at(now))
