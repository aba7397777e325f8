"""MARA Desktop: the MARAC chair's encrypted case file, meeting walkthrough and minutes."""

__version__ = "0.1.0"
