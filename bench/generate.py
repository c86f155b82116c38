"""Seeded generator of large, valid data sets in gcmdash's own spreadsheet format, cached as .xlsx under /tmp.

Usage::

    .venv/bin/python -m bench.generate [--scale large|bundled|reading] [--check]

Scales (rows per dataset):

* ``bundled``: the bundled workbook ``data/gcm-data.xlsx`` itself (250 practices, 214 pledges, ...).
* ``large``: 100,000 practices, 50,000 pledges, 10,000 joint programmes and 20,000 contributions across the
  countries of all five regions, with the bundled country activities and brief figures.
* ``reading``: one sheet only, 50,000 practices (the reading benchmark).

Contributions are unique per (contributor, year) and years run from 2018 to 2100 (the schema's bounds), i.e. at
most 83 years per contributor. The 193 UN Member States give 16,019 pairs; to reach 20,000 the generator also
uses the other current countries and areas gcmdash knows (250 in all: 20,750 pairs possible). That is more
than any real M-MPTF ledger but valid in the format, and it makes the year filter span 1990-2100.

Rows are built directly from the schema's vocabularies (objectives 1-23, actor types, scopes, pledge kinds and
forms, programme statuses, thematic areas, guiding principles) with ``random.Random(seed)``, so the same seed
gives the same rows. Countries are written the way analysts write them: mostly UN names, sometimes ISO3 codes.
The workbook is written with openpyxl's write-only mode, atomically, and reused while it exists.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gcmdash.model import countries, framework, regions  # noqa: E402
from gcmdash.model.dataset_specs import DATASETS  # noqa: E402
from gcmdash.model.vocabularies import (  # noqa: E402
    ACTOR_TYPES,
    PLEDGE_FORMS,
    PLEDGE_KINDS,
    PROGRAMME_STATUSES,
    SCOPES,
    THEMATIC_AREAS,
)

SEED = 2018
CACHE_DIR = Path(tempfile.gettempdir()) / "gcmdash-bench"
BUNDLED = ROOT / "data" / "gcm-data.xlsx"
SOURCE = "gcmdash benchmark generator (bench/generate.py)"

#: Rows per dataset at each scale; None: take the bundled rows.
SCALES: dict[str, dict[str, int | None]] = {
    "large": {"practices": 100_000, "pledges": 50_000, "programmes": 10_000, "contributions": 20_000},
    "reading": {"practices": 50_000},
}
YEARS = range(2018, 2101)  # the schema's bounds for contribution years

_THEMES = (
    "skills passports",
    "return and reintegration",
    "labour mobility",
    "migrant health",
    "data on migration",
    "legal identity",
    "consular support",
    "fair recruitment",
    "remittances",
    "integration of newcomers",
    "child protection",
    "border governance",
    "climate and mobility",
    "diaspora investment",
)
_PLACES = ("city", "province", "capital", "border area", "rural districts", "coastal towns")


def region_countries() -> list[str]:
    """ISO3 codes of every country or area in a region's coverage, sorted."""
    return sorted(set().union(*(regions.coverage(r) for r in regions.REGIONS)))


def _written(rng: random.Random, iso3: str) -> str:
    """A country as analysts write it: the UN name (ISO3 for one in ten, or when the name holds a comma)."""
    name = countries.country_name(iso3)
    return iso3 if "," in name or rng.random() < 0.1 else name


