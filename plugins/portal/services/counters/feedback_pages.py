"""The answers to a feedback form: a small HTML page for a browser without JavaScript (a form's
own POST), JSON for the page's script (``Accept: application/json``)."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

NO_STORE = {"Cache-Control": "no-store"}

PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
</head>
<body>
<main>
<h1>{title}</h1>
<p role="{role}">{message}</p>
<p><a href="{back}">{back_label}</a></p>
</main>
</body>
</html>
"""


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def answer(request: Request, status: int, body: dict[str, object], title: str, back: str,
           back_label: str, headers: dict[str, str] | None = None) -> Response:
    headers = {**NO_STORE, **(headers or {})}
    if wants_json(request):
        return JSONResponse(body, status, headers=headers)
    html = PAGE.format(title=escape(title), message=escape(str(body["message"])),
                       role="status" if status < 400 else "alert", back=escape(back),
                       back_label=escape(back_label))
    return HTMLResponse(html, status, headers=headers)
