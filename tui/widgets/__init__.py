"""The app's widgets: the main view's tree and detail pane (with its note cards), the key
bar every screen shows, a long text that scrolls (a note read whole) and the year diff's
list of rows."""
