"""The homepage and the cards a teacher may meet before it: access, onboarding, team."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

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
from cards.classroom import classroom_button
from cards.curation import curation_entry
from cards.layers import target_parameters
from cards.messages import Lang, t
from services.layers import Target, may_edit
from services.models import School, Team, Template
from services.store import UserContext

FREE_IDEA_TEMPLATE = "fri-ide"
FREE_IDEA_FIELD = "ide"


def home_card(context: UserContext, doc_id: str, lang: Lang, links: Links) -> Card:
    """Team and school, the free-idea box, then the published templates by category."""
    team = context.team
    school = context.school
    team_line = team.name if team else t("home.no_team", lang)
    widgets = [
        decorated(
            escape(team_line),
            top=t("home.your_team", lang),
            bottom=escape(school.name if school else context.tenant.name),
            icon="groups",
        )
    ]
    sections = [section(widgets)]
    templates = [tpl for tpl in context.templates if tpl.id != FREE_IDEA_TEMPLATE]
    if any(tpl.id == FREE_IDEA_TEMPLATE for tpl in context.templates):
        sections.append(_free_idea_section(doc_id, lang, links))
    if not templates:
        sections.append(section([paragraph(t("home.no_templates", lang))]))
    by_category = groupby(
        sorted(templates, key=lambda x: (x.category, x.title)), lambda x: x.category
    )
    for category, group in by_category:
        sections.append(
            section(
                [_template_row(tpl, doc_id, lang, links) for tpl in group],
                header=escape(category),
            )
        )
    if doc_id:
        sections.append(section([buttons(classroom_button(doc_id, lang, links))]))
    owned = _owned_layers(context, doc_id, lang, links)
    if owned:
        sections.append(section(owned, header=t("home.settings", lang)))
    return card(
        t("app.name", lang), sections, subtitle=t("home.subtitle", lang), name="home"
    )


def _owned_layers(
    context: UserContext, doc_id: str, lang: Lang, links: Links
) -> list[Widget]:
    """A row per layer the caller may edit (the server checks again on every action)."""
    member = context.member
    school_id = context.school.id if context.school else ""
    team_id = context.team.id if context.team else ""
    candidates = [
        (Target("team", school_id, team_id), "layers.team", context.team is not None),
        (Target("school", school_id), "layers.profile", context.school is not None),
        (Target("municipality"), "layers.frame", True),
    ]
    rows = []
    for target, key, exists in candidates:
        if exists and may_edit(member, target):
            edit = action(links.action("edit-layer"), target_parameters(target, doc_id))
            rows.append(decorated(t(key, lang), icon="edit_note", on_click=edit))
    curation = curation_entry(context, doc_id, lang, links)
    if curation is not None:
        rows.append(curation)
    if member is not None and member.has_role("tenant_admin"):
        log = action(links.action("audit"), {"docId": doc_id})
        rows.append(decorated(t("audit.open", lang), icon="receipt_long", on_click=log))
    return rows


def _free_idea_section(doc_id: str, lang: Lang, links: Links) -> dict[str, object]:
    generate = action(
        links.action("generate"),
        {"templateId": FREE_IDEA_TEMPLATE, "docId": doc_id},
        required=[FREE_IDEA_FIELD],
    )
    return section(
        [
            text_input(
                FREE_IDEA_FIELD,
                t("home.free_idea_label", lang),
                hint=t("home.free_idea_hint", lang),
                multiline=True,
                limit=4000,
            ),
            buttons(button(t("home.free_idea_button", lang), generate, filled=True)),
        ],
        header=t("home.free_idea", lang),
    )


def _template_row(
    template: Template, doc_id: str, lang: Lang, links: Links
) -> dict[str, object]:
    open_form = action(
        links.action("open-template"), {"templateId": template.id, "docId": doc_id}
    )
    return decorated(
        escape(template.title),
        bottom=escape(template.description),
        icon="description",
        on_click=open_form,
    )


def file_access_card(lang: Lang, links: Links) -> Card:
    """Explains why the add-on needs the open Doc and asks for it."""
    ask = action(links.action("request-file-access"))
    widgets = [
        paragraph(t("access.why", lang)),
        buttons(button(t("access.button", lang), ask, filled=True)),
    ]
    return card(t("access.title", lang), [section(widgets)], name="file-access")


def onboarding_card(domain: str, lang: Lang) -> Card:
    """For a domain with no tenant: what an administrator does next."""
    body = t("onboarding.body", lang, domain=escape(domain))
    return card(
        t("onboarding.title", lang), [section([paragraph(body)])], name="onboarding"
    )


def private_account_card(email: str, lang: Lang) -> Card:
    """For a private Google account: the add-on is for school accounts."""
    body = t("private.body", lang, email=escape(email))
    return card(
        t("private.title", lang), [section([paragraph(body)])], name="private-account"
    )


def choose_team_card(
    schools: Sequence[tuple[School, Sequence[Team]]],
    doc_id: str,
    lang: Lang,
    links: Links,
    error: str = "",
) -> Card:
    """For a known tenant but an unknown teacher: pick school and team."""
    if not any(teams for _, teams in schools):
        return card(
            t("choose.title", lang),
            [section([paragraph(t("choose.no_schools", lang))])],
        )
    options = [
        (f"{school.id}/{team.id}", f"{school.name} – {team.name}")
        for school, teams in schools
        for team in teams
    ]
    save = action(links.action("choose-team"), {"docId": doc_id}, required=["team"])
    widgets = [paragraph(t("choose.body", lang))]
    if error:
        widgets.append(paragraph(f'<font color="#d93025">{escape(error)}</font>'))
    widgets += [
        selection("team", t("choose.team", lang), options),
        buttons(button(t("choose.save", lang), save, filled=True)),
    ]
    return card(t("choose.title", lang), [section(widgets)], name="choose-team")
