"""The one error card every unexpected or outside failure is rendered with."""

from __future__ import annotations

from cards.base import Card, Links, action, button, buttons, card, paragraph, section
from cards.messages import Lang, t


def error_card(message_key: str, lang: Lang, links: Links, doc_id: str = "") -> Card:
    """A Danish (or English) explanation and a way back to the homepage."""
    home = action(links.action("home"), {"docId": doc_id} if doc_id else None)
    widgets = [
        paragraph(t(message_key, lang)),
        buttons(button(t("form.back", lang), home)),
    ]
    return card(t("error.title", lang), [section(widgets)], name="error")
