"""Model clauses that hold a body's own parameter: filling it in its own way is not a departure from the model.

Model 4(1) names the organs the policy applies to; the model's list (内部部局、行政委員会、…) is an example
each body replaces with its own. A body's 4(1) that reads as the model's but for that list is identical.
"""

from __future__ import annotations

import re

from policygen.model import Notice

OWN_ORGANS = "4.1"
# 「…が適用される行政機関は、<the organs>とする。」: the list is what stands between 「は、」 and 「とする。」.
_ORGANS = re.compile(r"(?P<lead>.*?は[、，,])(?P<organs>[^。．]+?)(?P<tail>とする[。．.])\s*$", re.S)


def own_organs(model_id: str, model_text: str, org_text: str) -> tuple[str, str] | None:
    """Return the body's own organ list in 4(1), and its 4(1) with the model's list in its place, or None.

    The caller compares the second with the model: what differs there differs beside the list.
    """
    if model_id != OWN_ORGANS:
        return None
    model, body = _ORGANS.match(model_text), _ORGANS.match(org_text)
    if model is None or body is None or not body["organs"].strip():
        return None
    return body["organs"], body["lead"] + model["organs"] + body["tail"]


def own_organs_notice(organs: str) -> Notice:
    """Say in the report that 4(1)'s list is the body's own, not a deviation."""
    return Notice("compare.own-organs", f"4(1) lists the body's own organs: {organs}", "info", "4(1)")
