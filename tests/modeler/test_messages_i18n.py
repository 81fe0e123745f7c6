"""The modeler's messages with variable parts read in the reader's language: check problems
(saved with the draft and sent to the page), the deploy refusal, the migration's reasons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from engine.workflow.tables import ProcessDefinition
from tests.walk import Walk
from tests.webui.pages import text_of

from .bundles import MAIN, default_files, replaced
from .test_views import _csrf, _save

LANE_ID = "Lajur 'Bupati' tidak sesuai peran mana pun (peran: "
LANE_EN = "Lane 'Bupati' matches no role (roles: "


def test_check_problems_and_the_deploy_refusal_in_english(
    sign_in: Callable[[str], Any],
) -> None:
    client = sign_in("analis")
    token = _csrf(client)
    files = replaced(default_files(), MAIN, 'name="Ketua"', 'name="Bupati"')
    indonesian = _save(client, files, token).json
    assert indonesian["problems"][0]["message"].startswith(LANE_ID)
    client.get("/analis/pemodel?lang=en")
    english = _save(client, files, token).json
    assert english["problems"][0]["message"].startswith(LANE_EN)
    assert LANE_EN in text_of(client.get(english["editor_url"]))
    bundle = client.get(f"/analis/api/bundle?draft={english['draft_id']}").json
    assert bundle["problems"][0]["message"].startswith(LANE_EN)
    refused = client.post(english["deploy_url"], data={"csrf_token": token, "note": ""},
                          follow_redirects=True)
    page = text_of(refused)
    assert "The draft still has 1 problems; fix them first. First: " + LANE_EN in page
    assert "Draf masih punya" not in page and LANE_ID not in page
    client.get("/analis/pemodel?lang=id")
    page = text_of(client.get(english["editor_url"]))
    assert LANE_ID in page and LANE_EN not in page


def test_migration_reasons_in_english(
    sign_in: Callable[[str], Any], walk: Walk, services: Any,
) -> None:
    code = walk.file().tracking_code
    client = sign_in("analis")
    token = _csrf(client)
    with services.uow() as uow:
        current = uow.session.scalars(select(ProcessDefinition.id)).one()
    form = {"csrf_token": token, "ids": [str(walk.instance(code).id)], "target": str(current)}
    dry = text_of(client.post("/analis/migrasi/uji", data=form))
    assert "Sudah di versi 1; tujuan harus versi yang lebih baru" in dry
    client.get("/analis/migrasi/?lang=en")
    dry = text_of(client.post("/analis/migrasi/uji", data=form))
    assert "Already at version 1; the target must be a newer version" in dry
    assert "Sudah di versi" not in dry
