"""Cards for curators: the template list, the editor, review, versions and differences.

Also the two pieces other cards embed: the homepage's entry for curators and the
rating row of the result card. Pure functions: data in, Card JSON out.
"""

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
from services.curation import (
    LIMITS,
    RATING_COMMENT_LIMIT,
    Draft,
    EditorView,
    Overview,
    ReviewView,
    VersionRatings,
    VersionsView,
    is_curator,
)
from services.models import CaseResult, CheckResult
from services.store import UserContext
from services.template_repository import StoredVersion, TemplateEntry
from services.template_text import LineProblem

_RED = "#d93025"
_GREEN = "#188038"
_GREY = "#5f6368"
_MAX_DIFF_LINES = 150
_MAX_VERSIONS = 25
_MAX_COMMENTS = 5


def curation_entry(
    context: UserContext, doc_id: str, lang: Lang, links: Links
) -> Widget | None:
    """The homepage row that opens the curators' list, for curators and admins only."""
    if not is_curator(context.member, context.school):
        return None
    open_list = action(links.action("templates"), {"docId": doc_id})
    return decorated(
        t("curation.entry", lang), icon="edit_document", on_click=open_list
    )


def rating_section(
    generation_id: str,
    template_id: str,
    version: int,
    doc_id: str,
    lang: Lang,
    links: Links,
) -> dict[str, object]:
    """The result card's 👍/👎 row with an optional comment for the curators."""
    parameters = {
        "generationId": generation_id,
        "templateId": template_id,
        "version": str(version),
        "docId": doc_id,
    }
    up = action(links.action("rate"), {**parameters, "value": "up"})
    down = action(links.action("rate"), {**parameters, "value": "down"})
    return section(
        [
            text_input(
                "rating_comment",
                t("rating.comment", lang),
                multiline=True,
                limit=RATING_COMMENT_LIMIT,
            ),
            buttons(
                button(t("rating.up", lang), up), button(t("rating.down", lang), down)
            ),
        ],
        header=t("rating.header", lang),
    )


def overview_card(
    overview: Overview, doc_id: str, lang: Lang, links: Links, banner: str = ""
) -> Card:
    """The templates a curator may edit, those waiting for review, and "new"."""
    top: list[Widget] = [_banner(banner)] if banner else []
    new = action(links.action("edit-template"), {"templateId": "", "docId": doc_id})
    top.append(buttons(button(t("curation.new", lang), new, filled=True)))
    sections = [section(top)]
    if overview.waiting:
        rows = [_review_row(entry, doc_id, lang, links) for entry in overview.waiting]
        sections.append(section(rows, header=t("curation.waiting", lang)))
    rows = [_entry_row(entry, doc_id, lang, links) for entry in overview.entries]
    if not rows:
        rows = [paragraph(t("curation.none", lang))]
    sections.append(section(rows, header=t("curation.yours", lang)))
    sections.append(section([buttons(_home_button(doc_id, lang, links))]))
    return card(t("curation.title", lang), sections, name="templates")


def editor_card(
    view: EditorView,
    doc_id: str,
    lang: Lang,
    links: Links,
    time_zone: str,
    *,
    draft: Draft | None = None,
    field_errors: Mapping[str, str] | None = None,
    problems: Mapping[str, Sequence[LineProblem]] | None = None,
    details: Sequence[str] = (),
    banner: str = "",
) -> Card:
    """The editor of a template's newest version, with its tests and ratings.

    ``draft``, ``field_errors``, ``problems`` and ``details`` show the curator's
    unsaved values again with what is wrong, line by line.
    """
    values = (draft or view.draft).as_form()
    errors = dict(field_errors or {})
    lines = dict(problems or {})
    head: list[Widget] = [_banner(banner)] if banner else []
    if view.current is not None:
        head += _version_widgets(view.current, lang, time_zone)
    head += [
        *_input("title", values, errors, lang),
        *_input("category", values, errors, lang, hint="curation.field.category_hint"),
        *_input("description", values, errors, lang, multiline=True),
        _scope_input(view, values["scope"], lang),
        *_error_widgets("scope", errors, lang),
    ]
    body = [
        *_input("body", values, errors, lang, multiline=True),
        *[paragraph(f'<font color="{_RED}">{escape(line)}</font>') for line in details],
        *_input("variables", values, errors, lang, multiline=True),
        *_problem_widgets(lines.get("variables", ()), lang),
        *_input("test_cases", values, errors, lang, multiline=True),
        *_problem_widgets(lines.get("test_cases", ()), lang),
    ]
    help_widgets = [
        paragraph(t("curation.variables_help", lang)),
        paragraph(t("curation.test_cases_help", lang)),
    ]
    sections = [
        section(head),
        section(body),
        section(
            help_widgets,
            header=t("curation.syntax_header", lang),
            collapsible=True,
        ),
    ]
    if view.current is not None:
        sections.append(_results_section(view.current, lang))
        sections.append(_ratings_section(view.ratings, lang))
    sections.append(section([_editor_buttons(view, doc_id, lang, links)]))
    parameters = {"templateId": view.template_id, "docId": doc_id}
    footer = {
        "primaryButton": button(
            t("curation.save", lang),
            action(links.action("save-template"), parameters),
            filled=True,
        ),
        "secondaryButton": button(
            t("form.back", lang), action(links.action("templates"), {"docId": doc_id})
        ),
    }
    title = (
        view.entry.template.title if view.entry else t("curation.new_subtitle", lang)
    )
    return card(
        t("curation.title", lang),
        sections,
        subtitle=title,  # plain text: Google does not render HTML here
        name="template-editor",
        footer=footer,
    )


