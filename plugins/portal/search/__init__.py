"""Search (the ``portal.search`` plugin). The index writers run as ``python -m
portal.search.<module>``: this package imports nothing of Pelican until the plugin registers."""

from __future__ import annotations


def register() -> None:
    from portal.search.plugin import register as register_plugin

    register_plugin()
