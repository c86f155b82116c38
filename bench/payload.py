"""Part 4 — bytes sent to the browser: the Map page's deck JSON (what st.pydeck_chart sends), for ECE and all
regions, on the large and the bundled data; and the Arrow bytes of the Practices page's records table
(st.dataframe), which sends one page of records (GCMDASH_TABLE_PAGE_ROWS) on every rerun that changes it.
"""

from __future__ import annotations

import logging

from bench import generate
from bench.common import Result

PART = "4 payload"
TARGET_BYTES = 1_000_000


def measure(data, label: str) -> list[Result]:
    from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes

    from gcmdash import settings
    from gcmdash.model.filters import Filters
    from gcmdash.render import map_facts, map_layers, maps
    from gcmdash.views import pages as views
    from gcmdash.views import tables
    from gcmdash.views.people import records_for_people

    layers = [layer.label for layer in map_layers.LAYERS]
    out = []
    for region in ("ECE", None):
        f = Filters(region=region)
        facts = map_facts.country_facts(data, f)
        size = len(maps.deck(facts, layers, "practices", region).to_json())
        out.append(
            Result(
                PART,
                f"map deck JSON, {region or 'All'}, {label}",
                size / 1e6,
                "MB",
                "< 1 MB",
                size < TARGET_BYTES,
                f"{len(facts)} countries shaded",
            )
        )
    logging.getLogger("streamlit.dataframe_util").setLevel(logging.ERROR)  # its fallback logs a traceback
    for region in ("ECE", None):
        records = views.practices(data, Filters(region=region)).records
        page = tables.page_of(len(records), settings.get("table_page_rows"), 1)
        shown = records.iloc[page.start : page.stop]
        size = len(convert_pandas_df_to_arrow_bytes(tables.for_display(records_for_people("practices", shown))))
        out.append(
            Result(
                PART,
                f"Practices table Arrow, {region or 'All'}, {label}",
                size / 1e6,
                "MB",
                "< 1 MB",
                size < TARGET_BYTES,
                f"{len(shown):,} of {len(records):,} rows sent per rerun",
            )
        )
    return out


def run() -> list[Result]:
    out = []
    for scale in ("large", "bundled"):
        result = generate.load(scale)
        assert result.valid
        out += measure(result.dataset, scale)
    return out


if __name__ == "__main__":
    from bench.common import table

    print(table(run()))
