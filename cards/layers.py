"""Cards for the layers' owners: edit a frame, profile or team context; versions; "why"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from cards.base import (
    Card,
    Links,
    Widget,
    action,
    button,
    buttons,
    card,
    decorated,
    escape,
    paragraph,
    section,
    selection,
    text_input,
)
from cards.messages import Lang, t
from services.differentiation import MAX_LIX_ADJUST
from services.layers import (
    FRAME_LIMIT,
    PROFILE_LIMIT,
    PUPIL_NAMES_LIMIT,
    RETENTION_CHOICES,
    TEAM_FIELDS,
    LayerView,
    Target,
    WhyLayer,
)
from services.models import VersionedText

_TITLES = {
    "municipality": "layers.frame",
    "school": "layers.profile",
    "team": "layers.team",
}


def target_parameters(target: Target, doc_id: str) -> dict[str, str]:
    """The button parameters that name a layer (and carry the open Doc along)."""
    return {
        "kind": target.kind,
        "schoolId": target.school_id,
        "teamId": target.team_id,
        "docId": doc_id,
    }


def layer_editor_card(
    view: LayerView,
    doc_id: str,
    lang: Lang,
    links: Links,
    time_zone: str,
    values: Mapping[str, str] | None = None,
    field_errors: Mapping[str, str] | None = None,
    banner: str = "",
) -> Card:
    """The editor of one layer, with its current version and the teacher's unsaved values."""
    values = values or {}
    errors = field_errors or {}
    widgets: list[Widget] = []
    if banner:
        widgets.append(paragraph(f"<b>{escape(banner)}</b>"))
    widgets.append(_version_line(view.current, lang, time_zone))
    widgets.append(paragraph(t(f"{_TITLES[view.target.kind]}.help", lang)))
    if view.target.kind == "team":
        widgets += _team_fields(view.current, values, errors, lang)
        names = values.get("pupil_names", ", ".join(view.pupil_names))
        widgets.append(
            text_input(
                "pupil_names",
                t("team.pupil_names", lang),
                value=names,
                hint=t("team.pupil_names.hint", lang),
                multiline=True,
                limit=PUPIL_NAMES_LIMIT,
            )
        )
        widgets += _error("pupil_names", errors, lang, PUPIL_NAMES_LIMIT)
        if view.classroom_course_id:
            widgets.append(
                selection(
                    "unlink_course",
                    t(
                        "team.linked_course",
                        lang,
                        course=escape(view.classroom_course_id),
                    ),
                    [("ja", t("team.unlink_course", lang))],
                    kind="CHECK_BOX",
                )
            )
    else:
        limit = FRAME_LIMIT if view.target.kind == "municipality" else PROFILE_LIMIT
        widgets.append(
            text_input(
                "text",
                t("layers.text", lang, limit=limit),
                value=values.get("text", view.current.text),
                multiline=True,
                limit=limit,
            )
        )
        widgets += _error("text", errors, lang, limit)
    sections = [section(widgets)]
    if view.settings is not None:
        sections.append(_settings_section(view, values, errors, lang))
    if view.target.kind == "school":
        curators = values.get("curators", ", ".join(view.curators))
        sections.append(
            section(
                [
                    text_input(
                        "curators",
                        t("layers.curators", lang),
                        value=curators,
                        hint=t("layers.curators_hint", lang),
                    ),
                    *_error("curators", errors, lang, 0),
                    _lix_adjust(values.get("lix_adjust", str(view.lix_adjust)), lang),
                    *_error("lix_adjust", errors, lang, 0),
                ],
                header=t("layers.curators_header", lang),
            )
        )
    parameters = target_parameters(view.target, doc_id)
    save = action(links.action("save-layer"), parameters)
    history = action(links.action("layer-versions"), parameters)
    sections.append(section([buttons(button(t("layers.versions", lang), history))]))
    footer = {
        "primaryButton": button(t("layers.save", lang), save, filled=True),
        "secondaryButton": button(
            t("form.back", lang), action(links.action("home"), {"docId": doc_id})
        ),
    }
    title = t(_TITLES[view.target.kind], lang)
    return card(
        title,
        sections,
        subtitle=view.title,  # plain text: Google does not render HTML here
        name=f"edit-{view.target.kind}",
        footer=footer,
    )


def _team_fields(
    current: VersionedText,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    lang: Lang,
) -> list[Widget]:
    widgets: list[Widget] = []
    stored = dict(current.fields)
    if not stored and current.text.strip():
        # A context written before the guided fields (or imported): shown whole in the
        # first free-text field, so that saving one field never drops the rest.
        stored = {"elevgruppe": current.text.strip()}
    for field in TEAM_FIELDS:
        label = f"{t(f'team.{field.name}', lang)} (≤ {field.limit})"
        widgets.append(
            text_input(
                field.name,
                label,
                value=values.get(field.name, stored.get(field.name, "")),
                hint=t(f"team.{field.name}.hint", lang),
                multiline=field.multiline,
                limit=field.limit,
            )
        )
        widgets += _error(field.name, errors, lang, field.limit)
    return widgets


