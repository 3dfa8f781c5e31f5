"""The coop-tui command line (:mod:`tui.cli`, a module a sub-command in
:mod:`tui.commands`) and the Textual app (:mod:`tui.app`; the main view in
:mod:`tui.main`, the dialogs in :mod:`tui.screens`, the widgets in :mod:`tui.widgets`,
every key in :mod:`tui.keymap`)."""
