"""Search (the ``search_index`` plugin). The index writers run as ``python -m
search_index.<module>``: this package imports nothing of Pelican until the plugin registers."""

from __future__ import annotations


def register() -> None:
    from search_index.plugin import register as register_plugin

    register_plugin()
