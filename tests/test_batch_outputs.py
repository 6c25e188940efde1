"""`veille batch` as a researcher uses it: tables of quotes, Parquet, input columns carried through, and the
safety rails that keep earlier work and inputs from being clobbered."""

import csv
import json

import jsonschema
import pytest
from typer.testing import CliRunner

from veille.apps.cli import app
from veille.record import json_schema

VALIDATOR = jsonschema.Draft202012Validator(json_schema())

RECORDS = [
    {"guid": "n1", "contenu": "Le conseil a voté le budget des écoles. « Nous rénoverons douze classes », a "
                              "promis la maire, Odile Perret. « Les travaux commencent en juin », a-t-elle "
                              "ajouté.", "titre": "=HYPERLINK(\"http://x\")", "parution": "2026-03-02",
     "outlet": "La Gazette du Port"},
    {"guid": "n2", "contenu": "Le club a gagné samedi. L'entraîneur, Paul Brun, a assuré que l'équipe "
                              "jouerait la montée.", "titre": "Victoire", "parution": "2026-03-03",
     "outlet": "+Sport"},
    {"guid": "n3", "contenu": "", "titre": "Vide", "parution": "2026-03-04", "outlet": "Le Soir du Nord"},
]
FIELDS = ["--text-field", "contenu", "--id-field", "guid", "--title-field", "titre",
          "--date-field", "parution"]


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def run(models_dir, *args, input=None):
    return CliRunner().invoke(app, ["batch", *map(str, args), "--workers", "1", "--models", str(models_dir)],
                              input=input)


def test_quotes_csv_has_one_row_per_quote_with_article_columns_and_kept_fields(models_dir, export, tmp_path):
    out = tmp_path / "quotes.csv"
    result = run(models_dir, export, "-o", out, "--format", "quotes-csv", *FIELDS,
                 "--keep-fields", "outlet")
    assert result.exit_code == 1  # n3 is empty: an error, still one row
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    quotes = [row for row in rows if not row["error"]]
    assert [row["article_id"] for row in quotes] == ["n1", "n1", "n2"]
    first = quotes[0]
    assert (first["speaker"], first["type"], first["date"]) == ("Odile Perret", "direct", "2026-03-02")
    assert first["text"] == "Nous rénoverons douze classes" and first["outlet"] == "La Gazette du Port"
    # Cells a spreadsheet would run as formulas are plain text.
    assert first["title"] == "'=HYPERLINK(\"http://x\")"
    assert quotes[2]["outlet"] == "'+Sport"
    assert [row["article_id"] for row in rows if row["error"]] == ["n3"]


def test_records_carry_title_date_and_kept_fields(models_dir, export, tmp_path):
    out = tmp_path / "out.jsonl"
    run(models_dir, export, "-o", out, *FIELDS, "--keep-fields", "outlet")
    # Refusals are written as soon as reached, analysed articles as they come back: sort by id.
    records = sorted((json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()),
                     key=lambda r: r["id"])
    assert [r["id"] for r in records] == ["n1", "n2", "n3"]
    assert records[1]["title"] == "Victoire" and records[1]["date"] == "2026-03-03"
    assert records[1]["fields"] == {"outlet": "+Sport"}  # JSON is data: not neutralised
    for record in records:
        VALIDATOR.validate(record)