def review_card(
    view: ReviewView,
    doc_id: str,
    lang: Lang,
    links: Links,
    time_zone: str,
    *,
    field_errors: Mapping[str, str] | None = None,
    comment: str = "",
    banner: str = "",
) -> Card:
    """A version in review: its test results, its differences, approve or send back."""
    candidate = view.candidate
    number = candidate.version.version
    head: list[Widget] = [_banner(banner)] if banner else []
    head += _version_widgets(candidate, lang, time_zone)
    sections = [section(head), _results_section(candidate, lang)]
    header = (
        t("curation.diff_header", lang, version=view.published.version.version)
        if view.published
        else t("curation.diff_new", lang)
    )
    sections.append(
        section(
            _diff_widgets(view.diff, lang), header=header, collapsible=True, shown=1
        )
    )
    parameters = {
        "templateId": view.entry.template.id,
        "version": str(number),
        "docId": doc_id,
    }
    decide: list[Widget] = []
    if view.may_decide:
        decide += [
            text_input(
                "comment",
                t("curation.comment_label", lang),
                value=comment,
                hint=t("curation.comment_hint", lang),
                multiline=True,
                limit=1000,
            ),
            *_error_widgets("comment", field_errors or {}, lang),
            buttons(
                button(
                    t("curation.approve", lang),
                    action(links.action("approve-template"), parameters),
                    filled=True,
                ),
                button(
                    t("curation.send_back", lang),
                    action(links.action("return-template"), parameters),
                ),
            ),
        ]
    elif candidate.version.status == "in_review":
        decide.append(paragraph(t("curation.own_version_note", lang)))
    back = action(links.action("templates"), {"docId": doc_id})
    decide.append(buttons(button(t("form.back", lang), back)))
    sections.append(section(decide))
    return card(
        t("curation.review_title", lang),
        sections,
        subtitle=candidate.meta.title,  # plain text: Google does not render HTML here
        name="template-review",
    )


def versions_card(
    view: VersionsView,
    doc_id: str,
    lang: Lang,
    links: Links,
    time_zone: str,
    banner: str = "",
) -> Card:
    """Every version, newest first: state, review, ratings, compare and roll back."""
    template = view.entry.template
    published = template.published_version
    ratings = {rating.version: rating for rating in view.ratings}
    widgets: list[Widget] = [_banner(banner)] if banner else []
    for stored in view.versions[:_MAX_VERSIONS]:
        version = stored.version
        widgets += _version_widgets(stored, lang, time_zone)
        if version.version in ratings:
            widgets.append(_rating_widget(ratings[version.version], lang))
        parameters = {"templateId": template.id, "docId": doc_id}
        row = []
        other = published if published and published != version.version else None
        other = other or _previous(view.versions, version.version)
        if other:
            compare = action(
                links.action("template-diff"),
                {**parameters, "from": str(other), "to": str(version.version)},
            )
            row.append(button(t("curation.compare", lang, other=other), compare))
        if version.published_at is not None and version.status != "published":
            rollback = action(
                links.action("rollback-template"),
                {**parameters, "version": str(version.version)},
            )
            row.append(
                button(t("curation.rollback", lang, version=version.version), rollback)
            )
        if version.status == "in_review":
            review = action(
                links.action("review-template"),
                {**parameters, "version": str(version.version)},
            )
            row.append(button(t("curation.review", lang), review))
        if row:
            widgets.append(buttons(*row))
    edit = action(
        links.action("edit-template"), {"templateId": template.id, "docId": doc_id}
    )
    widgets.append(buttons(button(t("form.back", lang), edit)))
    return card(
        t("curation.versions", lang),
        [section(widgets)],
        subtitle=template.title,  # plain text: Google does not render HTML here
        name="template-versions",
    )


