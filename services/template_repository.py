"""Firestore for the curators' workflow: drafts, versions with their state, ratings.

Layout, beside what ``Store`` writes (DESIGN.md §4)::

    tenants/{t}/templates/{id}               catalogue entry: title, category, description,
                                             scope, school, status, published_version;
                                             also latest_version and latest_status
    tenants/{t}/templates/{id}/versions/{n}  body, variables, test cases, author (never
                                             changed) and their state: status, reviewer,
                                             comment, test_results, tested_at,
                                             published_at, and meta (the catalogue fields
                                             as this version has them)
    tenants/{t}/templates/{id}/ratings/{g}   one rating per generation g

A version's content is written once. Its state changes only inside a transaction that
first checks the state it expects, so two reviewers cannot both act on one version. The
catalogue entry changes with a draft only while the template was never published;
after that its fields and ``published_version`` change only when a version is
published, and every such write drops the Store's cached catalogue at once.

Documents written by ``Store.put_template`` (the seed library, older data) have no
state fields; their state is read from the catalogue entry: the published version is
"published", any other "archived".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from google.cloud import firestore

from services.errors import InputError
from services.models import (
    CaseResult,
    CheckResult,
    Rating,
    Template,
    TemplateStatus,
    TemplateVersion,
)
from services.store import (
    Store,
    _template,
    _template_version,
    _version_dict,
)

#: Most ratings read per template (newest first).
RATINGS_READ_LIMIT = 1000


class StateChanged(InputError):
    """A version or template is no longer in the state the action expects."""

    message_key = "curation.state_changed"


@dataclass(frozen=True)
class TemplateEntry:
    """A template's catalogue entry with where its newest version stands."""

    template: Template
    latest_version: int
    latest_status: TemplateStatus


@dataclass(frozen=True)
class StoredVersion:
    """One version with the catalogue fields (title, scope …) it would publish."""

    meta: Template
    version: TemplateVersion


