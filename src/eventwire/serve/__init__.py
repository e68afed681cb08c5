"""``eventwire serve``: an HTTP API and a web page over a store, read-only.

``create_app(db)`` is the ASGI app (FastAPI); ``serve(db, host, port)`` runs it with uvicorn.
"""

from eventwire.serve.app import create_app
from eventwire.serve.server import serve

__all__ = ["create_app", "serve"]
