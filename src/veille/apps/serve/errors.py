"""Every refusal has one JSON shape, the error records' own: {"error": {"type", "message"}}, plus an "id"
when the server logged the failure (the id is what to look for in its log)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

# What a bare HTTP status means, for errors that Starlette raises itself (unknown path, wrong method).
STATUS_TYPES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 408: "timeout",
                413: "too_large", 415: "unsupported_media_type", 422: "invalid", 503: "not_ready"}


class ApiError(Exception):
    """A request the server refuses or could not serve; `type` is the error records' vocabulary where
    it applies (empty, binary, undecodable, too_large, analysis_failed)."""

    def __init__(self, status: int, type: str, message: str, error_id: str | None = None):
        super().__init__(message)
        self.status, self.type, self.message, self.error_id = status, type, message, error_id


def error_body(type: str, message: str, error_id: str | None = None) -> dict:
    error = {"type": type, "message": message}
    if error_id:
        error["id"] = error_id
    return {"error": error}


def error_response(status: int, type: str, message: str, error_id: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(type, message, error_id), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, error: ApiError) -> JSONResponse:
        # A refused body may be partly unread: the connection is not reused for another request.
        headers = {"Connection": "close"} if error.status in (408, 413) else None
        return error_response(error.status, error.type, error.message, error.error_id, headers)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
        return error_response(error.status_code, STATUS_TYPES.get(error.status_code, "error"),
                              str(error.detail), headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}"
                             for e in error.errors())
        return error_response(422, "invalid", problems or "invalid request")
