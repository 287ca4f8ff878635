"""Admin commands to move templates between municipalities as JSON.

``flask --app addon.wsgi export-templates TENANT [FILE]`` writes each template's
published version (or its newest, when none is published); ``import-templates TENANT
FILE`` reads them back as new versions, by default as drafts that curators test and
submit. With ``--publish`` they are published at once, as the seed library is: the
administrator running the command vouches for them instead of a review.

The file::

    {"format": "laerervaerelset-templates", "format_version": 1,
     "templates": [{"id": "laesetekst", "title": "Læsetekst", "category": "…",
                    "description": "…", "scope": "tenant", "school": "",
                    "version": 1, "status": "published", "body": "… {{emne}} …",
                    "variables": [{"name": "emne", "label": "Emne", "kind": "text",
                                   "required": true, "options": [], "help": "",
                                   "default": ""}],
                    "test_cases": [{"name": "…", "inputs": {"emne": "Vikinger"},
                                    "must_mention": ["viking"], …}]}]}

Variables and test cases have the shape Firestore keeps them in.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

import click
from flask import Flask

from services.errors import TemplateInvalid
from services.models import Template, TemplateVersion
from services.store import _template_version, _version_dict
from services.template_repository import TemplateRepository
from services.templates import parse_form_values, validate_template

FORMAT = "laerervaerelset-templates"
FORMAT_VERSION = 1
_VERSION_FIELDS = ("body", "variables", "test_cases")
_DROPPED = ("author", "reviewer", "created_at")
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")


def register_template_commands(app: Flask) -> None:
    """Attach ``export-templates`` and ``import-templates`` to ``app``."""

    @app.cli.command("export-templates")
    @click.argument("tenant_id")
    @click.argument("output", type=click.File("w", encoding="utf-8"), default="-")
    def export_templates(tenant_id: str, output: TextIO) -> None:
        """Write TENANT_ID's templates to OUTPUT (default: standard output) as JSON."""
        repository = TemplateRepository(app.extensions["laerer"].store)
        data = export_data(repository, tenant_id)
        json.dump(data, output, ensure_ascii=False, indent=2)
        output.write("\n")
        click.echo(f"Exported {len(data['templates'])} templates.", err=True)

    @app.cli.command("import-templates")
    @click.argument("tenant_id")
    @click.argument("source", type=click.File(encoding="utf-8"))
    @click.option(
        "--publish", is_flag=True, help="publish at once instead of leaving drafts"
    )
    @click.option(
        "--author", default="import", help="who the new versions are written by"
    )
    def import_templates(
        tenant_id: str, source: TextIO, publish: bool, author: str
    ) -> None:
        """Read templates for TENANT_ID from SOURCE; each becomes a new version."""
        try:
            items = read_file(json.load(source), author)
        except (ValueError, TemplateInvalid) as exc:
            raise click.ClickException(str(exc)) from exc
        repository = TemplateRepository(app.extensions["laerer"].store)
        for meta, content in items:
            number = import_template(repository, tenant_id, meta, content, publish)
            state = "published" if publish else "draft"
            click.echo(f"{meta.id}: version {number} ({state})")


def export_data(repository: TemplateRepository, tenant_id: str) -> dict[str, Any]:
    """Every template of a tenant as the file's JSON object."""
    templates = []
    for entry in repository.entries(tenant_id):
        template = entry.template
        number = template.published_version or entry.latest_version
        stored = repository.version(tenant_id, template.id, number)
        if stored is None:
            continue
        meta, version = stored.meta, stored.version
        content = {k: v for k, v in _version_dict(version).items() if k not in _DROPPED}
        templates.append(
            {
                "id": template.id,
                "title": meta.title,
                "category": meta.category,
                "description": meta.description,
                "scope": meta.scope,
                "school": meta.school_id,
                "version": number,
                "status": version.status,
                **content,
            }
        )
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "templates": templates}


def read_file(data: Any, author: str) -> list[tuple[Template, TemplateVersion]]:
    """Check a whole file before anything is written.

    Raises:
        ValueError: The file is not in the format, naming each problem.
        TemplateInvalid: A body and its variables do not fit; the detail says where.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f'not a template file: "format" must be "{FORMAT}"')
    if data.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"unknown format_version; this version reads {FORMAT_VERSION}")
    items = data.get("templates")
    if not isinstance(items, list):
        raise ValueError('"templates" must be a list')
    read = [_read_template(index, item, author) for index, item in enumerate(items)]
    ids = [meta.id for meta, _ in read]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"template ids appear twice: {', '.join(duplicates)}")
    return read


def import_template(
    repository: TemplateRepository,
    tenant_id: str,
    meta: Template,
    content: TemplateVersion,
    publish: bool,
) -> int:
    """Write one template as its next version; publish it at once if asked."""
    exists = repository.entry(tenant_id, meta.id) is not None
    written = repository.add_version(tenant_id, meta, content, new=not exists)
    if publish:
        repository.submit(tenant_id, meta.id, written.version)
        repository.publish(
            tenant_id,
            meta.id,
            written.version,
            expect=("in_review",),
            review=(
                content.author,
                "Importeret og offentliggjort af en administrator.",
            ),
        )
    return written.version


def _read_template(
    index: int, item: Any, author: str
) -> tuple[Template, TemplateVersion]:
    where = f"templates[{index}]"
    if not isinstance(item, dict):
        raise ValueError(f"{where} must be an object")
    for name in ("id", "title", "category", *_VERSION_FIELDS):
        if not item.get(name):
            raise ValueError(f'{where}: "{name}" is missing or empty')
    if not _ID.fullmatch(str(item["id"])):
        raise ValueError(f'{where}: "id" must be lower-case letters, digits and -')
    scope = item.get("scope", "tenant")
    if scope not in ("tenant", "school") or (
        scope == "school" and not item.get("school")
    ):
        raise ValueError(
            f'{where}: "scope" must be "tenant", or "school" with "school"'
        )
    try:
        version = _template_version(str(item["id"]), 0, item)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(
            f"{where}: variables or test cases are malformed ({exc})"
        ) from exc
    try:
        validate_template(version.body, version.variables)
    except TemplateInvalid as exc:
        raise TemplateInvalid(f"{where} ({item['id']}):\n{exc.detail}") from exc
    for case in version.test_cases:
        raw = {
            k: [v] if isinstance(v, str) else list(v) for k, v in case.inputs.items()
        }
        errors = parse_form_values(version.variables, raw)[1]
        if errors:
            raise ValueError(
                f"{where}: test case {case.name!r} has bad inputs {errors}"
            )
    meta = Template(
        id=str(item["id"]),
        title=str(item["title"]),
        category=str(item["category"]),
        description=str(item.get("description", "")),
        scope=scope,
        school_id=str(item.get("school", "")) if scope == "school" else "",
    )
    return meta, TemplateVersion(
        template_id=meta.id,
        version=0,
        body=version.body,
        variables=version.variables,
        test_cases=version.test_cases,
        author=author,
    )
