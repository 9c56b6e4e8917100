"""Regional and district profiles used to spread national values over territories.

The figures are rounded approximations of public statistics (population at the start of 2024, shares of
gross regional product and of a few sector totals): good enough for a plausible demo, not for analysis.

Columns of REGION_PROFILE (weights are relative, they need not add up to 100):
    pop      population, thousand people
    grp      share of gross regional product in the sum of GRP, %
    dev      development index in -1..1 (income, urbanisation, access to services)
    ind      industrialisation index in -1..1 (manufacturing and mining weight)
    deficit  weight in the national deficit of student places
    housing  weight in housing commissioned
    export   weight in non-resource exports
    invest   weight in fixed-capital investment
    ghg      weight in greenhouse-gas emissions
"""

from __future__ import annotations

from decimal import Decimal

from .common import D

_REGION_ROWS = """
100000000  604  2.3 -0.2  0.3  2.0  3.0  3.0  2.5  3.5
110000000  788  3.4  0.0  0.1  2.0  3.5  3.0  3.0  4.0
150000000  944  4.4  0.1  0.4  4.0  4.5  5.0  5.0  6.0
190000000 1540  4.3 -0.1  0.0 13.0  8.0  3.0  4.5  3.0
230000000  703 12.0  0.6  0.6  4.0  3.0  4.0 14.0 12.0
270000000  690  3.9  0.1  0.3  2.0  2.5  2.0  3.0  4.0
310000000 1223  2.8 -0.5  0.1  6.0  4.0  3.0  2.5  3.0
330000000  700  1.6 -0.5 -0.2  3.0  2.5  1.0  1.5  2.0
350000000 1138  6.8  0.4  0.9  3.0  4.5 14.0  5.0 14.0
390000000  825  3.5  0.0  0.3  1.5  3.0  4.0  3.0  4.5
430000000  843  1.8 -0.4  0.0  5.0  3.0  1.0  2.0  2.5
470000000  776  4.4  0.3  0.4  6.0  3.5  2.0  5.5  5.0
550000000  752  4.6  0.3  0.8  1.0  2.5 11.0  4.5 20.0
590000000  526  2.0 -0.1  0.0  0.5  1.5  2.0  2.0  3.0
610000000 2140  3.3 -0.8 -0.1 18.0  6.0  3.0  4.5  2.0
620000000  222  1.6  0.2  0.8  0.5  0.5  6.0  1.5  2.0
630000000  728  4.0  0.2  0.7  2.0  3.0 13.0  3.5  6.0
710000000 1510 11.0  1.0  0.2  9.0 20.0  5.0 11.0  1.5
750000000 2260 20.6  1.0  0.1 11.0 12.0 12.0 10.0  1.5
790000000 1250  3.0 -0.2  0.3  8.5  6.5  3.0  3.5  1.5
"""

COLUMNS = ("pop", "grp", "dev", "ind", "deficit", "housing", "export", "invest", "ghg")


def _parse(rows: str) -> dict[str, dict[str, Decimal]]:
    out = {}
    for line in rows.strip().splitlines():
        kato, *values = line.split()
        out[kato] = dict(zip(COLUMNS, (D(v) for v in values), strict=True))
    return out


REGION_PROFILE: dict[str, dict[str, Decimal]] = _parse(_REGION_ROWS)

# Districts and cities of oblast significance of the two regions with a development plan in the demo:
# population (thousand) and development index.
_DISTRICT_ROWS = """
351000000 500  0.6
351600000  73  0.2
352100000  10  0.0
352200000  46  0.0
352400000 177  0.3
352800000  53 -0.1
353200000  52  0.0
353600000  16 -0.6
354000000  58 -0.3
354800000  36 -0.6
355200000  22 -0.5
355600000  28 -0.4
356400000  40 -0.5
611000000 230  0.5
611600000  80  0.1
612000000 100  0.2
613600000  54 -0.3
613800000 185 -0.2
613900000 155 -0.3
614000000 115 -0.2
614400000 130 -0.1
614600000 125 -0.1
614800000  58 -0.4
615200000 340  0.1
615400000 215  0.0
615500000 110 -0.2
615600000  65 -0.3
615800000 125 -0.2
616000000 110 -0.2
616400000  80 -0.3
"""

DISTRICT_PROFILE: dict[str, dict[str, Decimal]] = {
    kato: {"pop": D(pop), "dev": D(dev)}
    for kato, pop, dev in (line.split() for line in _DISTRICT_ROWS.strip().splitlines())
}
