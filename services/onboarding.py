"""Onboarding a municipality: a tenant for its domain, its first admin, the seed library."""

from __future__ import annotations

import re

from services.models import Member, Tenant, VersionedText
from services.seed_library import seed_templates
from services.store import Store

_DOMAIN = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

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
        Member(email=admin_email, tenant_id=tenant.id, school_id="", roles=("tenant_admin",))
    )
    for template, version in seed_templates():
        store.put_template(tenant.id, template, version)
    return tenant
