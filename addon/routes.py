"""The add-on endpoints. Every request passes ``_verify`` first; handlers stay thin."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request

from addon import Services
from addon.auth import Caller, VerificationError
from addon.classroom_actions import (
    CLASSROOM_ACTIONS,
    RosterConsentNeeded,
    roster_for,
)
from addon.curation_actions import CURATION_ACTIONS
from addon.events import Event, EventError, parse_event
from addon.logs import request_fields, trace_fields
from cards import home as home_cards
from cards.audit import audit_card
from cards.base import Card, push, request_file_scope, request_scopes, update
from cards.differentiation import choose_levels_card, differentiation_result_card
from cards.errors import error_card
from cards.form import FORM_LEVELS, template_form_card
from cards.layers import layer_editor_card, layer_versions_card, why_card
from cards.messages import Lang, lang_for, t
from cards.result import result_card
from services.assistant import FormRejected
from services.classroom import ROSTERS_READONLY
from services.errors import (
    AccessDenied,
    GoogleApiError,
    InputError,
    LaererError,
    ModelError,
    NotFound,
)
from services.layers import LayerView, Target, check_text
from services.models import TenantSettings, VersionedText

logger = logging.getLogger(__name__)
blueprint = Blueprint("addon", __name__)

Handler = Callable[[Event, Caller, str], dict[str, Any]]


def _services() -> Services:
    return current_app.extensions["laerer"]  # type: ignore[no-any-return]


@blueprint.get("/healthz")
def healthz() -> Response:
    return jsonify(status="ok")


@blueprint.before_request
def _verify() -> tuple[Response, int] | None:
    """Fail closed: Google's signature, then the body, then the teacher's identity."""
    g.started = time.monotonic()
    request_fields.set(
        trace_fields(
            uuid.uuid4().hex[:16],
            request.headers.get("X-Cloud-Trace-Context", ""),
            _services().settings.firestore_project,
        )
    )
    if not request.path.startswith("/addon/"):
        return None
    services = _services()
    try:
        services.verifier.verify_request(
            request.headers.get("Authorization"), request.path
        )
    except VerificationError as exc:
        return _reject(401, "unauthorized", str(exc))
    try:
        g.event = parse_event(request.get_json(silent=True))
    except EventError as exc:
        return _reject(400, "bad_request", str(exc))
    try:
        g.caller = services.verifier.verify_user(g.event.user_id_token)
    except VerificationError as exc:
        return _reject(401, "unauthorized", f"user token: {exc}")
    return None


@blueprint.after_request
def _log_request(response: Response) -> Response:
    latency = int((time.monotonic() - g.get("started", time.monotonic())) * 1000)
    logger.info(
        "request",
        extra={
            "json_fields": {
                "path": request.path,
                "status": response.status_code,
                "latency_ms": latency,
            }
        },
    )
    return response


@blueprint.post("/addon/home")
@blueprint.post("/addon/file-scope-granted")
def homepage() -> Response:
    return _answer(_home)


@blueprint.post("/addon/actions/<name>")
def card_action(name: str) -> Response | tuple[Response, int]:
    handler = ACTIONS.get(name)
    if handler is None:
        return _reject(404, "not_found", f"unknown action {name!r}")
    return _answer(handler)


def _answer(handler: Handler) -> Response:
    """Resolve the tenant, run the handler, render any error as the one error card."""
    event: Event = g.event
    caller: Caller = g.caller
    lang = lang_for(event.locale)
    services = _services()
    try:
        if caller.hosted_domain is None:
            return jsonify(push(home_cards.private_account_card(caller.email, lang)))
        tenant_id = services.store.tenant_id_for_domain(caller.domain)
        if tenant_id is None:
            return jsonify(push(home_cards.onboarding_card(caller.domain, lang)))
        return jsonify(handler(event, caller, tenant_id))
    except LaererError as exc:
        log = (
            logger.warning
            if exc.retryable or isinstance(exc, InputError | NotFound | AccessDenied)
            else logger.error
        )
        log(
            "action failed",
            extra={"json_fields": {"error": type(exc).__name__, "path": request.path}},
        )
        return jsonify(
            push(error_card(exc.message_key, lang, services.links, event.doc_id))
        )
    except Exception:
        logger.exception(
            "unhandled error", extra={"json_fields": {"path": request.path}}
        )
        return jsonify(
            push(error_card("error.unexpected", lang, services.links, event.doc_id))
        )


def _home(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    return push(_home_card(event, caller, tenant_id))


def _home_card(event: Event, caller: Caller, tenant_id: str) -> Card:
    """The homepage, or what the teacher must do before it: join a team, grant access."""
    services = _services()
    lang = lang_for(event.locale)
    context = services.assistant.context(tenant_id, caller.email)
    if context.member is None:
        schools = services.assistant.schools_and_teams(tenant_id)
        return home_cards.choose_team_card(schools, event.doc_id, lang, services.links)
    if not event.has_file_access:
        return home_cards.file_access_card(lang, services.links)
    return home_cards.home_card(context, event.doc_id, lang, services.links)


def _request_file_access(
    event: Event, caller: Caller, tenant_id: str
) -> dict[str, Any]:
    return request_file_scope()


def _choose_team(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    services = _services()
    lang = lang_for(event.locale)
    choice = (event.form_inputs.get("team") or [""])[0]
    try:
        services.assistant.join_team(tenant_id, caller.email, choice)
    except InputError:
        schools = services.assistant.schools_and_teams(tenant_id)
        error = t("form.invalid_choice", lang)
        return update(
            home_cards.choose_team_card(
                schools, event.doc_id, lang, services.links, error
            )
        )
    return update(_home_card(event, caller, tenant_id))


def _open_template(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    services = _services()
    chosen = services.assistant.open_template(
        tenant_id, caller.email, event.parameters.get("templateId", "")
    )
    card = template_form_card(
        chosen.template,
        chosen.version,
        event.doc_id,
        lang_for(event.locale),
        services.links,
    )
    return push(card)


def _generate(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    if not event.has_file_access:  # ask before a model call is spent
        return request_file_scope()
    services = _services()
    lang: Lang = lang_for(event.locale)
    template_id = event.parameters.get("templateId", "")
    levels = (event.form_inputs.get(FORM_LEVELS) or ["1"])[0]  # "1" unless offered
    try:
        if levels in (
            "2",
            "3",
        ):  # the form's own "Niveauer" option: differentiate at once
            written = services.assistant.differentiate(
                tenant_id,
                caller.email,
                template_id,
                event.doc_id,
                event.form_inputs,
                event.user_oauth_token,
                int(levels),
                roster=roster_for(event),
            )
            return push(differentiation_result_card(written, lang, services.links))
        result = services.assistant.generate(
            tenant_id,
            caller.email,
            template_id,
            event.doc_id,
            event.form_inputs,
            event.user_oauth_token,
            roster=roster_for(event),
        )
    except RosterConsentNeeded:
        return request_scopes([ROSTERS_READONLY])
    except FormRejected as exc:
        return _form_again(
            event, caller, tenant_id, exc.message_key, exc.values, exc.field_errors
        )
    except (ModelError, GoogleApiError) as exc:
        logger.warning(
            "generation failed", extra={"json_fields": {"error": type(exc).__name__}}
        )
        return _form_again(
            event, caller, tenant_id, exc.message_key, _raw_values(event), {}
        )
    inputs = json.dumps(dict(event.form_inputs), ensure_ascii=False)
    return push(result_card(result, lang, services.links, inputs_json=inputs))


def _form_again(
    event: Event,
    caller: Caller,
    tenant_id: str,
    banner_key: str,
    values: dict[str, Any],
    field_errors: dict[str, str],
) -> dict[str, Any]:
    """The same form again, with the teacher's values, the errors and a banner."""
    services = _services()
    chosen = services.assistant.open_template(
        tenant_id, caller.email, event.parameters.get("templateId", "")
    )
    card = template_form_card(
        chosen.template,
        chosen.version,
        event.doc_id,
        lang_for(event.locale),
        services.links,
        values=values,
        field_errors=field_errors,
        banner_key=banner_key,
    )
    return update(card)


