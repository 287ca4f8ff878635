"""Validate JSON against the schemas in google-api-python-client's bundled discovery documents.

Discovery schemas are close to JSON Schema but not quite: ``$ref`` names a schema id, and
integers of format int64 travel as strings. We translate once per API and make every object
closed (``additionalProperties: false``) so an unknown or misspelt field fails.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import googleapiclient
import jsonschema

_DOCUMENTS = Path(googleapiclient.__file__).parent / "discovery_cache" / "documents"


@cache
def discovery_document(api: str, version: str) -> dict[str, Any]:
    """The bundled discovery document, e.g. ``discovery_document("docs", "v1")``."""
    return json.loads(
        (_DOCUMENTS / f"{api}.{version}.json").read_text(encoding="utf-8")
    )


def _translate(node: Any) -> Any:
    if isinstance(node, list):
        return [_translate(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return {"$ref": f"#/definitions/{node['$ref']}"}
    out: dict[str, Any] = {}
    kind = node.get("type")
    if kind == "integer" and node.get("format") in ("int64", "uint64"):
        out["type"] = ["string", "integer"]
    elif kind == "any":
        pass
    elif kind is not None:
        out["type"] = kind
    if "enum" in node:
        out["enum"] = node["enum"]
    if kind == "string" and node.get("format") in ("int64", "uint64"):
        out["type"] = ["string", "integer"]
    if "properties" in node:
        out["properties"] = {k: _translate(v) for k, v in node["properties"].items()}
        out["additionalProperties"] = False
    elif "additionalProperties" in node:
        out["additionalProperties"] = _translate(node["additionalProperties"])
    if "items" in node:
        out["items"] = _translate(node["items"])
    return out


@cache
def _definitions(api: str, version: str) -> dict[str, Any]:
    schemas = discovery_document(api, version)["schemas"]
    return {name: _translate(schema) for name, schema in schemas.items()}


@cache
def validator(api: str, version: str, schema: str) -> jsonschema.Draft7Validator:
    """A validator for one named schema.

    Example: ``validator("chat", "v1", "GoogleAppsCardV1Card")``.
    """
    definitions = _definitions(api, version)
    if schema not in definitions:
        raise KeyError(f"{api}.{version} has no schema {schema!r}")
    root = {"$ref": f"#/definitions/{schema}", "definitions": definitions}
    return jsonschema.Draft7Validator(root)


def errors(api: str, version: str, schema: str, instance: Any) -> list[str]:
    """Readable validation errors; empty when the instance is valid."""
    found = validator(api, version, schema).iter_errors(instance)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in found
    ]


def validate(api: str, version: str, schema: str, instance: Any) -> None:
    """Raise ``ValueError`` listing every schema violation of ``instance``."""
    problems = errors(api, version, schema, instance)
    if problems:
        raise ValueError(
            f"{api}.{version} {schema} rejects it:\n" + "\n".join(problems)
        )
