"""``portal import``: saved pages of the old site (NukeViet, Joomla, other article HTML, plain-text
dumps) turned into the portal's Markdown items."""
