"""The curators' use cases: write, test, review, publish and roll back shared templates.

The workflow (DESIGN.md §6)::

    save -> draft -submit-> in_review -approve-> published -(a newer one)-> archived
              ^                 |                    ^                          |
              +--- send back ---+                    +-------- roll back -------+

- Saving changed content writes a new version as a draft; content is never changed in
  place, and saving archives older versions still in draft or in review.
- Submitting needs at least ``MIN_TEST_CASES`` test cases and a test run on exactly
  that version in which every case passed.
- Another curator or an admin of the template's scope approves, or sends it back with
  a comment. Nobody decides on a version they wrote: checked here, on the server.
- Approving publishes: the catalogue entry takes the version's title, category, scope
  and number, and the version published before it is archived. Teachers only ever get
  the published version. Rolling back publishes an earlier version that was published
  before, without a new review.

Who curates: members with the role curator, school_admin or tenant_admin, and those
their school names as curators. Tenant-wide templates are curated by every curator of
the tenant, a school's own templates by that school's curators; tenant admins curate
everything.

"Kør tests" runs every test case through a teacher's generation path: personal data in
the inputs is hidden from the model (``privacy``, with the curator's team's list of
pupils' names), the prompt is composed with the curator's own frames (``framing``), the
model is asked (``ModelClient``) and the answer restored. Nothing is written to a Doc
and no audit record is made. The checks on the answer, as plain text:

- must mention / must not mention: each term as a case-insensitive substring;
- Danish (``is_danish``): at least 15 % of the words are common Danish function words
  (og, at, det, på, ikke …), at least three times as many as common English or Swedish
  ones, and æ, ø or å occurs. It guards against an answer in the wrong language; it
  cannot tell Danish from Norwegian bokmål;
- LIX and word count within their ranges (``readability.measure``);
- no personal data that the inputs carried: every email, CPR number, phone number and
  listed pupil's name ``privacy`` finds in the inputs must be absent from the answer.
  Names are only known from the team's list; name examples belong in "nævner ikke".
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from services import documents, framing, privacy, readability
from services.errors import (
    AccessDenied,
    InputError,
    ModelError,
    NotFound,
    TemplateInvalid,
)
from services.generation import ModelClient
from services.models import (
    CaseResult,
    CheckResult,
    Member,
    Rating,
    Role,
    School,
    Template,
    TemplateVersion,
    TestCase,
)
from services.store import Store, UserContext
from services.template_repository import (
    StoredVersion,
    TemplateEntry,
    TemplateRepository,
)
from services.template_text import (
    LineProblem,
    format_test_cases,
    format_variables,
    parse_test_cases,
    parse_variables,
)
from services.templates import parse_form_values, validate_template

logger = logging.getLogger(__name__)

MIN_TEST_CASES = 3
TEST_WORKERS = 6
EXCERPT_CHARS = 600
LIMITS = {
    "title": 100,
    "category": 60,
    "description": 300,
    "body": 8000,
    "variables": 6000,
    "test_cases": 8000,
}
COMMENT_LIMIT = 1000
RATING_COMMENT_LIMIT = 500
DANISH_MIN_SHARE = 0.15

_DANISH_WORDS = """
af alle at blev bliver da de dem den denne der deres det dette din disse du efter eller
en end er et for fordi fra får han har havde hende her hun hvad hvis hvor hvordan
hvorfor i ikke ind jeg jer kan kun man med meget men mig min mod måske når nogle noget
nu og også om op os over på sig sin skal skulle som så til ud under var vi vil ville
være været
"""
_OTHER_WORDS = """
the and of to is are you that it with this be was not have what how which
och inte jag är att av ett till från också när hur vad
"""
#: Frequent Danish words that carry grammar rather than topic.
DANISH_FUNCTION_WORDS = frozenset(_DANISH_WORDS.split())
#: Frequent English and Swedish function words that Danish does not have.
OTHER_FUNCTION_WORDS = frozenset(_OTHER_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+")
_SCOPE_SCHOOL = "school:"


@dataclass(frozen=True)
class Draft:
    """What the editor holds: catalogue fields, and the content as text."""

    title: str = ""
    category: str = ""
    description: str = ""
    scope: str = "tenant"  # "tenant" or "school:<school id>"
    variables: str = ""
    body: str = ""
    test_cases: str = ""

    @classmethod
    def from_form(cls, values: Mapping[str, str]) -> Draft:
        """A draft from the editor's form values (missing fields are empty)."""
        fields = {
            name: values.get(name, "").replace("\r\n", "\n")
            for name in cls.__dataclass_fields__
        }
        fields["scope"] = fields["scope"] or "tenant"
        return cls(**fields)

    @classmethod
    def of(cls, stored: StoredVersion) -> Draft:
        """The draft that shows a stored version in the editor."""
        meta, version = stored.meta, stored.version
        scope = (
            f"{_SCOPE_SCHOOL}{meta.school_id}" if meta.scope == "school" else "tenant"
        )
        return cls(
            title=meta.title,
            category=meta.category,
            description=meta.description,
            scope=scope,
            variables=format_variables(version.variables),
            body=version.body,
            test_cases=format_test_cases(version.test_cases, version.variables),
        )

    def as_form(self) -> dict[str, str]:
        """The draft as form values, by field name."""
        return dataclasses.asdict(self)


