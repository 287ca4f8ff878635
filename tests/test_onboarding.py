"""Onboarding a municipality from the command line: tenant, first admin, CSV import."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from tests.conftest import AddonClient
from tests.events import load_fixture

CSV = """kind,school,team,name,grade,subject,email,roles
school,vestskolen,,Vestskolen,,,,
team,vestskolen,3a,Team 3.a,3,Dansk,,
member,vestskolen,3a,Sofie Lærer,,,sofie@ny-kommune.dk,teacher;curator
"""


def test_create_tenant_then_import_lets_a_teacher_in(
    app: Flask, signer: object, settings: object, tmp_path: Path
) -> None:
    runner = app.test_cli_runner()
    created = runner.invoke(
        args=[
            "create-tenant",
            "ny-kommune.dk",
            "--name",
            "Ny Kommune",
            "--admin",
            "it@ny-kommune.dk",
        ]
    )
    assert created.exit_code == 0, created.output
    csv_file = tmp_path / "org.csv"
    csv_file.write_text(CSV, encoding="utf-8")

    imported = runner.invoke(args=["import-csv", "ny-kommune", str(csv_file)])

    assert imported.exit_code == 0, imported.output
    assert "Imported 1 schools, 1 teams, 1 members." in imported.output
    addon = AddonClient(app.test_client(), signer, settings)  # type: ignore[arg-type]
    body = addon.answer(
        "/addon/home",
        "docs-homepage.json",
        email="sofie@ny-kommune.dk",
        hd="ny-kommune.dk",
    )
    card = body["renderActions"]["action"]["navigations"][0]["pushCard"]
    assert card["name"] == "home"
    assert "Team 3.a" in str(card) and "Læsetekst" in str(card)


def test_importing_twice_leaves_existing_schools_and_teams_alone(
    app: Flask, tmp_path: Path
) -> None:
    runner = app.test_cli_runner()
    runner.invoke(
        args=[
            "create-tenant",
            "ny-kommune.dk",
            "--name",
            "Ny Kommune",
            "--admin",
            "it@ny-kommune.dk",
        ]
    )
    csv_file = tmp_path / "org.csv"
    csv_file.write_text(CSV, encoding="utf-8")
    runner.invoke(args=["import-csv", "ny-kommune", str(csv_file)])

    again = runner.invoke(args=["import-csv", "ny-kommune", str(csv_file)])

    assert "Imported 0 schools, 0 teams, 1 members." in again.output
    assert "Left alone (already there): school vestskolen" in again.output


def test_a_bad_csv_names_each_bad_line_and_writes_nothing(
    app: Flask, tmp_path: Path
) -> None:
    runner = app.test_cli_runner()
    runner.invoke(
        args=[
            "create-tenant",
            "ny-kommune.dk",
            "--name",
            "Ny Kommune",
            "--admin",
            "it@ny-kommune.dk",
        ]
    )
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(
        "kind,school,team,name,grade,subject,email,roles\n"
        "school,Vest Skolen,,Vestskolen,,,,\n"
        "team,vestskolen,3a,Team 3.a,13,Dansk,,\n"
        "member,vestskolen,,,,,nobody,teacher\n"
        "member,vestskolen,,,,,a@ny-kommune.dk,rektor\n",
        encoding="utf-8",
    )

    result = runner.invoke(args=["import-csv", "ny-kommune", str(csv_file)])

    assert result.exit_code != 0
    for line in (
        "line 2: school must be an id",
        "line 3: grade must be 0 to 10",
        "line 4: email is required",
        "line 5: unknown roles: rektor",
    ):
        assert line in result.output
    assert app.extensions["laerer"].store.schools("ny-kommune") == ()


def test_a_domain_cannot_be_created_twice(app: Flask) -> None:
    runner = app.test_cli_runner()
    args = [
        "create-tenant",
        "ny-kommune.dk",
        "--name",
        "Ny",
        "--admin",
        "it@ny-kommune.dk",
    ]
    runner.invoke(args=args)

    again = runner.invoke(args=args)

    assert again.exit_code != 0
    assert "already belongs to a tenant" in again.output


def test_the_first_admin_must_be_on_the_domain(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=[
            "create-tenant",
            "ny-kommune.dk",
            "--name",
            "Ny",
            "--admin",
            "x@gmail.com",
        ]
    )

    assert result.exit_code != 0
    assert "address on ny-kommune.dk" in result.output


def test_the_deployment_file_carries_the_public_url(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["deployment-file", "appsscript.json"])

    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8080/addon/home" in result.output
    assert "PUBLIC_URL" not in result.output
    assert "SYSTEM_ID_TOKEN" in result.output


def test_a_tenant_admin_without_a_school_can_still_use_the_homepage(
    app: Flask, signer: object, settings: object
) -> None:
    app.test_cli_runner().invoke(
        args=[
            "create-tenant",
            "ny-kommune.dk",
            "--name",
            "Ny Kommune",
            "--admin",
            "it@ny-kommune.dk",
        ]
    )
    addon = AddonClient(app.test_client(), signer, settings)  # type: ignore[arg-type]

    body = addon.answer(
        "/addon/home",
        load_fixture("docs-homepage.json"),
        email="it@ny-kommune.dk",
        hd="ny-kommune.dk",
    )

    card = body["renderActions"]["action"]["navigations"][0]["pushCard"]
    assert card["name"] == "home"
    assert "Ny Kommune" in str(card)
