"""Qt item models shared by the pages (a page's views show them; their data comes from a presenter
or a service)."""
