"""Photos as phones make them: an iPhone's HEIC/HEIF picture is taken and kept as a JPEG
(right way up, without where it was taken); a broken one is refused by its field with the rest
of the form kept; and every file picker offers exactly the types the server takes."""

from __future__ import annotations

import io
import re

import pillow_heif
from PIL import Image
from sqlalchemy import select

from engine.complaints.attachments import UPLOAD_ACCEPT, Upload, check_upload
from engine.complaints.photos import is_heif
from engine.complaints.tables import Attachment, Complaint
from tests.public.test_public import FORM, filed, receipt_codes
from tests.public.test_receipt import TOKEN
from tests.walk import Walk
from tests.webui.files import PNG, upload
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def heic_photo(width: int = 64, height: int = 32, rotated: bool = False) -> bytes:
    """A real small HEIC picture, as an iPhone stores it: a GPS position in its EXIF, and (when
    ``rotated``) an orientation tag saying it is to be shown turned a quarter."""
    picture = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD)[2] = (3.0, 40.0, 12.0)  # GPSLatitude
    if rotated:
        exif[ORIENTATION] = 6  # turn 90° clockwise to show
    out = io.BytesIO()
    pillow_heif.from_pillow(picture).save(out, quality=60, exif=exif.tobytes())
    data = out.getvalue()
    assert is_heif(data)
    return data


def test_an_iphone_photo_becomes_an_upright_jpeg_without_its_place() -> None:
    found = Upload("lampiran", "IMG_0042.HEIC", heic_photo(rotated=True))
    assert found.filename == "IMG_0042.jpg"
    assert check_upload(found, 10 * 1024 * 1024, "attachments") == "image/jpeg"
    picture = Image.open(io.BytesIO(found.data))
    assert picture.format == "JPEG" and picture.size == (32, 64)  # turned as the tag said
    assert GPS_IFD not in picture.getexif()


def test_the_portal_keeps_an_iphone_photo_as_jpeg(pages: Pages, services: Services) -> None:
    code, _ = receipt_codes(text_of(filed(pages, attachments=[
        upload(heic_photo(), "IMG_0042.HEIC")])))
    with services.uow() as uow:
        complaint = uow.session.scalars(
            select(Complaint).where(Complaint.tracking_code == code)).one()
        kept = uow.session.scalars(select(Attachment).where(
            Attachment.complaint_id == complaint.id, Attachment.kind == "lampiran")).one()
    assert (kept.filename, kept.content_type) == ("IMG_0042.jpg", "image/jpeg")


def test_a_broken_heic_is_refused_by_its_field_and_the_form_is_kept(
        pages: Pages, services: Services) -> None:
    broken = heic_photo()[:60]  # the header of a HEIC photo, the picture cut off
    response = pages.post("/lapor", {**FORM, "submission": TOKEN,
                                     "id_document": upload(PNG, "ktp.png"),
                                     "attachments": [upload(broken, "IMG_0043.HEIC")]},
                          status=422, content_type="multipart/form-data")
    page = text_of(response)
    assert 'id="f-attachments-error"' in page
    assert "Hanya berkas PDF, JPG, PNG, WEBP atau foto HEIC yang diterima." in page
    assert FORM["title"] in page and FORM["description"] in page
    assert 'id="kept-files"' in page and "ktp.png" in page  # the good file waits
    pages.post("/lapor", {**FORM, "submission": TOKEN,
                          "attachments": [upload(heic_photo(), "IMG_0043.HEIC")]},
               status=303, content_type="multipart/form-data")
    with services.uow() as uow:
        names = sorted(uow.session.scalars(select(Attachment.filename)))
    assert names == ["IMG_0043.jpg", "ktp.png"]


def test_every_picker_offers_what_the_server_takes(pages: Pages, walk: Walk) -> None:
    types = UPLOAD_ACCEPT
    offered = set(types.split(","))
    assert {"image/heic", "image/heif", ".heic", "image/jpeg", "application/pdf"} <= offered
    assert not any(t.endswith("/*") for t in offered)  # no "any image": GIF, TIFF are refused
    portal = text_of(pages.get("/lapor"))
    pickers = re.findall(r'<input[^>]*type="file"[^>]*>', portal)
    assert len(pickers) == 2  # attachments, ID copy
    assert all(f'accept="{types}"' in picker for picker in pickers)
    walk.user("front_office")
    pages.login("front_office")
    counter = text_of(pages.get("/front-office/registrasi"))
    pickers = re.findall(r'<input[^>]*type="file"[^>]*>', counter)
    assert len(pickers) == 3  # attachments, ID copy, the paper form's scan
    assert all(f'accept="{types}"' in picker for picker in pickers)
