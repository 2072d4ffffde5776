"""Writes of the surveys app (one module per half: ``forms``, ``collection``,
``credentials``; the statistics half adds its own)."""
