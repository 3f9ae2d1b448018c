"""Plain-Python core: domain types, errors, progress/cancel protocol, undo commands. No Qt here."""