class TemplateRepository:
    """Typed reads and transactional writes of templates, versions and ratings."""

    def __init__(
        self, store: Store, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._store = store
        self._db = store.client
        self._clock = clock

    # -- reads ------------------------------------------------------------------------

    def entries(self, tenant_id: str) -> tuple[TemplateEntry, ...]:
        """Every template of a tenant, whatever its status, by title."""
        docs = self._store.call(lambda: list(self._templates(tenant_id).stream()))
        entries = (_entry(doc) for doc in docs)
        return tuple(sorted(entries, key=lambda e: e.template.title.casefold()))

    def entry(self, tenant_id: str, template_id: str) -> TemplateEntry | None:
        """One template's entry, or None."""
        snapshot = self._store.call(lambda: self._ref(tenant_id, template_id).get())
        return _entry(snapshot) if snapshot.exists else None

    def versions(self, tenant_id: str, template_id: str) -> tuple[StoredVersion, ...]:
        """Every version of a template, newest first."""
        entry = self.entry(tenant_id, template_id)
        if entry is None:
            return ()
        docs = self._store.call(
            lambda: list(
                self._ref(tenant_id, template_id).collection("versions").stream()
            )
        )
        found = (_stored(entry, int(doc.id), doc.to_dict() or {}) for doc in docs)
        return tuple(sorted(found, key=lambda s: -s.version.version))

    def version(
        self, tenant_id: str, template_id: str, number: int
    ) -> StoredVersion | None:
        """One version of a template, or None."""
        entry = self.entry(tenant_id, template_id)
        if entry is None:
            return None
        ref = self._version_ref(tenant_id, template_id, number)
        snapshot = self._store.call(ref.get)
        if not snapshot.exists:
            return None
        return _stored(entry, number, snapshot.to_dict() or {})

    def ratings(self, tenant_id: str, template_id: str) -> tuple[Rating, ...]:
        """The newest ratings of a template (at most ``RATINGS_READ_LIMIT``)."""
        query = (
            self._ref(tenant_id, template_id)
            .collection("ratings")
            .order_by("created_at", direction=firestore.Query.DESCENDING)
            .limit(RATINGS_READ_LIMIT)
        )
        docs = self._store.call(lambda: list(query.stream()))
        return tuple(_rating(template_id, doc) for doc in docs)

    # -- writes -----------------------------------------------------------------------

    def add_version(
        self, tenant_id: str, meta: Template, content: TemplateVersion, *, new: bool
    ) -> TemplateVersion:
        """Write the next version of a template as a draft, atomically.

        Earlier versions still in draft or in review are archived: only the newest
        unpublished version can be submitted or approved.

        Args:
            tenant_id: The tenant.
            meta: The catalogue fields the version carries (id, title, scope …).
            content: Body, variables, test cases and author; its number is ignored.
            new: True when the template must not exist yet.

        Returns:
            The version as written, with its number.

        Raises:
            StateChanged: ``new`` and a template with this id exists, or not ``new``
                and there is none.
        """
        ref = self._ref(tenant_id, meta.id)
        now = self._clock()

        @firestore.transactional  # type: ignore[misc]
        def write(tx: Any) -> TemplateVersion:
            snapshot = ref.get(transaction=tx)
            if snapshot.exists == new:
                raise StateChanged(f"template {meta.id} exists={snapshot.exists}")
            versions = list(ref.collection("versions").get(transaction=tx))
            data = snapshot.to_dict() or {}
            number = max((int(doc.id) for doc in versions), default=0) + 1
            written = dataclasses.replace(
                content,
                template_id=meta.id,
                version=number,
                created_at=now,
                status="draft",
                comment="",
                reviewer="",
                test_results=(),
                tested_at=None,
                published_at=None,
            )
            for doc in versions:
                state = (doc.to_dict() or {}).get("status")
                if state in ("draft", "in_review"):
                    tx.update(doc.reference, {"status": "archived"})
            entry: dict[str, Any] = {"latest_version": number, "latest_status": "draft"}
            if not data.get("published_version"):
                entry |= _meta_dict(meta) | {
                    "status": "draft",
                    "published_version": None,
                }
            if snapshot.exists:
                tx.update(ref, entry)
            else:
                tx.set(ref, entry)
            tx.set(
                ref.collection("versions").document(str(number)),
                _state_dict(written) | {"meta": _meta_dict(meta)},
            )
            return written

        added: TemplateVersion = self._store.call(lambda: write(self._db.transaction()))
        return added

    def record_tests(
        self,
        tenant_id: str,
        template_id: str,
        number: int,
        results: Iterable[CaseResult],
    ) -> None:
        """Keep the outcome of a test run on the version it ran on."""
        ref = self._version_ref(tenant_id, template_id, number)
        data = {
            "test_results": [_result_dict(result) for result in results],
            "tested_at": self._clock(),
        }
        self._store.call(lambda: ref.update(data))

    def submit(self, tenant_id: str, template_id: str, number: int) -> None:
        """Move a draft into review."""
        self._transition(
            tenant_id, template_id, number, ("draft",), {"status": "in_review"}
        )

    def send_back(
        self, tenant_id: str, template_id: str, number: int, reviewer: str, comment: str
    ) -> None:
        """Return a version in review to its author as a draft, with the comment."""
        self._transition(
            tenant_id,
            template_id,
            number,
            ("in_review",),
            {"status": "draft", "reviewer": reviewer, "comment": comment},
        )

    def publish(
        self,
        tenant_id: str,
        template_id: str,
        number: int,
        *,
        expect: tuple[TemplateStatus, ...],
        review: tuple[str, str] | None = None,
    ) -> None:
        """Make a version the published one; the one before it is archived.

        Args:
            tenant_id: The tenant.
            template_id: The template.
            number: The version to publish.
            expect: The states the version may be in (``in_review`` to approve,
                ``archived`` to roll back).
            review: (reviewer, comment) when a review approves the version.

        Raises:
            StateChanged: The version is not in an expected state, or was never
                published when rolling back.
        """
        ref = self._ref(tenant_id, template_id)
        now = self._clock()

        @firestore.transactional  # type: ignore[misc]
        def write(tx: Any) -> None:
            entry_doc = ref.get(transaction=tx)
            target = ref.collection("versions").document(str(number))
            version_doc = target.get(transaction=tx)
            if not entry_doc.exists or not version_doc.exists:
                raise StateChanged(f"no version {number} of {template_id}")
            entry = _entry(entry_doc)
            stored = _stored(entry, number, version_doc.to_dict() or {})
            state = stored.version
            if state.status not in expect or (
                "archived" in expect and state.published_at is None
            ):
                raise StateChanged(f"version {number} is {state.status}")
            previous = entry.template.published_version
            if previous and previous != number:
                old = ref.collection("versions").document(str(previous))
                old_doc = old.get(transaction=tx)
                old_data = old_doc.to_dict() or {}
                tx.set(
                    old,
                    {
                        "status": "archived",
                        "published_at": old_data.get("published_at")
                        or old_data.get("created_at")
                        or now,
                    },
                    merge=True,
                )
            update: dict[str, Any] = {
                "status": "published",
                "published_at": state.published_at or now,
            }
            if review is not None:
                update |= {"reviewer": review[0], "comment": review[1]}
            tx.set(target, update, merge=True)
            catalogue = _meta_dict(stored.meta) | {
                "status": "published",
                "published_version": number,
            }
            if entry.latest_version == number:
                catalogue["latest_status"] = "published"
            tx.update(ref, catalogue)

        self._store.call(lambda: write(self._db.transaction()))
        self._store.invalidate_catalogue(tenant_id)

    def archive(self, tenant_id: str, template_id: str) -> None:
        """Take a template out of the catalogue; its versions stay."""
        ref = self._ref(tenant_id, template_id)

        @firestore.transactional  # type: ignore[misc]
        def write(tx: Any) -> None:
            snapshot = ref.get(transaction=tx)
            if not snapshot.exists:
                raise StateChanged(f"no template {template_id}")
            entry = _entry(snapshot)
            if entry.template.status == "archived":
                raise StateChanged(f"template {template_id} is archived already")
            published = entry.template.published_version
            if published:
                version = ref.collection("versions").document(str(published))
                tx.set(version, {"status": "archived"}, merge=True)
            tx.update(ref, {"status": "archived", "published_version": None})

        self._store.call(lambda: write(self._db.transaction()))
        self._store.invalidate_catalogue(tenant_id)

    def put_rating(self, tenant_id: str, rating: Rating) -> None:
        """Keep a rating; a second rating of the same generation replaces the first."""
        ref = (
            self._ref(tenant_id, rating.template_id)
            .collection("ratings")
            .document(rating.generation_id)
        )
        data = {
            "version": rating.version,
            "up": rating.up,
            "comment": rating.comment,
            "created_at": rating.created_at or self._clock(),
            "user": rating.user,
        }
        self._store.call(lambda: ref.set(data))

    # -- helpers ----------------------------------------------------------------------

    def _transition(
        self,
        tenant_id: str,
        template_id: str,
        number: int,
        expect: tuple[TemplateStatus, ...],
        update: dict[str, Any],
    ) -> None:
        """Change a version's state if it is in one of ``expect``, atomically."""
        ref = self._ref(tenant_id, template_id)

        @firestore.transactional  # type: ignore[misc]
        def write(tx: Any) -> None:
            entry_doc = ref.get(transaction=tx)
            target = ref.collection("versions").document(str(number))
            version_doc = target.get(transaction=tx)
            if not entry_doc.exists or not version_doc.exists:
                raise StateChanged(f"no version {number} of {template_id}")
            entry = _entry(entry_doc)
            state = _stored(entry, number, version_doc.to_dict() or {}).version
            if state.status not in expect:
                raise StateChanged(f"version {number} is {state.status}")
            tx.update(target, update)
            catalogue: dict[str, Any] = {}
            if entry.latest_version == number:
                catalogue["latest_status"] = update["status"]
            if not entry.template.published_version:
                catalogue["status"] = update["status"]
            if catalogue:
                tx.update(ref, catalogue)

        self._store.call(lambda: write(self._db.transaction()))

    def _templates(self, tenant_id: str) -> firestore.CollectionReference:
        return (
            self._db.collection("tenants").document(tenant_id).collection("templates")
        )

    def _ref(self, tenant_id: str, template_id: str) -> firestore.DocumentReference:
        return self._templates(tenant_id).document(template_id)

    def _version_ref(
        self, tenant_id: str, template_id: str, number: int
    ) -> firestore.DocumentReference:
        return (
            self._ref(tenant_id, template_id)
            .collection("versions")
            .document(str(number))
        )


# -- conversions -------------------------------------------------------------------------


def _entry(snapshot: Any) -> TemplateEntry:
    data = snapshot.to_dict() or {}
    template = _template(snapshot)
    latest = data.get("latest_version") or template.published_version or 1
    status = data.get("latest_status") or template.status
    return TemplateEntry(template, int(latest), status)


def _meta_dict(meta: Template) -> dict[str, Any]:
    return {
        "title": meta.title,
        "category": meta.category,
        "description": meta.description,
        "scope": meta.scope,
        "school": meta.school_id if meta.scope == "school" else "",
    }


def _state_dict(version: TemplateVersion) -> dict[str, Any]:
    return _version_dict(version) | {
        "status": version.status,
        "comment": version.comment,
        "test_results": [_result_dict(result) for result in version.test_results],
        "tested_at": version.tested_at,
        "published_at": version.published_at,
    }


def _stored(entry: TemplateEntry, number: int, data: dict[str, Any]) -> StoredVersion:
    """A version document as a ``StoredVersion``; old documents get their state inferred."""
    template = entry.template
    version = _template_version(template.id, number, data)
    published = template.published_version == number
    status: TemplateStatus = data.get("status") or (
        "published" if published else "archived"
    )
    version = dataclasses.replace(
        version,
        status=status,
        comment=str(data.get("comment", "")),
        test_results=tuple(_result(item) for item in data.get("test_results") or ()),
        tested_at=data.get("tested_at"),
        published_at=data.get("published_at")
        or (version.created_at if published and "status" not in data else None),
    )
    meta_data = data.get("meta")
    meta = template
    if isinstance(meta_data, dict):
        meta = dataclasses.replace(
            template,
            title=str(meta_data.get("title", template.title)),
            category=str(meta_data.get("category", template.category)),
            description=str(meta_data.get("description", template.description)),
            scope=meta_data.get("scope", template.scope),
            school_id=str(meta_data.get("school", "")),
        )
    return StoredVersion(meta, version)


def _result_dict(result: CaseResult) -> dict[str, Any]:
    return {
        "name": result.name,
        "passed": result.passed,
        "checks": [dataclasses.asdict(check) for check in result.checks],
        "excerpt": result.excerpt,
    }


def _result(data: dict[str, Any]) -> CaseResult:
    return CaseResult(
        name=str(data.get("name", "")),
        passed=bool(data.get("passed", False)),
        checks=tuple(
            CheckResult(
                kind=check.get("kind", "model"),
                passed=bool(check.get("passed", False)),
                expected=str(check.get("expected", "")),
                found=str(check.get("found", "")),
            )
            for check in data.get("checks") or ()
        ),
        excerpt=str(data.get("excerpt", "")),
    )


def _rating(template_id: str, snapshot: Any) -> Rating:
    data = snapshot.to_dict() or {}
    return Rating(
        generation_id=snapshot.id,
        template_id=template_id,
        version=int(data.get("version", 0)),
        up=bool(data.get("up", False)),
        comment=str(data.get("comment", "")),
        created_at=data.get("created_at"),
        user=str(data.get("user", "")),
    )
