"""The request body's limits, enforced while it is read: a declared Content-Length over the limit is refused
before a byte of the body is read, and a body without one (chunked) is cut off at the first chunk that takes
it over. A body must also arrive whole within the read deadline, so that a client trickling bytes cannot
keep a connection (and the memory of its partial body) for ever; uvicorn's own timeouts cover the rest
(idle keep-alive connections, header size)."""

from __future__ import annotations

import asyncio

from veille.apps.serve.errors import ApiError, error_body


class BodyLimit:
    """Pure ASGI middleware: the refusals are raised from `receive`, inside the endpoint that reads the
    body, so the app's exception handlers turn them into the usual JSON errors."""

    def __init__(self, app, max_bytes: int, read_timeout: float):
        self.app, self.max_bytes, self.read_timeout = app, max_bytes, read_timeout

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _refuse(send, 413, "too_large", self._too_large(declared))
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.read_timeout
        received = 0
        done = False

        async def limited_receive():
            nonlocal received, done
            if done:  # the body is in: what follows is the wait for a disconnect, which has no deadline
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise ApiError(408, "timeout", f"the request body did not arrive within "
                                               f"{self.read_timeout:g} s") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                done = not message.get("more_body", False)
                if received > self.max_bytes:
                    raise ApiError(413, "too_large", self._too_large(received, partial=not done))
            else:
                done = True
            return message

        await self.app(scope, limited_receive, send)

    def _too_large(self, size: int, partial: bool = False) -> str:
        what = "is over" if partial else f"is {size:,} bytes, over"
        return f"the request body {what} the limit of {self.max_bytes:,} bytes (--max-bytes)"


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # uvicorn refuses a malformed one before the app sees it
    return None


async def _refuse(send, status: int, type: str, message: str) -> None:
    import json

    body = json.dumps(error_body(type, message), separators=(",", ":")).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