def diff_card(
    before: StoredVersion,
    after: StoredVersion,
    lines: Sequence[str],
    doc_id: str,
    lang: Lang,
    links: Links,
) -> Card:
    """The unified difference between two versions, additions green, removals red."""
    title = t(
        "curation.diff_title",
        lang,
        old=before.version.version,
        new=after.version.version,
    )
    back = action(
        links.action("template-versions"),
        {"templateId": after.meta.id, "docId": doc_id},
    )
    widgets = [*_diff_widgets(lines, lang), buttons(button(t("form.back", lang), back))]
    return card(
        title,
        [section(widgets)],
        subtitle=after.meta.title,  # plain text: Google does not render HTML here
        name="template-diff",
    )


# -- pieces ---------------------------------------------------------------------------


def _entry_row(entry: TemplateEntry, doc_id: str, lang: Lang, links: Links) -> Widget:
    template = entry.template
    published = (
        f"v{template.published_version}"
        if template.published_version
        else t("curation.not_published", lang)
    )
    line = t(
        "curation.entry_line",
        lang,
        published=published,
        latest=entry.latest_version,
        status=t(f"curation.status.{entry.latest_status}", lang),
    )
    edit = action(
        links.action("edit-template"), {"templateId": template.id, "docId": doc_id}
    )
    return decorated(
        escape(template.title),
        top=escape(template.category),
        bottom=line,
        icon="description",
        on_click=edit,
    )


def _review_row(entry: TemplateEntry, doc_id: str, lang: Lang, links: Links) -> Widget:
    review = action(
        links.action("review-template"),
        {
            "templateId": entry.template.id,
            "version": str(entry.latest_version),
            "docId": doc_id,
        },
    )
    return decorated(
        escape(entry.template.title),
        bottom=f"v{entry.latest_version} · {t('curation.review', lang)}",
        icon="rate_review",
        on_click=review,
    )


def _editor_buttons(view: EditorView, doc_id: str, lang: Lang, links: Links) -> Widget:
    parameters = {"templateId": view.template_id, "docId": doc_id}
    row = [
        button(
            t("curation.run_tests", lang),
            action(links.action("test-template"), parameters),
        )
    ]
    current = view.current
    if current is not None:
        number = {**parameters, "version": str(current.version.version)}
        if current.version.status == "draft":
            submit = action(links.action("submit-template"), number)
            row.append(button(t("curation.submit", lang), submit, filled=True))
        if current.version.status == "in_review":
            review = action(links.action("review-template"), number)
            row.append(button(t("curation.review", lang), review))
        versions = action(links.action("template-versions"), parameters)
        row.append(button(t("curation.versions", lang), versions))
    entry = view.entry
    if entry is not None and entry.template.status == "published":
        archive = action(links.action("archive-template"), parameters)
        row.append(button(t("curation.archive", lang), archive))
    return buttons(*row)


def _version_widgets(stored: StoredVersion, lang: Lang, time_zone: str) -> list[Widget]:
    version = stored.version
    line = t(
        "curation.version_line",
        lang,
        version=version.version,
        status=t(f"curation.status.{version.status}", lang),
        author=escape(version.author or "–"),
        when=_when(version.created_at, time_zone),
    )
    bottom = ""
    if version.comment:
        bottom = t(
            "curation.review_comment",
            lang,
            reviewer=escape(version.reviewer),
            comment=escape(version.comment),
        )
    elif version.reviewer and version.published_at is not None:
        bottom = t("curation.reviewed_by", lang, reviewer=escape(version.reviewer))
    return [decorated(line, bottom=bottom, icon="history")]


def _results_section(stored: StoredVersion, lang: Lang) -> dict[str, object]:
    version = stored.version
    header = t("curation.tests_header", lang, version=version.version)
    if not version.test_results:
        return section([paragraph(t("curation.no_tests_run", lang))], header=header)
    widgets = [_case_widget(result, lang) for result in version.test_results]
    return section(widgets, header=header)


