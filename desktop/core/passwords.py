"""Database passwords kept out of every text shown or logged: `redact(text)` drops the password of any
PostgreSQL URL (and of a libpq `password=`). Plain Python, so the app's log formatter
(desktop.paths) and the store's server addresses (desktop.store.location) share it."""

from __future__ import annotations

import re

# user:password@ in any postgres URL (also inside longer messages)
_URL_PASSWORD = re.compile(r"(postgres(?:ql)?(?:\+\w+)?://[^:/@\s]*):[^@\s]*@", re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"([?&](?:ssl)?password=)[^&\s]*", re.IGNORECASE)
_KEYWORD_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with the password of any database URL (or libpq `password=`) replaced by nothing."""
    text = _URL_PASSWORD.sub(r"\1@", str(text))
    text = _QUERY_PASSWORD.sub(r"\1***", text)
    return _KEYWORD_PASSWORD.sub(r"\1***", text)
