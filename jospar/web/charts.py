"""Data for the charts of the web pages (Apache ECharts options are built in the templates' scripts)."""

from __future__ import annotations

from decimal import Decimal

# A tile cartogram of the 20 regions (column, row): roughly west to east, north to south; not to scale.
REGION_TILES: dict[str, tuple[int, int]] = {
    "270000000": (0, 0),  # West Kazakhstan
    "390000000": (2, 0),  # Kostanay
    "590000000": (3, 0),  # North Kazakhstan
    "550000000": (5, 0),  # Pavlodar
    "230000000": (0, 1),  # Atyrau
    "150000000": (1, 1),  # Aktobe
    "620000000": (2, 1),  # Ulytau
    "110000000": (3, 1),  # Akmola
    "710000000": (4, 1),  # Astana
    "100000000": (5, 1),  # Abai
    "630000000": (6, 1),  # East Kazakhstan
    "470000000": (0, 2),  # Mangystau
    "430000000": (1, 2),  # Kyzylorda
    "350000000": (3, 2),  # Karaganda
    "330000000": (5, 2),  # Zhetisu
    "610000000": (1, 3),  # Turkistan
    "790000000": (2, 3),  # Shymkent
    "310000000": (3, 3),  # Zhambyl
    "190000000": (4, 3),  # Almaty Region
    "750000000": (5, 3),  # Almaty
}


def number(value: Decimal | None) -> float | None:
    """JSON for a chart only (never for stored or exported figures, which stay Decimal)."""
    return None if value is None else float(value)
