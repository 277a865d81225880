"""The client's address: the connection's peer, or, behind a configured proxy, the address that
proxy put in X-Forwarded-For."""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

Network = IPv4Network | IPv6Network


class ForgedForwarding(ValueError):
    """X-Forwarded-For from a peer that is not a configured proxy, or not a list of addresses."""


class ClientAddress:
    def __init__(self, trusted_proxies: Iterable[str]) -> None:
        self._trusted: list[Network] = [ip_network(p, strict=False) for p in trusted_proxies]

    def _is_trusted(self, address: str) -> bool:
        try:
            parsed = ip_address(address)
        except ValueError:
            return False
        return any(parsed in network for network in self._trusted)

    def resolve(self, peer: str, forwarded_for: list[str]) -> str:
        """The client's address. Proxies append the address they received from, so the
        rightmost address that is not a trusted proxy is the client; anything left of it could
        have been written by the client itself."""
        if not forwarded_for:
            return peer
        if not self._is_trusted(peer):
            raise ForgedForwarding(peer)
        hops = [hop.strip() for header in forwarded_for for hop in header.split(",")]
        for hop in reversed(hops):
            try:
                address = str(ip_address(hop))
            except ValueError as error:
                raise ForgedForwarding(hop) from error
            if not self._is_trusted(address):
                return address
        return str(ip_address(hops[0]))
