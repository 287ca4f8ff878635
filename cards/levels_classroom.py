"""Cards for handing differentiated levels out in Classroom, each to its own pupils.

The levels (label and Doc id, in order) travel as one JSON parameter, so every card can
be built again from the event alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

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
from cards.classroom import MAX_COURSES_SHOWN
from cards.messages import Lang, t
from services.classroom import Assignment, Course, Student

#: One dropdown per pupil; Google renders about a hundred widgets.
MAX_STUDENTS_SHOWN = 90
Levels = tuple[tuple[str, str], ...]  # (label, Doc id), easiest first


def levels_parameter(levels: Levels) -> str:
    return json.dumps([list(level) for level in levels], ensure_ascii=False)


def read_levels(parameter: str) -> Levels:
    """The levels a parameter carried; malformed input reads as none."""
    try:
        pairs = json.loads(parameter or "[]")
        return tuple((str(label), str(doc_id)) for label, doc_id in pairs)
    except (TypeError, ValueError):
        return ()


def middle(levels: Levels) -> int:
    """The level a pupil in no group gets: the middle one ("på niveau")."""
    return len(levels) // 2


def student_field(student_id: str) -> str:
    return f"level_{student_id}"


def levels_course_card(
    courses: Sequence[Course], doc_id: str, levels: Levels, lang: Lang, links: Links
) -> Card:
    """Which Classroom class the levels go to."""
    rows: list[Widget] = []
    for course in courses[:MAX_COURSES_SHOWN]:
        parameters = {
            "docId": doc_id,
            "levels": levels_parameter(levels),
            "courseId": course.id,
            "courseName": course.name,
        }
        rows.append(
            decorated(
                escape(course.name),
                bottom=escape(course.section),
                icon="school",
                on_click=action(links.action("levels-groups"), parameters),
            )
        )
    intro = t("levels.pick.intro" if courses else "classroom.pick.none", lang)
    return card(
        t("levels.pick.title", lang),
        [section([paragraph(intro)]), section(rows)],
        name="levels-courses",
    )


def levels_groups_card(
    course: Course,
    students: Sequence[Student],
    doc_id: str,
    levels: Levels,
    lang: Lang,
    links: Links,
    values: Mapping[str, Sequence[str]] | None = None,
    banner_key: str = "",
    title_error: str = "",
    default_title: str = "",
) -> Card:
    """One dropdown per pupil with the level they get (the middle one by default)."""
    values = values or {}
    options = [(str(n), label) for n, (label, _) in enumerate(levels)]

    def chosen(name: str, default: str) -> str:
        given = values.get(name)
        return given[0] if given else default

    head: list[Widget] = []
    if banner_key:
        head.append(paragraph(f'<font color="#d93025">{t(banner_key, lang)}</font>'))
    head += [
        paragraph(
            t("levels.groups.intro", lang, middle=escape(levels[middle(levels)][0]))
        ),
        text_input(
            "title",
            t("classroom.field.title", lang),
            value=chosen("title", default_title or t("levels.default_title", lang)),
        ),
        *(
            [paragraph(f'<font color="#d93025">{t(title_error, lang)}</font>')]
            if title_error
            else []
        ),
        selection(
            "state",
            t("classroom.field.state", lang),
            [
                ("DRAFT", t("classroom.state.draft", lang)),
                ("PUBLISHED", t("classroom.state.publish", lang)),
            ],
            [chosen("state", "DRAFT")],
            kind="RADIO_BUTTON",
        ),
    ]
    pupils = [
        selection(
            student_field(student.id),
            escape(student.name),
            options,
            [chosen(student_field(student.id), str(middle(levels)))],
        )
        for student in students[:MAX_STUDENTS_SHOWN]
    ]
    if not pupils:
        pupils = [paragraph(t("levels.groups.no_students", lang))]
    parameters = {
        "docId": doc_id,
        "levels": levels_parameter(levels),
        "courseId": course.id,
        "courseName": course.name,
    }
    create = action(links.action("levels-create"), parameters)
    return card(
        t("levels.groups.title", lang),
        [
            section(head),
            section(pupils, header=t("levels.groups.pupils", lang)),
            section([buttons(button(t("levels.create", lang), create, filled=True))]),
        ],
        subtitle=course.name,  # plain text: Google does not render HTML here
        name="levels-groups",
    )


def levels_created_card(
    created: Sequence[tuple[str, int, Assignment]], course_name: str, doc_id: str,
    lang: Lang, links: Links,
) -> Card:  # fmt: skip
    """Each level's assignment and how many pupils got it."""
    rows: list[Widget] = []
    if not created:
        rows.append(paragraph(t("levels.done.none", lang)))
    for label, count, assignment in created:
        pupils = "levels.done.pupil" if count == 1 else "levels.done.pupils"
        rows.append(
            decorated(
                escape(assignment.title),
                top=escape(label),
                bottom=t(pupils, lang, count=count),
                icon="assignment",
            )
        )
        if assignment.link:
            open_link = {"openLink": {"url": assignment.link}}
            rows.append(buttons(button(t("classroom.done.open", lang), open_link)))
    home = action(links.action("home"), {"docId": doc_id})
    title = "levels.done.title" if created else "levels.done.nothing"
    return card(
        t(title, lang),
        [section(rows), section([buttons(button(t("result.back", lang), home))])],
        subtitle=course_name,  # plain text: Google does not render HTML here
        name="levels-created",
    )
