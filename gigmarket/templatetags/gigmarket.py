"""Template helpers of the kernel: the masking filter, panels, money."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.template.loader import render_to_string

from gigmarket.masking import mask, mask_unless

register = template.Library()


@register.filter(name="mask")
def mask_filter(value, kind=None):
    """{{ seeker.mobile|mask:"mobile" }}: always masked."""
    return mask(value, kind or None)


@register.filter(name="mask_unless")
def mask_unless_filter(value, allowed):
    """{{ seeker.mobile|mask_unless:can_see }}: the value only when the viewer may see it."""
    return mask_unless(value, bool(allowed))


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    """Render one registered panel with its own context plus the request."""
    request = context.get("request")
    return render_to_string(
        panel["template"], {**panel["context"], "panel": panel}, request=request
    )


@register.filter
def yuan(value):
    """Money in yuan with two decimals: 3200 → 3,200.00."""
    if value in (None, ""):
        return "—"
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{amount:,.2f}"
