"""Domain objects. Frozen dataclasses; converted to and from Firestore only in store.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Role = Literal["teacher", "curator", "school_admin", "tenant_admin"]
VariableKind = Literal["text", "long_text", "choice", "multi_choice", "grade"]
TemplateStatus = Literal["draft", "in_review", "published", "archived"]
LayerKind = Literal["platform", "municipality", "school", "team", "template", "input"]


@dataclass(frozen=True)
class VersionedText:
    """A text owned by one layer (frame, profile, context) at one version."""

    text: str
    version: int = 1
    author: str = ""
    updated_at: datetime | None = None
    #: the guided fields the text was composed from (a team's context), as pairs
    fields: tuple[tuple[str, str], ...] = ()

    def field(self, name: str) -> str:
        """The value of one guided field, or an empty string."""
        return dict(self.fields).get(name, "")


@dataclass(frozen=True)
class TenantSettings:
    """Settings a municipality controls."""

    model: str = ""  # empty: the deployment's default model
    keep_outputs: bool = False
    retention_days: int = 30
    provenance_line: bool = True
    #: added to every differentiation level's LIX band (the grade table stays as it is)
    lix_adjust: int = 0


@dataclass(frozen=True)
class Tenant:
    """A municipality: one Workspace customer."""

    id: str
    name: str
    domains: tuple[str, ...]
    frame: VersionedText
    settings: TenantSettings = field(default_factory=TenantSettings)


@dataclass(frozen=True)
class School:
    id: str
    tenant_id: str
    name: str
    profile: VersionedText
    admins: tuple[str, ...] = ()
    curators: tuple[str, ...] = ()
    #: added on top of the municipality's adjustment, for this school's pupils
    lix_adjust: int = 0


@dataclass(frozen=True)
class Team:
    id: str
    tenant_id: str
    school_id: str
    name: str
    grade: int | None
    subject: str
    context: VersionedText
    members: tuple[str, ...] = ()
    #: pupils' names, only ever used to hide them from the model; never sent anywhere
    pupil_names: tuple[str, ...] = ()
    #: the Classroom course whose roster's names are hidden too (fetched, never stored)
    classroom_course_id: str = ""


@dataclass(frozen=True)
class Member:
    """A person in a tenant, keyed by email."""

    email: str
    tenant_id: str
    school_id: str
    team_ids: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ("teacher",)
    name: str = ""

    def has_role(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Variable:
    """One form field of a template; its value fills ``{{name}}`` in the body."""

    name: str
    label: str
    kind: VariableKind = "text"
    required: bool = True
    options: tuple[Option, ...] = ()
    help: str = ""
    default: str = ""


@dataclass(frozen=True)
class TestCase:
    """Sample inputs plus checks on the output (see DESIGN.md §6)."""

    __test__ = False  # not a pytest class

    name: str
    inputs: dict[str, str | list[str]]
    must_mention: tuple[str, ...] = ()
    must_not_mention: tuple[str, ...] = ()
    danish: bool = True
    lix_range: tuple[float, float] | None = None
    words_range: tuple[int, int] | None = None
    #: False: the output may not repeat personal data that the inputs carried
    allow_personal_data: bool = False


CheckKind = Literal[
    "inputs",
    "model",
    "mentions",
    "not_mentions",
    "danish",
    "lix",
    "words",
    "personal_data",
]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check of a test case; ``expected``/``found`` are shown as is."""

    kind: CheckKind
    passed: bool
    expected: str = ""
    found: str = ""


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one test case: each check, and the start of the output."""

    name: str
    passed: bool
    checks: tuple[CheckResult, ...] = ()
    excerpt: str = ""


@dataclass(frozen=True)
class TemplateVersion:
    template_id: str
    version: int
    body: str
    variables: tuple[Variable, ...]
    test_cases: tuple[TestCase, ...] = ()
    author: str = ""
    reviewer: str = ""
    created_at: datetime | None = None
    #: where this version is in the workflow (the template's own status is separate)
    status: TemplateStatus = "draft"
    #: the reviewer's comment when approving or sending back
    comment: str = ""
    #: the last "Kør tests" on this version, one result per test case
    test_results: tuple[CaseResult, ...] = ()
    tested_at: datetime | None = None
    #: when this version was first published (only those can be rolled back to)
    published_at: datetime | None = None


@dataclass(frozen=True)
class Template:
    """A template's catalogue entry; its text lives in its versions."""

    id: str
    title: str
    category: str
    description: str = ""
    scope: Literal["tenant", "school"] = "tenant"
    school_id: str = ""
    status: TemplateStatus = "draft"
    published_version: int | None = None


@dataclass(frozen=True)
class Rating:
    """A teacher's 👍/👎 on one generation, for the template's curators."""

    generation_id: str
    template_id: str
    version: int
    up: bool
    comment: str = ""
    created_at: datetime | None = None
    #: the teacher who rated (the one who generated); kept for export and deletion
    user: str = ""


@dataclass(frozen=True)
class Layer:
    """One layer of a composed prompt, as it went into the prompt."""

    kind: LayerKind
    id: str
    version: int
    label: str
    text: str
    author: str = ""


@dataclass(frozen=True)
class Composition:
    """Model messages plus the provenance of each layer."""

    messages: tuple[dict[str, str], ...]
    layers: tuple[Layer, ...]


@dataclass(frozen=True)
class Completion:
    """What the model answered, with the figures the audit needs."""

    text: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    duration_ms: int = 0
    attempts: int = 1


@dataclass(frozen=True)
class GenerationRecord:
    """Audit record of one generation. No content unless the tenant keeps outputs."""

    id: str
    tenant_id: str
    user: str
    template_id: str
    template_version: int
    layers: tuple[tuple[str, str, int], ...]  # (kind, id, version)
    model: str
    prompt_tokens: int
    completion_tokens: int
    duration_ms: int
    created_at: datetime
    doc_id: str = ""
    items_protected: int = 0
    output: str | None = None
    expires_at: datetime | None = None
