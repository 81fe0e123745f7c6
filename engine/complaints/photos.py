"""Photos as phones make them: an iPhone's HEIC/HEIF picture becomes a JPEG on arrival, so
every officer's browser shows it and the file check needs no new type to trust.

The JPEG keeps the picture the right way up (libheif applies the stored rotation; the EXIF
orientation is then reset) and its colour profile, and drops the rest of the metadata (an iPhone
photo carries where it was taken; the report's place is what the reporter chose to say).
"""

from __future__ import annotations

import io

import pillow_heif
from PIL import Image, ImageOps

# The ISO media file brands of HEIF still images (HEIC is HEIF holding HEVC pictures).
HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1",
                         b"msf1", b"heif"})
# Larger files are not decoded: no phone photo comes near, and decoding costs memory.
MAX_HEIF_BYTES = 40 * 1024 * 1024
JPEG_QUALITY = 88


def is_heif(data: bytes) -> bool:
    """Whether the bytes start like a HEIF/HEIC image (an ``ftyp`` box with a HEIF brand)."""
    return data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def heif_to_jpeg(data: bytes) -> bytes | None:
    """The picture as JPEG bytes; None when the bytes are not a readable HEIF image (the file
    check then refuses them as of no accepted type)."""
    if not is_heif(data) or len(data) > MAX_HEIF_BYTES:
        return None
    try:
        picture = pillow_heif.open_heif(io.BytesIO(data)).to_pillow()
        upright = ImageOps.exif_transpose(picture).convert("RGB")
    except (ValueError, OSError, RuntimeError, Image.DecompressionBombError):
        return None
    out = io.BytesIO()
    # The colour profile stays (iPhones shoot in Display P3); EXIF, with its GPS, does not.
    upright.save(out, "JPEG", quality=JPEG_QUALITY, icc_profile=picture.info.get("icc_profile"))
    return out.getvalue()


def jpeg_name(filename: str) -> str:
    """The sender's file name with the extension of what is kept ("IMG_0001.HEIC" → ".jpg")."""
    stem, dot, _ = filename.rpartition(".")
    return f"{stem if dot else filename}.jpg"