def _settings_section(
    view: LayerView, values: Mapping[str, str], errors: Mapping[str, str], lang: Lang
) -> dict[str, object]:
    settings = view.settings
    assert settings is not None
    yes_no = [("ja", t("layers.yes", lang)), ("nej", t("layers.no", lang))]
    keep = values.get("keep_outputs", "ja" if settings.keep_outputs else "nej")
    line = values.get("provenance_line", "ja" if settings.provenance_line else "nej")
    days = values.get("retention_days", str(settings.retention_days))
    retention = [(str(d), t("layers.days", lang, days=d)) for d in RETENTION_CHOICES]
    return section(
        [
            text_input(
                "model",
                t("layers.model", lang),
                value=values.get("model", settings.model),
                hint=t("layers.model_hint", lang),
            ),
            *_error("model", errors, lang, 0),
            selection("keep_outputs", t("layers.keep_outputs", lang), yes_no, [keep]),
            selection("retention_days", t("layers.retention", lang), retention, [days]),
            selection(
                "provenance_line", t("layers.provenance_line", lang), yes_no, [line]
            ),
            _lix_adjust(values.get("lix_adjust", str(settings.lix_adjust)), lang),
            *_error("lix_adjust", errors, lang, 0),
        ],
        header=t("layers.settings", lang),
    )


def _lix_adjust(current: str, lang: Lang) -> Widget:
    """A dropdown of how many LIX points the differentiation bands move."""
    options = [
        (str(n), t("layers.lix_adjust.none", lang) if n == 0 else f"{n:+d} LIX")
        for n in range(-MAX_LIX_ADJUST, MAX_LIX_ADJUST + 1, 2)
    ]
    return selection("lix_adjust", t("layers.lix_adjust", lang), options, [current])


def layer_versions_card(
    view: LayerView,
    versions: Sequence[VersionedText],
    doc_id: str,
    lang: Lang,
    links: Links,
    time_zone: str,
) -> Card:
    """Every version of a layer, newest first, each restorable."""
    widgets: list[Widget] = []
    for version in versions[:30]:
        restore = action(
            links.action("restore-layer"),
            {**target_parameters(view.target, doc_id), "version": str(version.version)},
        )
        excerpt = (
            version.text if len(version.text) <= 300 else version.text[:300] + " …"
        )
        widgets.append(
            decorated(
                escape(excerpt) or t("layers.empty", lang),
                top=_version_text(version, lang, time_zone),
                icon="history",
            )
        )
        if version.version != view.current.version:
            widgets.append(
                buttons(
                    button(t("layers.restore", lang, version=version.version), restore)
                )
            )
    return card(
        t("layers.versions", lang),
        [section(widgets)],
        subtitle=view.title,  # plain text: Google does not render HTML here
        name="layer-versions",
    )


def why_card(layers: Sequence[WhyLayer], doc_id: str, lang: Lang, links: Links) -> Card:
    """Each layer's text exactly as it went into the prompt, with version and author."""
    sections = [section([paragraph(t("why.intro", lang))])]
    for layer in layers:
        author = (
            t("why.author", lang, author=escape(layer.author)) if layer.author else ""
        )
        sections.append(
            section(
                [
                    paragraph(f"<i>{author}</i>"),
                    paragraph(escape(layer.text).replace("\n", "<br>")),
                ],
                header=f"{escape(layer.label)} · v{layer.version}",
                collapsible=True,
                shown=1,
            )
        )
    back = action(links.action("home"), {"docId": doc_id})
    sections.append(section([buttons(button(t("form.back", lang), back))]))
    return card(t("why.title", lang), sections, name="why")


def _version_line(current: VersionedText, lang: Lang, time_zone: str) -> Widget:
    return decorated(_version_text(current, lang, time_zone), icon="history")


def _version_text(version: VersionedText, lang: Lang, time_zone: str) -> str:
    when = _local(version.updated_at, time_zone)
    return t(
        "layers.version_line",
        lang,
        version=version.version,
        author=escape(version.author or "–"),
        when=when,
    )


def _local(moment: datetime | None, time_zone: str) -> str:
    if moment is None:
        return "–"
    try:
        zone = ZoneInfo(time_zone)
    except (KeyError, ValueError):
        zone = ZoneInfo("Europe/Copenhagen")
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")


def _error(
    name: str, errors: Mapping[str, str], lang: Lang, limit: int
) -> list[Widget]:
    if name not in errors:
        return []
    text = (
        t(errors[name], lang, limit=limit)
        if errors[name] == "form.too_long"
        else t(errors[name], lang)
    )
    return [paragraph(f'<font color="#d93025">{text}</font>')]
