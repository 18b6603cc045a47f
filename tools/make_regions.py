"""Write bot/data/places/regions.csv: the states and provinces of the countries the fact base has rules for, each
with the law that applies there, from ISO 3166-2 as pycountry packages it.

    pip download pycountry==26.2.16 --no-deps -d /tmp/pyc && unzip -q -o /tmp/pyc/*.whl -d /tmp/pyc
    PYTHONPATH=/tmp/pyc python tools/make_regions.py

Source: ISO 3166-2 subdivision names, as packaged by pycountry 26.2.16 (LGPL-2.1; its data comes from Debian's
iso-codes). A worker names their state or province ("WARN notice in Texas", "group termination in British
Columbia"), not always their country. Where the country's law applies in all its regions (a US state without rules
of its own: federal WARN applies; India's, Australia's, Germany's, China's national laws), the region is a
place of that law, as a city is (tools/make_cities.py). Where the country's employment law is its provinces' own
(Canada: the Canada Labour Code governs federally regulated employers only), a province the base holds no rules of
is written with an empty `jurisdiction`: the bot says it has nothing sourced there, never the federal rule.

Kept: top-level subdivisions only; a name is left out when it is a country's name (Georgia), names a top-level
subdivision of another country too (Punjab: India's and Pakistan's), is one everyday English word (EVERYDAY or more uses
in pyspellchecker's English frequency list, as for cities; "British Columbia" is no everyday phrase though "british"
is a common word) or is shorter than four letters (Goa). China's regions are named without their type ("Guangdong" of
"Guangdong Sheng"); Hong Kong, Macao and Taiwan, whose laws are not mainland China's, are left out. Japan's
prefectures are left out: most are named for their capital, a city (tools/make_cities.py), and some are everyday
words (Saga, Nara).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

EVERYDAY = 2_000
OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "places" / "regions.csv"
# ISO country code -> the base's jurisdiction whose law applies in its regions ("" where the regions have their own)
NATIONAL = {"US": "us", "AU": "au", "IN": "in", "CN": "cn", "DE": "de"}
OWN_LAW = {"CA": "ca-fed"}  # the country's jurisdiction in the base, whose law its provinces' employers mostly escape
HELD = {"US-CA": "us-ca", "US-NY": "us-ny", "CA-ON": "ca-on"}  # regions with rules of their own in the base
LEFT_OUT = {"CN-HK", "CN-MO", "CN-TW"}
_CHINESE_TYPE = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu)$")


def main() -> None:
    sys.path.insert(0, str(OUT.parents[3]))
    import pycountry
    from babel import Locale
    from spellchecker import SpellChecker

    from bot.text import normalize

    frequency = SpellChecker(language="en", distance=1).word_frequency
    countries = {normalize(name) for name in Locale.parse("en").territories.values()}
    top = [s for s in pycountry.subdivisions if s.parent_code is None]
    shared = Counter(normalize(s.name) for s in top)
    rows = []
    for region in top:
        country = region.country_code
        if (country not in NATIONAL and country not in OWN_LAW) or region.code in LEFT_OUT:
            continue
        written = _CHINESE_TYPE.sub("", region.name) if country == "CN" else region.name
        name = normalize(written)
        if (name in countries or shared[normalize(region.name)] > 1 or len(name) < 4
                or (" " not in name and frequency[name] >= EVERYDAY)):
            continue
        jurisdiction = HELD.get(region.code, NATIONAL.get(country, ""))
        rows.append((name, jurisdiction, NATIONAL.get(country) or OWN_LAW[country], region.code, written))
    rows.sort(key=lambda row: (row[2], row[0]))
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "jurisdiction", "country", "iso", "written"])
        writer.writerows(rows)
    print(f"Wrote {OUT}: {len(rows)} names")


if __name__ == "__main__":
    main()
