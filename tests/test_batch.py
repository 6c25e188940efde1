"""Batch: every input item yields exactly one line carrying its id; bad items become error records."""

import io
import json
import tarfile
import zipfile

import pytest
from typer.testing import CliRunner

from veille.apps.batch import BatchOptions, run_batch
from veille.apps.cli import app

ARTICLE = ("À Namur, la ville rouvre la piscine du centre après huit mois de travaux. « Les nageurs "
           "retrouvent enfin un bassin chauffé », a déclaré l'échevine des Sports, Julie Maréchal, lundi.")


@pytest.fixture()
def local(analyzer):
    from veille.apps.workers import InProcess

    return InProcess(analyzer)


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_bytes(ARTICLE.replace("Namur", "Liège").encode("cp1252"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\x00\x00\x00binary\x00")
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"id": "r1", "text": ARTICLE}) + "\n{broken\n"
                      + json.dumps({"id": "r3", "body": "pas de texte"}) + "\n", encoding="utf-8")
    table = tmp_path / "export.csv"
    table.write_text(f'guid,contenu\nc1,"{ARTICLE}"\n', encoding="utf-8")
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("ok.txt", ARTICLE)
        handle.writestr("../escape.txt", ARTICLE)
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = 0o120777 << 16
        handle.writestr(link, "/etc/passwd")
    tarball = tmp_path / "archive.tar.gz"
    with tarfile.open(tarball, "w:gz") as handle:
        data = ARTICLE.encode()
        member = tarfile.TarInfo("dossier/t.txt")
        member.size = len(data)
        handle.addfile(member, io.BytesIO(data))
        hard = tarfile.TarInfo("dossier/lien.txt")
        hard.type = tarfile.SYMTYPE
        hard.linkname = "/etc/passwd"
        handle.addfile(hard)
        big = tarfile.TarInfo("dossier/big.txt")
        big.size = 5000
        handle.addfile(big, io.BytesIO(b"a " * 2500))
    return [folder, export, archive, tarball]


def test_one_line_per_item_with_error_records(local, inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = run_batch(local, inputs, out, "jsonl", BatchOptions(max_bytes=4000), resume=False)
    by_id = {line["id"]: line for line in lines(out)}
    folder, export, archive, tarball = inputs
    expected_ok = {str(folder / "a.txt"), str(folder / "sub" / "b.txt"), "r1",
                   f"{archive}!ok.txt", f"{tarball}!dossier/t.txt"}
    assert {i for i, line in by_id.items() if "error" not in line} == expected_ok
    errors = {i: line["error"]["type"] for i, line in by_id.items() if "error" in line}
    assert errors == {
        str(folder / "empty.txt"): "empty", str(folder / "image.txt"): "binary",
        f"{export}:2": "bad_record", "r3": "empty",
        f"{archive}!../escape.txt": "unsafe_member", f"{archive}!link.txt": "unsafe_member",
        f"{tarball}!dossier/lien.txt": "unsafe_member", f"{tarball}!dossier/big.txt": "too_large",
    }
    assert summary.written == len(by_id) == 13
    assert by_id["r1"]["quotes"][0]["speaker"] == "Julie Maréchal"


def test_csv_export_with_its_own_field_names(local, inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    run_batch(local, [inputs[0].parent / "export.csv"], out, "jsonl",
              BatchOptions(text_field="contenu", id_field="guid"), resume=False)
    assert [line["id"] for line in lines(out)] == ["c1"]


def test_resume_appends_only_what_is_missing(local, inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    folder = inputs[0]
    run_batch(local, [folder / "a.txt"], out, "jsonl", BatchOptions(), resume=False)
    with out.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "cut by a cra')  # a line interrupted mid-write
    summary = run_batch(local, [folder], out, "jsonl", BatchOptions(), resume=True)
    assert summary.skipped == 1
    ids = [line["id"] for line in map(json.loads, out.read_text().splitlines()[:1])]
    assert ids == [str(folder / "a.txt")]
    assert summary.written == 3


def test_resume_analyses_again_an_item_whose_text_changed(local, tmp_path):
    export = tmp_path / "export.jsonl"
    first = [{"id": "same", "text": ARTICLE}, {"id": "edited", "text": ARTICLE},
             {"id": "broken", "text": "   "}]
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in first), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch(local, [export], out, "jsonl", BatchOptions(), resume=False)
    second = [first[0], {"id": "edited", "text": ARTICLE.replace("lundi", "mardi")}, first[2],
              {"id": "new", "text": ARTICLE.replace("Namur", "Mons")}]
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in second), encoding="utf-8")
    summary = run_batch(local, [export], out, "jsonl", BatchOptions(), resume=True)
    assert summary.skipped == 2  # "same", and "broken" whose error is already on record
    written = lines(out)
    assert sorted(line["id"] for line in written[:3]) == ["broken", "edited", "same"]
    assert [line["id"] for line in written[3:]] == ["edited", "new"]
    edited = [line["text_sha256"] for line in written if line["id"] == "edited"]
    assert edited[0] != edited[1]


