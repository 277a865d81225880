"""Running the counter service with uvicorn, alone (``portal counter-service``) or beside the
preview server (``portal serve``)."""

from __future__ import annotations

import asyncio
import gc
import signal
import socket
from pathlib import Path

import uvicorn

from portal.services.counters.app import create_app
from portal.services.counters.backends import open_store
from portal.services.counters.config import CounterConfig
from portal.services.counters.messages import label
from portal.services.counters.seeds import SeedError, read_seed
from portal.services.counters.store import Seed

MAX_CONNECTIONS = 1000  # beyond this, new requests get 503: memory stays bounded


def storage(config: CounterConfig) -> str:
    return config.redis_url if config.backend == "redis" else f"SQLite {config.database}"


def counter_server(config: CounterConfig, host: str, port: int) -> uvicorn.Server:
    return uvicorn.Server(uvicorn.Config(
        create_app(config), host=host, port=port, loop="uvloop", http="httptools",
        lifespan="on", log_level="warning", access_log=False, server_header=False,
        # The app reads X-Forwarded-For itself, from configured proxies only.
        proxy_headers=False,
        limit_concurrency=MAX_CONNECTIONS, backlog=2048, timeout_keep_alive=5))


def bind(server: uvicorn.Server) -> socket.socket:
    """The server's socket, listening from now on (connections wait until it runs), so that
    its port can be told before it starts."""
    listening = server.config.bind_socket()
    listening.listen(server.config.backlog)
    return listening


async def seed_store(config: CounterConfig, seed: Seed) -> None:
    """Raise the stored counts to ``seed`` (never lowers them)."""
    store = open_store(config)
    try:
        await store.seed(seed)
    finally:
        await store.close()


def run(config: CounterConfig, host: str, port: int, seed: Path | None = None) -> int:
    if seed is not None:
        try:
            counts = read_seed(seed)
            asyncio.run(seed_store(config, counts))
            print(label("seeded", path=seed, pages=len(counts.pages), site=counts.site), flush=True)
        except SeedError as error:
            print(label("bad_seed", path=seed, detail=error))
            return 1
    server = counter_server(config, host, port)
    stop_on_signals(server)
    listening = bind(server)
    print(label("counting", host=host, port=listening.getsockname()[1], store=storage(config)),
          flush=True)
    # What start-up made (modules, the app) lives as long as the process: keep it out of the
    # collector's full passes, which would otherwise stall all requests for tens of ms.
    gc.freeze()
    server.run(sockets=[listening])
    return 0


def stop_on_signals(server: uvicorn.Server) -> None:
    """From now on SIGINT and SIGTERM stop ``server`` gracefully, also before it runs; uvicorn
    hands the signal back to this handler after its shutdown, so the process then ends normally."""
    def stop(signum: int, frame: object) -> None:
        server.should_exit = True

    for stopping in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stopping, stop)
