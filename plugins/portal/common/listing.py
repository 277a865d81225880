"""Writing paginated listing pages and their Atom feeds: shared by every listing plugin."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import escape
from pelican.generators import Generator

from portal.common import urls


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str | None = None


@dataclass
class Listing:
    """What a listing page shows besides its items."""

    kind: str
    title: str
    url: str
    crumbs: list[Crumb] = field(default_factory=list)
    description: str = ""
    feed: bool = True
    subject: Any = None
    links: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def feed_url(self) -> str | None:
        return urls.feed(self.url) if self.feed else None


@dataclass(frozen=True)
class FeedEntry:
    """An article as Pelican's feed writer reads it. The writer takes a title for HTML and
    strips its tags; the escaped title comes out of that as the author's exact text."""

    article: Any

    @property
    def title(self) -> str:
        return str(escape(self.article.title))

    def __getattr__(self, name: str) -> Any:
        if name == "article":  # not set yet (a copy being made)
            raise AttributeError(name)
        return getattr(self.article, name)


class ListingGenerator(Generator):
    """A Pelican generator whose pages are listings of the portal's items."""

    template_name = "listing"

    def generate_context(self) -> None:
        """Listings are computed from the ``portal`` index when output is written."""

    @property
    def portal(self) -> Any:
        return self.context["portal"]

    def write_listing(self, writer: Any, listing: Listing, articles: Sequence[Any],
                      template: str | None = None) -> None:
        writer.write_file(
            urls.save_as(listing.url),
            self.get_template(template or self.template_name),
            self.context,
            paginated={"articles": list(articles)},
            template_name="listing",
            url=listing.url,
            listing=listing,
            page_url=listing.url,
        )
        if listing.feed:
            self.write_feed(writer, listing, articles)

    def write_feed(self, writer: Any, listing: Listing, articles: Sequence[Any]) -> None:
        public = self.settings["PORTAL_PUBLIC_URL"]
        feed_context = {**self.context, "SITEURL": public, "FEED_DOMAIN": public}
        site = self.settings["SITE_SHORT_NAME"]
        title = site if listing.kind == "home" else f"{listing.title} — {site}"
        limit = self.settings["FEED_MAX_ITEMS"]
        writer.write_feed([FeedEntry(a) for a in articles[:limit]], feed_context,
                          path=listing.feed_url, url=listing.feed_url,
                          feed_title=str(escape(title)))

    def write_page(self, writer: Any, url: str, template: str, **values: Any) -> None:
        writer.write_file(urls.save_as(url), self.get_template(template), self.context,
                          page_url=url, **values)
