"""Onboarding a municipality: a tenant for its domain, its first admin, the seed library."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from services.models import Member, Role, School, Team, Tenant, VersionedText
from services.seed_library import seed_templates
from services.store import Store

_DOMAIN = re.compile(
    r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)

STARTER_FRAME = (
    "Kommunens ramme er endnu ikke skrevet. Indtil da gælder: materialet skal følge "
    "folkeskolens formål og Fælles Mål, være på et varmt og klart dansk og aldrig indeholde "
    "persondata om elever."
)


class OnboardingError(ValueError):
    """The onboarding request cannot be carried out; the message says why."""


def create_tenant(
    store: Store, domain: str, name: str, admin_email: str, tenant_id: str | None = None
) -> Tenant:
    """Create a tenant for ``domain`` with ``admin_email`` as tenant_admin.

    Raises:
        OnboardingError: the domain or email is malformed, or the domain is taken.
    """
    domain = domain.strip().lower()
    admin_email = admin_email.strip().lower()
    if not _DOMAIN.match(domain):
        raise OnboardingError(f"{domain!r} is not a domain name.")
    if not admin_email.endswith("@" + domain):
        raise OnboardingError(f"The first admin must have an address on {domain}.")
    if store.tenant_id_for_domain(domain) is not None:
        raise OnboardingError(f"{domain} already belongs to a tenant.")
    tenant = Tenant(
        id=tenant_id or domain.split(".")[0],
        name=name.strip(),
        domains=(domain,),
        frame=VersionedText(STARTER_FRAME, 1, admin_email),
    )
    store.put_tenant(tenant)
    store.put_domain(domain, tenant.id)
    store.put_member(
        Member(
            email=admin_email,
            tenant_id=tenant.id,
            school_id="",
            roles=("tenant_admin",),
        )
    )
    for template, version in seed_templates():
        store.put_template(tenant.id, template, version)
    return tenant


@dataclass(frozen=True)
class ImportReport:
    """What an import created, and what it left alone because it already existed."""

    schools: int = 0
    teams: int = 0
    members: int = 0
    skipped: tuple[str, ...] = ()


CSV_COLUMNS = ("kind", "school", "team", "name", "grade", "subject", "email", "roles")
ROLES = {"teacher", "curator", "school_admin", "tenant_admin"}


def import_rows(
    store: Store, tenant_id: str, rows: Iterable[Mapping[str, str]]
) -> ImportReport:
    """Create schools, teams and members from CSV rows (see ``CSV_COLUMNS``).

    ``kind`` is ``school`` (school, name), ``team`` (school, team, name, grade, subject) or
    ``member`` (email, school, team — several separated by ``;`` — and roles, also ``;``).
    Existing schools and teams are left as they are (their texts are versioned and owned
    by their admins); member records are created or replaced. Every row is checked before
    anything is written.

    Raises:
        OnboardingError: naming each bad line.
    """
    rows = [dict(r) for r in rows]
    problems = [
        f"line {n}: {p}" for n, row in enumerate(rows, 2) if (p := _row_problem(row))
    ]
    if problems:
        raise OnboardingError("The CSV file has errors:\n" + "\n".join(problems))
    known_schools = {s.id for s in store.schools(tenant_id)}
    known_teams = {(s, t.id) for s in known_schools for t in store.teams(tenant_id, s)}
    schools = teams = members = 0
    skipped: list[str] = []
    for row in rows:
        kind, school_id, team_id = (
            row["kind"],
            row["school"].strip(),
            row.get("team", "").strip(),
        )
        if kind == "school":
            if school_id in known_schools:
                skipped.append(f"school {school_id}")
                continue
            store.put_school(
                School(
                    id=school_id,
                    tenant_id=tenant_id,
                    name=row["name"].strip(),
                    profile=VersionedText("", 1),
                )
            )
            known_schools.add(school_id)
            schools += 1
        elif kind == "team":
            if (school_id, team_id) in known_teams:
                skipped.append(f"team {school_id}/{team_id}")
                continue
            grade = row.get("grade", "").strip()
            store.put_team(
                Team(
                    id=team_id,
                    tenant_id=tenant_id,
                    school_id=school_id,
                    name=row["name"].strip(),
                    grade=int(grade) if grade else None,
                    subject=row.get("subject", "").strip(),
                    context=VersionedText("", 1),
                )
            )
            known_teams.add((school_id, team_id))
            teams += 1
        else:
            store.put_member(
                Member(
                    email=row["email"].strip().lower(),
                    tenant_id=tenant_id,
                    school_id=school_id,
                    team_ids=tuple(t for t in team_id.split(";") if t),
                    roles=_roles(row.get("roles", "")),
                    name=row.get("name", "").strip(),
                )
            )
            members += 1
    return ImportReport(schools, teams, members, tuple(skipped))


def _row_problem(row: Mapping[str, str]) -> str:
    kind = (row.get("kind") or "").strip()
    ident = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
    if kind not in ("school", "team", "member"):
        return f"kind must be school, team or member, not {kind!r}"
    if not ident.match((row.get("school") or "").strip()):
        return "school must be an id of lower-case letters, digits, - or _"
    if kind in ("school", "team") and not (row.get("name") or "").strip():
        return "name is required"
    if kind == "team":
        if not ident.match((row.get("team") or "").strip()):
            return "team must be an id of lower-case letters, digits, - or _"
        grade = (row.get("grade") or "").strip()
        if grade and (not grade.isdigit() or int(grade) > 10):
            return "grade must be 0 to 10"
    if kind == "member":
        if "@" not in (row.get("email") or ""):
            return "email is required"
        roles = [r for r in (row.get("roles") or "").split(";") if r]
        if unknown := [r for r in roles if r not in ROLES]:
            return f"unknown roles: {', '.join(unknown)}"
    return ""


def _roles(text: str) -> tuple[Role, ...]:
    """The roles a CSV row names ("teacher;curator"); a teacher when it names none."""
    named = tuple(cast(Role, r) for r in text.split(";") if r)
    return named or ("teacher",)
