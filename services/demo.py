"""The demo municipality: frames, schools, teams and people for local runs and tests.

Everything here is made up. The texts are written the way a Danish municipality, school
and teacher team would write them, so the demo shows what layered framing does.
"""

from __future__ import annotations

from services.models import Member, School, Team, Tenant, TenantSettings, VersionedText
from services.seed_library import seed_templates
from services.store import Store

DEMO_TENANT = "demo-kommune"
DEMO_DOMAIN = "demo-kommune.dk"
DEMO_TEACHER = "laerer@demo-kommune.dk"
DEMO_CURATOR = "kurator@demo-kommune.dk"
DEMO_SCHOOL_ADMIN = "skoleleder@demo-kommune.dk"
DEMO_TENANT_ADMIN = "admin@demo-kommune.dk"
#: made-up pupils of team 4.b, to show that names never reach the model
DEMO_PUPILS = ("Emma", "Noah", "Freja Marie", "Ali", "Lukas")

MUNICIPAL_FRAME = """\
Demo Kommunes skolepolitik sætter elevernes trivsel, faglighed og fællesskab i centrum.
Når vi bruger kunstig intelligens i undervisningen, gælder:
- Materialet skal understøtte Fælles Mål og den enkelte elevs næste skridt.
- Alle elever skal kunne se sig selv i materialet: variér navne, familieformer og baggrunde.
- Sproget er et varmt, klart og nutidigt dansk. Ingen amerikanske eksempler, når et dansk
  eksempel findes.
- Røde linjer: ingen vurdering af enkeltelever, ingen diagnoser, ingen persondata om elever,
  ingen indhold der udstiller eller gør grin med nogen.
- Læreren har altid det sidste ord: materialet er et udkast, som læreren tilpasser."""

NORDSKOLEN_PROFILE = """\
Nordskolen er en udeskole med bevægelse i hverdagen. Vi lærer med kroppen og i naturen:
mindst én aktivitet i hvert forløb foregår udenfor eller i bevægelse. Vi arbejder med
elevinddragelse og tydelige læringsmål, som eleverne kan forklare med egne ord."""

SOENDERVANG_PROFILE = """\
Søndervangskolen er en sprogstærk skole, hvor 40 % af eleverne har dansk som andetsprog.
Vi stilladserer sproget i alle fag: førlæsning med nøgleord, billedstøtte, sætningsstartere
og samtale i par, før eleverne skriver. Vi lægger vægt på et anerkendende læringsmiljø."""


def _text(text: str, version: int, author: str) -> VersionedText:
    return VersionedText(text=text, version=version, author=author)


def demo_tenant() -> Tenant:
    return Tenant(
        id=DEMO_TENANT,
        name="Demo Kommune",
        domains=(DEMO_DOMAIN,),
        frame=_text(MUNICIPAL_FRAME, 3, DEMO_TENANT_ADMIN),
        settings=TenantSettings(
            keep_outputs=False, retention_days=30, provenance_line=True
        ),
    )


def demo_schools() -> tuple[School, ...]:
    return (
        School(
            id="nordskolen",
            tenant_id=DEMO_TENANT,
            name="Nordskolen",
            profile=_text(NORDSKOLEN_PROFILE, 2, DEMO_SCHOOL_ADMIN),
            admins=(DEMO_SCHOOL_ADMIN,),
            curators=(DEMO_CURATOR,),
        ),
        School(
            id="soendervang",
            tenant_id=DEMO_TENANT,
            name="Søndervangskolen",
            profile=_text(SOENDERVANG_PROFILE, 1, DEMO_TENANT_ADMIN),
        ),
    )


def demo_teams() -> tuple[Team, ...]:
    def team(
        school: str,
        id: str,
        name: str,
        grade: int,
        subject: str,
        context: str,
        version: int,
    ) -> Team:
        return Team(
            id=id,
            tenant_id=DEMO_TENANT,
            school_id=school,
            name=name,
            grade=grade,
            subject=subject,
            context=_text(context, version, DEMO_TEACHER),
            members=(DEMO_TEACHER,) if id == "4b" else (),
            pupil_names=DEMO_PUPILS if id == "4b" else (),
        )

    return (
        team(
            "nordskolen",
            "4b",
            "Team 4.b",
            4,
            "Dansk",
            "Klassetrin: 4. klasse, 24 elever. Fag: dansk.\n"
            "Elevgruppen: mange læser sikkert, seks elever læser stadig langsomt og har brug "
            "for korte afsnit og billedstøtte; to elever har dansk som andetsprog. Klassen "
            "elsker dyr, fodbold og Minecraft.\n"
            "Didaktiske valg: vi arbejder med læseforståelse før, under og efter læsning "
            "og med makkerlæsning. Tone: legende, konkret, opmuntrende.",
            5,
        ),
        team(
            "nordskolen",
            "5a",
            "Team 5.a natur/teknologi",
            5,
            "Natur/teknologi",
            "Klassetrin: 5. klasse, 22 elever. Fag: natur/teknologi.\n"
            "Elevgruppen: nysgerrige og praktiske; koncentrationen falder ved lange "
            "gennemgange.\nDidaktiske valg: undersøgelser i skolegården, hypoteser før "
            "forsøg, fælles opsamling på tavlen. Tone: undrende og præcis.",
            2,
        ),
        team(
            "soendervang",
            "2a",
            "Team 2.a",
            2,
            "Dansk",
            "Klassetrin: 2. klasse, 19 elever. Fag: dansk.\n"
            "Elevgruppen: halvdelen har dansk som andetsprog; sprog: arabisk, somali, "
            "ukrainsk.\nDidaktiske valg: nøgleord med billeder, korte sætninger, højtlæsning "
            "og samtale i par. Tone: tryg og tydelig.",
            1,
        ),
        team(
            "soendervang",
            "7c",
            "Team 7.c",
            7,
            "Historie",
            "Klassetrin: 7. klasse, 26 elever. Fag: historie og samfundsfag.\n"
            "Elevgruppen: diskussionslystne; flere har brug for sætningsstartere til "
            "skriftlige svar.\nDidaktiske valg: kildearbejde, debat i grupper, "
            "elevproduktion som podcast. Tone: ligeværdig og nysgerrig.",
            3,
        ),
    )


def demo_members() -> tuple[Member, ...]:
    def member(email: str, school: str, teams: tuple[str, ...], *roles: str) -> Member:
        return Member(
            email=email,
            tenant_id=DEMO_TENANT,
            school_id=school,
            team_ids=teams,
            roles=roles,  # type: ignore[arg-type]
        )

    return (
        member(DEMO_TEACHER, "nordskolen", ("4b",), "teacher"),
        member(DEMO_CURATOR, "nordskolen", ("5a",), "teacher", "curator"),
        member(DEMO_SCHOOL_ADMIN, "nordskolen", (), "teacher", "school_admin"),
        member(DEMO_TENANT_ADMIN, "soendervang", ("7c",), "teacher", "tenant_admin"),
    )


def seed_demo_tenant(store: Store) -> Tenant:
    """Write the demo municipality and the seed template library into ``store``."""
    tenant = demo_tenant()
    store.put_tenant(tenant)
    for domain in tenant.domains:
        store.put_domain(domain, tenant.id)
    for school in demo_schools():
        store.put_school(school)
    for team in demo_teams():
        store.put_team(team)
    for member in demo_members():
        store.put_member(member)
    for template, version in seed_templates():
        store.put_template(tenant.id, template, version)
    return tenant