class DraftRejected(TemplateInvalid):
    """The editor's content has problems; they are kept per field with the draft."""

    message_key = "form.fix_errors"

    def __init__(
        self,
        draft: Draft,
        field_errors: dict[str, str],
        problems: Mapping[str, tuple[LineProblem, ...]],
        details: tuple[str, ...] = (),
    ) -> None:
        super().__init__("draft has errors", field_errors=field_errors)
        self.draft = draft
        #: line problems of the variables and test cases, by field
        self.problems = dict(problems)
        #: Danish sentences from ``validate_template`` on how body and variables fit
        self.details = details


class WorkflowRefused(InputError):
    """A step of the workflow is not possible now; ``message_key`` says why."""


@dataclass(frozen=True)
class VersionRatings:
    """Teachers' ratings of one version: counts and the comments, newest first."""

    version: int
    up: int
    down: int
    comments: tuple[tuple[bool, str], ...] = ()


@dataclass(frozen=True)
class Overview:
    """The templates a curator may curate, and those waiting for a review."""

    entries: tuple[TemplateEntry, ...]
    waiting: tuple[TemplateEntry, ...]


@dataclass(frozen=True)
class EditorView:
    """A template in the editor: its newest version as a draft, and its ratings."""

    template_id: str  # "" for a new template
    entry: TemplateEntry | None
    current: StoredVersion | None
    draft: Draft
    schools: tuple[tuple[str, str], ...]  # (id, name) a scope may name
    ratings: tuple[VersionRatings, ...] = ()


@dataclass(frozen=True)
class ReviewView:
    """A version in review beside the published one, and whether the caller decides."""

    entry: TemplateEntry
    candidate: StoredVersion
    published: StoredVersion | None
    diff: tuple[str, ...]
    may_decide: bool


@dataclass(frozen=True)
class VersionsView:
    """Every version of a template, with ratings per version."""

    entry: TemplateEntry
    versions: tuple[StoredVersion, ...]
    ratings: tuple[VersionRatings, ...]


# -- who curates ---------------------------------------------------------------------


def is_curator(member: Member | None, school: School | None) -> bool:
    """Whether ``member`` curates templates at all (the homepage's entry)."""
    if member is None:
        return False
    roles: tuple[Role, ...] = ("curator", "school_admin", "tenant_admin")
    named = school is not None and member.email in school.curators
    return named or any(member.has_role(role) for role in roles)


def may_curate(member: Member | None, school: School | None, meta: Template) -> bool:
    """Whether ``member`` may edit, test, review and publish a template."""
    if member is None or not is_curator(member, school):
        return False
    if member.has_role("tenant_admin") or meta.scope == "tenant":
        return True
    return bool(meta.school_id) and meta.school_id == member.school_id


# -- checks ---------------------------------------------------------------------------


def danish_share(text: str) -> tuple[float, float]:
    """Shares of Danish and of English/Swedish function words among a text's words."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    if not words:
        return 0.0, 0.0
    danish = sum(1 for word in words if word in DANISH_FUNCTION_WORDS)
    other = sum(1 for word in words if word in OTHER_FUNCTION_WORDS)
    return danish / len(words), other / len(words)


def is_danish(text: str) -> bool:
    """Whether a text reads as Danish by the heuristic in the module's docstring."""
    danish, other = danish_share(text)
    has_letters = any(char in text.casefold() for char in "æøå")
    return danish >= DANISH_MIN_SHARE and danish >= 3 * other and has_letters


