"""JSON import and export of a whole case file (`mara-interchange/1`, docs/interchange.md)."""
