"""The teacher's use cases, one method each: what the add-on's handlers call.

This is where store, framing, model, documents and audit meet. Nothing here knows about
HTTP or cards; results are domain objects.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from services import documents, framing, privacy, readability, templates
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


class Assistant:
    """Use cases of the Docs sidebar."""

    def __init__(
        self,
        store: Store,
        model: ModelClient,
        docs: Callable[[str], documents.DocsWriter],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_prompt_tokens: int = 16000,
    ) -> None:
        self._max_prompt_tokens = max_prompt_tokens
        self._store = store
        self._model = model
        self._docs = docs
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
        roster: Sequence[str] = (),
    ) -> GenerationResult:
        """Compose the frames, ask the model, write into the Doc, record the audit.

        Raises:
            FormRejected: a field is missing or invalid (nothing was sent anywhere).
            NoDocument: the event named no document.
            ModelError, GoogleApiError: from the model or Docs, already translated.

        Pupils' names (the team's list and ``roster``), CPR numbers, emails and phone
        numbers in the teacher's input are replaced before the model sees them and put
        back in the material before it reaches the Doc.
        """
        started = time.monotonic()
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
        names = [*(context.team.pupil_names if context.team else ()), *roster]
        protected = privacy.protect(values, names)
        composition, shortened = self._compose_within_limit(
            context, chosen, dict(protected.values)
        )
        completion = self._model.complete(
            composition.messages, model=context.tenant.settings.model or None
        )
        material = protected.restore(completion.text)
        if context.tenant.settings.provenance_line:
            line = framing.provenance_line(composition.layers)
            material = f"{material.rstrip()}\n\n*Lavet med Lærerværelset · {line}*\n"
        self._docs(access_token).append_markdown(doc_id, material)
        result = GenerationResult(
            record_id=uuid.uuid4().hex,
            doc_id=doc_id,
            template=chosen.template,
            version=chosen.version.version,
            heading=documents.first_heading(material) or chosen.template.title,
            report=readability.measure(documents.plain_text(completion.text)),
            layers=composition.layers,
            model=completion.model,
            duration_ms=int((time.monotonic() - started) * 1000),
            shortened=shortened,
            items_protected=protected.count,
        )
        # A kept output stays pseudonymised: no pupil's name or CPR number is stored.
        self._audit(
            context,
            result,
            completion.prompt_tokens,
            completion.completion_tokens,
            completion.text,
        )
        return result

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
