"""The ASGI app: the API under /api, the bundled web page at /, OpenAPI at /openapi.json and
its documentation at /docs (Swagger UI from the ``swagger-ui-bundle`` package, no CDN)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import swagger_ui_bundle
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from eventwire import __version__
from eventwire.query import QueryError
from eventwire.serve.api import NotFound, router
from eventwire.serve.reader import Reader, StoreBusy

STATIC = Path(str(resources.files("eventwire") / "serve" / "static"))

# The page may load nothing from anywhere but this server (it draws its map itself).
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def create_app(db: str | Path, *, lock_timeout: float = 10.0) -> FastAPI:
    """The app over the store at ``db``, read-only; each request opens the file briefly."""
    reader = Reader(db, lock_timeout=lock_timeout)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        reader.release()  # let go of the file the last requests kept warm

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="PLOVER events coded from news, each tied to the sentences that tell it.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.reader = reader
    app.include_router(router)
    _errors(app)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if not request.url.path.startswith("/docs"):  # Swagger UI starts from an inline script
            response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/docs/assets/swagger-ui.css",
            swagger_favicon_url="/docs/assets/favicon-32x32.png",
        )

    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _errors(app: FastAPI) -> None:
    """Errors as JSON whose ``detail`` names what was wrong; never a 500 for bad input."""

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "param": exc.param}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
        param = ".".join(where) or "request"
        return JSONResponse(
            {"detail": f"{param}: {first.get('msg', 'invalid')}", "param": param},
            status_code=422,
        )

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse(
            {"detail": f"the store is busy (a writer holds it); try again: {exc}"},
            status_code=503,
            headers={"Retry-After": "1"},
        )
