"""Flask CLI commands for administrators: ``flask --app addon.wsgi <command>``."""

from __future__ import annotations

import csv
import json
from typing import TextIO

import click
from flask import Flask


def register_commands(app: Flask) -> None:
    """Attach the admin commands to ``app``."""

    @app.cli.command("seed-demo")
    def seed_demo() -> None:
        """Load the demo municipality (demo-kommune.dk) and the seed template library."""
        from services.demo import seed_demo_tenant

        store = app.extensions["laerer"].store
        tenant = seed_demo_tenant(store)
        click.echo(f"Seeded demo tenant {tenant.id} ({', '.join(tenant.domains)}).")

    @app.cli.command("create-tenant")
    @click.argument("domain")
    @click.option(
        "--name", required=True, help="the municipality's name, e.g. 'Ballerup Kommune'"
    )
    @click.option(
        "--admin", "admin_email", required=True, help="email of the first tenant admin"
    )
    @click.option(
        "--id", "tenant_id", default="", help="tenant id (default: from the domain)"
    )
    def create_tenant(domain: str, name: str, admin_email: str, tenant_id: str) -> None:
        """Create a municipality for DOMAIN with its first tenant_admin and the seed library."""
        from services.onboarding import OnboardingError
        from services.onboarding import create_tenant as create

        try:
            tenant = create(
                app.extensions["laerer"].store,
                domain,
                name,
                admin_email,
                tenant_id or None,
            )
        except OnboardingError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(
            f"Created tenant {tenant.id} for {domain}; {admin_email} is tenant admin."
        )

    @app.cli.command("import-csv")
    @click.argument("tenant_id")
    @click.argument("csv_file", type=click.File(encoding="utf-8-sig"))
    def import_csv(tenant_id: str, csv_file: TextIO) -> None:
        """Load schools, teams and members of TENANT_ID from CSV_FILE.

        Columns: kind,school,team,name,grade,subject,email,roles (kind = school, team or
        member; several teams or roles separated by ';').
        """
        from services.onboarding import OnboardingError, import_rows

        try:
            report = import_rows(
                app.extensions["laerer"].store, tenant_id, csv.DictReader(csv_file)
            )
        except OnboardingError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(
            f"Imported {report.schools} schools, {report.teams} teams, {report.members} members."
        )
        for item in report.skipped:
            click.echo(f"Left alone (already there): {item}")

    @app.cli.command("purge-expired")
    @click.argument("tenant_id")
    def purge_expired(tenant_id: str) -> None:
        """Delete TENANT_ID's audit records past their expires_at (for setups without TTL)."""
        deleted = app.extensions["laerer"].audit.purge_expired(tenant_id)
        click.echo(f"Deleted {deleted} expired records.")

    @app.cli.command("export-person")
    @click.argument("tenant_id")
    @click.argument("email")
    def export_person(tenant_id: str, email: str) -> None:
        """Print, as JSON, everything stored about EMAIL in TENANT_ID (data subject access)."""
        data = app.extensions["laerer"].audit.export_person(tenant_id, email.lower())
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))

    @app.cli.command("delete-person")
    @click.argument("tenant_id")
    @click.argument("email")
    @click.option("--yes", is_flag=True, help="confirm: this cannot be undone")
    def delete_person(tenant_id: str, email: str, yes: bool) -> None:
        """Delete EMAIL's member record, generations and ratings; anonymise audit records."""
        if not yes:
            raise click.ClickException(
                "Add --yes to confirm; deletion cannot be undone."
            )
        counts = app.extensions["laerer"].audit.delete_person(tenant_id, email.lower())
        click.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))

    @app.cli.command("deployment-file")
    @click.argument(
        "descriptor", type=click.Path(exists=True), default="appsscript.json"
    )
    def deployment_file(descriptor: str) -> None:
        """Print the deployment descriptor with this deployment's PUBLIC_URL filled in.

        Use it with ``gcloud workspace-add-ons deployments create --deployment-file``.
        """
        settings = app.extensions["laerer"].settings
        with open(descriptor, encoding="utf-8") as source:
            click.echo(render_deployment(source.read(), settings.public_url))


def render_deployment(template: str, public_url: str) -> str:
    """The deployment descriptor with ``https://PUBLIC_URL`` replaced by the real base URL."""
    return template.replace("https://PUBLIC_URL", public_url.rstrip("/"))
