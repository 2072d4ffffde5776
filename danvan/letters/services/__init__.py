"""Writes of letters, by area: reception, intake, decisions, complaints, denunciations,
identity. Import from the submodules."""
