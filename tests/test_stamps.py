"""Page stamps (``unchanged_pages.stamps``): equal only when what a template receives is equal,
in the same order and of the same types; a value of a type it does not know is never stamped."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from markupsafe import Markup

from portal.build.unchanged_pages.stamps import Stamper, Unstampable
from portal.common.dates import PORTAL_TZ, PortalDate
from portal.common.listing import Crumb, Listing
from portal.model.registries import Topic, Unit

UNIT = Unit("huyen-uy-ha-dong", "Huyện uỷ Hà Đông", parent="tinh-uy-son-ha")


def stamp(value: Any) -> bytes:
    return Stamper().stamp(value)


def listing(title: str) -> Listing:
    return Listing("unit", title, "don-vi/huyen-uy-ha-dong/", [Crumb("Đơn vị", "don-vi/")], subject=UNIT)


def test_equal_inputs_give_equal_stamps() -> None:
    def inputs() -> dict[str, Any]:
        return {"name": "index.html", "page": (1, [b"\x01" * 20]), "listing": listing("Huyện uỷ"),
                "when": PortalDate(datetime(2020, 3, 18, 9, 0, tzinfo=PORTAL_TZ), True),
                "topics": {Topic("chuyen-de-2021", "Chuyên đề 2021")}, "count": 3.5}

    assert stamp(inputs()) == stamp(inputs())


@pytest.mark.parametrize(("left", "right"), [
    ("Huyện uỷ", Markup("Huyện uỷ")),  # escaped or not by the template
    ([1, 2], (1, 2)),
    (1, True),
    (1, 1.0),
    ("1", b"1"),
    ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # a template walks a dict in its order
    ([listing("Huyện uỷ")], [listing("Huyện uỷ Hà Đông")]),
    (UNIT, Topic("huyen-uy-ha-dong", "Huyện uỷ Hà Đông")),
    (datetime(2020, 3, 18, tzinfo=PORTAL_TZ), datetime(2020, 3, 18)),
])
def test_inputs_that_differ_give_other_stamps(left: Any, right: Any) -> None:
    assert stamp(left) != stamp(right)


@pytest.mark.parametrize("value", [object(), {"f": len}, (..., "Unit", UNIT.slug)])  # ... marks stamped types
def test_a_value_of_an_unknown_type_is_not_stamped(value: Any) -> None:
    with pytest.raises(Unstampable):
        stamp(value)
