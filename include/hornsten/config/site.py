"""How the published website looks: the municipality's colour and logo.

The colour is checked here, not on the page: text and links are drawn in it on
white, so it must reach WCAG 2.1's 4.5:1 contrast or the site breaks the
accessibility law (lag 2018:1937) the moment it is published."""

from __future__ import annotations

from pydantic import Field, field_validator

from hornsten.config.base import EMAIL_PATTERN, StrictModel

HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"
MIN_CONTRAST = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class Site(StrictModel):
    colour: str = Field(default="#00558c", pattern=HEX_COLOUR)
    # A file beside the process YAML (processes/<logo>); SVG or PNG.
    logo: str | None = None
    logo_alt: str = ""  # empty: "<municipality>s logotyp"
    # Where residents report what does not work (the accessibility statement names it).
    contact: str | None = Field(default=None, pattern=EMAIL_PATTERN)

    @field_validator("colour")
    @classmethod
    def _readable_on_white(cls, value: str) -> str:
        ratio = contrast_ratio(value, "#ffffff")
        if ratio < MIN_CONTRAST:
            raise ValueError(
                f"{value} has a contrast of {ratio:.1f}:1 against white; text in it needs at least "
                f"{MIN_CONTRAST}:1 (WCAG 2.1 AA) — choose a darker shade"
            )
        return value.lower()