def _raw_values(event: Event) -> dict[str, Any]:
    return {k: v if len(v) != 1 else v[0] for k, v in event.form_inputs.items()}


@blueprint.app_errorhandler(404)
def _not_found(error: Exception) -> tuple[Response, int]:
    return _reject(404, "not_found", f"no endpoint {request.path}")


@blueprint.app_errorhandler(405)
def _wrong_method(error: Exception) -> tuple[Response, int]:
    return _reject(405, "method_not_allowed", f"{request.method} is not allowed here")


def _reject(status: int, error: str, reason: str) -> tuple[Response, int]:
    logger.warning(
        "request rejected",
        extra={
            "json_fields": {"path": request.path, "status": status, "reason": reason}
        },
    )
    return jsonify(error=error, reason=reason), status


def _target(event: Event) -> Target:
    parameters = event.parameters
    return Target.parse(
        parameters.get("kind", ""),
        parameters.get("schoolId", ""),
        parameters.get("teamId", ""),
    )


def _edit_layer(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    services = _services()
    view = services.layers.view(tenant_id, caller.email, _target(event))
    return push(_editor(event, view))


def _editor(event: Event, view: LayerView, **extra: Any) -> Card:
    return layer_editor_card(
        view,
        event.doc_id,
        lang_for(event.locale),
        _services().links,
        event.time_zone,
        **extra,
    )


def _save_layer(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """Save the edited layer (and settings or curators); errors keep every value."""
    services = _services()
    lang = lang_for(event.locale)
    target = _target(event)
    values = {name: ", ".join(v) for name, v in event.form_inputs.items()}
    try:
        saved = _save(services, tenant_id, caller.email, target, values)
    except InputError as exc:
        view = services.layers.view(tenant_id, caller.email, target)
        return update(
            _editor(
                event,
                view,
                values=values,
                field_errors=exc.field_errors,
                banner=t("form.fix_errors", lang),
            )
        )
    view = services.layers.view(tenant_id, caller.email, target)
    return update(
        _editor(event, view, banner=t("layers.saved", lang, version=saved.version))
    )


def _save(
    services: Services,
    tenant_id: str,
    email: str,
    target: Target,
    values: dict[str, str],
) -> VersionedText:
    layers = services.layers
    if target.kind == "team":
        saved = layers.save_team(tenant_id, email, target, values)
        if values.get("unlink_course") == "ja":
            layers.link_course(tenant_id, email, target, "")
        if "pupil_names" in values:
            names = values["pupil_names"].replace("\n", ",").split(",")
            layers.save_pupil_names(tenant_id, email, target, names)
        return saved
    check_text(target, values.get("text", ""))  # before any settings are saved
    if target.kind == "municipality":
        days = values.get("retention_days", "30")
        settings = TenantSettings(
            model=values.get("model", "").strip(),
            keep_outputs=values.get("keep_outputs") == "ja",
            retention_days=int(days) if days.isdigit() else -1,
            provenance_line=values.get("provenance_line", "ja") == "ja",
            lix_adjust=_lix_adjust(values.get("lix_adjust", "0")),
        )
        layers.save_settings(tenant_id, email, settings)
    if target.kind == "school" and "curators" in values:
        curators = [
            c.strip().lower() for c in values["curators"].split(",") if c.strip()
        ]
        layers.save_curators(tenant_id, email, target, curators)
    if target.kind == "school" and "lix_adjust" in values:
        layers.save_school_lix_adjust(
            tenant_id, email, target, _lix_adjust(values["lix_adjust"])
        )
    return layers.save_text(tenant_id, email, target, values.get("text", ""))


def _lix_adjust(text: str) -> int:
    """The LIX dropdown's number, e.g. "-4" (its range is checked by ``LayerAdmin``)."""
    stripped = text.strip()
    if not stripped.lstrip("+-").isdigit():
        raise InputError("lix", field_errors={"lix_adjust": "form.invalid_choice"})
    return int(stripped)


def _layer_versions(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    services = _services()
    target = _target(event)
    view = services.layers.view(tenant_id, caller.email, target)
    versions = services.layers.history(tenant_id, caller.email, target)
    card = layer_versions_card(
        view,
        versions,
        event.doc_id,
        lang_for(event.locale),
        services.links,
        event.time_zone,
    )
    return push(card)


def _restore_layer(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    services = _services()
    target = _target(event)
    old = event.parameters.get("version", "")
    if not old.isdigit():
        raise InputError(f"bad version {old!r}")
    restored = services.layers.restore(tenant_id, caller.email, target, int(old))
    view = services.layers.view(tenant_id, caller.email, target)
    banner = t(
        "layers.restored", lang_for(event.locale), old=old, version=restored.version
    )
    return update(_editor(event, view, banner=banner))


def _why(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    services = _services()
    layers = services.layers.why(
        tenant_id, caller.email, event.parameters.get("generationId", "")
    )
    return push(why_card(layers, event.doc_id, lang_for(event.locale), services.links))


def _audit(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """The tenant admin's audit card, filtered by user and template."""
    services = _services()
    context = services.assistant.context(tenant_id, caller.email)
    if context.member is None or not context.member.has_role("tenant_admin"):
        raise AccessDenied(f"{caller.email} is not a tenant admin")
    user = (event.form_inputs.get("user") or [""])[0].strip().lower()
    template = (event.form_inputs.get("template") or [""])[0]
    entries = services.audit.recent(tenant_id, user=user, template=template)
    card = audit_card(
        entries,
        context.templates,
        user,
        template,
        event.doc_id,
        lang_for(event.locale),
        services.links,
        event.time_zone,
    )
    return update(card) if event.form_inputs else push(card)


def _choose_levels(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    parameters = event.parameters
    card = choose_levels_card(
        parameters.get("templateId", ""),
        event.doc_id,
        parameters.get("inputs", "{}"),
        lang_for(event.locale),
        _services().links,
    )
    return push(card)


def _differentiate(event: Event, caller: Caller, tenant_id: str) -> dict[str, Any]:
    """Write the levels; the teacher's inputs come back as the button's parameter."""
    if not event.has_file_access:
        return request_file_scope()
    services = _services()
    try:
        inputs = json.loads(event.parameters.get("inputs", "{}"))
        raw = {str(k): [str(x) for x in v] for k, v in inputs.items()}
    except (ValueError, AttributeError, TypeError) as exc:
        raise InputError("inputs parameter is not a JSON map of lists") from exc
    levels = (event.form_inputs.get("levels") or ["3"])[0]
    separate = (event.form_inputs.get("where") or ["here"])[0] == "separate"
    try:
        result = services.assistant.differentiate(
            tenant_id,
            caller.email,
            event.parameters.get("templateId", ""),
            event.doc_id,
            raw,
            event.user_oauth_token,
            3 if levels == "3" else 2,
            roster=roster_for(event),
            separate_docs=separate,
        )
    except RosterConsentNeeded:
        return request_scopes([ROSTERS_READONLY])
    return push(
        differentiation_result_card(result, lang_for(event.locale), services.links)
    )


ACTIONS: dict[str, Handler] = {
    "choose-levels": _choose_levels,
    "differentiate": _differentiate,
    "audit": _audit,
    "edit-layer": _edit_layer,
    "save-layer": _save_layer,
    "layer-versions": _layer_versions,
    "restore-layer": _restore_layer,
    "why": _why,
    "home": _home,
    "request-file-access": _request_file_access,
    "choose-team": _choose_team,
    "open-template": _open_template,
    "generate": _generate,
    **CLASSROOM_ACTIONS,
    **CURATION_ACTIONS,
}
