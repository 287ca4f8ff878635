"""The audit card for tenant admins: recent generations and admin changes, filterable."""

from __future__ import annotations

from collections.abc import Sequence
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
from services.audit import AuditEntry
from services.models import Template

MAX_ROWS = 40


def audit_card(
    entries: Sequence[AuditEntry],
    templates: Sequence[Template],
    user_filter: str,
    template_filter: str,
    doc_id: str,
    lang: Lang,
    links: Links,
    time_zone: str,
) -> Card:
    """Filters on top, then one row per record: when, who, what, model and figures."""
    options = [("", t("audit.all_templates", lang))] + [
        (x.id, x.title) for x in templates
    ]
    apply = action(links.action("audit"), {"docId": doc_id})
    filters = section(
        [
            text_input(
                "user",
                t("audit.user", lang),
                value=user_filter,
                hint="laerer@kommune.dk",
            ),
            selection(
                "template", t("audit.template", lang), options, [template_filter]
            ),
            buttons(button(t("audit.filter", lang), apply)),
        ]
    )
    rows: list[Widget] = [_row(entry, lang, time_zone) for entry in entries[:MAX_ROWS]]
    if not rows:
        rows = [paragraph(t("audit.empty", lang))]
    rows.append(
        paragraph(f'<font color="#5f6368">{t("audit.no_content", lang)}</font>')
    )
    return card(t("audit.title", lang), [filters, section(rows)], name="audit")


def _row(entry: AuditEntry, lang: Lang, time_zone: str) -> Widget:
    try:
        zone = ZoneInfo(time_zone)
    except (KeyError, ValueError):
        zone = ZoneInfo("Europe/Copenhagen")
    when = entry.created_at.astimezone(zone).strftime("%d.%m.%Y %H:%M")
    if entry.kind == "generation":
        bottom = t(
            "audit.generation_figures",
            lang,
            model=escape(entry.model),
            tokens=entry.tokens,
            seconds=f"{entry.duration_ms / 1000:.1f}",
            protected=entry.items_protected,
        )
        return decorated(
            escape(entry.what),
            top=f"{when} · {escape(entry.user)}",
            bottom=bottom,
            icon="auto_awesome",
        )
    return decorated(
        escape(entry.what),
        top=f"{when} · {escape(entry.user)}",
        bottom=escape(entry.kind),
        icon="edit_note",
    )
