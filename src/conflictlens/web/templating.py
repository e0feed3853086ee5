"""The Jinja2 environment of the web pages (autoescape on for every template)."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"

#: The templates of the analyst's workspace. ``Jinja2Templates`` turns autoescaping on for .html
#: files; we set it explicitly so that article text is always escaped whatever the file name.
templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
templates.env.autoescape = True
