"""The screens over the main view: the dialogs (each a :class:`~tui.screens.dialog.Dialog`)
and the year diff."""
