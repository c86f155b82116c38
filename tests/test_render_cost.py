"""What keeps a script run cheap: memoised constants and charts, cached Vega-Lite specs, a frozen heap.

The charts must stay exactly what st.altair_chart would send: same spec, same data, clickable bars still select.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from gcmdash.model import heap, memo
from gcmdash.render import charts


def _frame(records: int = 3) -> pd.DataFrame:
    return charts.objective_frame(pd.Series({1: records, 2: 5, 7: 1}), [2])


# --- memo ---------------------------------------------------------------------------------------------------------


def test_by_content_tells_frames_apart_by_values_names_and_index():
    @memo.by_content()
    def same(value):
        return object()

    base = pd.Series([1, 2], index=["x", "y"], name="records")
    assert same(base) is same(base.copy())
    assert same(base) is not same(pd.Series([1, 3], index=["x", "y"], name="records"))
    assert same(base) is not same(pd.Series([1, 2], index=["x", "z"], name="records"))
    assert same(base) is not same(base.rename("pledges"))
    assert same(base.to_frame()) is not same(base.to_frame().rename(columns={"records": "other"}))


def test_caches_are_bounded():
    @memo.by_content(size=2)
    def made(value):
        return object()

    first = made(1)
    made(2)
    made(3)  # pushes 1 out
    assert made(1) is not first
    assert len(made.cache.entries) == 2


def test_by_identity_never_confuses_two_objects():
    @memo.by_identity(size=4)
    def tag(obj, suffix):
        return f"{obj}{suffix}"

    a, b = [1], [2]
    assert tag(a, "!") == "[1]!"
    assert tag(b, "!") == "[2]!"
    assert tag(a, "?") == "[1]?"


# --- charts -------------------------------------------------------------------------------------------------------


def test_equal_numbers_give_the_same_chart_and_other_numbers_another():
    first = charts.objective_bars(_frame(), "Practices", selection="pick_objective")
    assert charts.objective_bars(_frame(), "Practices", selection="pick_objective") is first
    assert charts.objective_bars(_frame(4), "Practices", selection="pick_objective") is not first
    assert charts.objective_bars(_frame(), "Pledges", selection="pick_objective") is not first
    assert charts.objective_bars(_frame(), "Practices") is not first


def test_a_memoised_chart_is_left_as_it_was_by_theming_and_export():
    from gcmdash.render import exports
    from gcmdash.ui import blocks

    chart = charts.category_bars(pd.Series({"IOM": 3, "UNHCR": 1}), "implementer_type", "Practices", "Implementer")
    before = chart.to_dict()
    blocks.themed(chart, True)
    exports.chart_svg(chart)
    assert chart.to_dict() == before


# --- heap ---------------------------------------------------------------------------------------------------------


def test_freeze_once_per_key():
    thresholds = gc.get_threshold()
    try:
        assert heap.freeze_once("test-version page") is True
        assert gc.get_freeze_count() > 0 and gc.get_threshold() == heap.THRESHOLDS
        assert heap.freeze_once("test-version page") is False
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


# --- what Streamlit receives --------------------------------------------------------------------------------------


def _drawn(script) -> AppTest:
    app = AppTest.from_function(script, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def _through_altair_chart():
    import pandas as pd
    import streamlit as st

    from gcmdash.render import charts
    from gcmdash.ui import blocks

    frame = pd.DataFrame({"year": [2020, 2021, 2021], "pledges": [2, 3, 1], "kind": ["A", "A", "B"]})
    for _ in range(2):  # twice: the second time from the cache, which must come out the same
        chart = charts.yearly_bars(frame, "pledges", "Pledges", "Pledges per year", color="kind")
        st.altair_chart(blocks.themed(chart), width="stretch")


def _through_the_cache():
    import pandas as pd

    from gcmdash.render import charts
    from gcmdash.ui import blocks

    frame = pd.DataFrame({"year": [2020, 2021, 2021], "pledges": [2, 3, 1], "kind": ["A", "A", "B"]})
    for _ in range(2):
        blocks.chart(charts.yearly_bars(frame, "pledges", "Pledges", "Pledges per year", color="kind"))


def test_cached_specs_are_what_st_altair_chart_sends():
    expected = [e.proto for e in _drawn(_through_altair_chart).get("vega_lite_chart")]
    got = [e.proto for e in _drawn(_through_the_cache).get("vega_lite_chart")]
    assert len(expected) == len(got) == 2
    for want, have in zip(expected, got, strict=True):
        # The same spec, but for where the table goes: st.altair_chart names it in the spec; the cached template's
        # spec leaves data out and the table travels beside it (the chart's one, top-level data either way).
        wanted = json.loads(want.spec)
        assert wanted.pop("data") == {"name": want.datasets[0].name}
        assert json.loads(have.spec) == wanted
        assert not have.datasets and [have.data.data] == [d.data.data for d in want.datasets]
    # Streamlit patches a colour legend's null title in place: on a copy, never on the spec shared by all sessions.
    from gcmdash.ui import blocks

    # Charts drawn by earlier tests share the cache; those without a colour legend (legend: null) have no title.
    legends = [
        spec["encoding"]["color"].get("legend")
        for _, spec in blocks._vega_lite.cache.entries.values()
        if "color" in spec.get("encoding", {})
    ]
    legends = [legend for legend in legends if legend is not None]
    assert legends and all(legend["title"] is None for legend in legends)


def _clickable():
    import pandas as pd
    import streamlit as st

    from gcmdash.render import charts
    from gcmdash.ui import blocks, picks

    frame = charts.objective_frame(pd.Series({1: 3, 2: 5}), [2])
    blocks.chart_block(
        charts.objective_bars(frame, "Practices", selection="pick_objective"), frame, "objectives", clickable=True
    )
    st.write(picks.clicked("objectives", "pick_objective", "objective"))


def test_clickable_charts_stay_selection_widgets():
    app = _drawn(_clickable)
    (element,) = app.get("vega_lite_chart")
    assert element.proto.id, "a chart with on_select is a widget with an id"
    assert list(element.proto.selection_mode) == ["pick_objective"]


@pytest.mark.parametrize("page", ["pages/practices.py", "pages/pledges.py", "pages/funding.py"])
def test_pages_draw_each_chart_once_with_data(page):
    app = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    app.query_params["region"] = "ECE"
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    drawn = app.get("vega_lite_chart")
    # Each chart carries its table: beside a cached template's spec, or named in the spec of a chart drawn whole.
    assert drawn and all(e.proto.data.data or (e.proto.datasets and e.proto.datasets[0].data.data) for e in drawn)
    assert any(e.proto.data.data and '"data"' not in e.proto.spec for e in drawn), "templates are in use"
