"""Guidance documents: supersedes / superseded-by on both documents, and document numbers in
any item's text linked to the document they name."""

from __future__ import annotations

from typing import Any

from pelican import signals

from portal.build.documents.index import DocumentIndex
from portal.build.documents.linking import link_numbers


def index_articles(generator: Any) -> DocumentIndex[Any]:
    index: DocumentIndex[Any] = DocumentIndex(generator.context["portal"].registries.units)
    for article in generator.articles:
        if getattr(article, "number", None):
            index.add(article.number.key, article.unit.slug, article)
    return index


def relate_supersedes(articles: list[Any], index: DocumentIndex[Any]) -> None:
    for article in articles:
        article.superseded_by = []
    for article in articles:
        article.supersedes_resolved = [
            (number, index.resolve(number.key, article.unit.slug))
            for number in getattr(article, "supersedes", [])
        ]
        for _, target in article.supersedes_resolved:
            if target is not None:
                target.superseded_by.append(article)


def link_citations(articles: list[Any], index: DocumentIndex[Any]) -> None:
    for article in articles:
        def resolve(number: Any, citing: Any = article) -> str | None:
            target = index.resolve(number.key, citing.unit.slug)
            return f"/{target.url}" if target is not None and target is not citing else None

        article._content = link_numbers(article._content, resolve)


def on_articles_finalized(generator: Any) -> None:
    index = index_articles(generator)
    relate_supersedes(generator.articles, index)
    link_citations(generator.articles, index)


def register() -> None:
    signals.article_generator_finalized.connect(on_articles_finalized)
