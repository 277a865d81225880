"""The pages' structured data (JSON-LD in schema.org's vocabulary), made here rather than in the
templates; the theme writes it with ``|script_json``. ``tests/test_structured_data.py`` checks
what the built pages carry against schema.org's types (Google's schema-dts)."""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context

from portal.common.pictures import served

SCHEMA = "https://schema.org"
LANGUAGE = "vi"


def _address(context: Any, path: str) -> str:
    return f"{context['PORTAL_PUBLIC_URL']}/{path.lstrip('/')}"


def _site(context: Any) -> dict[str, str]:
    return {"@type": "WebSite", "name": context["SITENAME"], "url": _address(context, "")}


@pass_context
def web_page(context: Any, name: str, address: str, kind: str = "WebPage") -> dict[str, Any]:
    """A page of the portal (``kind``: WebPage, CollectionPage, SearchResultsPage) at its
    public ``address``."""
    return {"@context": SCHEMA, "@type": kind, "name": name, "url": address, "inLanguage": LANGUAGE,
            "isPartOf": _site(context)}


@pass_context
def collection_page(context: Any, name: str, path: str) -> dict[str, Any]:
    """A listing: a type, a unit, a topic, a tag, a date."""
    return web_page(context, name, _address(context, path), "CollectionPage")


@pass_context
def item_data(context: Any, article: Any) -> dict[str, Any]:
    """An item: a NewsArticle for news, an Article for guidance and exemplars; its author the
    byline's person, else the unit; the portal's owner its publisher."""
    address = _address(context, article.url)
    byline, image = getattr(article, "byline", ""), getattr(article, "image", "")
    author = ({"@type": "Person", "name": byline} if byline
              else {"@type": "Organization", "name": article.unit.name})
    data: dict[str, Any] = {
        "@context": SCHEMA, "@type": "NewsArticle" if article.type == "news" else "Article",
        "headline": article.title, "description": article.excerpt,
        "datePublished": article.date.isoformat(), "inLanguage": LANGUAGE, "url": address,
        "mainEntityOfPage": address, "author": author,
        "publisher": {"@type": "Organization", "name": context["PORTAL_OWNER"]},
    }
    if image:
        data["image"] = [_address(context, served(context, image))]
    return data


GLOBALS = {"web_page": web_page, "collection_page": collection_page, "item_data": item_data}
