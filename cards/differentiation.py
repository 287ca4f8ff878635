"""Cards for differentiation: choose the levels, then see each level's measured LIX."""

from __future__ import annotations

from cards.base import (
    Card,
    Links,
    action,
    button,
    buttons,
    card,
    decorated,
    escape,
    paragraph,
    section,
    selection,
)
from cards.levels_classroom import levels_parameter
from cards.messages import Lang, t
from services.assistant import DifferentiationResult
from services.differentiation import LEVEL_LABELS, Level


def doc_url(doc_id: str) -> str:
    """Where a Doc opens for the teacher."""
    return f"https://docs.google.com/document/d/{doc_id}/edit"


def choose_levels_card(
    template_id: str, doc_id: str, inputs_json: str, lang: Lang, links: Links
) -> Card:
    """Two or three levels; the teacher's inputs travel along as a parameter."""
    options = [("2", t("diff.two", lang)), ("3", t("diff.three", lang))]
    write = action(
        links.action("differentiate"),
        {"templateId": template_id, "docId": doc_id, "inputs": inputs_json},
    )
    places = [
        ("here", t("diff.where.here", lang)),
        ("separate", t("diff.where.separate", lang)),
    ]
    widgets = [
        paragraph(t("diff.intro", lang)),
        selection("levels", t("diff.levels", lang), options, ["3"]),
        selection(
            "where", t("diff.where", lang), places, ["here"], kind="RADIO_BUTTON"
        ),
        buttons(button(t("diff.write", lang), write, filled=True)),
    ]
    return card(t("diff.title", lang), [section(widgets)], name="choose-levels")


def differentiation_result_card(
    result: DifferentiationResult, lang: Lang, links: Links
) -> Card:
    """Per level: the LIX target, the measured LIX, word count and sentence length."""
    rows = []
    for level in result.levels:
        low, high = level.level.lix_range
        report = level.report
        verdict = (
            t("diff.on_target", lang)
            if level.on_target
            else t("diff.off_target", lang, attempts=level.attempts)
        )
        rows.append(
            decorated(
                f"{escape(_label(level.level, lang))}: LIX {round(report.lix)} ({verdict})",
                top=t("diff.target", lang, low=low, high=high),
                bottom=t(
                    "diff.figures",
                    lang,
                    words=report.words,
                    sentence=f"{report.avg_sentence_length:.1f}",
                ),
                icon="check_circle" if level.on_target else "warning",
            )
        )
    if result.items_protected:
        rows.append(
            paragraph(t("result.protected", lang, count=result.items_protected))
        )
    if result.documents:
        rows.append(paragraph(t("diff.separate_done", lang)))
        opens = [
            button(
                t("diff.open", lang, level=_label(level.level, lang)),  # plain text
                {"openLink": {"url": doc_url(doc_id)}},
            )
            for level, doc_id in zip(result.levels, result.documents, strict=True)
        ]
        rows.append(buttons(*opens))
        share = action(
            links.action("levels-classroom"),
            {
                "docId": result.doc_id,
                "levels": levels_parameter(
                    tuple(
                        (level.level.label, doc_id)
                        for level, doc_id in zip(
                            result.levels, result.documents, strict=True
                        )
                    )
                ),
            },
        )
        rows.append(buttons(button(t("levels.button", lang), share, filled=True)))
    home = action(links.action("home"), {"docId": result.doc_id})
    rows.append(buttons(button(t("result.back", lang), home)))
    subtitle = t("diff.subtitle", lang, grade=result.grade)
    return card(t("diff.done", lang), [section(rows)], subtitle=subtitle, name="levels")


def _label(level: Level, lang: Lang) -> str:
    """The level's name: the team's own as written, a default one in the UI language."""
    if level.label == LEVEL_LABELS.get(level.id):
        return t(f"level.{level.id}", lang)
    return level.label
