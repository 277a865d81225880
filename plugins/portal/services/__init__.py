"""Services that run beside the static site: the visitor counter service."""
