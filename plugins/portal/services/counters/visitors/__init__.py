"""Telling visitors apart without keeping who they are: addresses, hashes, bots, rate limits."""
