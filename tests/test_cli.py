"""The gcmdash command line: exit codes, JSON shape, and the same figures as the app."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from gcmdash.cli import main
from tests.conftest import valid_sheets


def _run(*args: str) -> subprocess.CompletedProcess:
    # Through the installed entry point's module, as an analyst's shell would run it.
    return subprocess.run([sys.executable, "-m", "gcmdash.cli", *args], capture_output=True, text=True, timeout=120)


def test_validate_valid_file_exits_0(workbook, capsys):
    path = workbook(valid_sheets())
    assert main(["validate", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {k: report[k] for k in ("valid", "errors", "error_count")} == {"valid": True, "errors": [], "error_count": 0}
    assert set(report) == {"valid", "errors", "error_count", "to_confirm", "compared_with"}


def test_validate_invalid_file_exits_1_with_located_errors(workbook, capsys):
    sheets = valid_sheets()
    sheets["Practices"][1][2] = "2; 31"
    path = workbook(sheets)
    assert main(["validate", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False and report["error_count"] == 1
    (error,) = report["errors"]
    assert set(error) == {"sheet", "row", "column", "code", "message", "value"}
    assert (error["sheet"], error["row"], error["column"], error["code"]) == (
        "Practices",
        2,
        "GCM objectives",
        "objective_out_of_range",
    )


def test_validate_unreadable_file_exits_2(tmp_path, capsys):
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 200)
    assert main(["validate", str(path), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["errors"][0]["code"] == "not_a_spreadsheet"


def test_validate_missing_path_exits_2(tmp_path):
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 2


def test_validate_human_report_lists_sheet_row_and_column(workbook):
    sheets = valid_sheets()
    sheets["Practices"][1][3] = "Atlantis"
    result = _run("validate", str(workbook(sheets)))
    assert result.returncode == 1
    assert "Practices row 2 [Countries]: error unknown_country" in result.stdout


def test_summary_json_for_the_bundled_data():
    result = _run("summary", "--region", "ECE", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout)
    assert figures["region"] == "ECE"
    assert (figures["practices"], figures["pledges"], figures["country_networks"]) == (70, 93, 15)


def test_summary_text_writes_counts_as_integers_and_money_in_the_one_format():
    result = _run("summary", "--region", "ECE")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = {line.split(":", 1)[0].strip(): line.split(":", 1)[1] for line in result.stdout.splitlines()[1:]}
    figures = json.loads(_run("summary", "--region", "ECE", "--json").stdout)
    assert lines["Practices"].startswith(f" {figures['practices']} · Brief")
    assert lines["Pledges"].startswith(f" {figures['pledges']} · Brief")
    millions = round(figures["contributions_usd"] / 1e6, 1)
    assert lines["M-MPTF contributions"].startswith(f" USD {millions:g} million · Brief")
    assert "over USD 56 million" in lines["M-MPTF contributions"]
    assert lines["Target mobilised"].startswith(f" {figures['mobilised_pct']:.1f}% (USD ")
    assert not re.search(r"\d\.0\b(?!%)|\d[MK]\b|\d USD", result.stdout), result.stdout  # no 70.0, $20M, 5 USD


def test_template_command_writes_a_workbook(tmp_path):
    out = tmp_path / "template.xlsx"
    assert main(["template", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_validate_refuses_an_oversized_file_before_reading_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GCMDASH_MAX_UPLOAD_MB", "1")
    path = tmp_path / "huge.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 400_000)
    assert main(["validate", str(path), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["errors"][0]["code"] == "file_too_large"


def test_validate_a_folder_with_no_spreadsheet_exits_2_instead_of_valid(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not a spreadsheet")
    assert main(["validate", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "valid" not in captured.out and "No spreadsheet" in captured.err


def test_template_into_a_missing_folder_exits_2_with_a_message(tmp_path):
    done = _run("template", str(tmp_path / "no" / "such" / "template.xlsx"))
    assert done.returncode == 2 and "No such folder" in done.stderr and "Traceback" not in done.stderr


def test_one_error_and_one_row_are_written_in_the_singular(workbook):
    sheets = valid_sheets()
    sheets["Practices"][1][2] = "2; 31"
    done = _run("validate", str(workbook(sheets)))
    assert "NOT valid: 1 error, 0 warnings" in done.stdout
    assert re.search(r"Practices: 1 row, read as practices", done.stdout), done.stdout


def test_summary_shows_the_published_version_the_app_shows():
    done = _run("summary", "--region", "ECE")
    assert done.returncode == 0, done.stderr
    assert re.search(r"— published version \d+ of .* · content [0-9a-f]{12}", done.stdout.splitlines()[0])
    figures = json.loads(_run("summary", "--region", "ECE", "--json").stdout)
    assert figures["shown"].startswith("published version ")


def test_output_piped_into_head_ends_quietly(monkeypatch):
    # `gcmdash summary | head -n 1`: the reader has gone, so every write fails with a broken pipe.
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    closed = os.fdopen(write_end, "w", buffering=1)
    monkeypatch.setattr(sys, "stdout", closed)
    try:
        assert main(["summary", "--region", "ECE"]) == 0
    finally:
        monkeypatch.undo()


def test_help_and_argument_errors_answer_without_loading_the_data_stack():
    # Before: `gcmdash --help` imported pandas, openpyxl and the loaders (1.1 s, longer than importing pandas).
    probe = (
        "import sys\nfrom gcmdash.cli import main\n"
        "for argv in (['--help'], ['summary', '--region', 'XX'], ['validate']):\n"
        "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'openpyxl', 'streamlit', 'psycopg') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
    assert "invalid choice: 'XX'" in done.stderr


def test_a_folder_is_searched_for_every_spreadsheet_kind_but_notes(tmp_path):
    from gcmdash.ingest.loading import expand

    for name in ("a.xlsx", "b.ods", "c.csv", "d.TSV", "read-me.txt", "~$a.xlsx", "chart.png"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in expand([tmp_path])] == ["a.xlsx", "b.ods", "c.csv", "d.TSV"]
    assert [p.name for p in expand([tmp_path / "read-me.txt"])] == ["read-me.txt"]  # named: read


def test_summary_json_gives_each_figure_beside_its_published_value_and_the_worldwide_context():
    figures = json.loads(_run("summary", "--region", "ECE", "--json").stdout)
    money = figures["figures"]["contributions_usd"]
    assert money["value"] == figures["contributions_usd"]  # the same computed value as the flat key
    assert (money["published"], money["qualifier"], money["as_of"], money["unit"]) == (
        56_000_000,
        "Over",
        "2024-03-01",
        "USD",
    )
    assert money["differs"] is False and money["source"].startswith("https://")
    world = figures["worldwide"]
    assert {m: world[m]["published"] for m in world} == {
        "joint_programmes_funded": 21,
        "capitalisation_target_usd": 150_000_000,
        "contributors": 21,
    }
    assert world["capitalisation_target_usd"]["value"] is None  # a target is set, not computed from records
    text = _run("summary", "--region", "ECE").stdout
    assert "M-MPTF capitalisation target: USD 150 million (brief, 1 March 2024)" in text
    assert "mobilized" not in text + json.dumps(figures)


def test_implausible_values_are_warnings_in_validate_and_need_confirm_to_publish(tmp_path, monkeypatch, capsys):
    from pathlib import Path

    from gcmdash.store.versions import Store

    corpus = Path(__file__).parent / "fixtures" / "bad"
    monkeypatch.setenv("GCMDASH_STORE_DIR", str(tmp_path))
    published, wrong = str(corpus / "plausible_published.xlsx"), str(corpus / "implausible_amounts_100x.xlsx")
    # Against the bundled data (version 1) the small set is itself implausible: confirmed, it becomes version 2.
    assert main(["publish", published, "--note", "small set", "--confirm", "--as", "ana"]) == 0
    capsys.readouterr()
    assert main(["validate", wrong, "--json"]) == 0  # read as written: valid, with values to check
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True and report["compared_with"] == "published version 2"
    assert {i["code"] for i in report["to_confirm"]} == {"figure_jump", "share_over_100", "amount_outlier"}
    assert main(["publish", wrong, "--note", "amounts", "--as", "ana"]) == 1
    captured = capsys.readouterr()
    assert "amount_outlier" in captured.out and "--confirm" in captured.err
    assert Store.from_settings().current_number() == 2  # nothing published
    assert main(["publish", wrong, "--note", "amounts, checked", "--as", "ana", "--confirm"]) == 0
    assert Store.from_settings().current_number() == 3