def test_exports_inside_archives_and_long_csv_fields(local, tmp_path):
    from veille.input.items import iter_items

    records = [{"id": "j1", "text": ARTICLE + "\u2028" + ARTICLE}, {"id": "j2", "text": ARTICLE}]
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    long_text = (ARTICLE + " ") * 700  # over the csv module's default 131,072-character field limit
    table = f'id,text\nc1,"{long_text}"\nc2,"{ARTICLE}"\n'.encode()
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("export.jsonl", jsonl)
    tarball = tmp_path / "exports.tar.gz"
    with tarfile.open(tarball, "w:gz") as handle:
        member = tarfile.TarInfo("export.csv")
        member.size = len(table)
        handle.addfile(member, io.BytesIO(table))
    items = list(iter_items([archive, tarball], BatchOptions()))
    assert [item.id for item in items] == ["j1", "j2", "c1", "c2"]
    assert all(item.error is None for item in items)
    assert len(items[2].record["text"]) == len(long_text)


def test_csv_output_flattens_one_row_per_article(local, inputs, tmp_path):
    import csv

    out = tmp_path / "out.csv"
    run_batch(local, [inputs[0]], out, "csv", BatchOptions(), resume=False)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4
    ok = next(row for row in rows if row["id"].endswith("a.txt"))
    assert ok["top_speakers"] == "Julie Maréchal" and ok["topics"]
    assert next(row for row in rows if row["id"].endswith("empty.txt"))["error"].startswith("empty")


def test_batch_command_exits_1_when_an_item_failed(models_dir, inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(inputs[0]), "-o", str(out), "--models", str(models_dir)])
    assert result.exit_code == 1
    assert "4 lines written" in result.stderr and "errors: " in result.stderr
    assert len(lines(out)) == 4


def test_two_workers_give_the_same_lines_as_one(local, models_dir, inputs, tmp_path):
    from veille.apps.workers import WorkerPool

    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch(local, inputs, one, "jsonl", BatchOptions(max_bytes=4000), resume=False)
    with WorkerPool(models_dir, 2) as pool:
        run_batch(pool, inputs, two, "jsonl", BatchOptions(max_bytes=4000), resume=False)

    def by_id(path):
        return {line["id"]: line for line in lines(path)}

    assert by_id(one) == by_id(two)


def test_workers_that_cannot_load_the_models_leave_the_output_alone(inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "earlier work"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(inputs[0]), "-o", str(out), "--workers", "2", "--force",
                                      "--models", str(tmp_path / "no-models")])
    assert result.exit_code == 1
    assert "no trained model in" in result.stderr and "veille train" in result.stderr
    assert out.read_text(encoding="utf-8") == '{"id": "earlier work"}\n'


def test_an_article_the_analysis_fails_on_becomes_an_error_record(analyzer, tmp_path):
    from veille.apps.workers import InProcess

    class FailsOnOneArticle:
        def analyze_stream(self, raws):
            raws = list(raws)
            if any("PANNE" in raw.text for raw, _ in raws):
                raise RuntimeError("a component broke")
            return analyzer.analyze_stream(raws)

    export = tmp_path / "export.jsonl"
    records = [{"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE + " PANNE"},
               {"id": "c", "text": ARTICLE.replace("Namur", "Mons")}]
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch(InProcess(FailsOnOneArticle()), [export], out, "jsonl", BatchOptions(), resume=False)
    written = {line["id"]: line for line in lines(out)}
    assert written["b"]["error"]["type"] == "analysis_failed"
    assert "a component broke" in written["b"]["error"]["message"]
    assert written["a"]["topics"] is not None and written["c"]["quotes"]
    assert summary.errors == {"analysis_failed": 1}


def test_batches_are_sized_by_text_length():
    from veille.apps.workers import length_batches
    from veille.input.decode import RawArticle

    lengths = [100] * 30 + [50_000] + [100] * 3
    articles = [(RawArticle(text="x" * n, id=str(i), source=str(i)), i) for i, n in enumerate(lengths)]
    sizes = [len(batch) for batch in length_batches(articles, max_chars=1_000, max_items=64)]
    assert sizes == [10, 10, 10, 1, 3]


def test_default_workers_are_no_more_than_memory_holds(monkeypatch):
    import os

    from veille.apps import workers

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)))
    pages = {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": 2 * 1024**3 // 4096}  # a 2 GiB machine with 16 cores
    monkeypatch.setattr(os, "sysconf", lambda name: pages[name])
    assert workers.default_workers() == 2
    pages["SC_PHYS_PAGES"] = 64 * 1024**3 // 4096
    assert workers.default_workers() == 16
