"""A register report's ``--group`` option, read the same way for every register and adapter."""
from __future__ import annotations

from assetdesk.errors import InputError


def grouping_key(group: str | None, groupings: dict[str, str], default: str, report: str) -> str:
    """The grouping key ``group`` names (its key or its Chinese label; ``default`` when blank);
    anything else is refused in Chinese, naming the choices."""
    text = (group or default).strip()
    key = {label: key for key, label in groupings.items()}.get(text, text)
    if key not in groupings:
        choices = "或".join(f"{key}（{label}）" for key, label in groupings.items())
        raise InputError(f"{report}不能按“{group}”分组", f"--group 用 {choices}")
    return key
