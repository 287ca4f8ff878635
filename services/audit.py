"""The audit log and the data subject's rights: list, purge, export, delete.

Generations are recorded by ``Store.record_generation``; changes made by admins (frames,
profiles, contexts, settings, templates) are recorded here. No record holds prompt or output
text unless the tenant keeps outputs. Every record carries ``expires_at``; Firestore's TTL
policy on that field deletes it (see README), and ``purge_expired`` does the same for
deployments without TTL.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from google.cloud import firestore

from services.store import Store

AUDITED = ("generations", "audit")
#: Collections under a tenant that hold things a person did (ratings sit under templates).
PERSONAL = ("generations", "audit")


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit card: a generation or an admin change."""

    id: str
    kind: str  # "generation" or the admin action, e.g. "save-frame"
    user: str
    what: str  # template@version, or the layer changed and its new version
    created_at: datetime
    model: str = ""
    tokens: int = 0
    duration_ms: int = 0
    items_protected: int = 0


class AuditLog:
    """Reads and writes of audit records; one place for retention and personal data."""

    def __init__(self, store: Store, clock: Any = None) -> None:
        self._store = store
        self._db = store.client
        self._clock = clock or (lambda: datetime.now(UTC))

    def record_change(
        self, tenant_id: str, user: str, action: str, what: str, retention_days: int
    ) -> None:
        """Record that ``user`` did ``action`` to ``what`` (no content, only names)."""
        now = self._clock()
        data = {
            "user": user,
            "action": action,
            "what": what,
            "created_at": now,
            "expires_at": now + timedelta(days=retention_days),
        }
        ref = self._tenant(tenant_id).collection("audit").document(uuid.uuid4().hex)
        self._store.call(lambda: ref.set(data))

    def recent(
        self, tenant_id: str, *, user: str = "", template: str = "", limit: int = 50
    ) -> list[AuditEntry]:
        """The newest generations and admin changes, optionally for one user or template."""
        entries: list[AuditEntry] = []
        for name in AUDITED:
            query = (
                self._tenant(tenant_id)
                .collection(name)
                .order_by("created_at", direction=firestore.Query.DESCENDING)
                .limit(400)
            )
            for doc in self._store.call(partial(_all, query)):
                entries.append(_entry(name, doc.id, doc.to_dict() or {}))
        wanted = [
            e
            for e in entries
            if (not user or e.user == user)
            and (
                not template
                or (e.kind == "generation" and e.what.startswith(template + "@"))
            )
        ]
        return sorted(wanted, key=lambda e: e.created_at, reverse=True)[:limit]

    def purge_expired(self, tenant_id: str) -> int:
        """Delete every audit record whose ``expires_at`` has passed; return how many."""
        now = self._clock()
        deleted = 0
        for name in AUDITED:
            query = (
                self._tenant(tenant_id)
                .collection(name)
                .where(filter=firestore.FieldFilter("expires_at", "<", now))
            )
            for doc in self._store.call(partial(_all, query)):
                self._store.call(doc.reference.delete)
                deleted += 1
        return deleted

    def export_person(self, tenant_id: str, email: str) -> dict[str, Any]:
        """Everything stored about ``email`` in this tenant, as JSON-ready data."""
        tenant = self._tenant(tenant_id)
        member = self._store.call(tenant.collection("members").document(email).get)
        result: dict[str, Any] = {
            "tenant": tenant_id,
            "email": email,
            "member": _plain(member.to_dict()) if member.exists else None,
        }
        for name in PERSONAL:
            docs = self._by_user(tenant_id, name, email)
            result[name] = [{"id": d.id, **_plain(d.to_dict() or {})} for d in docs]
        result["ratings"] = [
            {
                "template": d.reference.parent.parent.id,
                "id": d.id,
                **_plain(d.to_dict()),
            }
            for d in self._ratings_by(tenant_id, email)
        ]
        return result

    def delete_person(self, tenant_id: str, email: str) -> dict[str, int]:
        """Delete ``email``'s member record, generations and ratings; anonymise the rest."""
        tenant = self._tenant(tenant_id)
        counts = {"member": 0, "generations": 0, "ratings": 0, "audit_anonymised": 0}
        member = tenant.collection("members").document(email)
        if self._store.call(member.get).exists:
            self._store.call(member.delete)
            counts["member"] = 1
        for doc in self._by_user(tenant_id, "generations", email):
            self._store.call(doc.reference.delete)
            counts["generations"] += 1
        for doc in self._ratings_by(tenant_id, email):
            self._store.call(doc.reference.delete)
            counts["ratings"] += 1
        pseudonym = "slettet-" + hashlib.sha256(email.encode()).hexdigest()[:12]
        for doc in self._by_user(tenant_id, "audit", email):
            self._store.call(partial(doc.reference.update, {"user": pseudonym}))
            counts["audit_anonymised"] += 1
        return counts

    def _by_user(self, tenant_id: str, collection: str, email: str) -> list[Any]:
        query = (
            self._tenant(tenant_id)
            .collection(collection)
            .where(filter=firestore.FieldFilter("user", "==", email))
        )
        return list(self._store.call(lambda: list(query.stream())))

    def _ratings_by(self, tenant_id: str, email: str) -> list[Any]:
        """``email``'s ratings: one query per template of the tenant (a CLI's pace)."""
        templates = self._store.call(
            lambda: list(self._tenant(tenant_id).collection("templates").stream())
        )
        found: list[Any] = []
        for template in templates:
            query = template.reference.collection("ratings").where(
                filter=firestore.FieldFilter("user", "==", email)
            )
            found += self._store.call(partial(_all, query))
        return found

    def _tenant(self, tenant_id: str) -> firestore.DocumentReference:
        return self._db.collection("tenants").document(tenant_id)


def _entry(collection: str, doc_id: str, data: dict[str, Any]) -> AuditEntry:
    if collection == "generations":
        return AuditEntry(
            id=doc_id,
            kind="generation",
            user=str(data.get("user", "")),
            what=f"{data.get('template_id', '')}@{data.get('template_version', '')}",
            created_at=data.get("created_at") or datetime.min.replace(tzinfo=UTC),
            model=str(data.get("model", "")),
            tokens=int(data.get("prompt_tokens", 0))
            + int(data.get("completion_tokens", 0)),
            duration_ms=int(data.get("duration_ms", 0)),
            items_protected=int(data.get("items_protected", 0)),
        )
    return AuditEntry(
        id=doc_id,
        kind=str(data.get("action", "")),
        user=str(data.get("user", "")),
        what=str(data.get("what", "")),
        created_at=data.get("created_at") or datetime.min.replace(tzinfo=UTC),
    )


def _plain(data: dict[str, Any] | None) -> dict[str, Any]:
    """Firestore values made JSON-ready (timestamps as ISO strings)."""

    def convert(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        return value

    return {k: convert(v) for k, v in (data or {}).items()}


def _all(query: Any) -> list[Any]:
    """Every document a query yields, read in one call."""
    return list(query.stream())
