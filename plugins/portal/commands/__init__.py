"""The ``portal`` command: one entry point, a verb per task."""