def _some(rng: random.Random, pool, low: int, high: int, weights=None) -> list:
    n = rng.randint(low, high)
    if weights is None:
        return rng.sample(list(pool), n)
    chosen: list = []
    while len(chosen) < n:
        pick = rng.choices(pool, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _country_list(rng: random.Random, pool: list[str], weights: list[float]) -> str:
    # Mostly one country; some practices span two or three (neighbours are not modelled).
    n = rng.choices((1, 2, 3), (80, 15, 5))[0]
    codes: list[str] = []
    while len(codes) < n:
        code = rng.choices(pool, weights)[0]
        if code not in codes:
            codes.append(code)
    return "; ".join(_written(rng, c) for c in codes)


def practices(rng: random.Random, n: int, pool: list[str], weights: list[float]) -> Iterator[list]:
    principles = framework.principles()
    objectives = list(framework.OBJECTIVE_NUMBERS)
    objective_weights = [3 if o in (2, 7, 15, 16, 17, 23) else 1 for o in objectives]
    for i in range(1, n + 1):
        start = rng.randint(2012, 2025)
        end = rng.choice((None, None, start + rng.randint(0, 6)))
        yield [
            f"PR-{i:06d}",
            f"{rng.choice(_THEMES).capitalize()} in the {rng.choice(_PLACES)} ({i})",
            "; ".join(str(o) for o in sorted(_some(rng, objectives, 1, 3, objective_weights))),
            _country_list(rng, pool, weights),
            rng.choice(SCOPES.values),
            "; ".join(_some(rng, ACTOR_TYPES.values, 1, 3)),
            "; ".join(_some(rng, principles, 0, 3)) or None,
            start,
            min(end, 2100) if end else None,
            f"https://migrationnetwork.un.org/practices/{i}",
            "Illustrative",
            SOURCE,
        ]


def pledges(rng: random.Random, n: int, pool: list[str], weights: list[float], practice_count: int) -> Iterator[list]:
    objectives = list(framework.OBJECTIVE_NUMBERS)
    for i in range(1, n + 1):
        country = rng.choices(pool, weights)[0]
        entity_type = rng.choices(ACTOR_TYPES.values, (45, 25, 5, 8, 6, 4, 3, 2, 1, 1))[0]
        entity = (
            f"Government of {countries.country_name(country)}"
            if entity_type == "Member State"
            else f"{entity_type} organisation {rng.randint(1, 5000)}"
        )
        related = f"PR-{rng.randint(1, practice_count):06d}" if practice_count and rng.random() < 0.2 else None
        yield [
            f"PL-{i:06d}",
            f"Pledge on {rng.choice(_THEMES)} ({i})",
            entity,
            entity_type,
            rng.choice(PLEDGE_KINDS.values),
            "; ".join(_some(rng, PLEDGE_FORMS.values, 1, 2)),
            "; ".join(str(o) for o in sorted(_some(rng, objectives, 1, 3))),
            _written(rng, country) if rng.random() < 0.9 else _country_list(rng, pool, weights),
            rng.randint(2018, 2025),
            related,
            None,
            "Illustrative",
            SOURCE,
        ]


def programmes(rng: random.Random, n: int, pool: list[str], weights: list[float]) -> Iterator[list]:
    for i in range(1, n + 1):
        yield [
            f"JP-{i:05d}",
            f"Joint programme on {rng.choice(_THEMES)} ({i})",
            _country_list(rng, pool, weights),
            rng.choices(PROGRAMME_STATUSES.values, (60, 40))[0],
            rng.choice(THEMATIC_AREAS.values),
            rng.randint(2018, 2025),
            rng.randrange(500_000, 5_000_000, 50_000),
            None,
            "Illustrative",
            SOURCE,
        ]


def contributors() -> list[str]:
    """Contributors in order of use: the 193 UN Member States first, then the other current countries and areas."""
    table = countries.country_table()
    members = sorted(table.loc[table["un_member"], "iso3"])
    others = sorted(table.loc[~table["un_member"], "iso3"])
    return members + others


def contributions(rng: random.Random, n: int) -> Iterator[list]:
    pairs = [(c, y) for c in contributors() for y in YEARS]
    if n > len(pairs):
        raise ValueError(f"at most {len(pairs)} contributions are unique per contributor and year, not {n}")
    # The first n pairs by year, so that every year has many contributors and most contributors many years.
    pairs.sort(key=lambda p: (p[1], p[0]))
    chosen = sorted(rng.sample(pairs, n), key=lambda p: (p[1], p[0]))
    for iso3, year in chosen:
        yield [_written(rng, iso3), year, rng.randrange(10_000, 20_000_000, 1_000), "Illustrative", SOURCE]


def _bundled_sheets() -> dict[str, tuple[list[str], list[list]]]:
    """Header and rows of every sheet of the bundled workbook (activities and figures are taken from it)."""
    import openpyxl

    book = openpyxl.load_workbook(BUNDLED, read_only=True)
    sheets = {}
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        sheets[sheet.title] = (list(rows[0]), [r for r in rows[1:] if any(v is not None for v in r)])
    book.close()
    return sheets


def path_for(scale: str, seed: int = SEED) -> Path:
    """Where the workbook of this scale is cached (the bundled scale is the bundled file itself)."""
    if scale == "bundled":
        return BUNDLED
    sizes = SCALES[scale]
    tag = "-".join(f"{k[:3]}{v}" for k, v in sizes.items())
    return CACHE_DIR / f"gcm-{scale}-{tag}-s{seed}.xlsx"


def write(scale: str, seed: int = SEED, path: Path | None = None) -> Path:
    """Write the workbook of this scale (atomically); returns its path."""
    import openpyxl

    sizes = SCALES[scale]
    path = path or path_for(scale, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pool = region_countries()
    # Some countries hold far more records than others, as in the Repository.
    weights = [rng.paretovariate(1.2) for _ in pool]
    book = openpyxl.Workbook(write_only=True)
    made: dict[str, Iterator[list]] = {}
    if "practices" in sizes:
        made["practices"] = practices(rng, sizes["practices"], pool, weights)
    if "pledges" in sizes:
        made["pledges"] = pledges(rng, sizes["pledges"], pool, weights, sizes.get("practices", 0))
    if "contributions" in sizes:
        made["contributions"] = contributions(rng, sizes["contributions"])
    if "programmes" in sizes:
        made["programmes"] = programmes(rng, sizes["programmes"], pool, weights)
    bundled = _bundled_sheets() if len(sizes) > 1 else {}
    for spec in DATASETS:
        if spec.key in made:
            sheet = book.create_sheet(spec.sheet)
            sheet.append([c.header for c in spec.columns])
            for row in made[spec.key]:
                sheet.append(row)
        elif spec.sheet in bundled:  # activities and figures: the bundled rows
            header, rows = bundled[spec.sheet]
            sheet = book.create_sheet(spec.sheet)
            sheet.append(header)
            for row in rows:
                sheet.append(row)
    partial = path.with_suffix(".partial")
    book.save(partial)
    partial.replace(path)
    return path


def ensure(scale: str, seed: int = SEED) -> Path:
    """The cached workbook of this scale, written first if missing."""
    path = path_for(scale, seed)
    if not path.exists():
        started = time.perf_counter()
        print(f"writing {path} …", file=sys.stderr, flush=True)
        write(scale, seed)
        print(
            f"  written in {time.perf_counter() - started:.0f} s ({path.stat().st_size / 2**20:.1f} MB)",
            file=sys.stderr,
            flush=True,
        )
    return path


def data_dir(scale: str, seed: int = SEED) -> Path:
    """A folder holding only this scale's workbook, usable as GCMDASH_DATA_DIR (the store seeds from it)."""
    source = ensure(scale, seed)
    folder = CACHE_DIR / f"data-{source.stem}"
    target = folder / "gcm-data.xlsx"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return folder


def load(scale: str, seed: int = SEED):
    """The LoadResult of this scale's workbook, validated as the app validates a published version."""
    from gcmdash.ingest.loading import load_files

    path = ensure(scale, seed)
    return load_files([(path.name, path.read_bytes())], complete=scale != "reading")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["bundled", *SCALES], default="large")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--check", action="store_true", help="validate with load_files (complete=True)")
    args = parser.parse_args()
    path = ensure(args.scale, args.seed)
    print(f"{path} {path.stat().st_size / 2**20:.1f} MB")
    if args.check:
        started = time.perf_counter()
        result = load(args.scale, args.seed)
        print(f"valid={result.valid} errors={result.error_count} in {time.perf_counter() - started:.1f} s")
        for issue in result.issues[:10]:
            print("  ", issue)
        if result.dataset is not None:
            print(
                {
                    k: len(result.dataset[k])
                    for k in ("practices", "pledges", "programmes", "contributions", "activities", "figures")
                }
            )
        if not result.valid:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
