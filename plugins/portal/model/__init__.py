"""The content model: items, units and topics read from content/, validated, indexed.

The Pelican side (reading every file, one report of every problem) is ``plugin``."""
