"""Topic (chuyên đề) pages from the registry, and tag pages."""

from __future__ import annotations

from typing import Any

from pelican import signals

from portal.common import urls
from portal.common.listing import Crumb, Listing, ListingGenerator

TOPICS_TITLE = "Chuyên đề"
TAGS_TITLE = "Từ khoá"


class TopicsGenerator(ListingGenerator):
    def generate_output(self, writer: Any) -> None:
        portal = self.portal
        self.write_page(writer, urls.TOPICS, "topics", page_title=TOPICS_TITLE,
                        crumbs=[Crumb(TOPICS_TITLE)])
        for topic in portal.topics:
            listing = Listing("topic", topic.title, urls.topic(topic.slug),
                              [Crumb(TOPICS_TITLE, urls.TOPICS), Crumb(topic.title)],
                              description=topic.description, subject=topic)
            self.write_listing(writer, listing, portal.by_topic.get(topic.slug, []))
        tags = sorted(portal.by_tag.items(), key=lambda pair: pair[0].slug)
        self.write_page(writer, urls.TAGS, "tags", page_title=TAGS_TITLE,
                        crumbs=[Crumb(TAGS_TITLE)], tags=tags)
        for tag, articles in tags:
            listing = Listing("tag", tag.name, urls.tag(tag.slug),
                              [Crumb(TAGS_TITLE, urls.TAGS), Crumb(tag.name)], subject=tag)
            self.write_listing(writer, listing, articles)


def get_generators(pelican: Any) -> type[TopicsGenerator]:
    return TopicsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
