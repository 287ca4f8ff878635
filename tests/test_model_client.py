"""The model client against the model double, with the real ``openai`` client."""

from __future__ import annotations

import logging
import time

import openai
import pytest

from devtools.model_double import DOUBLE_NOTICE, ModelDouble
from services.errors import (
    ModelEmptyAnswer,
    ModelQuotaExceeded,
    ModelRateLimited,
    ModelRefused,
    ModelTimeout,
    ModelTruncated,
    ModelUnavailable,
)
from services.generation import ModelClient

MESSAGES = [
    {"role": "system", "content": "Du er en dansk assistent."},
    {
        "role": "user",
        "content": "<<<LÆRERENS_INPUT\nEmne: Fotosyntese\nLÆRERENS_INPUT>>>",
    },
]
API_KEY = "sk-planted-secret-do-not-log-1234"


def _client(
    double: ModelDouble, *, timeout: float = 2.0, budget: float = 4.0, attempts: int = 3
) -> ModelClient:
    sdk = openai.OpenAI(
        base_url=double.base_url, api_key=API_KEY, timeout=timeout, max_retries=0
    )
    return ModelClient(
        sdk,
        default_model="double-1",
        budget_seconds=budget,
        max_attempts=attempts,
        backoff_seconds=0.05,
    )


def test_a_normal_answer_is_danish_markdown_with_usage(
    model_double: ModelDouble,
) -> None:
    completion = _client(model_double).complete(MESSAGES)

    assert completion.text.startswith("# Fotosyntese")
    assert "æ" in completion.text and "ø" in completion.text and "å" in completion.text
    assert "🙂" in completion.text
    assert DOUBLE_NOTICE in completion.text
    assert completion.prompt_tokens > 0 and completion.completion_tokens > 0
    assert completion.attempts == 1


def test_the_double_records_what_the_model_was_sent(model_double: ModelDouble) -> None:
    _client(model_double).complete(MESSAGES, model="kommunens-model")

    assert model_double.requests[-1]["messages"] == MESSAGES
    assert model_double.requests[-1]["model"] == "kommunens-model"


def test_streaming_works_with_the_real_client(model_double: ModelDouble) -> None:
    sdk = openai.OpenAI(base_url=model_double.base_url, api_key=API_KEY, max_retries=0)

    stream = sdk.chat.completions.create(
        model="double-1", messages=MESSAGES, stream=True
    )
    text = "".join(
        chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices
    )

    assert text.startswith("# Fotosyntese")
    assert DOUBLE_NOTICE in text


@pytest.mark.parametrize("mode", ["rate_limit", "server_error"])
def test_a_passing_fault_is_retried_and_then_succeeds(
    model_double: ModelDouble, mode: str
) -> None:
    model_double.script(mode, times=1)

    completion = _client(model_double).complete(MESSAGES)

    assert completion.attempts == 2
    assert len(model_double.requests) == 2


def test_insufficient_quota_is_not_retried(model_double: ModelDouble) -> None:
    model_double.script("insufficient_quota", times=-1)

    with pytest.raises(ModelQuotaExceeded):
        _client(model_double).complete(MESSAGES)

    assert len(model_double.requests) == 1


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("rate_limit", ModelRateLimited),
        ("server_error", ModelUnavailable),
        ("empty_choices", ModelEmptyAnswer),
        ("null_content", ModelEmptyAnswer),
        ("refusal", ModelRefused),
        ("content_filter", ModelRefused),
        ("length", ModelTruncated),
    ],
)
def test_each_unusable_answer_raises_its_error(
    model_double: ModelDouble, mode: str, error: type[Exception]
) -> None:
    model_double.script(mode, times=-1)

    with pytest.raises(error):
        _client(model_double, attempts=2).complete(MESSAGES)


def test_a_timeout_gives_up_within_the_budget(model_double: ModelDouble) -> None:
    model_double.script("timeout", times=-1, delay=5)
    started = time.monotonic()

    with pytest.raises(ModelTimeout):
        _client(model_double, timeout=0.5, budget=1.2).complete(MESSAGES)

    assert time.monotonic() - started < 1.2 + 0.5


def test_an_unreachable_endpoint_is_unavailable() -> None:
    sdk = openai.OpenAI(
        base_url="http://127.0.0.1:9/v1", api_key=API_KEY, timeout=1, max_retries=0
    )
    client = ModelClient(sdk, default_model="x", budget_seconds=1.0, max_attempts=1)

    with pytest.raises(ModelUnavailable):
        client.complete(MESSAGES)


def test_the_api_key_and_the_prompt_never_reach_the_log(
    model_double: ModelDouble, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    model_double.script("rate_limit", times=1)

    _client(model_double).complete(MESSAGES)

    assert "model call" in caplog.text
    assert API_KEY not in caplog.text
    assert "Fotosyntese" not in caplog.text
