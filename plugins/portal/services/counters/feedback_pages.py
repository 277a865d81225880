"""The answers to a feedback form. The page's script asks for JSON (``Accept:
application/json``). A browser without JavaScript posts the form itself: stored feedback sends it
back to the item, whose thank-you line shows when the address ends in ``#gop-y-da-gui``; refused
feedback gets a small page with the reason and the form again, holding what the reader wrote."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from portal.build.counters_manifest.feedback_question import feedback_question
from portal.common.messages import language
from portal.services.counters.feedback import MAX_MESSAGE_CHARS, MAX_NAME_CHARS
from portal.services.counters.messages import label

NO_STORE = {"Cache-Control": "no-store"}
SENT_ANCHOR = "gop-y-da-gui"  # the item page's thank-you line (partials/feedback_form.html)

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
</head>
<body>
<main>
<h1>{title}</h1>
<p role="alert">{message}</p>
{form}<p><a href="{back}">{back_label}</a></p>
</main>
</body>
</html>
"""

# No action: the form posts to the address that answered it, behind any proxy.
FORM = """<form method="post">
<input type="hidden" name="page" value="{page}">
<p><label for="gop-y-name">{name_label}</label><br>
<input type="text" id="gop-y-name" name="name" maxlength="{name_max}" autocomplete="name" value="{name}"></p>
<p><label for="gop-y-message">{message_label}</label><br>
<textarea id="gop-y-message" name="message" rows="6" cols="40" maxlength="{message_max}"
required>{text}</textarea></p>
<p><label for="gop-y-answer">{answer_label}</label><br>
<input type="text" id="gop-y-answer" name="answer" inputmode="numeric" maxlength="3" required
autocomplete="off"></p>
<input type="hidden" name="website" value="">
<p><button type="submit">{send}</button></p>
</form>
"""


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def sent(request: Request, status: int, body: dict[str, object], item: str) -> Response:
    """Stored (or stored before): JSON for the script, else back to the item's thank-you line."""
    if wants_json(request):
        return JSONResponse(body, status, headers=NO_STORE)
    return RedirectResponse(f"{item}#{SENT_ANCHOR}", 303, headers=NO_STORE)


def refused(request: Request, status: int, body: dict[str, object], form: dict[str, str],
            item: str | None, headers: dict[str, str] | None = None) -> Response:
    """Not stored: JSON for the script, else the reason and, for a known item, the form again."""
    headers = {**NO_STORE, **(headers or {})}
    if wants_json(request):
        return JSONResponse(body, status, headers=headers)
    again = "" if item is None else FORM.format(
        page=escape(form.get("page", "")),
        name=escape(form.get("name", "")), text=escape(form.get("message", "")),
        name_max=MAX_NAME_CHARS, message_max=MAX_MESSAGE_CHARS,
        name_label=escape(label("feedback_form_name")),
        message_label=escape(label("feedback_form_message")),
        answer_label=escape(label("feedback_form_answer",
                                  question=feedback_question(form["page"]).text)),
        send=escape(label("feedback_form_send")))
    title = label("feedback_error_title")
    html = PAGE.format(lang=language(), title=escape(title), message=escape(str(body["message"])),
                       form=again, back=escape(f"{item}#gop-y" if item else "/"),
                       back_label=escape(label("feedback_back" if item else "feedback_home")))
    return HTMLResponse(html, status, headers=headers)
