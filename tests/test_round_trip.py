"""The bundled workbook survives the trips analysts make: through LibreOffice (xlsx → ods → xlsx, with Debian's
LibreOffice Calc, which `make test` installs) and out of the app's own downloads (CSV and XLSX) and back in. Each time
it validates with every record and every region's figures unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gcmdash.ingest.loading import load_files, load_paths
from gcmdash.model import regions
from gcmdash.model.dataset import Dataset
from gcmdash.model.dataset_specs import DATASETS
from gcmdash.render import exports
from gcmdash.views import changes, metrics
from gcmdash.views.people import records_for_people

WORKBOOK = Path(__file__).resolve().parent.parent / "data" / "gcm-data.xlsx"


@pytest.fixture(scope="module")
def original() -> Dataset:
    return load_paths([WORKBOOK], complete=True).dataset


def _same(original: Dataset, result) -> None:
    assert result.valid and not result.issues, result.issues[:3]
    back = result.dataset
    moved = [c for c in changes.dataset_changes(original, back) if not c.unchanged]
    assert not moved, [(c.sheet, c.added[:2], c.removed[:2], c.edits[:2]) for c in moved]
    for region in (*regions.REGIONS, metrics.ALL):
        assert metrics.figure_values(metrics.summary(back, region)) == metrics.figure_values(
            metrics.summary(original, region)
        ), region


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:  # an error, not a skip: `make test` installs it
        pytest.fail(
            "LibreOffice Calc is needed (Debian's libreoffice-calc-nogui; `make test` installs it)", pytrace=False
        )
    return found


def _convert(source: Path, to: str, outdir: Path, profile: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(profile)},
    )
    converted = outdir / f"{source.stem}.{to}"
    assert converted.exists(), f"LibreOffice wrote no {converted.name}"
    return converted


def test_through_libreoffice_xlsx_to_ods_to_xlsx(original, tmp_path):
    profile = tmp_path / "profile"
    ods = _convert(WORKBOOK, "ods", tmp_path / "ods", profile)
    _same(original, load_paths([ods], complete=True))
    back = _convert(ods, "xlsx", tmp_path / "xlsx", profile)
    _same(original, load_paths([back], complete=True))


def test_out_of_the_apps_downloads_and_back(original):
    # What the pages' buttons give for every record: the spreadsheet format's sheets and headers, countries by name.
    sheets = {spec.sheet: records_for_people(spec.key, original[spec.key]) for spec in DATASETS}
    _same(original, load_files([("gcmdash-download.xlsx", exports.xlsx_bytes(sheets))], complete=True))
    csvs = [
        (f"{spec.key}.csv", exports.csv_bytes(frame)) for spec, frame in zip(DATASETS, sheets.values(), strict=True)
    ]
    _same(original, load_files(csvs, complete=True))