def test_parquet_tables_of_articles_and_quotes(models_dir, export, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    articles, quotes = tmp_path / "a.parquet", tmp_path / "q.parquet"
    run(models_dir, export, "-o", articles, "--format", "parquet", *FIELDS, "--keep-fields", "outlet")
    run(models_dir, export, "-o", quotes, "--format", "quotes-parquet", *FIELDS)
    table = sorted(pq.read_table(articles).to_pylist(), key=lambda row: row["id"])
    assert [row["id"] for row in table] == ["n1", "n2", "n3"]
    assert table[0]["quotes"] == 2 and table[0]["outlet"] == "La Gazette du Port"
    rows = pq.read_table(quotes).to_pylist()
    assert sorted(row["speaker"] for row in rows if row["speaker"]) == ["Odile Perret", "Odile Perret",
                                                                        "Paul Brun"]
    assert [row["error"] for row in rows if row["error"]] == ["empty: no text in field 'contenu'"]


def test_an_existing_output_is_kept_unless_forced(models_dir, export, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "earlier work"}\n', encoding="utf-8")
    result = run(models_dir, export, "-o", out, *FIELDS)
    assert result.exit_code == 1 and "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == '{"id": "earlier work"}\n'
    run(models_dir, export, "-o", out, *FIELDS, "--force")
    assert "earlier work" not in out.read_text(encoding="utf-8")


def test_a_wrong_text_field_is_caught_before_any_work(models_dir, export, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run(models_dir, export, "-o", out, "--text-field", "texte", "--id-field", "guid")
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert "no field 'texte'" in message and "contenu" in message
    assert not out.exists()


def test_a_glob_that_matches_nothing_fails_and_writes_nothing(models_dir, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.txt").write_text("Un texte.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(models_dir, folder, "-o", out, "--glob", "*.html")
    assert result.exit_code == 1 and "no file matches --glob '*.html'" in result.stderr
    assert not out.exists()


def test_the_output_may_not_be_an_input(models_dir, export, tmp_path):
    before = export.read_text(encoding="utf-8")
    result = run(models_dir, export, "-o", export, *FIELDS, "--force")
    assert result.exit_code == 1 and "is the input" in result.stderr
    assert export.read_text(encoding="utf-8") == before
    inside = run(models_dir, tmp_path, "-o", tmp_path / "out.jsonl")
    assert inside.exit_code == 1 and "inside the input" in inside.stderr


def test_stdin_is_read_as_json_lines(models_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    lines = "".join(json.dumps({"id": f"s{i}", "text": r["contenu"]}, ensure_ascii=False) + "\n"
                    for i, r in enumerate(RECORDS[:2]))
    result = run(models_dir, "-", "-o", out, input=lines)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["s0", "s1"]


def test_resume_retries_error_lines_on_request_leaving_one_line_per_item(models_dir, export, tmp_path):
    out = tmp_path / "out.jsonl"
    run(models_dir, export, "-o", out, *FIELDS)
    fixed = [dict(r, contenu=r["contenu"] or "Le port a rouvert lundi après les travaux.") for r in RECORDS]
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in fixed), encoding="utf-8")
    plain = run(models_dir, export, "-o", out, *FIELDS, "--resume")
    assert plain.exit_code == 0 and "3 skipped" in plain.stderr  # an error line counts as done
    retried = run(models_dir, export, "-o", out, *FIELDS, "--resume", "--retry-errors")
    assert retried.exit_code == 0, retried.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == ["n1", "n2", "n3"]
    assert not any("error" in r for r in records)


def test_resume_is_refused_for_parquet_and_retry_needs_resume(models_dir, export, tmp_path):
    parquet = run(models_dir, export, "-o", tmp_path / "a.parquet", "--format", "parquet", "--resume")
    assert parquet.exit_code == 2 and "--resume works with jsonl and csv" in parquet.stderr
    alone = run(models_dir, export, "-o", tmp_path / "a.jsonl", "--retry-errors")
    assert alone.exit_code == 2 and "goes with --resume" in alone.stderr


def test_quiet_prints_nothing_and_verbose_lists_the_failed_items(models_dir, export, tmp_path):
    quiet = run(models_dir, export, "-o", tmp_path / "q.jsonl", *FIELDS, "-q")
    assert quiet.exit_code == 1 and quiet.stderr == ""
    verbose = run(models_dir, export, "-o", tmp_path / "v.jsonl", *FIELDS, "-v")
    assert "export.jsonl:3: empty: no text in field 'contenu'" in verbose.stderr


def test_html_format_writes_one_page_with_every_article(models_dir, export, tmp_path):
    out = tmp_path / "page.html"
    run(models_dir, export, "-o", out, "--format", "html", *FIELDS)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Odile Perret" in page and "Paul Brun" in page and "Victoire" in page
    assert "empty" in page  # the empty item's error line