def check_output(
    case: TestCase,
    material: str,
    values: Mapping[str, str | Sequence[str]],
    names: Sequence[str] = (),
) -> tuple[CheckResult, ...]:
    """Run a test case's checks on the model's answer.

    Args:
        case: The test case.
        material: The answer as the teacher would get it (Markdown, restored).
        values: The values the case gave the template's variables.
        names: Pupils' names that count as personal data.

    Returns:
        One result per check the case asks for, in a fixed order.
    """
    plain = documents.plain_text(material)
    folded = plain.casefold()
    checks: list[CheckResult] = []
    if case.must_mention:
        missing = [t for t in case.must_mention if t.casefold() not in folded]
        checks.append(
            CheckResult(
                "mentions",
                not missing,
                ", ".join(case.must_mention),
                ", ".join(missing),
            )
        )
    if case.must_not_mention:
        found = [t for t in case.must_not_mention if t.casefold() in folded]
        checks.append(
            CheckResult(
                "not_mentions",
                not found,
                ", ".join(case.must_not_mention),
                ", ".join(found),
            )
        )
    if case.danish:
        share = round(danish_share(plain)[0] * 100)
        checks.append(CheckResult("danish", is_danish(plain), found=f"{share} %"))
    report = readability.measure(plain)
    if case.lix_range:
        low, high = case.lix_range
        checks.append(
            CheckResult(
                "lix",
                low <= report.lix <= high,
                f"{_number(low)}-{_number(high)}",
                f"{report.lix:.0f}",
            )
        )
    if case.words_range:
        low_words, high_words = case.words_range
        checks.append(
            CheckResult(
                "words",
                low_words <= report.words <= high_words,
                f"{low_words}-{high_words}",
                str(report.words),
            )
        )
    if not case.allow_personal_data:
        leaked = leaked_personal_data(values, plain, names)
        checks.append(CheckResult("personal_data", not leaked, found=", ".join(leaked)))
    return tuple(checks)


def leaked_personal_data(
    values: Mapping[str, str | Sequence[str]], text: str, names: Sequence[str] = ()
) -> list[str]:
    """The kinds of personal data from ``values`` that ``text`` repeats."""
    given = {_item_key(item) for item in privacy.protect(values, names).items}
    found = privacy.protect_text(text, names).items
    kinds = {item.kind for item in found if _item_key(item) in given}
    return [kind for kind in privacy.KINDS if kind in kinds]


def _item_key(item: privacy.Item) -> tuple[str, str]:
    if item.kind in ("cpr", "phone"):
        return item.kind, re.sub(r"[^0-9]", "", item.original)[-10:]
    return item.kind, " ".join(item.original.split()).casefold()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# -- the test runner --------------------------------------------------------------------


