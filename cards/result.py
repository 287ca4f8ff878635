"""The result card: what was written, how readable it is, and which layers shaped it."""

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
)
from cards.classroom import classroom_button
from cards.curation import rating_section
from cards.messages import Lang, t
from services.assistant import GenerationResult
from services.models import Layer
from services.readability import lix_band


def result_card(
    result: GenerationResult, lang: Lang, links: Links, inputs_json: str = ""
) -> Card:
    """Summary of one generation with its provenance and the ways onward."""
    report = result.report
    summary = [
        decorated(
            escape(result.heading),
            top=escape(result.template.title),
            bottom=t(
                "result.words",
                lang,
                words=report.words,
                lix=round(report.lix),
                band=t(f"lix.{lix_band(report.lix)}", lang),
            ),
            icon="check_circle",
        )
    ]
    if result.shortened:
        fields = ", ".join(f"»{escape(label)}«" for label in result.shortened)
        summary.append(paragraph(t("result.shortened", lang, fields=fields)))
    if result.items_protected:
        key = (
            "result.protected_one"
            if result.items_protected == 1
            else "result.protected"
        )
        summary.append(paragraph(t(key, lang, count=result.items_protected)))
    layers = [
        decorated(
            f"{escape(layer_name(layer, lang))} · v{layer.version}", icon="layers"
        )
        for layer in result.layers
        if layer.kind != "input"
    ]
    seconds = f"{result.duration_ms / 1000:.1f}"
    layers.append(
        decorated(t("result.model", lang, model=escape(result.model), seconds=seconds))
    )
    again = action(
        links.action("open-template"),
        {"templateId": result.template.id, "docId": result.doc_id},
    )
    home = action(links.action("home"), {"docId": result.doc_id})
    why = action(
        links.action("why"), {"generationId": result.record_id, "docId": result.doc_id}
    )
    differentiate = action(
        links.action("choose-levels"),
        {
            "templateId": result.template.id,
            "docId": result.doc_id,
            "inputs": inputs_json,
        },
    )
    onward = buttons(
        classroom_button(result.doc_id, lang, links),
        *([button(t("diff.button", lang), differentiate)] if inputs_json else []),
        button(t("why.button", lang), why),
        button(t("result.again", lang), again),
        button(t("result.back", lang), home),
    )
    return card(
        t("result.title", lang),
        [
            section(summary),
            section(layers, header=t("result.layers", lang)),
            section([onward]),
            rating_section(
                result.record_id,
                result.template.id,
                result.version,
                result.doc_id,
                lang,
                links,
            ),
        ],
        name="result",
    )


def layer_name(layer: Layer, lang: Lang) -> str:
    """A layer's name in the teacher's language (the prompt itself stays Danish)."""
    if layer.kind in ("platform", "municipality", "school"):
        return t(f"layer.{layer.kind}", lang)
    if layer.kind == "template":
        return t("layer.template", lang, title=layer.label.removeprefix("Skabelon "))
    return layer.label
