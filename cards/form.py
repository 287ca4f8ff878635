"""The template form: each variable becomes the matching widget; errors shown inline."""

from __future__ import annotations

from collections.abc import Mapping

from cards.base import (
    Card,
    Links,
    Widget,
    action,
    button,
    card,
    escape,
    paragraph,
    section,
    selection,
    text_input,
)
from cards.messages import Lang, t
from services.models import Template, TemplateVersion, Variable

TEXT_LIMIT = 300
LONG_TEXT_LIMIT = 4000


#: The form field that asks for reading levels (not a template variable).
FORM_LEVELS = "laeseniveauer"  # no seed variable is called this


def template_form_card(
    template: Template,
    version: TemplateVersion,
    doc_id: str,
    lang: Lang,
    links: Links,
    values: Mapping[str, object] | None = None,
    field_errors: Mapping[str, str] | None = None,
    banner_key: str = "",
) -> Card:
    """The form for one template version, optionally with the teacher's values and errors.

    ``banner_key`` names a message shown at the top (a model error, "fix the marked
    fields"); the values are kept so nothing the teacher typed is lost.
    """
    values = values or {}
    field_errors = field_errors or {}
    widgets: list[Widget] = []
    if banner_key:
        widgets.append(_error_text(t(banner_key, lang)))
        if banner_key != "form.fix_errors":
            widgets.append(paragraph(t("error.keep", lang)))
    if template.description:
        widgets.append(paragraph(escape(template.description)))
    for variable in version.variables:
        widgets.append(_widget(variable, values.get(variable.name), lang))
        if variable.help:
            widgets.append(
                paragraph(f'<font color="#5f6368">{escape(variable.help)}</font>')
            )
        if variable.name in field_errors:
            widgets.append(
                _error_text(_field_error(field_errors[variable.name], variable, lang))
            )
    names = {variable.name for variable in version.variables}
    if FORM_LEVELS not in names and any(v.kind == "grade" for v in version.variables):
        # A template with a grade can write its material at two or three reading levels.
        options = [
            ("1", t("form.levels.one", lang)),
            ("2", t("diff.two", lang)),
            ("3", t("diff.three", lang)),
        ]
        chosen = str(values.get(FORM_LEVELS) or "1")
        widgets.append(
            selection(FORM_LEVELS, t("form.levels", lang), options, [chosen])
        )
    widgets.append(
        paragraph(f'<font color="#5f6368">{t("form.privacy_hint", lang)}</font>')
    )
    required = [v.name for v in version.variables if v.required and v.kind != "grade"]
    generate = action(
        links.action("generate"),
        {"templateId": template.id, "docId": doc_id},
        required=required,
    )
    back = action(links.action("home"), {"docId": doc_id})
    footer = {
        "primaryButton": button(t("form.generate", lang), generate, filled=True),
        "secondaryButton": button(t("form.back", lang), back),
    }
    return card(
        escape(template.title),
        [section(widgets)],
        subtitle=template.category,  # plain text: Google does not render HTML here
        name=f"form-{template.id}",
        footer=footer,
    )


def _widget(variable: Variable, value: object, lang: Lang) -> Widget:
    label = (
        variable.label
        if variable.required
        else f"{variable.label} {t('form.optional', lang)}"
    )
    current = value if value is not None else variable.default
    if variable.kind in ("text", "long_text"):
        long = variable.kind == "long_text"
        return text_input(
            variable.name,
            label,
            value=str(current or ""),
            multiline=long,
            limit=LONG_TEXT_LIMIT if long else TEXT_LIMIT,
        )
    if variable.kind == "grade":
        grades = [(str(g), _grade_label(g, lang)) for g in range(11)]
        return selection(variable.name, label, grades, [str(current or "")])
    chosen = current if isinstance(current, list) else [str(current or "")]
    options = [(o.value, o.label) for o in variable.options]
    kind = "CHECK_BOX" if variable.kind == "multi_choice" else "DROPDOWN"
    return selection(variable.name, label, options, chosen, kind=kind)


def _grade_label(grade: int, lang: Lang) -> str:
    return (
        t("form.grade_zero", lang) if grade == 0 else t("form.grade", lang, grade=grade)
    )


def _field_error(key: str, variable: Variable, lang: Lang) -> str:
    if key == "form.too_long":
        limit = LONG_TEXT_LIMIT if variable.kind == "long_text" else TEXT_LIMIT
        return t(key, lang, limit=limit)
    return t(key, lang)


def _error_text(text: str) -> Widget:
    return paragraph(f'<font color="#d93025">{text}</font>')
