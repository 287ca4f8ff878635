"""Who owns which layer, and the use cases of editing one: save, history, restore, "why".

The municipality's frame belongs to tenant admins, a school's profile to that school's
admins, a team's context to the team's members (and their school's admins). Every save
makes a new version; nothing is overwritten in place. Access is decided here, on the
server, from the member record, never by which buttons a card showed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from services import framing
from services.audit import AuditLog
from services.differentiation import MAX_LIX_ADJUST
from services.errors import AccessDenied, InputError, NotFound
from services.models import (
    Layer,
    Member,
    School,
    Team,
    Tenant,
    TenantSettings,
    VersionedText,
)
from services.store import Store

LayerKind = Literal["municipality", "school", "team"]
KINDS: tuple[LayerKind, ...] = ("municipality", "school", "team")
FRAME_LIMIT = 6000
PROFILE_LIMIT = 4000
RETENTION_CHOICES = (7, 30, 90, 365)
#: A model name as OpenAI-compatible endpoints spell them ("gpt-4o-mini", "org/model:tag").
MODEL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,79}")
PUPIL_NAMES_LIMIT = 2000  # characters of a team's name list, commas included


@dataclass(frozen=True)
class TeamField:
    """One guided field of a team's context."""

    name: str
    label: str
    limit: int
    multiline: bool = True


#: The team context is written in guided fields, in this order; labels are Danish because
#: they go into the prompt as written.
TEAM_FIELDS = (
    TeamField("klasse", "Klasse og elevtal", 120, multiline=False),
    TeamField("elevgruppe", "Elevgruppen", 1500),
    TeamField("didaktik", "Didaktiske og pædagogiske valg", 1500),
    TeamField("tone", "Tone", 200, multiline=False),
    TeamField("niveauer", "Navne på holdets niveauer", 120, multiline=False),
)


@dataclass(frozen=True)
class Target:
    """Which layer: the tenant's frame, a school's profile, or a team's context."""

    kind: LayerKind
    school_id: str = ""
    team_id: str = ""

    @classmethod
    def parse(cls, kind: str, school_id: str = "", team_id: str = "") -> Target:
        if kind not in KINDS:
            raise InputError(f"unknown layer {kind!r}")
        return cls(
            kind,
            school_id if kind != "municipality" else "",
            team_id if kind == "team" else "",
        )  # type: ignore[arg-type]


def may_edit(member: Member | None, target: Target) -> bool:
    """Whether ``member`` may change the layer ``target`` names."""
    if member is None:
        return False
    if member.has_role("tenant_admin"):
        return True
    at_school = bool(target.school_id) and member.school_id == target.school_id
    if target.kind == "school":
        return at_school and member.has_role("school_admin")
    if target.kind == "team":
        in_team = target.team_id in member.team_ids
        return at_school and (in_team or member.has_role("school_admin"))
    return False


