"""The portal: one Pelican plugin (``PLUGINS = ["portal"]``) and the ``portal`` command.

Folders: ``model`` (items, units, topics, validation), ``build`` (the build's stages, one
subpackage each, registered below in the order they run), ``search`` (the static index and its
queries), ``services`` (the visitor counter service), ``commands`` (the ``portal`` verbs),
``importers`` (old sites' saved pages), ``publish`` (copying a build to the web server) and
``common`` (text, dates, addresses, messages shared by all). docs/architecture.md draws them.
"""

from __future__ import annotations

from importlib import import_module

# The build's pipeline, in order: each entry is a package with a ``register()``.
PIPELINE = (
    "portal.build.output_folder",  # the build's run (portal.build.run); where it writes, where its site lives
    "portal.build.unchanged_pages",  # pages whose inputs did not change are linked from the last build
    "portal.model.plugin",  # read, validate, slug and index every item; report problems
    "portal.build.documents",  # document numbers: supersedes, citations linked in text
    "portal.build.related_items",  # newer/older, related and other items of each article
    "portal.build.front",  # home page and one listing per content type
    "portal.build.units",  # unit sections, the units tree
    "portal.build.topics",  # topic (chuyên đề) and tag pages
    "portal.build.archives",  # year, month and day archives and the date picker's data
    "portal.build.counters_manifest",  # counter ids of pages; counters.json for the counter service
    "portal.build.legacy_redirects",  # redirect pages and an nginx map for old addresses
    "portal.search",  # the search page and its static index, which `portal search` reads too
    "portal.build.seo",  # sitemap, robots.txt
    "portal.build.pictures",  # pictures at the reader's sizes, WebP, without their metadata
    "portal.build.offline",  # manifest, icons, offline page, service worker (last: it lists the shell)
)


def register() -> None:
    """Connect every stage to Pelican's signals, in the pipeline's order."""
    for name in PIPELINE:
        import_module(name).register()
