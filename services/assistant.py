"""The teacher's use cases, one method each: what the add-on's handlers call.

This is where store, framing, model, documents and audit meet. Nothing here knows about
HTTP or cards; results are domain objects.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from services import (
    differentiation,
    documents,
    framing,
    privacy,
    readability,
    templates,
)
from services.errors import AccessDenied, InputError, LaererError, NotFound
from services.generation import ModelClient, estimate_tokens
from services.models import (
    Composition,
    GenerationRecord,
    Layer,
    Member,
    School,
    Team,
    Template,
    TemplateVersion,
)
from services.store import Store, UserContext

logger = logging.getLogger(__name__)

SHORTENED_MARK = " […]"
#: Extra pupils' names to hide: given, or read for the caller's team (a Classroom roster).
Roster = Sequence[str] | Callable[[Team | None], Sequence[str]]


class TemplateUnavailable(NotFound):
    """The template does not exist, is not published, or is not for this school."""

    message_key = "error.template_missing"


class NoDocument(InputError):
    """The action needs an open Doc, but the event named none."""

    message_key = "error.no_document"


class FormRejected(InputError):
    """The form has field errors; carries the values so the form can be shown again."""

    def __init__(
        self, values: Mapping[str, object], field_errors: Mapping[str, str]
    ) -> None:
        super().__init__(
            "form has errors",
            message_key="form.fix_errors",
            field_errors=dict(field_errors),
        )
        self.values = dict(values)


@dataclass(frozen=True)
class OpenTemplate:
    """A template a teacher may use, with its published version."""

    template: Template
    version: TemplateVersion


@dataclass(frozen=True)
class GenerationResult:
    """What was written into the Doc and what shaped it."""

    record_id: str
    doc_id: str
    template: Template
    version: int
    heading: str
    report: readability.ReadabilityReport
    layers: tuple[Layer, ...]
    model: str
    duration_ms: int
    shortened: tuple[str, ...] = ()  # labels of teacher fields cut to fit the model
    items_protected: int = 0  # personal data items hidden from the model


@dataclass(frozen=True)
class DifferentiationResult:
    """The levels written into the Doc, each with its target and measured LIX."""

    record_id: str
    doc_id: str
    template: Template
    version: int
    grade: int
    levels: tuple[differentiation.LevelResult, ...]
    layers: tuple[Layer, ...]
    duration_ms: int
    items_protected: int = 0
    #: with "each level in its own Doc": the new Docs' ids, in the levels' order
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Job:
    """A checked, protected and composed request, ready for the model."""

    context: UserContext
    chosen: OpenTemplate
    values: dict[str, str | list[str]]
    protected: privacy.Protected
    composition: Composition
    shortened: tuple[str, ...]
    doc_id: str


def _grade(values: Mapping[str, object], context: UserContext) -> int:
    """The grade the material is for: the form's, else the team's, else 5."""
    for name in ("klassetrin", "grade"):
        value = values.get(name)
        if isinstance(value, str) and value.isdigit() and 0 <= int(value) <= 10:
            return int(value)
    if context.team is not None and context.team.grade is not None:
        return context.team.grade
    return 5


class Assistant:
    """Use cases of the Docs sidebar."""

    def __init__(
        self,
        store: Store,
        model: ModelClient,
        docs: Callable[[str], documents.DocsWriter],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_prompt_tokens: int = 16000,
        drive: Callable[[str], documents.DriveFolders] | None = None,
    ) -> None:
        self._max_prompt_tokens = max_prompt_tokens
        self._store = store
        self._model = model
        self._docs = docs
        self._drive = drive
        self._clock = clock

    def context(self, tenant_id: str, email: str) -> UserContext:
        """What the homepage shows: the caller's tenant, school, team and templates."""
        return self._store.user_context(tenant_id, email)

    def schools_and_teams(
        self, tenant_id: str
    ) -> list[tuple[School, tuple[Team, ...]]]:
        """Every school of the tenant with its teams, for a newcomer to choose from."""
        return [
            (s, self._store.teams(tenant_id, s.id))
            for s in self._store.schools(tenant_id)
        ]

    def join_team(self, tenant_id: str, email: str, choice: str) -> Team:
        """Record a newcomer as a teacher of the team ``choice`` (``school/team``)."""
        school_id, _, team_id = choice.partition("/")
        for school, teams in self.schools_and_teams(tenant_id):
            for team in teams:
                if school.id == school_id and team.id == team_id:
                    existing = self._store.user_context(tenant_id, email).member
                    if existing is not None:
                        raise AccessDenied("already a member; an admin changes teams")
                    self._store.put_member(
                        Member(
                            email=email,
                            tenant_id=tenant_id,
                            school_id=school_id,
                            team_ids=(team_id,),
                            roles=("teacher",),
                        )
                    )
                    return team
        raise InputError("unknown team", field_errors={"team": "form.invalid_choice"})

    def open_template(
        self, tenant_id: str, email: str, template_id: str
    ) -> OpenTemplate:
        """The published version of a template the caller may use."""
        context = self._member_context(tenant_id, email)
        return self._open(context, template_id)

    def generate(
        self,
        tenant_id: str,
        email: str,
        template_id: str,
        doc_id: str,
        raw_inputs: Mapping[str, Sequence[str]],
        access_token: str,
        roster: Roster = (),
    ) -> GenerationResult:
        """Compose the frames, ask the model, write into the Doc, record the audit.

        Pupils' names (the team's list and ``roster``: names, or a function of the
        caller's team giving them), CPR numbers, emails and phone numbers in the
        teacher's input are replaced before the model sees them and put back in the
        material before it reaches the Doc.

        Raises:
            FormRejected: a field is missing or invalid (nothing was sent anywhere).
            NoDocument: the event named no document.
            ModelError, GoogleApiError: from the model or Docs, already translated.
        """
        started = time.monotonic()
        job = self._prepare(tenant_id, email, template_id, doc_id, raw_inputs, roster)
        completion = self._model.complete(
            job.composition.messages, model=job.context.tenant.settings.model or None
        )
        material = self._write(job, access_token, completion.text)
        result = GenerationResult(
            record_id=uuid.uuid4().hex,
            doc_id=doc_id,
            template=job.chosen.template,
            version=job.chosen.version.version,
            heading=documents.first_heading(material) or job.chosen.template.title,
            report=readability.measure(documents.plain_text(completion.text)),
            layers=job.composition.layers,
            model=completion.model,
            duration_ms=int((time.monotonic() - started) * 1000),
            shortened=job.shortened,
            items_protected=job.protected.count,
        )
        # A kept output stays pseudonymised: no pupil's name or CPR number is stored.
        self._audit(
            job.context,
            result,
            completion.prompt_tokens,
            completion.completion_tokens,
            completion.text,
        )
        return result

    def differentiate(
        self,
        tenant_id: str,
        email: str,
        template_id: str,
        doc_id: str,
        raw_inputs: Mapping[str, Sequence[str]],
        access_token: str,
        level_count: int,
        roster: Roster = (),
        separate_docs: bool = False,
    ) -> DifferentiationResult:
        """Write the material at two or three reading levels, each measured in LIX.

        The levels go into the open Doc as headed sections, or with ``separate_docs``
        each into a new Doc of its own, put in the open Doc's folder.
        """
        started = time.monotonic()
        job = self._prepare(tenant_id, email, template_id, doc_id, raw_inputs, roster)
        grade = _grade(job.values, job.context)
        context = job.context
        adjust = context.tenant.settings.lix_adjust + (
            context.school.lix_adjust if context.school else 0
        )
        names = differentiation.team_level_names(
            context.team.context.field("niveauer") if context.team else ""
        )
        levels = differentiation.levels_for(
            grade, 3 if level_count == 3 else 2, adjust=adjust, names=names
        )
        results = differentiation.Differentiator(self._model).write(
            job.composition, levels, model=job.context.tenant.settings.model or None
        )
        restored = [
            dataclasses.replace(r, markdown=job.protected.restore(r.markdown))
            for r in results
        ]
        markdown = differentiation.levels_markdown(restored)
        level_docs: tuple[str, ...] = ()
        if separate_docs:
            level_docs = self._write_level_docs(job, access_token, restored)
        else:
            self._write(job, access_token, markdown, restore=False)
        result = DifferentiationResult(
            record_id=uuid.uuid4().hex,
            doc_id=doc_id,
            template=job.chosen.template,
            version=job.chosen.version.version,
            grade=grade,
            levels=tuple(restored),
            layers=job.composition.layers,
            duration_ms=int((time.monotonic() - started) * 1000),
            items_protected=job.protected.count,
            documents=level_docs,
        )
        summary = GenerationResult(
            record_id=result.record_id,
            doc_id=doc_id,
            template=result.template,
            version=result.version,
            heading=result.template.title,
            report=restored[0].report,
            layers=result.layers,
            model=job.context.tenant.settings.model or "default",
            duration_ms=result.duration_ms,
            items_protected=result.items_protected,
        )
        self._audit(
            job.context,
            summary,
            sum(r.prompt_tokens for r in results),
            sum(r.completion_tokens for r in results),
            # kept (if at all) as the model wrote it: pseudonymised, like a generation
            differentiation.levels_markdown(results),
        )
        return result

    def _prepare(
        self,
        tenant_id: str,
        email: str,
        template_id: str,
        doc_id: str,
        raw_inputs: Mapping[str, Sequence[str]],
        roster: Roster,
    ) -> _Job:
        """Check the form, hide personal data and compose: everything before the model."""
        context = self._member_context(tenant_id, email)
        chosen = self._open(context, template_id)
        raw = {k: list(v) for k, v in raw_inputs.items()}
        values, field_errors = templates.parse_form_values(
            chosen.version.variables, raw
        )
        if field_errors:
            raise FormRejected(values, field_errors)
        if not doc_id:
            raise NoDocument("no docId")
        extra = roster(context.team) if callable(roster) else roster
        names = [*(context.team.pupil_names if context.team else ()), *extra]
        protected = privacy.protect(values, names)
        composition, shortened = self._compose_within_limit(
            context, chosen, dict(protected.values)
        )
        return _Job(context, chosen, values, protected, composition, shortened, doc_id)

    def _write(
        self, job: _Job, access_token: str, text: str, restore: bool = True
    ) -> str:
        """Put names back, add the provenance line if the tenant wants it, append to the Doc."""
        material = job.protected.restore(text) if restore else text
        material = self._with_provenance(job, material)
        self._docs(access_token).append_markdown(job.doc_id, material)
        return material

    def _with_provenance(self, job: _Job, material: str) -> str:
        if not job.context.tenant.settings.provenance_line:
            return material
        line = framing.provenance_line(job.composition.layers)
        return f"{material.rstrip()}\n\n*Lavet med Lærerværelset · {line}*\n"

    def _write_level_docs(
        self,
        job: _Job,
        access_token: str,
        levels: Sequence[differentiation.LevelResult],
    ) -> tuple[str, ...]:
        """Each level in a new Doc named after the open one, next to it in Drive."""
        title = (
            self._docs(access_token).get_title(job.doc_id) or job.chosen.template.title
        )
        created = []
        for level in levels:
            doc_id = self._docs(access_token).create_document(
                f"{title} – {level.level.label}"
            )
            material = differentiation.levels_markdown([level])
            self._docs(access_token).append_markdown(
                doc_id, self._with_provenance(job, material)
            )
            if self._drive is not None:
                self._drive(access_token).place_next_to(doc_id, job.doc_id)
            created.append(doc_id)
        return tuple(created)

    def _compose_within_limit(
        self,
        context: UserContext,
        chosen: OpenTemplate,
        values: dict[str, str | list[str]],
    ) -> tuple[Composition, tuple[str, ...]]:
        """Compose; if the prompt is too long, shorten the teacher's longest texts.

        The frames are never cut: only what the teacher typed, longest first, with a
        visible mark, and the result card says which fields were shortened.
        """
        shortened: list[str] = []
        while True:
            composition = framing.compose(
                tenant=context.tenant,
                school=context.school,
                team=context.team,
                template=chosen.template,
                version=chosen.version,
                values=values,
            )
            size = estimate_tokens("".join(m["content"] for m in composition.messages))
            excess_chars = (size - self._max_prompt_tokens) * 4
            texts = {
                k: v for k, v in values.items() if isinstance(v, str) and len(v) > 200
            }
            if excess_chars <= 0 or not texts:
                return composition, tuple(shortened)
            name = max(texts, key=lambda k: len(texts[k]))
            keep = max(100, len(texts[name]) - excess_chars - len(SHORTENED_MARK))
            values = {**values, name: texts[name][:keep].rstrip() + SHORTENED_MARK}
            label = next(v.label for v in chosen.version.variables if v.name == name)
            if label not in shortened:
                shortened.append(label)

    def _member_context(self, tenant_id: str, email: str) -> UserContext:
        context = self._store.user_context(tenant_id, email)
        if context.member is None:
            raise AccessDenied(
                f"{email} has no member record", message_key="choose.body"
            )
        return context

    def _open(self, context: UserContext, template_id: str) -> OpenTemplate:
        for template in context.templates:
            if template.id == template_id and template.published_version is not None:
                version = self._store.template_version(
                    context.tenant.id, template.id, template.published_version
                )
                return OpenTemplate(template, version)
        raise TemplateUnavailable(f"template {template_id!r} is not available")

    def _audit(
        self,
        context: UserContext,
        result: GenerationResult,
        prompt_tokens: int,
        completion_tokens: int,
        output: str,
    ) -> None:
        settings = context.tenant.settings
        now = self._clock()
        record = GenerationRecord(
            id=result.record_id,
            tenant_id=context.tenant.id,
            user=context.member.email if context.member else "",
            template_id=result.template.id,
            template_version=result.version,
            layers=tuple(
                (layer.kind, layer.id, layer.version) for layer in result.layers
            ),
            model=result.model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            duration_ms=result.duration_ms,
            created_at=now,
            doc_id=result.doc_id,
            items_protected=result.items_protected,
            output=output if settings.keep_outputs else None,
            expires_at=now + timedelta(days=settings.retention_days),
        )
        try:
            self._store.record_generation(record)
        except LaererError:
            # The material is already in the Doc; a lost audit line must not hide that.
            logger.exception("audit record could not be written")
