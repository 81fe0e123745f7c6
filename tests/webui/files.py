"""Small files that pass (or fail) the upload check by content."""

from __future__ import annotations

import io

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% test document\n"
EXE = b"MZ\x90\x00 not an image"


def upload(data: bytes, name: str) -> tuple[io.BytesIO, str]:
    """A file as the test client posts it."""
    return io.BytesIO(data), name
