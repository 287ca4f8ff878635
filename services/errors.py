"""One error tree for the whole product.

    LaererError                      base: message_key, retryable, http_status
    ├── InputError                   bad input from a teacher (400, keeps the form)
    │   └── TemplateInvalid          a template fails validation (carries field errors)
    ├── AccessDenied                 role or tenant does not allow the action (403)
    ├── NotFound                     a record that should exist does not (404)
    ├── ModelError                   the language model could not give usable material
    │   ├── ModelTimeout             retryable
    │   ├── ModelRateLimited         retryable
    │   ├── ModelQuotaExceeded       not retryable: an admin must act
    │   ├── ModelUnavailable         retryable (5xx, connection)
    │   ├── ModelRefused             refusal or content filter
    │   ├── ModelEmptyAnswer         no choices or no content
    │   └── ModelTruncated           finish_reason == "length"
    └── GoogleApiError               Docs / Classroom / Drive said no
        ├── DocumentNotWritable      the Doc cannot be read or written
        └── GoogleRateLimited        retryable

Outside errors (openai, googleapiclient, Firestore) are translated into these at the
boundary with ``raise ... from exc``. ``message_key`` names an entry in the message
catalogue (``cards/messages.py``); the card layer renders it in the teacher's language.
"""

from __future__ import annotations


class LaererError(Exception):
    """Base of every error the product raises on purpose."""

    message_key = "error.unexpected"
    retryable = False
    http_status = 500

    def __init__(self, detail: str = "", *, message_key: str | None = None) -> None:
        super().__init__(detail or self.__class__.__name__)
        self.detail = detail
        if message_key is not None:
            self.message_key = message_key


class InputError(LaererError):
    message_key = "error.input"
    http_status = 400

    def __init__(
        self,
        detail: str = "",
        *,
        message_key: str | None = None,
        field_errors: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail, message_key=message_key)
        #: field name -> message key, for re-rendering a form with inline errors
        self.field_errors = dict(field_errors or {})


class TemplateInvalid(InputError):
    message_key = "error.template_invalid"


class AccessDenied(LaererError):
    message_key = "error.access_denied"
    http_status = 403


class NotFound(LaererError):
    message_key = "error.not_found"
    http_status = 404


class ModelError(LaererError):
    message_key = "error.model"
    http_status = 502


class ModelTimeout(ModelError):
    message_key = "error.model_timeout"
    retryable = True


class ModelRateLimited(ModelError):
    message_key = "error.model_rate_limited"
    retryable = True


class ModelQuotaExceeded(ModelError):
    message_key = "error.model_quota"


class ModelUnavailable(ModelError):
    message_key = "error.model_unavailable"
    retryable = True


class ModelRefused(ModelError):
    message_key = "error.model_refused"


class ModelEmptyAnswer(ModelError):
    message_key = "error.model_empty"


class ModelTruncated(ModelError):
    message_key = "error.model_truncated"


class GoogleApiError(LaererError):
    message_key = "error.google_api"
    http_status = 502


class DocumentNotWritable(GoogleApiError):
    message_key = "error.document_not_writable"


class GoogleRateLimited(GoogleApiError):
    message_key = "error.google_rate_limited"
    retryable = True
