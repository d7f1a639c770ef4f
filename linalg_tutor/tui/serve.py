"""``linalg-tutor serve``: the tutor in a web page, one learner per browser session.

textual-serve runs a Textual app behind a small aiohttp web server: every browser tab that
opens the page gets a websocket and its own tutor process, drawn in the page by xterm.js.
This module adds what a class needs on top of that:

* **A learner per session.** The page is opened as ``/?learner=NAME`` (or the first page asks
  for a name and comes back with it). NAME is 1–32 letters, digits, ``-`` or ``_``; anything
  else gets a page that says so, and no process is started. The name travels in the websocket's
  path (``/ws/NAME``; textual-serve's page appends its own ``?width=…&height=…`` to that URL),
  and the session's tutor is started with ``--progress-dir DATA/learners/NAME``. Two tabs of
  one learner share the folder: the second finds it locked and runs read-only, as a second
  terminal would.
* **Browser-safe keys.** ``LINALG_TUTOR_SERVE=1`` is set for the served tutors; the screens'
  footers then show the key that reaches a web page (F-keys) instead of ctrl+t and friends,
  which the browser keeps for itself.
* **Offline.** textual-serve's page asks Google Fonts for Roboto Mono; that link is removed, so
  the page needs nothing but this server (the terminal then uses a local monospace font).

aiohttp and textual-serve are imported here only, when ``serve`` runs.
"""

from __future__ import annotations

import html
import os
import re
import shlex
import sys
from pathlib import Path

from linalg_tutor.tui.keys import SERVE_ENV

LEARNER_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
_HOST_RE = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?")
LEARNER_RULE = "1 to 32 characters, each a letter (a–z, A–Z), a digit, '-' or '_'"


def valid_learner(name: str | None) -> bool:
    return name is not None and LEARNER_RE.fullmatch(name) is not None


def learner_dir(data: Path, name: str) -> Path:
    """The progress folder of learner ``name`` (already checked with :func:`valid_learner`)."""
    if not valid_learner(name):
        raise ValueError(f"not a learner name: {name[:40]!r}")
    return data / "learners" / name


def default_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("linalg-tutor") / "class"


