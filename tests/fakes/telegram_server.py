"""HTTP front of the fake Telegram Bot API: /bot<token>/<method> and /file/bot<token>/<path>."""

from __future__ import annotations

import contextlib
import json
import select
import socket
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from .telegram_methods import dispatch
from .telegram_state import TelegramState
from .telegram_wire import JSON, ApiError, parse_params, read_body

UNAUTHORIZED = ApiError(401, "Unauthorized")
NOT_FOUND = ApiError(404, "Not Found")


class TelegramHTTPServer(ThreadingHTTPServer):
    """Threaded HTTP/1.1 server on an ephemeral 127.0.0.1 port serving one TelegramState."""

    daemon_threads = True
    block_on_close = False
    # socketserver listens with a backlog of 5: a bot opening its pool's connections at once
    # overflows it, and each connection the kernel drops is tried again only after a second.
    request_queue_size = 128

    def __init__(self, state: TelegramState) -> None:
        super().__init__(("127.0.0.1", 0), TelegramRequestHandler)
        self.state = state
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self.server_address[1])

    def track(self, connection: socket.socket, is_open: bool) -> None:
        """Remember or forget a client connection so stop() can close kept-alive ones."""
        with self._connections_lock:
            if is_open:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        """Shut down every open client connection, unblocking their handler threads."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)


class TelegramRequestHandler(BaseHTTPRequestHandler):
    """Routes one request to a Bot API method or to a file download."""

    protocol_version = "HTTP/1.1"
    wbufsize = 64 * 1024  # headers and body leave in one segment, flushed after each request
    server: TelegramHTTPServer

    def setup(self) -> None:
        """Disable Nagle's algorithm and register the connection with the server."""
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().setup()
        self.server.track(self.connection, is_open=True)

    def finish(self) -> None:
        """Unregister the connection from the server."""
        try:
            super().finish()
        finally:
            self.server.track(self.connection, is_open=False)

    def do_GET(self) -> None:
        """Serve a GET request."""
        self._serve()

    def do_POST(self) -> None:
        """Serve a POST request."""
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _serve(self) -> None:
        """Read the request, route it and write the answer."""
        url = urlsplit(self.path)
        path = unquote(url.path)
        try:
            body = read_body(
                self.rfile,
                self.headers.get("Content-Length"),
                self.headers.get("Transfer-Encoding"),
            )
            if path.startswith("/file/bot"):
                self._serve_file(path.removeprefix("/file/bot"))
            elif path.startswith("/bot"):
                self._serve_method(path.removeprefix("/bot"), body, url.query)
            else:
                self._send_json(NOT_FOUND.status, NOT_FOUND.payload())
        except Exception as exc:  # a bug in the fake: answer 500 and show the traceback
            traceback.print_exc()
            self.close_connection = True
            error = ApiError(500, f"Internal Server Error: fake raised {exc!r}")
            self._send_json(error.status, error.payload())

    def _serve_method(self, token_and_method: str, body: bytes, query: str) -> None:
        """Answer /bot<token>/<method>."""
        state = self.server.state
        token, _, method = token_and_method.partition("/")
        if token != state.token:
            self._send_json(UNAUTHORIZED.status, UNAUTHORIZED.payload())
            return
        try:
            params = parse_params(self.headers.get("Content-Type", ""), body, query)
        except ApiError as error:
            self._send_json(error.status, error.payload())
            return
        status, payload = dispatch(state, method, params, self._client_gone)
        self._send_json(status, payload)

    def _serve_file(self, token_and_path: str) -> None:
        """Answer /file/bot<token>/<file_path> with the file's bytes."""
        state = self.server.state
        token, _, file_path = token_and_path.partition("/")
        if token != state.token:
            self._send_json(UNAUTHORIZED.status, UNAUTHORIZED.payload())
            return
        data = state.files.download(file_path)
        if data is None:
            self._send_json(NOT_FOUND.status, NOT_FOUND.payload())
        else:
            self._send(200, "application/octet-stream", data)

    def _client_gone(self) -> bool:
        """Tell whether the client closed the connection (e.g. a killed bot mid long poll)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def _send_json(self, status: int, payload: JSON) -> None:
        """Write a JSON answer."""
        body = json.dumps(payload, ensure_ascii=False).encode()
        self._send(status, "application/json", body)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        """Write a complete HTTP response, tolerating clients that already left."""
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
