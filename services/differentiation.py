"""Differentiation: the same material at two or three reading levels, each measured in LIX.

Levels are bands of LIX around the grade's target (``readability.GRADE_LIX_TARGETS``). Each
level is written from the same frames and the same teacher input, with its band stated to
the model; its LIX is measured, and a level that misses its band is written once more with
the measured value fed back. If it still misses, it is shown with its true LIX: never passed
off as on target.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from services import documents, readability
from services.generation import ModelClient
from services.models import Completion, Composition

LEVEL_IDS = ("lettere", "paa-niveau", "udfordrende")
LEVEL_LABELS = {
    "lettere": "Lettere",
    "paa-niveau": "På niveau",
    "udfordrende": "Udfordrende",
}


@dataclass(frozen=True)
class Level:
    """One reading level: its id, Danish label and LIX band (inclusive)."""

    id: str
    label: str
    lix_range: tuple[int, int]

    def contains(self, lix: float) -> bool:
        low, high = self.lix_range
        return low <= round(lix) <= high


@dataclass(frozen=True)
class LevelResult:
    """What one level became, measured."""

    level: Level
    markdown: str
    report: readability.ReadabilityReport
    attempts: int
    prompt_tokens: int
    completion_tokens: int

    @property
    def on_target(self) -> bool:
        return self.level.contains(self.report.lix)


#: How far a municipality or school may move the bands, in LIX points.
MAX_LIX_ADJUST = 10


def levels_for(
    grade: int, count: int, adjust: int = 0, names: Sequence[str] = ()
) -> tuple[Level, ...]:
    """Bands for a grade: easier, on level and (with three) more challenging.

    Args:
        grade: 0 (børnehaveklassen) to 10.
        count: 2 or 3 levels.
        adjust: LIX points the municipality and school add to every band.
        names: the team's own names for its levels, easiest first; missing ones keep
            the default names.
    """
    low, high = readability.target_for_grade(grade)
    bands = {
        "lettere": (max(0, low - 10), max(low - 1, 4)),
        "paa-niveau": (low, high),
        "udfordrende": (high + 1, high + 10),
    }
    chosen = LEVEL_IDS[:2] if count == 2 else LEVEL_IDS
    shift = max(-MAX_LIX_ADJUST, min(MAX_LIX_ADJUST, adjust))
    levels = []
    for n, level_id in enumerate(chosen):
        band_low, band_high = bands[level_id]
        label = names[n].strip() if n < len(names) and names[n].strip() else ""
        low_moved = max(0, band_low + shift)
        # Moved against zero, a band still leaves room for a real text (five points).
        high_moved = max(band_high + shift, low_moved + 4)
        levels.append(
            Level(level_id, label or LEVEL_LABELS[level_id], (low_moved, high_moved))
        )
    return tuple(levels)


def team_level_names(text: str) -> tuple[str, ...]:
    """A team's own level names from its context field ("Grøn, Gul, Rød")."""
    # A name becomes a heading in the Doc: Markdown's own characters are left out.
    plain = text.translate(dict.fromkeys(map(ord, "#*_[]()`<>|\\")))
    names = [" ".join(name.split())[:40] for name in plain.split(",")]
    return tuple(dict.fromkeys(name for name in names if name))


def level_instruction(level: Level) -> str:
    low, high = level.lix_range
    return (
        f"## Niveau: {level.label}\n\n"
        f"Skriv materialet i en udgave til elever, der skal læse på niveauet »{level.label}«. "
        f"LIX-mål: {low}-{high}. Styr læsbarheden med sætningslængde og antallet af lange "
        "ord; indholdet og rammerne er de samme for alle niveauer."
    )


def retry_instruction(level: Level, measured: float) -> str:
    low, high = level.lix_range
    direction = (
        "kortere sætninger og færre lange ord"
        if measured > high
        else ("lidt længere sætninger og flere fagord")
    )
    return (
        f"Teksten fik LIX {round(measured)}, men LIX-mål: {low}-{high}. Skriv den om med "
        f"{direction}, så den rammer målet. Bevar indholdet."
    )


class Differentiator:
    """Writes each level, in parallel, through the same model client."""

    def __init__(self, model: ModelClient, workers: int = 3) -> None:
        self._model = model
        self._workers = workers

    def write(
        self,
        composition: Composition,
        levels: Sequence[Level],
        model: str | None = None,
    ) -> list[LevelResult]:
        """Every level of the material, in the order of ``levels``."""
        with ThreadPoolExecutor(max_workers=self._workers) as pool:
            return list(
                pool.map(lambda lv: self._level(composition, lv, model), levels)
            )

    def _level(
        self, composition: Composition, level: Level, model: str | None
    ) -> LevelResult:
        messages = [
            *composition.messages,
            {"role": "user", "content": level_instruction(level)},
        ]
        first = self._model.complete(messages, model=model)
        report = _measure(first)
        if level.contains(report.lix):
            return LevelResult(
                level,
                first.text,
                report,
                1,
                first.prompt_tokens,
                first.completion_tokens,
            )
        retry = [
            *messages,
            {"role": "assistant", "content": first.text},
            {"role": "user", "content": retry_instruction(level, report.lix)},
        ]
        second = self._model.complete(retry, model=model)
        return LevelResult(
            level,
            second.text,
            _measure(second),
            2,
            first.prompt_tokens + second.prompt_tokens,
            first.completion_tokens + second.completion_tokens,
        )


def _measure(completion: Completion) -> readability.ReadabilityReport:
    return readability.measure(documents.plain_text(completion.text))


def levels_markdown(results: Sequence[LevelResult]) -> str:
    """All levels as one Markdown document, each under its own heading."""
    parts = []
    for result in results:
        low, high = result.level.lix_range
        measured = round(result.report.lix)
        heading = f"# {result.level.label} (LIX-mål {low}–{high}, målt {measured})"
        body = result.markdown.strip()
        # The level heading is the only H1; the model's own headings move one level down.
        body = "\n".join(
            ("#" + line) if line.startswith("#") else line for line in body.split("\n")
        )
        parts.append(f"{heading}\n\n{body}")
    return "\n\n".join(parts) + "\n"