def tutor_command(progress_dir: Path) -> str:
    """The shell command textual-serve starts for one session (it runs it through a shell).

    ``-P``: the folder ``serve`` was started in is not put on the import path, so a
    ``linalg_tutor`` folder there (another checkout) is never what the sessions run."""
    return " ".join(shlex.quote(part) for part in
                    [sys.executable, "-P", "-m", "linalg_tutor", "--progress-dir", str(progress_dir)])


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>linalg-tutor</title>
<style>
body {{ background: #0c181f; color: #e8eef2; font: 18px/1.5 monospace; margin: 3em auto; max-width: 40em; }}
input, button {{ font: inherit; padding: .3em .6em; }}
.error {{ color: #ff8a80; }}
</style></head>
<body>
<h1>linalg-tutor</h1>
{body}
</body></html>
"""

_FORM = """<form method="get" action="/">
<p><label for="learner">Your name, as your progress is kept under it:</label></p>
<p><input id="learner" name="learner" required maxlength="32" pattern="[A-Za-z0-9_\\-]{{1,32}}" autofocus>
<button type="submit">Start</button></p>
<p>{rule}.</p>
</form>"""


def _page(body: str, status: int = 200):  # noqa: ANN202 - aiohttp is imported lazily
    from aiohttp import web

    return web.Response(text=_PAGE.format(body=body), status=status, content_type="text/html")


def make_server(data: Path, host: str = "127.0.0.1", port: int = 8000, public_url: str | None = None):  # noqa: ANN201
    """A textual-serve ``Server`` that starts one tutor per learner session."""
    import asyncio
    import logging
    import signal

    import aiohttp_jinja2
    from aiohttp import WSCloseCode, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    log = logging.getLogger("textual-serve")

    class TutorServer(Server):
        def __init__(self) -> None:
            super().__init__("linalg-tutor", host=host, port=port, title="linalg-tutor", public_url=public_url)
            self.data = data
            self.sockets: set[web.WebSocketResponse] = set()

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.router.add_get("/ws/{learner}", self.handle_learner_websocket, name="learner-websocket")
            return app

        async def on_startup(self, app: web.Application) -> None:
            """Nothing: textual-serve prints its logo here, before the port is even open."""

        async def on_shutdown(self, app: web.Application) -> None:
            # Ctrl-C: close every session's websocket, so each tutor is told to quit (and saves)
            # at once instead of the server waiting for browsers to hang up.
            for socket in list(self.sockets):
                await socket.close(code=WSCloseCode.GOING_AWAY, message=b"the server is stopping")

        def _listening(self, *_: object) -> None:
            # aiohttp calls this once every socket listens: only then is the page reachable.
            print(f"linalg-tutor: serving the tutor at http://{_url_host(host)}:{port}/?learner=NAME "
                  f"(progress in {self.data / 'learners'}); Ctrl-C stops", flush=True)

        def serve(self, debug: bool = False) -> None:
            """textual-serve's ``serve``, saying where it serves once the port is open."""
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            for signum in (signal.SIGINT, signal.SIGTERM):
                try:
                    loop.add_signal_handler(signum, self.request_exit)
                except (NotImplementedError, RuntimeError):  # Windows
                    pass
            web.run_app(self._make_app(), host=host, port=port, handle_signals=False, loop=loop,
                        print=self._listening)

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="%(message)s")

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            name = request.query.get("learner")
            if name is None or name == "":
                return _page(_FORM.format(rule=html.escape(LEARNER_RULE)))
            if not valid_learner(name):
                return _page(f'<p class="error">“{html.escape(name[:64])}” cannot be a learner name.</p>'
                             + _FORM.format(rule=html.escape(LEARNER_RULE)), status=400)
            scheme = "wss" if request.secure else "ws"
            # The address the browser used (so a page opened by the room's IP works), if it looks
            # like one; the Host header is the client's to write.
            where = request.host if _HOST_RE.fullmatch(request.host or "") else f"{_url_host(host)}:{port}"
            context = {
                "font_size": _int(request.query.get("fontsize"), 16),
                "app_websocket_url": f"{scheme}://{where}/ws/{name}",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": f"linalg-tutor · {name}"},
            }
            text = aiohttp_jinja2.render_string("app_index.html", request, context)
            # The page must not need Google to work: a local monospace font does.
            text = re.sub(r'<link[^>]*fonts\.googleapis\.com[^>]*>', "", text, flags=re.S)
            return web.Response(text=text, content_type="text/html")

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            raise web.HTTPBadRequest(text="open the page with ?learner=NAME")

        async def handle_learner_websocket(self, request: web.Request) -> web.StreamResponse:
            name = request.match_info["learner"]
            if not valid_learner(name):
                raise web.HTTPBadRequest(text=f"a learner name is {LEARNER_RULE}")
            folder = learner_dir(self.data, name)
            folder.mkdir(parents=True, exist_ok=True)
            websocket = web.WebSocketResponse(heartbeat=15)
            width = _int(request.query.get("width"), 80)
            height = _int(request.query.get("height"), 24)
            service: AppService | None = None
            try:
                await websocket.prepare(request)
                self.sockets.add(websocket)
                service = AppService(tutor_command(folder), write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=websocket.close,
                                     download_manager=self.download_manager, debug=self.debug)
                await service.start(width, height)
                try:
                    await self._process_messages(websocket, service)
                finally:
                    await service.stop()
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # noqa: BLE001 - one session's failure must not stop the class
                log.exception(error)
            finally:
                self.sockets.discard(websocket)
                if service is not None:
                    await service.stop()
                    await _reap(service)
            return websocket

    return TutorServer()


async def _reap(service, timeout: float = 10.0) -> None:  # noqa: ANN001
    """Wait for a session's tutor to exit (it was told to quit); kill it if it will not."""
    import asyncio

    process = getattr(service, "_process", None)  # textual-serve keeps no public handle
    if process is None or process.returncode is not None:
        return
    try:
        await asyncio.wait_for(process.wait(), timeout)
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()


def _int(text: str | None, default: int) -> int:
    try:
        return max(1, min(1000, int(text))) if text is not None else default
    except ValueError:
        return default


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def serve(data: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve until Ctrl-C (or SIGTERM); 0 then."""
    os.environ[SERVE_ENV] = "1"  # inherited by every session's tutor
    data = data.expanduser().resolve()
    (data / "learners").mkdir(parents=True, exist_ok=True)
    server = make_server(data, host, port)
    server.serve()
    print("linalg-tutor: stopped serving", flush=True)
    return 0
