"""Errors a user can cause: a stable English code for scripts and logs, a Vietnamese message."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the clerk can act on. ``code`` is stable; ``message`` is for the clerk;
    ``detail`` says the same in English for logs, scripts and the server's answers (the code
    with its underscores as spaces when a rule gives none)."""

    def __init__(self, code: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail or code.replace("_", " ")

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    """Several fields refused at once; ``fields`` maps each field to its refusal."""

    def __init__(self, fields: dict[str, DomainError]) -> None:
        errors = list(fields.values())
        if len(errors) == 1:
            super().__init__(errors[0].code, errors[0].message)
        else:
            lines = "\n".join(f"• {e.message}" for e in errors)
            super().__init__("invalid_input", f"Thông tin chưa hợp lệ:\n{lines}")
        self.fields = fields
