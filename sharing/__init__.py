"""Sharing a researcher's work: the export formats (Markdown report, JSON, CSV, the notes
folder a team keeps in git), what an export selects, and merging a colleague's export
back into the store. Knows nothing of Textual."""
