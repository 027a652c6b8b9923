"""Stage 5: DocPlans to text. `template` (jinja2, offline, the default)."""

from worldspec.render.packs import GenrePack, PackError, PackLibrary
from worldspec.render.template import Rendered, TemplateRenderer

__all__ = ["GenrePack", "PackError", "PackLibrary", "Rendered", "TemplateRenderer"]
