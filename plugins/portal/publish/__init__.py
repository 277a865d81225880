"""The production build (minified, pre-compressed, with a report) and publishing it."""
