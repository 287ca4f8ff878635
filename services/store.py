"""Firestore: the only module that knows documents, references and snapshots.

Layout (DESIGN.md §4)::

    domains/{domain}                             -> {tenant}: which tenant owns a domain
    tenants/{tenant}                             frame, settings, name, domains
    tenants/{tenant}/schools/{school}            profile, admins, curators
    tenants/{tenant}/schools/{school}/teams/{team}
    tenants/{tenant}/members/{email}
    tenants/{tenant}/templates/{id}              catalogue entry
    tenants/{tenant}/templates/{id}/versions/{n} body, variables, test cases (immutable)
    tenants/{tenant}/generations/{id}            audit records

Reads that shape a card are batched into one ``get_all``: the member record, the tenant,
the school and the team are read together, fresh every time, so an edited frame reaches
the very next generation. The template catalogue is cached for ``cache_seconds`` (writes
through this store invalidate it at once; other instances see a change within that time),
and template versions, which never change, for the life of the process. ``round_trips``
counts calls to Firestore (the figure the benchmark and the tests read).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from google.api_core import exceptions as api_exceptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import firestore

from services.config import ConfigError, Settings
from services.errors import LaererError
from services.models import (
    GenerationRecord,
    Member,
    Option,
    School,
    Team,
    Template,
    TemplateVersion,
    Tenant,
    TenantSettings,
    TestCase,
    Variable,
    VersionedText,
)

logger = logging.getLogger(__name__)


class StoreUnavailable(LaererError):
    """Firestore did not answer; the teacher may try again."""

    message_key = "error.store_unavailable"
    retryable = True
    http_status = 503


def build_firestore_client(settings: Settings) -> firestore.Client:
    """A Firestore client for production or, when configured, for the emulator."""
    if settings.firestore_emulator_host:
        client = firestore.Client(
            project=settings.firestore_project, credentials=AnonymousCredentials()
        )
        # The library reads FIRESTORE_EMULATOR_HOST from the process environment itself;
        # make sure it points where our settings say, or we would talk to production.
        if getattr(client, "_emulator_host", None) != settings.firestore_emulator_host:
            raise ConfigError(
                "FIRESTORE_EMULATOR_HOST in settings and in the process environment differ."
            )
        return client
    return firestore.Client(project=settings.firestore_project)


@dataclass(frozen=True)
class UserContext:
    """Everything one card render needs to know about the caller's place."""

    tenant: Tenant
    member: Member | None
    school: School | None
    team: Team | None
    templates: tuple[Template, ...]


class _TtlCache:
    def __init__(self, seconds: float, clock: Callable[[], float]) -> None:
        self._seconds = seconds
        self._clock = clock
        self._items: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bool, Any]:
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] < self._clock():
                return False, None
            return True, hit[1]

    def put(self, key: str, value: Any, forever: bool = False) -> None:
        with self._lock:
            expires = float("inf") if forever else self._clock() + self._seconds
            self._items[key] = (expires, value)

    def invalidate(self, prefix: str) -> None:
        with self._lock:
            for key in [k for k in self._items if k.startswith(prefix)]:
                del self._items[key]


