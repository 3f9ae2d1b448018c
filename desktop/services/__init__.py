"""Actions the UI and CLI call. Each opens its own short transactions; nothing here imports Qt."""
