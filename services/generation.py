"""The model call: the official ``openai`` client against any OpenAI-compatible endpoint.

The SDK's own retries are off (``max_retries=0``): by default it retries twice and may
wait far beyond the add-on's answer window. We retry rate limits, 5xx answers,
connection errors and timeouts ourselves, with exponential backoff and jitter, inside
one time budget: each attempt may take at most the configured timeout or what is left
of the budget, and no attempt starts without enough budget left to be worth it. A 429
with code ``insufficient_quota`` is not a rate limit and is never retried: an admin
must act. Every way an answer can be unusable (no choices, a refusal, the content
filter, cut off at the token limit, no text) is an error here, so none of it reaches
the Doc as if it were material.

Each attempt logs one line with its figures: model, attempt, HTTP status, outcome and
latency. Never the prompt, the answer or the key.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam

from services.config import Settings
from services.errors import (
    ModelEmptyAnswer,
    ModelError,
    ModelQuotaExceeded,
    ModelRateLimited,
    ModelRefused,
    ModelTimeout,
    ModelTruncated,
    ModelUnavailable,
)
from services.models import Completion

logger = logging.getLogger(__name__)

#: A retry is only started if at least this long (or the whole timeout, if shorter)
#: is left of the budget after the backoff pause.
MIN_ATTEMPT_SECONDS = 0.5
#: The pause before the first retry; it doubles for each later one, then is jittered.
BACKOFF_SECONDS = 0.5
#: What ``build_openai_client`` sends as key when none is configured (local doubles).
PLACEHOLDER_API_KEY = "local-double"


def build_openai_client(settings: Settings) -> openai.OpenAI:
    """An ``openai.OpenAI`` client for the configured endpoint, with our timeout.

    Args:
        settings: Supplies the base URL, key, and the timeout of one call.

    Returns:
        A client whose own retries are off; ``ModelClient`` retries within its budget.
    """
    return openai.OpenAI(
        base_url=settings.model_base_url,
        api_key=settings.model_api_key or PLACEHOLDER_API_KEY,
        timeout=settings.model_timeout_seconds,
        max_retries=0,
    )


def estimate_tokens(text: str) -> int:
    """Roughly how many tokens ``text`` takes: one per four characters, rounded up.

    Tokenizers of current models give Danish prose about four characters per token; the
    estimate is for deciding whether a prompt fits the context, with a margin, never
    for billing.

    Args:
        text: Any text, e.g. the joined contents of the messages.

    Returns:
        The estimate; 0 for empty text.
    """
    return -(-len(text) // 4)


class ModelClient:
    """Chat completions with our own retries inside a total time budget.

    Args:
        client: A client from ``build_openai_client`` (or any with ``max_retries=0``).
        default_model: The model asked when the caller names none.
        budget_seconds: Total time for one ``complete`` call, retries included.
        max_attempts: Attempts on retryable errors, the first one included.
        timeout_seconds: Limit of one attempt; by default the client's timeout.
        backoff_seconds: The pause before the first retry (see ``BACKOFF_SECONDS``).
        sleep: Waits between attempts; tests may pass a recorder.
        clock: A monotonic clock in seconds.
    """

    def __init__(
        self,
        client: openai.OpenAI,
        *,
        default_model: str,
        budget_seconds: float,
        max_attempts: int = 3,
        timeout_seconds: float | None = None,
        backoff_seconds: float = BACKOFF_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if budget_seconds <= 0 or max_attempts < 1:
            raise ValueError("budget_seconds must be > 0 and max_attempts >= 1")
        self._client = client
        self._default_model = default_model
        self._budget = budget_seconds
        self._max_attempts = max_attempts
        self._timeout = timeout_seconds or _seconds(client.timeout)
        self._backoff = backoff_seconds
        self._sleep = sleep
        self._clock = clock

    def complete(
        self, messages: Sequence[Mapping[str, str]], *, model: str | None = None
    ) -> Completion:
        """Ask the model for one answer and return it with its usage figures.

        Args:
            messages: Chat messages (``role`` and ``content``), system message first.
            model: The model to ask; by default the deployment's default model.

        Returns:
            The answer's text, the model the endpoint reports, token counts, the total
            duration in milliseconds and the number of attempts it took.

        Raises:
            ModelError: Or a subclass saying what went wrong: ``ModelTimeout``,
                ``ModelRateLimited``, ``ModelQuotaExceeded``, ``ModelUnavailable``
                (after the retries the budget allows), ``ModelRefused``,
                ``ModelEmptyAnswer``, ``ModelTruncated``, or ``ModelError`` itself
                when the endpoint rejects the request.
        """
        chosen = model or self._default_model
        payload = cast(list[ChatCompletionMessageParam], [dict(m) for m in messages])
        started = self._clock()
        deadline = started + self._budget
        attempt = 1
        while True:
            timeout = min(self._timeout, deadline - self._clock())
            try:
                response = self._attempt(payload, chosen, timeout, attempt)
                return _completion(response, chosen, attempt, self._ms_since(started))
            except ModelError as exc:
                pause = self._pause_before_retry(exc, attempt, deadline)
                if pause is None:
                    raise
            self._sleep(pause)
            attempt += 1

    def _attempt(
        self,
        messages: list[ChatCompletionMessageParam],
        model: str,
        timeout: float,
        attempt: int,
    ) -> ChatCompletion:
        """One call, translated and validated at the boundary, and its log line."""
        started = self._clock()
        status: int | None = 200
        outcome = "unexpected_error"
        try:
            response = self._client.chat.completions.create(
                model=model, messages=messages, timeout=timeout
            )
            _check_usable(response)
            outcome = "ok"
            return response
        except openai.OpenAIError as exc:
            status = getattr(exc, "status_code", None)
            error = _translate(exc)
            outcome = type(error).__name__
            raise error from exc
        except ModelError as exc:
            outcome = type(exc).__name__
            raise
        finally:
            latency_ms = self._ms_since(started)
            logger.log(
                logging.INFO if outcome == "ok" else logging.WARNING,
                "model call model=%s attempt=%d status=%s outcome=%s latency_ms=%d",
                model,
                attempt,
                status,
                outcome,
                latency_ms,
                extra={
                    "json_fields": {
                        "model": model,
                        "attempt": attempt,
                        "status": status,
                        "outcome": outcome,
                        "latency_ms": latency_ms,
                    }
                },
            )

    def _pause_before_retry(
        self, error: ModelError, attempt: int, deadline: float
    ) -> float | None:
        """How long to wait before another attempt; None when not to try again."""
        if not error.retryable or attempt >= self._max_attempts:
            return None
        pause = self._backoff * 2 ** (attempt - 1) * (0.5 + random.random() / 2)
        left_after_pause = deadline - self._clock() - pause
        if left_after_pause < min(MIN_ATTEMPT_SECONDS, self._timeout):
            return None
        return pause

    def _ms_since(self, started: float) -> int:
        return int((self._clock() - started) * 1000)


def _seconds(timeout: object) -> float:
    """The read timeout of an openai client's ``timeout`` setting, in seconds.

    The setting is a number, or a timeout object with a ``read`` part.
    """
    timeout = getattr(timeout, "read", timeout)
    if not isinstance(timeout, int | float):
        raise ValueError("the openai client needs a timeout, or pass timeout_seconds")
    return float(timeout)


def _translate(exc: openai.OpenAIError) -> ModelError:
    """The product's error for an error of the openai SDK."""
    if isinstance(exc, openai.APITimeoutError):
        return ModelTimeout("the model did not answer within the timeout")
    if isinstance(exc, openai.RateLimitError):
        if exc.code == "insufficient_quota":
            return ModelQuotaExceeded("the model account's quota is used up")
        return ModelRateLimited("the model endpoint is rate limiting us")
    if isinstance(exc, openai.APIConnectionError):
        return ModelUnavailable("the model endpoint could not be reached")
    if isinstance(exc, openai.APIStatusError) and exc.status_code >= 500:
        return ModelUnavailable(f"the model endpoint answered {exc.status_code}")
    if isinstance(exc, openai.APIStatusError):
        return ModelError(f"the model endpoint refused the request: {exc.status_code}")
    return ModelError(f"the model call failed: {type(exc).__name__}")


def _check_usable(response: Any) -> None:
    """Raise unless the first choice holds complete, non-empty material.

    The SDK builds responses without validating them, so fields may be missing.
    """
    choices = getattr(response, "choices", None) or []
    if not choices:
        raise ModelEmptyAnswer("the answer has no choices (filtered by a gateway?)")
    choice = choices[0]
    message = getattr(choice, "message", None)
    if choice.finish_reason == "content_filter" or getattr(message, "refusal", None):
        raise ModelRefused(f"the model refused (finish_reason={choice.finish_reason})")
    if choice.finish_reason == "length":
        raise ModelTruncated("the answer was cut off at the token limit")
    content = getattr(message, "content", None)
    if not isinstance(content, str) or not content.strip():
        raise ModelEmptyAnswer("the answer has no text")


def _completion(
    response: ChatCompletion, requested: str, attempts: int, duration_ms: int
) -> Completion:
    """A checked response as a ``Completion``."""
    usage = response.usage
    return Completion(
        text=cast(str, response.choices[0].message.content),
        model=response.model or requested,
        prompt_tokens=usage.prompt_tokens if usage else 0,
        completion_tokens=usage.completion_tokens if usage else 0,
        duration_ms=duration_ms,
        attempts=attempts,
    )