def _case_widget(result: CaseResult, lang: Lang) -> Widget:
    verdict = t(
        "curation.case_passed" if result.passed else "curation.case_failed", lang
    )
    checks = "<br>".join(_check_line(check, lang) for check in result.checks)
    excerpt = escape(result.excerpt[:200])
    return decorated(
        f"{checks}<br><i>{excerpt}</i>" if excerpt else checks,
        top=f"{escape(result.name)} · {verdict}",
        icon="check_circle" if result.passed else "cancel",
    )


def _check_line(check: CheckResult, lang: Lang) -> str:
    outcome = "ok" if check.passed else "fail"
    text = t(
        f"curation.check.{check.kind}.{outcome}",
        lang,
        expected=escape(check.expected),
        found=escape(check.found),
    )
    colour = _GREEN if check.passed else _RED
    mark = "✓" if check.passed else "✗"
    return f'<font color="{colour}">{mark} {text}</font>'


def _ratings_section(
    ratings: Sequence[VersionRatings], lang: Lang
) -> dict[str, object]:
    widgets = [_rating_widget(rating, lang) for rating in ratings[:_MAX_COMMENTS]]
    if not widgets:
        widgets = [paragraph(t("curation.no_ratings", lang))]
    return section(
        widgets, header=t("curation.ratings_header", lang), collapsible=True, shown=2
    )


def _rating_widget(rating: VersionRatings, lang: Lang) -> Widget:
    line = t(
        "curation.rating_line",
        lang,
        version=rating.version,
        up=rating.up,
        down=rating.down,
    )
    comments = "<br>".join(
        f"{'👍' if up else '👎'} {escape(comment)}"
        for up, comment in rating.comments[:_MAX_COMMENTS]
    )
    return decorated(line, bottom=comments, icon="thumbs_up_down")


def _diff_widgets(lines: Sequence[str], lang: Lang) -> list[Widget]:
    if not lines:
        return [paragraph(t("curation.no_diff", lang))]
    shown = []
    for line in lines[:_MAX_DIFF_LINES]:
        colour = {"+": _GREEN, "-": _RED}.get(line[:1], _GREY)
        shown.append(f'<font color="{colour}">{escape(line) or "&nbsp;"}</font>')
    if len(lines) > _MAX_DIFF_LINES:
        shown.append("…")
    return [paragraph("<br>".join(shown))]


def _scope_input(view: EditorView, scope: str, lang: Lang) -> Widget:
    options = [("tenant", t("curation.scope_tenant", lang))]
    options += [
        (f"school:{school_id}", t("curation.scope_school", lang, school=name))
        for school_id, name in view.schools
    ]
    return selection("scope", t("curation.field.scope", lang), options, [scope])


def _input(
    name: str,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    lang: Lang,
    *,
    hint: str = "",
    multiline: bool = False,
) -> list[Widget]:
    widget = text_input(
        name,
        t(f"curation.field.{name}", lang),
        value=values.get(name, ""),
        hint=t(hint, lang) if hint else "",
        multiline=multiline,
        limit=LIMITS.get(name, 0),
    )
    return [widget, *_error_widgets(name, errors, lang)]


def _error_widgets(name: str, errors: Mapping[str, str], lang: Lang) -> list[Widget]:
    if name not in errors:
        return []
    key = errors[name]
    text = (
        t(key, lang, limit=LIMITS.get(name, 0))
        if key == "form.too_long"
        else t(key, lang)
    )
    return [paragraph(f'<font color="{_RED}">{escape(text)}</font>')]


def _problem_widgets(problems: Sequence[LineProblem], lang: Lang) -> list[Widget]:
    if not problems:
        return []
    lines = [
        t(
            "curation.line",
            lang,
            line=problem.line,
            message=t(problem.key, lang, **{k: escape(v) for k, v in problem.params}),
        )
        for problem in problems
    ]
    text = "<br>".join([t("curation.problems", lang), *lines])
    return [paragraph(f'<font color="{_RED}">{text}</font>')]


def _banner(text: str) -> Widget:
    return paragraph(f"<b>{escape(text)}</b>")


def _home_button(doc_id: str, lang: Lang, links: Links) -> dict[str, object]:
    return button(t("form.back", lang), action(links.action("home"), {"docId": doc_id}))


def _previous(versions: Sequence[StoredVersion], number: int) -> int | None:
    older = [s.version.version for s in versions if s.version.version < number]
    return max(older) if older else None


def _when(moment: datetime | None, time_zone: str) -> str:
    if moment is None:
        return "–"
    try:
        zone = ZoneInfo(time_zone)
    except (KeyError, ValueError):
        zone = ZoneInfo("Europe/Copenhagen")
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")