def team_context_text(fields: dict[str, str]) -> str:
    """The team's context as it goes into the prompt: one labelled line per field."""
    lines = [
        f"{field.label}: {fields[field.name].strip()}"
        for field in TEAM_FIELDS
        if fields.get(field.name, "").strip()
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class LayerView:
    """A layer as its editor sees it: current text and who may change it."""

    target: Target
    title: str
    current: VersionedText
    settings: TenantSettings | None = None
    curators: tuple[str, ...] = ()
    pupil_names: tuple[str, ...] = ()
    #: a school's move of the differentiation bands (school editor only)
    lix_adjust: int = 0
    #: the Classroom course whose roster names are hidden (team editor only)
    classroom_course_id: str = ""


@dataclass(frozen=True)
class WhyLayer:
    """One layer as it went into a generation's prompt."""

    label: str
    version: int
    author: str
    text: str


class LayerAdmin:
    """Use cases of the editing cards."""

    def __init__(self, store: Store, audit: AuditLog | None = None) -> None:
        self._store = store
        self._audit_log = audit

    def _audit(self, tenant_id: str, email: str, action: str, what: str) -> None:
        if self._audit_log is None:
            return
        days = self._store.user_context(tenant_id, email).tenant.settings.retention_days
        self._audit_log.record_change(tenant_id, email, action, what, days)

    def view(self, tenant_id: str, email: str, target: Target) -> LayerView:
        """The current text of a layer the caller may edit."""
        _, tenant, school, team = self._authorised(tenant_id, email, target)
        if target.kind == "municipality":
            return LayerView(
                target, tenant.name, tenant.frame, settings=tenant.settings
            )
        assert school is not None
        if target.kind == "school":
            return LayerView(
                target,
                school.name,
                school.profile,
                curators=school.curators,
                lix_adjust=school.lix_adjust,
            )
        assert team is not None
        return LayerView(
            target,
            team.name,
            team.context,
            pupil_names=team.pupil_names,
            classroom_course_id=team.classroom_course_id,
        )

    def save_text(
        self, tenant_id: str, email: str, target: Target, text: str
    ) -> VersionedText:
        """Save a new version of the frame or profile text (none if it is unchanged)."""
        _, tenant, school, _ = self._authorised(tenant_id, email, target)
        check_text(target, text)
        current = tenant.frame if target.kind == "municipality" else None
        if target.kind == "school" and school is not None:
            current = school.profile
        if current is not None and current.text == text.strip():
            return current  # e.g. only the settings changed: the layer's version stays
        saved = self._store.save_layer(
            tenant_id,
            target.kind,
            target.school_id,
            target.team_id,
            text.strip(),
            email,
        )
        self._audit(
            tenant_id, email, f"save-{target.kind}", _describe(target, saved.version)
        )
        return saved

    def save_team(
        self, tenant_id: str, email: str, target: Target, fields: dict[str, str]
    ) -> VersionedText:
        """Save a new version of a team's context from its guided fields."""
        self._authorised(tenant_id, email, target)
        errors = {
            f.name: "form.too_long"
            for f in TEAM_FIELDS
            if len(fields.get(f.name, "")) > f.limit
        }
        if errors:
            raise InputError("too long", field_errors=errors)
        clean = {f.name: fields.get(f.name, "").strip() for f in TEAM_FIELDS}
        saved = self._store.save_layer(
            tenant_id,
            "team",
            target.school_id,
            target.team_id,
            team_context_text(clean),
            email,
            fields=clean,
        )
        self._audit(tenant_id, email, "save-team", _describe(target, saved.version))
        return saved

    def save_pupil_names(
        self, tenant_id: str, email: str, target: Target, names: Iterable[str]
    ) -> tuple[str, ...]:
        """Replace a team's pupil names, kept only to hide them from the model.

        The audit records how many names the list holds, never the names.
        """
        self._authorised(tenant_id, email, target)
        clean = tuple(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
        if len(", ".join(clean)) > PUPIL_NAMES_LIMIT:
            raise InputError(
                "pupil names too long", field_errors={"pupil_names": "form.too_long"}
            )
        self._store.put_pupil_names(tenant_id, target.school_id, target.team_id, clean)
        self._audit(
            tenant_id,
            email,
            "save-pupil-names",
            f"team:{target.school_id}/{target.team_id} {len(clean)} names",
        )
        return clean

    def link_course(
        self, tenant_id: str, email: str, target: Target, course_id: str
    ) -> None:
        """Link a team to a Classroom course: its roster's names are hidden too."""
        self._authorised(tenant_id, email, target)
        self._store.put_team_course(
            tenant_id, target.school_id, target.team_id, course_id
        )
        self._audit(
            tenant_id,
            email,
            "link-course",
            f"team:{target.school_id}/{target.team_id} course {course_id}",
        )

    def save_settings(
        self, tenant_id: str, email: str, settings: TenantSettings
    ) -> None:
        """Change the municipality's settings (tenant admins only)."""
        self._authorised(tenant_id, email, Target("municipality"))
        if settings.retention_days not in RETENTION_CHOICES:
            raise InputError(
                "retention", field_errors={"retention_days": "form.invalid_choice"}
            )
        if abs(settings.lix_adjust) > MAX_LIX_ADJUST:
            raise InputError("lix", field_errors={"lix_adjust": "form.invalid_choice"})
        if settings.model and not MODEL_NAME.fullmatch(settings.model):
            raise InputError("model name", field_errors={"model": "layers.bad_model"})
        self._store.put_settings(tenant_id, settings)
        self._audit(tenant_id, email, "save-settings", "kommunens indstillinger")

    def save_school_lix_adjust(
        self, tenant_id: str, email: str, target: Target, adjust: int
    ) -> None:
        """Move the differentiation bands for one school (its admins, tenant admins)."""
        self._authorised(tenant_id, email, target)
        if abs(adjust) > MAX_LIX_ADJUST:
            raise InputError("lix", field_errors={"lix_adjust": "form.invalid_choice"})
        self._store.put_school_lix_adjust(tenant_id, target.school_id, adjust)
        self._audit(
            tenant_id,
            email,
            "save-lix-adjust",
            f"school:{target.school_id} {adjust:+d}",
        )

    def save_curators(
        self, tenant_id: str, email: str, target: Target, curators: list[str]
    ) -> None:
        """Name a school's curators (school admins of that school, tenant admins)."""
        _, tenant, _, _ = self._authorised(tenant_id, email, target)
        domains = tenant.domains
        bad = [
            c for c in curators if "@" not in c or c.rsplit("@", 1)[1] not in domains
        ]
        if bad:
            raise InputError(
                "curators", field_errors={"curators": "form.invalid_email"}
            )
        self._store.put_curators(tenant_id, target.school_id, tuple(curators))
        self._audit(
            tenant_id, email, "save-curators", f"superbrugere {target.school_id}"
        )

    def history(
        self, tenant_id: str, email: str, target: Target
    ) -> tuple[VersionedText, ...]:
        """Every version of a layer, newest first."""
        self._authorised(tenant_id, email, target)
        return self._store.layer_history(
            tenant_id, target.kind, target.school_id, target.team_id
        )

    def restore(
        self, tenant_id: str, email: str, target: Target, version: int
    ) -> VersionedText:
        """Make an earlier version current again, as a new version."""
        self._authorised(tenant_id, email, target)
        old = self._store.layer_version(
            tenant_id, target.kind, target.school_id, target.team_id, version
        )
        if old is None:
            raise NotFound(f"no version {version}")
        saved = self._store.save_layer(
            tenant_id,
            target.kind,
            target.school_id,
            target.team_id,
            old.text,
            email,
            fields=dict(old.fields),
        )
        what = f"{_describe(target, saved.version)} (fra v{version})"
        self._audit(tenant_id, email, f"restore-{target.kind}", what)
        return saved

    def why(self, tenant_id: str, email: str, record_id: str) -> tuple[WhyLayer, ...]:
        """Each layer of a past generation as it went into the prompt, with its version."""
        context = self._store.user_context(tenant_id, email)
        record = self._store.generation(tenant_id, record_id)
        member = context.member
        if record is None:
            raise NotFound(f"no generation {record_id}")
        if member is None or (
            record.user != member.email and not member.has_role("tenant_admin")
        ):
            raise AccessDenied("not the teacher's generation")
        found = {kind: (ident, version) for kind, ident, version in record.layers}
        tenant = self._historic_tenant(context.tenant, found.get("municipality"))
        school = self._historic_school(tenant_id, found.get("school"))
        team = self._historic_team(tenant_id, found.get("team"))
        layers: list[Layer] = list(
            framing.frame_layers(tenant=tenant, school=school, team=team)
        )
        version = self._store.template_version(
            tenant_id, record.template_id, record.template_version
        )
        why = [
            WhyLayer(layer.label, layer.version, layer.author, layer.text)
            for layer in layers
        ]
        titles = {template.id: template.title for template in context.templates}
        why.append(
            WhyLayer(
                f"Skabelon {titles.get(record.template_id, record.template_id)}",
                version.version,
                version.author,
                version.body,
            )
        )
        return tuple(why)

    def _historic_tenant(self, tenant: Tenant, ref: tuple[str, int] | None) -> Tenant:
        if ref is None:
            return dataclasses.replace(tenant, frame=VersionedText(""))
        old = self._store.layer_version(tenant.id, "municipality", "", "", ref[1])
        return dataclasses.replace(tenant, frame=old or VersionedText("", ref[1]))

    def _historic_school(
        self, tenant_id: str, ref: tuple[str, int] | None
    ) -> School | None:
        if ref is None:
            return None
        school_id, version = ref
        old = self._store.layer_version(tenant_id, "school", school_id, "", version)
        names = {s.id: s for s in self._store.schools(tenant_id)}
        school = names.get(school_id)
        if school is None:
            return None
        return dataclasses.replace(school, profile=old or VersionedText("", version))

    def _historic_team(
        self, tenant_id: str, ref: tuple[str, int] | None
    ) -> Team | None:
        if ref is None:
            return None
        team_id, version = ref
        for school in self._store.schools(tenant_id):
            for team in self._store.teams(tenant_id, school.id):
                if team.id == team_id:
                    old = self._store.layer_version(
                        tenant_id, "team", school.id, team_id, version
                    )
                    return dataclasses.replace(
                        team, context=old or VersionedText("", version)
                    )
        return None

    def _authorised(
        self, tenant_id: str, email: str, target: Target
    ) -> tuple[Member, Tenant, School | None, Team | None]:
        context = self._store.user_context(tenant_id, email)
        if not may_edit(context.member, target):
            raise AccessDenied(f"{email} may not edit {target}")
        assert context.member is not None
        school = team = None
        if target.kind != "municipality":
            school = next(
                (s for s in self._store.schools(tenant_id) if s.id == target.school_id),
                None,
            )
            if school is None:
                raise NotFound(f"no school {target.school_id}")
        if target.kind == "team":
            team = next(
                (
                    t
                    for t in self._store.teams(tenant_id, target.school_id)
                    if t.id == target.team_id
                ),
                None,
            )
            if team is None:
                raise NotFound(f"no team {target.team_id}")
        return context.member, context.tenant, school, team


def _describe(target: Target, version: int) -> str:
    """A record's "what": the layer, never its text."""
    where = "/".join(part for part in (target.school_id, target.team_id) if part)
    return f"{target.kind}{':' + where if where else ''} v{version}"


def check_text(target: Target, text: str) -> None:
    """A frame or profile must say something, within its limit.

    Raises:
        InputError: empty (every prompt would lose the layer) or too long.
    """
    if not text.strip():
        raise InputError("empty", field_errors={"text": "form.required"})
    limit = FRAME_LIMIT if target.kind == "municipality" else PROFILE_LIMIT
    if len(text) > limit:
        raise InputError("too long", field_errors={"text": "form.too_long"})
