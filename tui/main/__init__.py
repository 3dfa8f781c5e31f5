"""The main view: the tree of meetings, areas and commitments and the selected one's
detail (:mod:`tui.main.screen`), the background work that feeds it
(:mod:`tui.main.feeding`) and the dialogs it opens to change an annotation
(:mod:`tui.main.editing`)."""