class TestRunner:
    """Runs a version's test cases through the generation path, in parallel."""

    __test__ = False  # not a pytest class

    def __init__(self, model: ModelClient, workers: int = TEST_WORKERS) -> None:
        self._model = model
        self._workers = workers

    def run(
        self, context: UserContext, meta: Template, version: TemplateVersion
    ) -> tuple[CaseResult, ...]:
        """Run every test case of ``version`` with the frames of ``context``.

        Args:
            context: The curator's tenant, school and team (their frames apply).
            meta: The catalogue fields of the version (its title labels the task).
            version: The version to test.

        Returns:
            One result per test case, in order. A model error fails that case only.
        """
        cases = version.test_cases
        if not cases:
            return ()
        started = time.monotonic()
        workers = max(1, min(self._workers, len(cases)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = tuple(
                pool.map(
                    lambda case: self._run_case(context, meta, version, case), cases
                )
            )
        logger.info(
            "template tests ran",
            extra={
                "json_fields": {
                    "template": meta.id,
                    "version": version.version,
                    "cases": len(results),
                    "passed": sum(result.passed for result in results),
                    "latency_ms": int((time.monotonic() - started) * 1000),
                }
            },
        )
        return results

    def _run_case(
        self,
        context: UserContext,
        meta: Template,
        version: TemplateVersion,
        case: TestCase,
    ) -> CaseResult:
        raw = {
            name: [value] if isinstance(value, str) else list(value)
            for name, value in case.inputs.items()
        }
        values, errors = parse_form_values(version.variables, raw)
        if errors:
            check = CheckResult("inputs", False, found=", ".join(sorted(errors)))
            return CaseResult(case.name, False, (check,))
        names = context.team.pupil_names if context.team else ()
        protected = privacy.protect(values, names)
        composition = framing.compose(
            tenant=context.tenant,
            school=context.school,
            team=context.team,
            template=meta,
            version=version,
            values=dict(protected.values),
        )
        try:
            completion = self._model.complete(
                composition.messages, model=context.tenant.settings.model or None
            )
        except ModelError as exc:
            check = CheckResult("model", False, found=exc.message_key)
            return CaseResult(case.name, False, (check,))
        material = protected.restore(completion.text)
        checks = check_output(case, material, values, names)
        excerpt = documents.plain_text(material)[:EXCERPT_CHARS]
        return CaseResult(case.name, all(c.passed for c in checks), checks, excerpt)


# -- differences ------------------------------------------------------------------------


def version_text(stored: StoredVersion) -> str:
    """A version as the curator reads it: catalogue fields, body, variables, tests."""
    meta, version = stored.meta, stored.version
    scope = (
        f"kun skolen {meta.school_id}" if meta.scope == "school" else "hele kommunen"
    )
    return "\n".join(
        [
            f"Titel: {meta.title}",
            f"Kategori: {meta.category}",
            f"Beskrivelse: {meta.description}",
            f"Gælder for: {scope}",
            "",
            version.body,
            "",
            format_variables(version.variables),
            "",
            format_test_cases(version.test_cases, version.variables),
        ]
    )


def diff_versions(old: StoredVersion | None, new: StoredVersion) -> tuple[str, ...]:
    """The unified difference from ``old`` to ``new``, line by line (difflib).

    Returns:
        Lines starting with "+" (added), "-" (removed), " " (context) or "@@"; the
        file header lines are left out. With no ``old``, every line is added.
    """
    before = version_text(old).splitlines() if old else []
    after = version_text(new).splitlines()
    lines = difflib.unified_diff(before, after, lineterm="", n=2)
    return tuple(line for line in lines if not line.startswith(("---", "+++")))


# -- use cases --------------------------------------------------------------------------


class Curation:
    """Use cases of the curators' cards and of the teacher's rating."""

    def __init__(
        self,
        store: Store,
        repository: TemplateRepository,
        runner: TestRunner,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._repository = repository
        self._runner = runner
        self._clock = clock

    def overview(self, tenant_id: str, email: str) -> Overview:
        """The templates the caller curates, and those waiting for a review."""
        context = self._curator(tenant_id, email)
        entries = tuple(
            entry
            for entry in self._repository.entries(tenant_id)
            if may_curate(context.member, context.school, entry.template)
        )
        waiting = tuple(e for e in entries if e.latest_status == "in_review")
        return Overview(entries, waiting)

    def editor(self, tenant_id: str, email: str, template_id: str) -> EditorView:
        """A template's newest version as an editable draft; "" opens a new one."""
        context = self._curator(tenant_id, email)
        schools = self._schools(tenant_id, context)
        if not template_id:
            return EditorView("", None, None, Draft(), schools)
        entry = self._entry(context, template_id)
        current = self._repository.version(tenant_id, template_id, entry.latest_version)
        draft = Draft.of(current) if current else Draft()
        ratings = self._ratings(tenant_id, template_id)
        return EditorView(template_id, entry, current, draft, schools, ratings)

    def save(
        self, tenant_id: str, email: str, template_id: str, draft: Draft
    ) -> tuple[StoredVersion, bool]:
        """Save the editor's content as the next version, if it changed.

        Returns:
            The newest version and whether this call wrote it.

        Raises:
            DraftRejected: The content has problems; nothing was saved.
        """
        context = self._curator(tenant_id, email)
        entry = self._entry(context, template_id) if template_id else None
        new_id = template_id or self._new_id(tenant_id, draft.title)
        meta, content = self._parse(context, new_id, draft, email)
        if entry is not None:
            current = self._repository.version(
                tenant_id, template_id, entry.latest_version
            )
            if current is not None and _same(current, meta, content):
                return current, False
        written = self._repository.add_version(
            tenant_id, meta, content, new=entry is None
        )
        return StoredVersion(meta, written), True

    def run_tests(
        self, tenant_id: str, email: str, template_id: str, draft: Draft
    ) -> StoredVersion:
        """Save the content if it changed, run its test cases, keep the results."""
        stored, _ = self.save(tenant_id, email, template_id, draft)
        context = self._curator(tenant_id, email)
        results = self._runner.run(context, stored.meta, stored.version)
        number = stored.version.version
        self._repository.record_tests(tenant_id, stored.meta.id, number, results)
        tested = dataclasses.replace(
            stored.version, test_results=results, tested_at=self._clock()
        )
        return dataclasses.replace(stored, version=tested)

    def submit(
        self,
        tenant_id: str,
        email: str,
        template_id: str,
        number: int,
        draft: Draft | None = None,
    ) -> StoredVersion:
        """Send a tested draft for review.

        Raises:
            WorkflowRefused: The editor has unsaved changes, the version is not a
                draft, has fewer than three test cases, or its last test run is
                missing or did not pass.
        """
        context = self._curator(tenant_id, email)
        self._entry(context, template_id)
        stored = self._version(tenant_id, template_id, number)
        if draft is not None:
            meta, content = self._parse(context, template_id, draft, email)
            if not _same(stored, meta, content):
                raise WorkflowRefused("unsaved", message_key="curation.unsaved")
        version = stored.version
        if version.status != "draft":
            raise WorkflowRefused("not a draft", message_key="curation.not_draft")
        if len(version.test_cases) < MIN_TEST_CASES:
            raise WorkflowRefused("too few", message_key="curation.too_few_tests")
        ran = [result.name for result in version.test_results]
        if ran != [case.name for case in version.test_cases]:
            raise WorkflowRefused("not tested", message_key="curation.not_tested")
        if not all(result.passed for result in version.test_results):
            raise WorkflowRefused("failing", message_key="curation.tests_failing")
        self._repository.submit(tenant_id, template_id, number)
        return stored

    def review(
        self, tenant_id: str, email: str, template_id: str, number: int
    ) -> ReviewView:
        """A version beside the published one, with its test results."""
        context = self._curator(tenant_id, email)
        entry = self._entry(context, template_id)
        candidate = self._version(tenant_id, template_id, number)
        published_number = entry.template.published_version
        published = (
            self._repository.version(tenant_id, template_id, published_number)
            if published_number and published_number != number
            else None
        )
        may_decide = (
            candidate.version.status == "in_review"
            and candidate.version.author != email
        )
        diff = diff_versions(published, candidate)
        return ReviewView(entry, candidate, published, diff, may_decide)

    def approve(
        self, tenant_id: str, email: str, template_id: str, number: int, comment: str
    ) -> None:
        """Publish a version in review; the caller must not be its author."""
        stored = self._decidable(tenant_id, email, template_id, number)
        self._check_comment(comment, required=False)
        self._repository.publish(
            tenant_id,
            template_id,
            number,
            expect=("in_review",),
            review=(email, comment.strip()),
        )
        logger.info(
            "template published",
            extra={"json_fields": {"template": stored.meta.id, "version": number}},
        )

    def send_back(
        self, tenant_id: str, email: str, template_id: str, number: int, comment: str
    ) -> None:
        """Return a version in review to draft, with a comment for its author."""
        self._decidable(tenant_id, email, template_id, number)
        self._check_comment(comment, required=True)
        self._repository.send_back(
            tenant_id, template_id, number, email, comment.strip()
        )

    def rollback(
        self, tenant_id: str, email: str, template_id: str, number: int
    ) -> None:
        """Publish again an earlier version that was published before."""
        context = self._curator(tenant_id, email)
        self._entry(context, template_id)
        stored = self._version(tenant_id, template_id, number)
        if not may_curate(context.member, context.school, stored.meta):
            raise AccessDenied(f"{email} may not publish {template_id} for its scope")
        if stored.version.status == "published":
            raise WorkflowRefused("published", message_key="curation.already_published")
        if stored.version.published_at is None:
            raise WorkflowRefused("never", message_key="curation.never_published")
        self._repository.publish(tenant_id, template_id, number, expect=("archived",))

    def archive(self, tenant_id: str, email: str, template_id: str) -> None:
        """Take a template out of the teachers' catalogue; its versions stay."""
        context = self._curator(tenant_id, email)
        self._entry(context, template_id)
        self._repository.archive(tenant_id, template_id)

    def versions(self, tenant_id: str, email: str, template_id: str) -> VersionsView:
        """Every version of a template, newest first, with ratings per version."""
        context = self._curator(tenant_id, email)
        entry = self._entry(context, template_id)
        versions = self._repository.versions(tenant_id, template_id)
        return VersionsView(entry, versions, self._ratings(tenant_id, template_id))

    def diff(
        self, tenant_id: str, email: str, template_id: str, old: int, new: int
    ) -> tuple[StoredVersion, StoredVersion, tuple[str, ...]]:
        """Two versions and the difference between them."""
        context = self._curator(tenant_id, email)
        self._entry(context, template_id)
        before = self._version(tenant_id, template_id, old)
        after = self._version(tenant_id, template_id, new)
        return before, after, diff_versions(before, after)

    def rate(
        self,
        tenant_id: str,
        email: str,
        generation_id: str,
        template_id: str,
        version: int,
        up: bool,
        comment: str = "",
    ) -> None:
        """Keep a teacher's rating of their own generation, for the curators.

        Pupils' names, CPR numbers, emails and phone numbers in the comment are
        replaced before it is stored.

        Raises:
            NotFound: No such generation (or its record has expired).
            AccessDenied: The generation is someone else's, or not of that template.
        """
        context = self._store.user_context(tenant_id, email)
        record = self._store.generation(tenant_id, generation_id)
        if record is None:
            raise NotFound(f"no generation {generation_id}")
        if context.member is None or record.user != email:
            raise AccessDenied("only the teacher who generated it may rate it")
        if (record.template_id, record.template_version) != (template_id, version):
            raise AccessDenied("the generation is of another template version")
        if len(comment) > RATING_COMMENT_LIMIT:
            raise InputError("comment", field_errors={"comment": "form.too_long"})
        names = context.team.pupil_names if context.team else ()
        rating = Rating(
            generation_id=generation_id,
            template_id=template_id,
            version=version,
            up=up,
            comment=privacy.protect_text(comment.strip(), names).text,
            created_at=self._clock(),
            user=email,
        )
        self._repository.put_rating(tenant_id, rating)

    # -- helpers ----------------------------------------------------------------------

    def _curator(self, tenant_id: str, email: str) -> UserContext:
        context = self._store.user_context(tenant_id, email)
        if not is_curator(context.member, context.school):
            raise AccessDenied(f"{email} is no curator")
        return context

    def _entry(self, context: UserContext, template_id: str) -> TemplateEntry:
        entry = self._repository.entry(context.tenant.id, template_id)
        if entry is None:
            raise NotFound(f"no template {template_id}")
        if not may_curate(context.member, context.school, entry.template):
            raise AccessDenied(f"may not curate {template_id}")
        return entry

    def _version(self, tenant_id: str, template_id: str, number: int) -> StoredVersion:
        stored = self._repository.version(tenant_id, template_id, number)
        if stored is None:
            raise NotFound(f"no version {number} of {template_id}")
        return stored

    def _decidable(
        self, tenant_id: str, email: str, template_id: str, number: int
    ) -> StoredVersion:
        """A version in review the caller may approve or send back."""
        context = self._curator(tenant_id, email)
        self._entry(context, template_id)
        stored = self._version(tenant_id, template_id, number)
        if not may_curate(context.member, context.school, stored.meta):
            raise AccessDenied(f"{email} may not publish {template_id} for its scope")
        if stored.version.author == email:
            raise AccessDenied("own version", message_key="curation.own_version")
        if stored.version.status != "in_review":
            raise WorkflowRefused("not in review", message_key="curation.not_in_review")
        return stored

    def _check_comment(self, comment: str, *, required: bool) -> None:
        if required and not comment.strip():
            raise WorkflowRefused(
                "comment",
                message_key="curation.comment_required",
                field_errors={"comment": "form.required"},
            )
        if len(comment) > COMMENT_LIMIT:
            raise InputError("comment", field_errors={"comment": "form.too_long"})

    def _schools(
        self, tenant_id: str, context: UserContext
    ) -> tuple[tuple[str, str], ...]:
        """The schools a template's scope may name: one's own, or all for tenant admins."""
        member = context.member
        if member is not None and member.has_role("tenant_admin"):
            return tuple((s.id, s.name) for s in self._store.schools(tenant_id))
        if context.school is not None:
            return ((context.school.id, context.school.name),)
        return ()

    def _ratings(self, tenant_id: str, template_id: str) -> tuple[VersionRatings, ...]:
        by_version: dict[int, list[Rating]] = {}
        for rating in self._repository.ratings(tenant_id, template_id):
            by_version.setdefault(rating.version, []).append(rating)
        return tuple(
            VersionRatings(
                version=number,
                up=sum(r.up for r in ratings),
                down=sum(not r.up for r in ratings),
                comments=tuple((r.up, r.comment) for r in ratings if r.comment),
            )
            for number, ratings in sorted(by_version.items(), reverse=True)
        )

    def _new_id(self, tenant_id: str, title: str) -> str:
        base = _slug(title) or "skabelon"
        taken = {entry.template.id for entry in self._repository.entries(tenant_id)}
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def _parse(
        self, context: UserContext, template_id: str, draft: Draft, email: str
    ) -> tuple[Template, TemplateVersion]:
        """Check a draft; return its catalogue fields and content, or raise."""
        field_errors: dict[str, str] = {}
        for name, limit in LIMITS.items():
            if len(getattr(draft, name)) > limit:
                field_errors[name] = "form.too_long"
        for name in ("title", "category", "body"):
            if not getattr(draft, name).strip():
                field_errors[name] = "form.required"
        schools = {
            school_id for school_id, _ in self._schools(context.tenant.id, context)
        }
        school_id = draft.scope.removeprefix(_SCOPE_SCHOOL)
        if draft.scope != "tenant" and (
            not draft.scope.startswith(_SCOPE_SCHOOL) or school_id not in schools
        ):
            field_errors["scope"] = "form.invalid_choice"
        variables, variable_problems = parse_variables(draft.variables)
        problems: dict[str, tuple[LineProblem, ...]] = {}
        details: tuple[str, ...] = ()
        cases: tuple[TestCase, ...] = ()
        if variable_problems:
            problems["variables"] = variable_problems
        else:
            cases, case_problems = parse_test_cases(draft.test_cases, variables)
            if case_problems:
                problems["test_cases"] = case_problems
            if "body" not in field_errors:
                try:
                    validate_template(draft.body, variables)
                except TemplateInvalid as exc:
                    details = tuple(exc.detail.splitlines())
                    for field, key in exc.field_errors.items():
                        name = "variables" if field.startswith("variables.") else "body"
                        field_errors.setdefault(name, key)
        if field_errors or problems:
            raise DraftRejected(draft, field_errors, problems, details)
        meta = Template(
            id=template_id,
            title=draft.title.strip(),
            category=draft.category.strip(),
            description=draft.description.strip(),
            scope="tenant" if draft.scope == "tenant" else "school",
            school_id="" if draft.scope == "tenant" else school_id,
        )
        content = TemplateVersion(
            template_id=template_id,
            version=0,
            body=draft.body.strip(),
            variables=variables,
            test_cases=cases,
            author=email,
        )
        return meta, content


def _same(stored: StoredVersion, meta: Template, content: TemplateVersion) -> bool:
    """Whether a stored version has this content and these catalogue fields."""
    old_meta, old = stored.meta, stored.version
    fields = ("title", "category", "description", "scope", "school_id")
    return all(getattr(old_meta, f) == getattr(meta, f) for f in fields) and (
        old.body,
        old.variables,
        old.test_cases,
    ) == (content.body, content.variables, content.test_cases)


def _slug(title: str) -> str:
    """A template id from a title: "Læsetekst om år" gives "laesetekst-om-aar"."""
    text = title.casefold()
    for letter, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(letter, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40].strip("-")
