"""Every add-on request must carry Google's signature; anything else gets 401."""

from __future__ import annotations

import time

import pytest

from devtools.signing import LocalSigner
from tests.conftest import SERVICE_ACCOUNT, AddonClient
from tests.events import load_fixture

HOME = "/addon/home"


def _system_token(addon: AddonClient, **overrides: object) -> str:
    return addon.signer.system_token(
        addon.settings.url(HOME), SERVICE_ACCOUNT, **overrides
    )


def test_a_correctly_signed_request_is_answered(addon: AddonClient) -> None:
    response = addon.post(HOME, load_fixture("docs-homepage.json"))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("forged", "bad signature"),
        ("expired", "token expired"),
        ("wrong_audience", "wrong audience"),
        ("wrong_issuer", "wrong issuer"),
        ("wrong_service_account", "not from the add-on's service account"),
        ("unverified_email", "not verified"),
        ("audience_from_spoofed_host", "wrong audience"),
        ("garbage", "malformed token"),
    ],
)
def test_a_bad_system_token_is_rejected_with_401(
    addon: AddonClient, case: str, reason: str
) -> None:
    now = int(time.time())
    tokens = {
        "forged": lambda: LocalSigner(kid=addon.signer.kid).system_token(
            addon.settings.url(HOME), SERVICE_ACCOUNT
        ),
        "expired": lambda: _system_token(addon, iat=now - 7200, exp=now - 3600),
        "wrong_audience": lambda: addon.signer.system_token(
            addon.settings.url("/addon/actions/generate"), SERVICE_ACCOUNT
        ),
        "wrong_issuer": lambda: _system_token(addon, iss="https://evil.example"),
        "wrong_service_account": lambda: addon.signer.system_token(
            addon.settings.url(HOME),
            "someone-else@gcp-sa-gsuiteaddons.iam.gserviceaccount.com",
        ),
        "unverified_email": lambda: _system_token(addon, email_verified=False),
        "audience_from_spoofed_host": lambda: addon.signer.system_token(
            "http://evil.example" + HOME, SERVICE_ACCOUNT
        ),
        "garbage": lambda: "not-a-jwt",
    }

    response = addon.post(
        HOME,
        load_fixture("docs-homepage.json"),
        token=tokens[case](),
    )

    assert response.status_code == 401
    assert reason in response.get_json()["reason"]


def test_a_request_without_authorization_is_rejected(addon: AddonClient) -> None:
    response = addon.client.post(HOME, json=load_fixture("docs-homepage.json"))

    assert response.status_code == 401
    assert response.get_json() == {
        "error": "unauthorized",
        "reason": "missing bearer token",
    }


def test_a_spoofed_host_header_does_not_change_the_expected_audience(
    addon: AddonClient,
) -> None:
    token = addon.signer.system_token("http://evil.example" + HOME, SERVICE_ACCOUNT)
    response = addon.client.post(
        HOME,
        json=load_fixture("docs-homepage.json"),
        headers={"Authorization": f"Bearer {token}", "Host": "evil.example"},
        base_url="http://evil.example",
    )

    assert response.status_code == 401


def test_a_token_issued_a_few_seconds_in_the_future_is_accepted(
    addon: AddonClient,
) -> None:
    now = int(time.time())
    token = _system_token(addon, iat=now + 3, exp=now + 300)

    response = addon.post(HOME, load_fixture("docs-homepage.json"), token=token)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "user_token_case", ["missing", "wrong_client_id", "expired", "forged"]
)
def test_a_bad_user_id_token_is_rejected_with_401(
    addon: AddonClient, user_token_case: str
) -> None:
    signed = addon.signer
    client_id = addon.settings.oauth_client_id
    now = int(time.time())
    user_tokens = {
        "missing": "",
        "wrong_client_id": signed.user_token("other-client", "a@demo-kommune.dk"),
        "expired": signed.user_token(
            client_id, "a@demo-kommune.dk", iat=now - 7200, exp=now - 3600
        ),
        "forged": LocalSigner(kid=signed.kid).user_token(
            client_id, "a@demo-kommune.dk"
        ),
    }
    event = load_fixture("docs-homepage.json")
    token = _system_token(addon)
    body = {
        **event,
        "authorizationEventObject": {"userIdToken": user_tokens[user_token_case]},
    }

    response = addon.client.post(
        HOME, json=body, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 401


def test_certs_are_fetched_once_and_then_served_from_cache(
    addon: AddonClient, certs_server: object
) -> None:
    before = certs_server.fetches  # type: ignore[attr-defined]

    for _ in range(5):
        addon.post(HOME, load_fixture("docs-homepage.json"))

    assert certs_server.fetches - before <= 1  # type: ignore[attr-defined]


def test_tokens_never_reach_the_log(
    addon: AddonClient,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    token = _system_token(addon, email_verified=False)
    addon.post(HOME, load_fixture("docs-homepage.json"), token=token)
    addon.post(HOME, load_fixture("docs-homepage.json"))

    logged = caplog.text + capsys.readouterr().out
    assert token not in logged
    assert token.split(".")[1] not in logged
    assert "ya29." not in logged
