"""Card actions of the curators' workflow and the teacher's rating.

``CURATION_ACTIONS`` is merged into ``addon.routes.ACTIONS``, so every action passes the
same verification and error card. Handlers stay thin: read the event, one call on
``services.curation.Curation`` (which checks roles on the server), one card builder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

from addon import Services
from addon.auth import Caller
from addon.events import Event
from cards.base import Card, notify, push, update
from cards.curation import (
    diff_card,
    editor_card,
    overview_card,
    review_card,
    versions_card,
)
from cards.messages import lang_for, t
from services.curation import (
    RATING_COMMENT_LIMIT,
    Curation,
    Draft,
    DraftRejected,
    EditorView,
    TestRunner,
    WorkflowRefused,
)
from services.errors import InputError
from services.generation import ModelClient
from services.template_repository import TemplateRepository

Handler = Callable[[Event, Caller, str], dict[str, Any]]

EXTENSION = "curation"


def register_curation(app: Flask, model: ModelClient) -> None:
    """Build the curators' use cases for ``app``; handlers find them by ``EXTENSION``.

    Args:
        app: The app from ``create_app``, with its ``laerer`` services.
        model: The model client test cases run against (the teachers' one).
    """
    services: Services = app.extensions["laerer"]
    repository = TemplateRepository(services.store)
    app.extensions[EXTENSION] = Curation(services.store, repository, TestRunner(model))


def _curation() -> Curation:
    return current_app.extensions[EXTENSION]  # type: ignore[no-any-return]


def _services() -> Services:
    return current_app.extensions["laerer"]  # type: ignore[no-any-return]


def _templates(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    overview = _curation().overview(tenant_id, caller.email)
    card = overview_card(
        overview, event.doc_id, lang_for(event.locale), _services().links
    )
    return push(card)


def _edit_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    view = _curation().editor(tenant_id, caller.email, _template_id(event))
    return push(_editor(event, view))


def _save_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """Save the editor as a new version; problems come back inline, values kept."""
    lang = lang_for(event.locale)
    try:
        stored, changed = _curation().save(
            tenant_id, caller.email, _template_id(event), _draft(event)
        )
    except DraftRejected as exc:
        return update(_rejected(event, caller, tenant_id, exc))
    number = stored.version.version
    key = "curation.saved" if changed else "curation.unchanged"
    view = _curation().editor(tenant_id, caller.email, stored.meta.id)
    return update(_editor(event, view, banner=t(key, lang, version=number)))


def _test_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """Save if changed, run the test cases, show the results per check."""
    lang = lang_for(event.locale)
    try:
        stored = _curation().run_tests(
            tenant_id, caller.email, _template_id(event), _draft(event)
        )
    except DraftRejected as exc:
        return update(_rejected(event, caller, tenant_id, exc))
    results = stored.version.test_results
    banner = t(
        "curation.tested",
        lang,
        version=stored.version.version,
        passed=sum(result.passed for result in results),
        total=len(results),
    )
    view = _curation().editor(tenant_id, caller.email, stored.meta.id)
    return update(_editor(event, view, banner=banner))


def _submit_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    lang = lang_for(event.locale)
    template_id, number = _template_id(event), _number(event)
    draft = _draft(event)
    try:
        _curation().submit(tenant_id, caller.email, template_id, number, draft)
    except DraftRejected as exc:
        return update(_rejected(event, caller, tenant_id, exc))
    except WorkflowRefused as exc:
        view = _curation().editor(tenant_id, caller.email, template_id)
        banner = t(exc.message_key, lang)
        return update(_editor(event, view, draft=draft, banner=banner))
    view = _curation().editor(tenant_id, caller.email, template_id)
    banner = t("curation.submitted", lang, version=number)
    return update(_editor(event, view, banner=banner))


def _review_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    view = _curation().review(
        tenant_id, caller.email, _template_id(event), _number(event)
    )
    card = review_card(
        view,
        event.doc_id,
        lang_for(event.locale),
        _services().links,
        event.time_zone,
    )
    return push(card)


def _approve_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    return _decide(event, caller, tenant_id, approve=True)


def _return_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    return _decide(event, caller, tenant_id, approve=False)


def _decide(
    event: Event, caller: Caller, tenant_id: str, *, approve: bool
) -> dict[str, Any]:
    """Approve or send back; a missing comment keeps the review card open."""
    lang = lang_for(event.locale)
    curation = _curation()
    template_id, number = _template_id(event), _number(event)
    comment = _form(event, "comment")
    decide = curation.approve if approve else curation.send_back
    try:
        decide(tenant_id, caller.email, template_id, number, comment)
    except InputError as exc:
        view = curation.review(tenant_id, caller.email, template_id, number)
        card = review_card(
            view,
            event.doc_id,
            lang,
            _services().links,
            event.time_zone,
            field_errors=exc.field_errors,
            comment=comment,
            banner=t(exc.message_key, lang),
        )
        return update(card)
    key = "curation.approved" if approve else "curation.sent_back"
    overview = curation.overview(tenant_id, caller.email)
    banner = t(key, lang, version=number)
    return update(
        overview_card(overview, event.doc_id, lang, _services().links, banner)
    )


def _template_versions(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    return push(_versions(event, caller, tenant_id))


def _rollback_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    lang = lang_for(event.locale)
    number = _number(event)
    try:
        _curation().rollback(tenant_id, caller.email, _template_id(event), number)
    except WorkflowRefused as exc:
        return update(_versions(event, caller, tenant_id, t(exc.message_key, lang)))
    banner = t("curation.rolled_back", lang, version=number)
    return update(_versions(event, caller, tenant_id, banner))


def _template_diff(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    parameters = event.parameters
    before, after, lines = _curation().diff(
        tenant_id,
        caller.email,
        _template_id(event),
        _digits(parameters.get("from", "")),
        _digits(parameters.get("to", "")),
    )
    card = diff_card(
        before, after, lines, event.doc_id, lang_for(event.locale), _services().links
    )
    return push(card)


def _archive_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    lang = lang_for(event.locale)
    _curation().archive(tenant_id, caller.email, _template_id(event))
    overview = _curation().overview(tenant_id, caller.email)
    banner = t("curation.archived_banner", lang)
    return update(
        overview_card(overview, event.doc_id, lang, _services().links, banner)
    )


def _rate(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """A teacher's 👍/👎 with an optional comment; answered with a notification."""
    lang = lang_for(event.locale)
    parameters = event.parameters
    value = parameters.get("value", "")
    if value not in ("up", "down"):
        raise InputError(f"bad rating {value!r}")
    try:
        _curation().rate(
            tenant_id,
            caller.email,
            parameters.get("generationId", ""),
            _template_id(event),
            _number(event),
            up=value == "up",
            comment=_form(event, "rating_comment"),
        )
    except InputError:
        return notify(t("form.too_long", lang, limit=RATING_COMMENT_LIMIT))
    return notify(t("rating.thanks", lang))


# -- helpers ------------------------------------------------------------------------


def _editor(event: Event, view: EditorView, **extra: Any) -> Card:
    return editor_card(
        view,
        event.doc_id,
        lang_for(event.locale),
        _services().links,
        event.time_zone,
        **extra,
    )


def _rejected(event: Event, caller: Caller, tenant_id: str, exc: DraftRejected) -> Card:
    """The editor again with the curator's values and every problem shown."""
    view = _curation().editor(tenant_id, caller.email, _template_id(event))
    return _editor(
        event,
        view,
        draft=exc.draft,
        field_errors=exc.field_errors,
        problems=exc.problems,
        details=exc.details,
        banner=t("form.fix_errors", lang_for(event.locale)),
    )


def _versions(event: Event, caller: Caller, tenant_id: str, banner: str = "") -> Card:
    view = _curation().versions(tenant_id, caller.email, _template_id(event))
    return versions_card(
        view,
        event.doc_id,
        lang_for(event.locale),
        _services().links,
        event.time_zone,
        banner,
    )


def _draft(event: Event) -> Draft:
    return Draft.from_form({name: _form(event, name) for name in event.form_inputs})


def _form(event: Event, name: str) -> str:
    return (event.form_inputs.get(name) or [""])[0]


def _template_id(event: Event) -> str:
    return event.parameters.get("templateId", "")


def _number(event: Event) -> int:
    return _digits(event.parameters.get("version", ""))


def _digits(text: str) -> int:
    if not text.isdigit():
        raise InputError(f"bad version {text!r}")
    return int(text)


CURATION_ACTIONS: dict[str, Handler] = {
    "templates": _templates,
    "edit-template": _edit_template,
    "save-template": _save_template,
    "test-template": _test_template,
    "submit-template": _submit_template,
    "review-template": _review_template,
    "approve-template": _approve_template,
    "return-template": _return_template,
    "template-versions": _template_versions,
    "rollback-template": _rollback_template,
    "template-diff": _template_diff,
    "archive-template": _archive_template,
    "rate": _rate,
}
