"""Shared logic of the portal: Vietnamese text, dates, messages, safe HTML, URLs."""
