"""Structured, quiet-by-default logging: ``level=… logger=… msg=… key=value`` on stderr."""

from __future__ import annotations

import logging

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = {k: v for k, v in record.__dict__.items() if k not in _STANDARD}
        extra = "".join(f" {k}={v!r}" for k, v in fields.items())
        return f"level={record.levelname.lower()} logger={record.name} msg={record.getMessage()!r}{extra}"


def configure(verbose: bool = False) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(KeyValueFormatter())
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, handlers=[handler], force=True
    )
