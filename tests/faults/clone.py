"""Many waiting complaints, fast: clone one real instance row by row with fresh ids."""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import insert, select, update

from engine.complaints.tables import Complaint, HumanTask, RegistrationCounter, ReporterIdentity
from engine.workflow.tables import ProcessInstance

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _fresh_ids(state: str) -> tuple[str, dict[str, str]]:
    mapping: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        return mapping.setdefault(match.group(0), str(uuid.uuid4()))

    return UUID_RE.sub(swap, state), mapping


def _row(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}


def clone_waiting(services: Any, complaint_id: int, copies: int) -> list[int]:
    """Copy the complaint, its instance, identity and ready tasks ``copies`` times."""
    with services.uow() as uow:
        s = uow.session
        complaint = s.get(Complaint, complaint_id)
        instance = s.get(ProcessInstance, complaint.instance_id)
        identity = s.get(ReporterIdentity, complaint_id)
        tasks = s.scalars(select(HumanTask).where(HumanTask.complaint_id == complaint_id)).all()
        base_c, base_i, base_id, base_t = (_row(complaint), _row(instance), _row(identity),
                                           [_row(t) for t in tasks])
    first_c = base_c["id"] + 1
    first_i = base_i["id"] + 1
    complaints, instances, identities, ready = [], [], [], []
    for n in range(copies):
        cid, iid = first_c + n, first_i + n
        state, mapping = _fresh_ids(base_i["state"])
        instances.append({**base_i, "id": iid, "state": state, "version": 1})
        complaints.append({**base_c, "id": cid, "instance_id": iid,
                           # numbered after the copied one, so a clone of a clone fits too
                           "tracking_code": f"EL-K{cid:07d}",
                           "registration_seq": base_c["registration_seq"] + 1 + n})
        identities.append({**base_id, "complaint_id": cid})
        ready += [{**t, "id": mapping[t["id"]], "instance_id": iid, "complaint_id": cid}
                  for t in base_t]
    with services.db.begin() as conn:
        conn.execute(insert(ProcessInstance), instances)
        conn.execute(insert(Complaint), complaints)
        conn.execute(insert(ReporterIdentity), identities)
        conn.execute(insert(HumanTask), ready)
        conn.execute(update(RegistrationCounter)
                     .where(RegistrationCounter.year == base_c["registration_year"])
                     .values(last_seq=complaints[-1]["registration_seq"]))
    return [c["id"] for c in complaints]
