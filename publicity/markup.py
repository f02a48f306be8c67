"""Article bodies: Markdown as typed by staff, turned into HTML and sanitised on every output.

No HTML is stored: the database keeps the Markdown source; ``render`` passes Markdown's output
through nh3 (an allow-list sanitiser), so raw HTML typed into a body, a ``javascript:`` link or
an event attribute never reaches a page.
"""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render(text: str) -> SafeString:
    """The body as sanitised HTML (headings start at h2: the page's h1 is the title)."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES)
    return mark_safe(clean)  # noqa: S308  (sanitised by nh3 just above)
