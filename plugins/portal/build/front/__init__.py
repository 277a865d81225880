"""Home page and one listing per content type (tin tức, văn bản, tấm gương)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from pelican import signals

from portal.common import urls
from portal.common.listing import Crumb, Listing, ListingGenerator


class FrontGenerator(ListingGenerator):
    def generate_context(self) -> None:
        """The sidebar is the same on every page: render it once for the whole build."""
        sidebar = self.get_template("partials/sidebar").render(self.context)
        self.context["portal_sidebar"] = Markup(sidebar)

    def generate_output(self, writer: Any) -> None:
        portal = self.portal
        home = Listing("home", self.settings["SITE_SHORT_NAME"], urls.HOME)
        self.write_listing(writer, home, portal.articles, template="index")
        for content_type in portal.content_types:
            url = urls.content_type(content_type.segment)
            listing = Listing("type", content_type.label_plural, url,
                              [Crumb(content_type.label_plural)], subject=content_type)
            self.write_listing(writer, listing, portal.by_type.get(content_type.key, []))


def get_generators(pelican: Any) -> type[FrontGenerator]:
    return FrontGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
