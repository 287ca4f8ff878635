"""The model call: the official ``openai`` client against any OpenAI-compatible endpoint.

The SDK's own retries are off (``max_retries=0``): it would wait far beyond the add-on's
answer window. We retry 429, 5xx, connection errors and timeouts ourselves with backoff,
inside one time budget, and never retry ``insufficient_quota`` (an admin must act). Every
way an answer can be unusable (no choices, refusal, content filter, cut off, empty) is an
error here, so none of it reaches the Doc as if it were material.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import openai

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

#: Attempts shorter than this are not started: they could not finish in time.
MIN_ATTEMPT_SECONDS = 0.5


def build_openai_client(settings: Settings) -> openai.OpenAI:
    """An ``openai.OpenAI`` client for the configured endpoint, with our timeouts."""
    return openai.OpenAI(
        base_url=settings.model_base_url,
        api_key=settings.model_api_key or "local-double",
        timeout=settings.model_timeout_seconds,
        max_retries=0,
    )


def estimate_tokens(text: str) -> int:
    """A rough token count (about four characters per token for Danish prose)."""
    return max(1, len(text) // 4)


class ModelClient:
    """Chat completions with retries inside a total time budget."""

    def __init__(
        self,
        client: openai.OpenAI,
        *,
        default_model: str,
        budget_seconds: float,
        max_attempts: int = 3,
        backoff_seconds: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._default_model = default_model
        self._budget = budget_seconds
        self._max_attempts = max_attempts
        self._backoff = backoff_seconds
        self._sleep = sleep
        self._clock = clock
        self._timeout = (
            float(client.timeout) if isinstance(client.timeout, (int, float)) else 20.0
        )

    def complete(
        self, messages: Sequence[Mapping[str, str]], *, model: str | None = None
    ) -> Completion:
        """Ask the model for one answer; return its text and usage.

        Raises:
            ModelError: a subclass saying what went wrong (timeout, rate limit, quota,
                unavailable, refused, empty, truncated).
        """
        chosen = model or self._default_model
        started = self._clock()
        deadline = started + self._budget
        attempt = 0
        while True:
            attempt += 1
            remaining = deadline - self._clock()
            timeout = min(self._timeout, remaining)
            try:
                response = self._call(list(messages), chosen, timeout, attempt)
                return _completion(response, chosen, attempt, self._ms_since(started))
            except ModelError as exc:
                wait = self._backoff * 2 ** (attempt - 1) * (0.5 + random.random() / 2)
                left = deadline - self._clock() - wait
                if (
                    not exc.retryable
                    or attempt >= self._max_attempts
                    or left < MIN_ATTEMPT_SECONDS
                ):
                    raise
                self._sleep(wait)

    def _call(
        self,
        messages: list[Mapping[str, str]],
        model: str,
        timeout: float,
        attempt: int,
    ) -> Any:
        started = self._clock()
        outcome = "ok"
        try:
            return self._client.chat.completions.create(
                model=model,
                messages=messages,  # type: ignore[arg-type]
                timeout=timeout,
            )
        except openai.APITimeoutError as exc:
            outcome = "timeout"
            raise ModelTimeout("model call timed out") from exc
        except openai.RateLimitError as exc:
            if _error_code(exc) == "insufficient_quota":
                outcome = "insufficient_quota"
                raise ModelQuotaExceeded("model quota exhausted") from exc
            outcome = "rate_limited"
            raise ModelRateLimited("model rate limit") from exc
        except openai.APIConnectionError as exc:
            outcome = "connection_error"
            raise ModelUnavailable("model endpoint unreachable") from exc
        except openai.APIStatusError as exc:
            outcome = f"status_{exc.status_code}"
            if exc.status_code >= 500:
                raise ModelUnavailable(
                    f"model endpoint answered {exc.status_code}"
                ) from exc
            raise ModelError(f"model endpoint answered {exc.status_code}") from exc
        finally:
            logger.info(
                "model call",
                extra={
                    "json_fields": {
                        "model": model,
                        "attempt": attempt,
                        "outcome": outcome,
                        "latency_ms": self._ms_since(started),
                    }
                },
            )

    def _ms_since(self, started: float) -> int:
        return int((self._clock() - started) * 1000)


def _error_code(exc: openai.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error", body) if isinstance(body, dict) else {}
    code = error.get("code") if isinstance(error, dict) else None
    return str(code or getattr(exc, "code", "") or "")


def _completion(
    response: Any, requested: str, attempts: int, duration_ms: int
) -> Completion:
    """Check the answer is usable material and turn it into a ``Completion``."""
    choices = getattr(response, "choices", None) or []
    if not choices:
        raise ModelEmptyAnswer("no choices (filtered by a gateway?)")
    choice = choices[0]
    message = choice.message
    if choice.finish_reason == "content_filter" or getattr(message, "refusal", None):
        raise ModelRefused("refusal or content filter")
    if choice.finish_reason == "length":
        raise ModelTruncated("answer cut off at the token limit")
    text = message.content if message is not None else None
    if text is None or not text.strip():
        raise ModelEmptyAnswer("empty content")
    usage = getattr(response, "usage", None)
    return Completion(
        text=text,
        model=getattr(response, "model", None) or requested,
        prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
        duration_ms=duration_ms,
        attempts=attempts,
    )
