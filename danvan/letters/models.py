"""Models of letters."""