class Store:
    """Typed reads and writes of the product's data in Firestore."""

    def __init__(
        self,
        client: firestore.Client,
        cache_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = client
        self._cache = _TtlCache(cache_seconds, clock)
        #: (tenant, email) -> (school, team) last seen, to batch the next read
        self._places: dict[tuple[str, str], tuple[str, str]] = {}
        self.round_trips = 0

    @property
    def client(self) -> firestore.Client:
        """The Firestore client, for the other repositories of this package."""
        return self._db

    def call(self, operation: Callable[[], Any]) -> Any:
        """Run one Firestore operation: counted, logged, errors translated."""
        return self._call(operation)

    def invalidate_catalogue(self, tenant_id: str) -> None:
        """Forget the cached template catalogue of a tenant, after a write elsewhere."""
        self._cache.invalidate(f"{tenant_id}/catalogue")

    # -- reads ---------------------------------------------------------------------

    def tenant_id_for_domain(self, domain: str) -> str | None:
        """The tenant that owns ``domain``, or None for an unknown domain."""
        key = f"domain:{domain}"
        found, tenant_id = self._cache.get(key)
        if not found:
            snapshot = self._get_all([self._db.document("domains", domain)])[0]
            tenant_id = snapshot.get("tenant") if snapshot.exists else None
            self._cache.put(key, tenant_id)
        return tenant_id  # type: ignore[no-any-return]

    def user_context(self, tenant_id: str, email: str) -> UserContext:
        """The tenant, the member record and, if known, their school, team and templates.

        Frames, profile and context are read fresh on every call, so an edit is seen by
        the very next generation; remembering where the member belongs lets us fetch all
        of them with the member record in one ``get_all`` round trip.
        """
        tenant_ref = self._tenant_ref(tenant_id)
        member_ref = tenant_ref.collection("members").document(email)
        guess = self._places.get((tenant_id, email), ("", ""))
        snapshots = self._get_all(
            [member_ref, tenant_ref, *self._place_refs(tenant_id, guess)]
        )
        if not snapshots[1].exists:
            raise LaererError(f"tenant {tenant_id} has a domain but no record")
        member = _member(tenant_id, snapshots[0])
        place = (
            (member.school_id, member.team_ids[0] if member.team_ids else "")
            if member
            else ("", "")
        )
        places = snapshots[2:]
        if place != guess:
            places = (
                self._get_all(self._place_refs(tenant_id, place)) if place[0] else []
            )
            self._places[(tenant_id, email)] = place
        school = _school(tenant_id, places[0]) if places and places[0].exists else None
        team = (
            _team(tenant_id, place[0], places[1])
            if len(places) > 1 and places[1].exists
            else None
        )
        templates = self._catalogue(tenant_id)
        if member is not None:
            templates = tuple(
                t
                for t in templates
                if t.scope == "tenant" or t.school_id == member.school_id
            )
        return UserContext(_tenant(snapshots[1]), member, school, team, templates)

    def _place_refs(
        self, tenant_id: str, place: tuple[str, str]
    ) -> list[firestore.DocumentReference]:
        school_id, team_id = place
        if not school_id:
            return []
        school_ref = self._school_ref(tenant_id, school_id)
        return (
            [school_ref, school_ref.collection("teams").document(team_id)]
            if team_id
            else [school_ref]
        )

    def template_version(
        self, tenant_id: str, template_id: str, version: int
    ) -> TemplateVersion:
        """One immutable version of a template (cached for the life of the process)."""
        key = f"{tenant_id}/version/{template_id}/{version}"
        found, cached = self._cache.get(key)
        if found:
            return cached  # type: ignore[no-any-return]
        ref = (
            self._template_ref(tenant_id, template_id)
            .collection("versions")
            .document(str(version))
        )
        snapshot = self._get_all([ref])[0]
        if not snapshot.exists:
            raise LaererError(f"template {template_id} has no version {version}")
        result = _template_version(template_id, version, snapshot.to_dict() or {})
        self._cache.put(key, result, forever=True)
        return result

    def schools(self, tenant_id: str) -> tuple[School, ...]:
        """All schools of a tenant, by name."""
        docs = self._stream(self._tenant_ref(tenant_id).collection("schools"))
        return tuple(
            sorted((_school(tenant_id, d) for d in docs), key=lambda s: s.name)
        )

    def teams(self, tenant_id: str, school_id: str) -> tuple[Team, ...]:
        """All teams of a school, by name."""
        ref = self._tenant_ref(tenant_id).collection("schools").document(school_id)
        docs = self._stream(ref.collection("teams"))
        return tuple(
            sorted((_team(tenant_id, school_id, d) for d in docs), key=lambda t: t.name)
        )

    def generations(
        self, tenant_id: str, limit: int = 50
    ) -> tuple[GenerationRecord, ...]:
        """The newest audit records of a tenant."""
        query = (
            self._tenant_ref(tenant_id)
            .collection("generations")
            .order_by("created_at", direction=firestore.Query.DESCENDING)
            .limit(limit)
        )
        return tuple(_generation(tenant_id, d) for d in self._stream(query))

    # -- writes --------------------------------------------------------------------

    def put_domain(self, domain: str, tenant_id: str) -> None:
        self._set(self._db.document("domains", domain), {"tenant": tenant_id})
        self._cache.invalidate(f"domain:{domain}")

    def put_tenant(self, tenant: Tenant) -> None:
        data = {
            "name": tenant.name,
            "domains": list(tenant.domains),
            "frame": _versioned_dict(tenant.frame),
            "settings": asdict(tenant.settings),
        }
        self._set_with_history(self._tenant_ref(tenant.id), data, "frame", tenant.frame)

    def put_school(self, school: School) -> None:
        data = {
            "name": school.name,
            "profile": _versioned_dict(school.profile),
            "admins": list(school.admins),
            "curators": list(school.curators),
        }
        ref = self._school_ref(school.tenant_id, school.id)
        self._set_with_history(ref, data, "profile", school.profile)

    def put_team(self, team: Team) -> None:
        data = {
            "name": team.name,
            "grade": team.grade,
            "subject": team.subject,
            "context": _versioned_dict(team.context),
            "members": list(team.members),
            "pupil_names": list(team.pupil_names),
            "classroom_course_id": team.classroom_course_id,
        }
        ref = self._school_ref(team.tenant_id, team.school_id).collection("teams")
        self._set_with_history(ref.document(team.id), data, "context", team.context)

    def put_member(self, member: Member) -> None:
        data = {
            "school": member.school_id,
            "teams": list(member.team_ids),
            "roles": list(member.roles),
            "name": member.name,
        }
        self._set(
            self._tenant_ref(member.tenant_id)
            .collection("members")
            .document(member.email),
            data,
        )

    def put_template(
        self, tenant_id: str, template: Template, version: TemplateVersion
    ) -> None:
        """Write a catalogue entry and one of its versions in one atomic batch."""
        ref = self._template_ref(tenant_id, template.id)
        batch = self._db.batch()
        batch.set(
            ref,
            {
                "title": template.title,
                "category": template.category,
                "description": template.description,
                "scope": template.scope,
                "school": template.school_id,
                "status": template.status,
                "published_version": template.published_version,
            },
        )
        batch.set(
            ref.collection("versions").document(str(version.version)),
            _version_dict(version),
        )
        self._call(batch.commit)
        self._cache.invalidate(f"{tenant_id}/catalogue")

    def put_settings(self, tenant_id: str, settings: TenantSettings) -> None:
        """Replace the municipality's settings."""
        ref = self._tenant_ref(tenant_id)
        self._call(lambda: ref.update({"settings": asdict(settings)}))

    def put_pupil_names(
        self, tenant_id: str, school_id: str, team_id: str, names: tuple[str, ...]
    ) -> None:
        """Replace a team's list of pupils' names (used only to hide them from the model)."""
        ref = (
            self._school_ref(tenant_id, school_id).collection("teams").document(team_id)
        )
        self._call(lambda: ref.update({"pupil_names": list(names)}))

    def put_team_course(
        self, tenant_id: str, school_id: str, team_id: str, course_id: str
    ) -> None:
        """Link a team to the Classroom course whose roster names are hidden too."""
        ref = (
            self._school_ref(tenant_id, school_id).collection("teams").document(team_id)
        )
        self._call(lambda: ref.update({"classroom_course_id": course_id}))

    def put_school_lix_adjust(
        self, tenant_id: str, school_id: str, adjust: int
    ) -> None:
        """Set how much a school moves the differentiation bands' LIX."""
        ref = self._school_ref(tenant_id, school_id)
        self._call(lambda: ref.update({"lix_adjust": adjust}))

    def put_curators(
        self, tenant_id: str, school_id: str, curators: tuple[str, ...]
    ) -> None:
        """Replace the list of a school's curators."""
        ref = self._school_ref(tenant_id, school_id)
        self._call(lambda: ref.update({"curators": list(curators)}))

    def save_layer(
        self,
        tenant_id: str,
        kind: str,
        school_id: str,
        team_id: str,
        text: str,
        author: str,
        fields: dict[str, str] | None = None,
    ) -> VersionedText:
        """Write the next version of a frame, profile or context, atomically.

        The document keeps the current version; ``<field>_versions/{n}`` keeps every one.
        """
        ref, field = self._layer_location(tenant_id, kind, school_id, team_id)
        transaction = self._db.transaction()

        @firestore.transactional  # type: ignore[misc]
        def write(tx: Any) -> VersionedText:
            snapshot = ref.get(transaction=tx)
            if not snapshot.exists:
                raise LaererError(f"no {kind} document to version")
            current = _versioned(snapshot.get(field))
            new = VersionedText(
                text=text,
                version=current.version + 1,
                author=author,
                updated_at=datetime.now(UTC),
                fields=tuple(sorted((fields or {}).items())),
            )
            tx.update(ref, {field: _versioned_dict(new)})
            tx.set(
                ref.collection(f"{field}_versions").document(str(new.version)),
                _versioned_dict(new),
            )
            return new

        return self._call(lambda: write(transaction))  # type: ignore[no-any-return]

    def layer_history(
        self, tenant_id: str, kind: str, school_id: str, team_id: str
    ) -> tuple[VersionedText, ...]:
        """Every stored version of a layer, newest first."""
        ref, field = self._layer_location(tenant_id, kind, school_id, team_id)
        docs = self._stream(ref.collection(f"{field}_versions"))
        return tuple(
            sorted((_versioned(d.to_dict()) for d in docs), key=lambda v: -v.version)
        )

    def layer_version(
        self, tenant_id: str, kind: str, school_id: str, team_id: str, version: int
    ) -> VersionedText | None:
        """One stored version of a layer, or None."""
        ref, field = self._layer_location(tenant_id, kind, school_id, team_id)
        snapshot = self._get_all(
            [ref.collection(f"{field}_versions").document(str(version))]
        )[0]
        return _versioned(snapshot.to_dict()) if snapshot.exists else None

    def generation(self, tenant_id: str, record_id: str) -> GenerationRecord | None:
        """One audit record of this tenant, or None."""
        ref = self._tenant_ref(tenant_id).collection("generations").document(record_id)
        snapshot = self._get_all([ref])[0]
        return _generation(tenant_id, snapshot) if snapshot.exists else None

    def _layer_location(
        self, tenant_id: str, kind: str, school_id: str, team_id: str
    ) -> tuple[firestore.DocumentReference, str]:
        if kind == "municipality":
            return self._tenant_ref(tenant_id), "frame"
        school_ref = self._school_ref(tenant_id, school_id)
        if kind == "school":
            return school_ref, "profile"
        return school_ref.collection("teams").document(team_id), "context"

    def _set_with_history(
        self,
        ref: firestore.DocumentReference,
        data: dict[str, Any],
        field: str,
        value: VersionedText,
    ) -> None:
        batch = self._db.batch()
        batch.set(ref, data)
        batch.set(
            ref.collection(f"{field}_versions").document(str(value.version)),
            _versioned_dict(value),
        )
        self._call(batch.commit)

    def record_generation(self, record: GenerationRecord) -> None:
        """Write one audit record."""
        data = asdict(record)
        data.pop("id")
        data.pop("tenant_id")
        data["layers"] = [
            {"kind": k, "id": i, "version": v} for k, i, v in record.layers
        ]
        ref = (
            self._tenant_ref(record.tenant_id)
            .collection("generations")
            .document(record.id)
        )
        self._set(ref, data)

    # -- helpers -------------------------------------------------------------------

    def _catalogue(self, tenant_id: str) -> tuple[Template, ...]:
        key = f"{tenant_id}/catalogue"
        found, templates = self._cache.get(key)
        if not found:
            query = (
                self._tenant_ref(tenant_id)
                .collection("templates")
                .where(filter=firestore.FieldFilter("status", "==", "published"))
            )
            templates = tuple(
                sorted(
                    (_template(d) for d in self._stream(query)), key=lambda t: t.title
                )
            )
            self._cache.put(key, templates)
        return templates  # type: ignore[no-any-return]

    def _tenant_ref(self, tenant_id: str) -> firestore.DocumentReference:
        return self._db.collection("tenants").document(tenant_id)

    def _school_ref(
        self, tenant_id: str, school_id: str
    ) -> firestore.DocumentReference:
        return self._tenant_ref(tenant_id).collection("schools").document(school_id)

    def _template_ref(
        self, tenant_id: str, template_id: str
    ) -> firestore.DocumentReference:
        return self._tenant_ref(tenant_id).collection("templates").document(template_id)

    def _get_all(self, refs: list[firestore.DocumentReference]) -> list[Any]:
        """Read documents in one round trip, in the order asked for."""
        snapshots = {
            s.reference.path: s
            for s in self._call(lambda: list(self._db.get_all(refs)))
        }
        return [snapshots[ref.path] for ref in refs]

    def _stream(self, query: Any) -> list[Any]:
        return self._call(lambda: list(query.stream()))  # type: ignore[no-any-return]

    def _set(self, ref: firestore.DocumentReference, data: dict[str, Any]) -> None:
        self._call(lambda: ref.set(data))

    def _call(self, operation: Callable[[], Any]) -> Any:
        started = time.monotonic()
        self.round_trips += 1
        try:
            return operation()
        except api_exceptions.GoogleAPICallError as exc:
            raise StoreUnavailable(f"Firestore: {exc.__class__.__name__}") from exc
        finally:
            logger.debug(
                "firestore call",
                extra={
                    "json_fields": {
                        "latency_ms": int((time.monotonic() - started) * 1000)
                    }
                },
            )


# -- conversions -----------------------------------------------------------------------


def _versioned_dict(value: VersionedText) -> dict[str, Any]:
    return {
        "text": value.text,
        "version": value.version,
        "author": value.author,
        "updated_at": value.updated_at or datetime.now(UTC),
        "fields": dict(value.fields),
    }


def _versioned(data: dict[str, Any] | None) -> VersionedText:
    data = data or {}
    return VersionedText(
        text=str(data.get("text", "")),
        version=int(data.get("version", 1)),
        author=str(data.get("author", "")),
        updated_at=data.get("updated_at"),
        fields=tuple(
            sorted((str(k), str(v)) for k, v in (data.get("fields") or {}).items())
        ),
    )


def _tenant(snapshot: Any) -> Tenant:
    data = snapshot.to_dict() or {}
    known = TenantSettings.__dataclass_fields__
    settings = {k: v for k, v in (data.get("settings") or {}).items() if k in known}
    return Tenant(
        id=snapshot.id,
        name=str(data.get("name", snapshot.id)),
        domains=tuple(data.get("domains", ())),
        frame=_versioned(data.get("frame")),
        settings=TenantSettings(**settings),
    )


def _school(tenant_id: str, snapshot: Any) -> School:
    data = snapshot.to_dict() or {}
    return School(
        id=snapshot.id,
        tenant_id=tenant_id,
        name=str(data.get("name", snapshot.id)),
        profile=_versioned(data.get("profile")),
        admins=tuple(data.get("admins", ())),
        curators=tuple(data.get("curators", ())),
        lix_adjust=int(data.get("lix_adjust", 0)),
    )


def _team(tenant_id: str, school_id: str, snapshot: Any) -> Team:
    data = snapshot.to_dict() or {}
    return Team(
        id=snapshot.id,
        tenant_id=tenant_id,
        school_id=school_id,
        name=str(data.get("name", snapshot.id)),
        grade=data.get("grade"),
        subject=str(data.get("subject", "")),
        context=_versioned(data.get("context")),
        members=tuple(data.get("members", ())),
        pupil_names=tuple(data.get("pupil_names", ())),
        classroom_course_id=str(data.get("classroom_course_id", "")),
    )


def _member(tenant_id: str, snapshot: Any) -> Member | None:
    if not snapshot.exists:
        return None
    data = snapshot.to_dict() or {}
    return Member(
        email=snapshot.id,
        tenant_id=tenant_id,
        school_id=str(data.get("school", "")),
        team_ids=tuple(data.get("teams", ())),
        roles=tuple(data.get("roles", ("teacher",))),
        name=str(data.get("name", "")),
    )


def _template(snapshot: Any) -> Template:
    data = snapshot.to_dict() or {}
    return Template(
        id=snapshot.id,
        title=str(data.get("title", snapshot.id)),
        category=str(data.get("category", "")),
        description=str(data.get("description", "")),
        scope=data.get("scope", "tenant"),
        school_id=str(data.get("school", "")),
        status=data.get("status", "draft"),
        published_version=data.get("published_version"),
    )


def _version_dict(version: TemplateVersion) -> dict[str, Any]:
    return {
        "body": version.body,
        "variables": [
            {**asdict(v), "options": [asdict(o) for o in v.options]}
            for v in version.variables
        ],
        "test_cases": [
            {
                **asdict(case),
                "lix_range": list(case.lix_range) if case.lix_range else None,
                "words_range": list(case.words_range) if case.words_range else None,
            }
            for case in version.test_cases
        ],
        "author": version.author,
        "reviewer": version.reviewer,
        "created_at": version.created_at or datetime.now(UTC),
    }


def _template_version(
    template_id: str, version: int, data: dict[str, Any]
) -> TemplateVersion:
    return TemplateVersion(
        template_id=template_id,
        version=version,
        body=str(data.get("body", "")),
        variables=tuple(_variable(v) for v in data.get("variables", ())),
        test_cases=tuple(_test_case(c) for c in data.get("test_cases", ())),
        author=str(data.get("author", "")),
        reviewer=str(data.get("reviewer", "")),
        created_at=data.get("created_at"),
    )


def _variable(data: dict[str, Any]) -> Variable:
    return Variable(
        name=data["name"],
        label=data.get("label", data["name"]),
        kind=data.get("kind", "text"),
        required=bool(data.get("required", True)),
        options=tuple(Option(o["value"], o["label"]) for o in data.get("options", ())),
        help=data.get("help", ""),
        default=data.get("default", ""),
    )


def _test_case(data: dict[str, Any]) -> TestCase:
    return TestCase(
        name=data.get("name", ""),
        inputs=dict(data.get("inputs", {})),
        must_mention=tuple(data.get("must_mention", ())),
        must_not_mention=tuple(data.get("must_not_mention", ())),
        danish=bool(data.get("danish", True)),
        lix_range=_pair(data.get("lix_range")),
        words_range=_pair(data.get("words_range")),
        allow_personal_data=bool(data.get("allow_personal_data", False)),
    )


def _pair(value: Iterable[Any] | None) -> Any:
    return tuple(value) if value else None


def _generation(tenant_id: str, snapshot: Any) -> GenerationRecord:
    data = snapshot.to_dict() or {}
    layers = tuple((d["kind"], d["id"], d["version"]) for d in data.get("layers", ()))
    fields = {
        k: v for k, v in data.items() if k in GenerationRecord.__dataclass_fields__
    }
    fields.update(id=snapshot.id, tenant_id=tenant_id, layers=layers)
    return GenerationRecord(**fields)
