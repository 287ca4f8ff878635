"""The model double speaks OpenAI's wire protocol to the real ``openai`` client.

The session's one double and its per-test reset come from ``tests/conftest.py``
(``model_double``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import openai
import pytest

from devtools.emulator import free_port
from devtools.model_double import DOUBLE_NOTICE, MODEL_ID, REFUSAL, ModelDouble

TOPIC = "Vikingetiden – hverdagsliv på en gård"
USER_MESSAGE = (
    "Skriv en læsetekst til 4. klasse.\n\n## Lærerens input\n\n"
    f"<<<LÆRERENS_INPUT\nEmne: {TOPIC}\n\nKlassetrin: 4. klasse\nLÆRERENS_INPUT>>>"
)
MESSAGES = [
    {"role": "system", "content": "Du er Lærerværelset."},
    {"role": "user", "content": USER_MESSAGE},
]


@pytest.fixture
def client(model_double: ModelDouble) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(
        base_url=model_double.base_url, api_key="test", max_retries=0, timeout=5.0
    ) as opened:
        yield opened


def _ask(client: openai.OpenAI, **kwargs: Any) -> Any:
    kwargs.setdefault("model", "double-1")
    kwargs.setdefault("messages", MESSAGES)
    return client.chat.completions.create(**kwargs)


def _control(double: ModelDouble, path: str, body: Any = None) -> tuple[int, Any]:
    """Call the control API over HTTP; return status and decoded JSON."""
    root = double.base_url.removesuffix("/v1")
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(root + path, data=data, method="GET")
    if data is not None:
        request.method = "POST"
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def test_the_answer_is_danish_markdown_headed_by_the_teachers_topic(
    client: openai.OpenAI,
) -> None:
    text = _ask(client).choices[0].message.content

    assert text.startswith(f"# {TOPIC}\n")
    assert "\n- " in text and "\n  - " in text  # a bullet list with a nested item
    assert "\n1. " in text and "\n2. " in text
    assert "**" in text and "*korte sætninger*" in text
    assert all(letter in text for letter in "æøå") and "🙂" in text
    assert DOUBLE_NOTICE in text


@pytest.mark.parametrize(
    ("user_message", "topic"),
    [
        pytest.param(USER_MESSAGE, TOPIC, id="first-value-in-the-input-block"),
        pytest.param(
            "<<<LÆRERENS_INPUT\nIdé:\nEt rollespil om et vikingemarked\nLÆRERENS_INPUT>>>",
            "Et rollespil om et vikingemarked",
            id="value-on-the-line-after-its-label",
        ),
        pytest.param(
            "\n\nFotosyntese i skolehaven: ærter og løg\nMere tekst",
            "Fotosyntese i skolehaven: ærter og løg",
            id="first-line-without-a-block",
        ),
        pytest.param(
            [{"type": "text", "text": "Brøker med pizza"}],
            "Brøker med pizza",
            id="content-as-text-parts",
        ),
    ],
)
def test_the_topic_is_taken_verbatim_from_the_last_user_message(
    client: openai.OpenAI, user_message: Any, topic: str
) -> None:
    messages = [
        {"role": "user", "content": "Et tidligere emne"},
        {"role": "assistant", "content": "# Et tidligere svar"},
        {"role": "user", "content": user_message},
    ]

    text = _ask(client, messages=messages).choices[0].message.content

    assert text.splitlines()[0] == f"# {topic}"


def test_usage_estimates_prompt_tokens_from_the_request_length(
    client: openai.OpenAI,
) -> None:
    short = _ask(client).usage
    padded = [MESSAGES[0], {"role": "user", "content": USER_MESSAGE + " ord" * 400}]

    long = _ask(client, messages=padded).usage

    assert short.prompt_tokens > 0 and short.completion_tokens > 0
    assert short.total_tokens == short.prompt_tokens + short.completion_tokens
    assert long.prompt_tokens - short.prompt_tokens == 400


def test_the_answer_reports_the_requested_model(client: openai.OpenAI) -> None:
    assert _ask(client).model == "double-1"


def test_a_streamed_answer_arrives_in_chunks_that_join_to_the_plain_answer(
    client: openai.OpenAI,
) -> None:
    plain = _ask(client).choices[0].message.content

    with _ask(client, stream=True, stream_options={"include_usage": True}) as stream:
        chunks = list(stream)

    deltas = [c.choices[0].delta.content or "" for c in chunks if c.choices]
    assert len(deltas) > 2
    assert "".join(deltas) == plain
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0


def test_a_streamed_refusal_carries_the_refusal_and_no_content(
    client: openai.OpenAI, model_double: ModelDouble
) -> None:
    model_double.script("refusal")

    with _ask(client, stream=True) as stream:
        deltas = [c.choices[0].delta for c in stream if c.choices]

    assert "".join(d.refusal or "" for d in deltas) == REFUSAL
    assert "".join(d.content or "" for d in deltas) == ""


def test_the_models_endpoint_lists_the_double(client: openai.OpenAI) -> None:
    assert [model.id for model in client.models.list()] == [MODEL_ID]


@pytest.mark.parametrize(
    ("mode", "error", "status", "code"),
    [
        ("rate_limit", openai.RateLimitError, 429, "rate_limit_exceeded"),
        ("insufficient_quota", openai.RateLimitError, 429, "insufficient_quota"),
        ("server_error", openai.InternalServerError, 500, "server_error"),
    ],
)
def test_scripted_http_failures_reach_the_client_in_openai_shape(
    client: openai.OpenAI,
    model_double: ModelDouble,
    mode: str,
    error: type[openai.APIStatusError],
    status: int,
    code: str,
) -> None:
    model_double.script(mode)

    with pytest.raises(error) as raised:
        _ask(client)

    assert raised.value.status_code == status
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("mode", "finish_reason", "has_content", "refusal"),
    [
        ("null_content", "stop", False, None),
        ("refusal", "stop", False, REFUSAL),
        ("content_filter", "content_filter", True, None),
        ("length", "length", True, None),
    ],
)
def test_scripted_unusable_answers_have_the_shape_a_real_endpoint_gives(
    client: openai.OpenAI,
    model_double: ModelDouble,
    mode: str,
    finish_reason: str,
    has_content: bool,
    refusal: str | None,
) -> None:
    full = _ask(client).choices[0].message.content
    model_double.script(mode)

    choice = _ask(client).choices[0]

    assert choice.finish_reason == finish_reason
    assert choice.message.refusal == refusal
    if has_content:
        assert full.startswith(choice.message.content) and choice.message.content
    else:
        assert choice.message.content is None


def test_empty_choices_is_a_200_without_choices(
    client: openai.OpenAI, model_double: ModelDouble
) -> None:
    model_double.script("empty_choices")

    assert _ask(client).choices == []


def test_a_script_answers_the_next_n_requests_then_the_double_answers_normally(
    client: openai.OpenAI, model_double: ModelDouble
) -> None:
    model_double.script("server_error", times=2)

    for _ in range(2):
        with pytest.raises(openai.InternalServerError):
            _ask(client)
    assert _ask(client).choices[0].finish_reason == "stop"


def test_scripts_queue_in_order(
    client: openai.OpenAI, model_double: ModelDouble
) -> None:
    model_double.script("rate_limit")
    model_double.script("server_error")

    with pytest.raises(openai.RateLimitError):
        _ask(client)
    with pytest.raises(openai.InternalServerError):
        _ask(client)
    assert _ask(client).choices[0].finish_reason == "stop"


def test_times_minus_one_repeats_until_reset(
    client: openai.OpenAI, model_double: ModelDouble
) -> None:
    model_double.script("empty_choices", times=-1)
    answers = [_ask(client).choices for _ in range(4)]

    model_double.reset()

    assert answers == [[], [], [], []]
    assert _ask(client).choices


def test_every_completion_request_is_recorded_failed_ones_included(
    client: openai.OpenAI, model_double: ModelDouble
) -> None:
    model_double.script("rate_limit")
    with pytest.raises(openai.RateLimitError):
        _ask(client)

    _ask(client, model="another-model")

    assert [body["model"] for body in model_double.requests] == [
        "double-1",
        "another-model",
    ]
    assert model_double.requests[0]["messages"] == MESSAGES


def test_the_control_api_scripts_lists_and_resets_over_http(
    client: openai.OpenAI, model_double: ModelDouble
) -> None:
    status, _ = _control(model_double, "/_double/script", {"mode": "rate_limit"})
    with pytest.raises(openai.RateLimitError):
        _ask(client)

    _, recorded = _control(model_double, "/_double/requests")
    _control(model_double, "/_double/reset", {})
    _, after_reset = _control(model_double, "/_double/requests")

    assert status == 200
    assert recorded[0]["messages"] == MESSAGES
    assert after_reset == []


@pytest.mark.parametrize(
    "entry",
    [{"mode": "sleepy"}, {"mode": "ok", "times": 0}, {"mode": "slow", "delay": -1}],
)
def test_the_control_api_refuses_a_bad_script_entry(
    model_double: ModelDouble, entry: dict[str, Any]
) -> None:
    status, body = _control(model_double, "/_double/script", entry)

    assert status == 400
    assert body["error"]["message"]


def test_a_request_without_messages_is_a_400_as_openai_answers_it(
    client: openai.OpenAI,
) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        _ask(client, messages=[])

    assert raised.value.body["type"] == "invalid_request_error"  # type: ignore[index]


def test_timeout_holds_the_answer_longer_than_the_client_waits(
    client: openai.OpenAI, model_double: ModelDouble
) -> None:
    model_double.script("timeout", delay=5)
    started = time.monotonic()

    with pytest.raises(openai.APITimeoutError):
        _ask(client, timeout=0.2)

    assert time.monotonic() - started < 1.0


def test_slow_answers_normally_after_the_delay(
    client: openai.OpenAI, model_double: ModelDouble
) -> None:
    model_double.script("slow", delay=0.2)
    started = time.monotonic()

    text = _ask(client).choices[0].message.content

    assert time.monotonic() - started >= 0.2
    assert DOUBLE_NOTICE in text


def test_stopping_releases_a_held_request_at_once() -> None:
    outcome: list[BaseException] = []
    with ModelDouble() as double:
        double.script("timeout", delay=30)
        with openai.OpenAI(
            base_url=double.base_url, api_key="test", max_retries=0, timeout=10.0
        ) as client:
            waiting = threading.Thread(target=_ask_into, args=(client, outcome))
            waiting.start()
            _wait_for_request(double)
            started = time.monotonic()
            double.stop()
            waiting.join(timeout=5)

    assert time.monotonic() - started < 2.0
    assert [type(error) for error in outcome] == [openai.APIConnectionError]


def _ask_into(client: openai.OpenAI, outcome: list[BaseException]) -> None:
    try:
        _ask(client)
    except openai.APIError as error:
        outcome.append(error)


def _wait_for_request(double: ModelDouble) -> None:
    deadline = time.monotonic() + 5
    while not double.requests and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_double_binds_loopback_on_the_port_it_is_given() -> None:
    port = free_port()

    with ModelDouble(port) as double:
        url = double.base_url

    assert url == f"http://127.0.0.1:{port}/v1"


def test_the_command_line_serves_on_the_given_port_until_terminated() -> None:
    port = free_port()
    command = [sys.executable, "-m", "devtools.model_double", "--port", str(port)]

    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            banner = process.stdout.readline()
            with openai.OpenAI(
                base_url=f"http://127.0.0.1:{port}/v1", api_key="test", max_retries=0
            ) as client:
                models = [model.id for model in client.models.list()]
            process.terminate()
            process.wait(timeout=5)
        finally:
            if process.poll() is None:
                process.kill()

    assert f"http://127.0.0.1:{port}/v1" in banner
    assert models == [MODEL_ID]
    assert process.returncode == 0
