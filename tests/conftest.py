"""Shared fixtures: the sample portal built once per test session, served on a free port."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from portal.commands.serve import make_server
from sitekit import ROOT, Site, run_portal


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The sample portal of content/, built into a temporary folder."""
    output = tmp_path_factory.mktemp("sample") / "output"
    result = run_portal("build", "--output", str(output))
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(ROOT / "content", output)


@pytest.fixture(scope="session")
def sample_server(sample_site: Site) -> Iterator[str]:
    """Base URL of the sample portal, served by ``portal serve``'s server."""
    server = make_server(Path(sample_site.output), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
