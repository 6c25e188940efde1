"""The attack campaign on the output: a folder that cannot be written, a full disk, a cut last line, two runs
on one output, duplicate ids. Nothing is lost and nothing is clobbered."""

import csv
import errno
import io
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from veille.apps import outputs
from veille.apps.batch import BatchOptions, run_batch
from veille.apps.cli import app
from veille.apps.outputs import (
    LineFile,
    OutputError,
    WriteFailed,
    check_writable,
    lock_path,
    output_lock,
    repair_last_line,
)
from veille.apps.writers import open_writer

TEXT = "Le conseil municipal a voté mardi la fermeture du vieux pont, a annoncé la maire."


class Echo:
    """An analysis without the pipeline: each article's record is its id, text and text_sha256."""

    def outcomes(self, articles):
        from veille.analyzer import prepare_text, sha256_text

        for raw, context in articles:
            text, _ = prepare_text(raw)
            yield {"id": raw.id, "source": raw.source, "text": text, "text_sha256": sha256_text(text),
                   "language": "fr", "topics": [], "stance": None, "quotes": []}, context


def export(tmp_path, records):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in records), encoding="utf-8")
    return path


def ids(path):
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_no_room_no_folder_or_a_folder_as_output_is_refused_before_any_work(tmp_path, monkeypatch):
    with pytest.raises(OutputError, match="does not exist"):
        check_writable(tmp_path / "missing" / "out.jsonl")
    with pytest.raises(OutputError, match="is a folder"):
        check_writable(tmp_path)
    check_writable(tmp_path / "out.jsonl")
    monkeypatch.setattr(outputs.shutil, "disk_usage", lambda _: type("usage", (), {"free": 1000})())
    with pytest.raises(OutputError, match="MB free"):
        check_writable(tmp_path / "out.jsonl")


def test_the_batch_command_says_so_in_one_line_with_exit_1_before_the_models_load(tmp_path, monkeypatch):
    source = export(tmp_path, [("a", TEXT)])
    monkeypatch.setattr(outputs.shutil, "disk_usage", lambda _: type("usage", (), {"free": 1000})())
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.jsonl"),
                                      "--models", str(tmp_path / "no-models"), "--workers", "1"])
    assert result.exit_code == 1 and "MB free" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot be written"):
            check_writable(folder / "out.jsonl")
    finally:
        folder.chmod(0o700)


def full_disk_after(limit):
    """os.write that fills the disk after `limit` bytes, writing part of the line that overflows."""
    written = 0

    def write(fd, data):
        nonlocal written
        room = limit - written
        if room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        part = bytes(data[:room])
        written += os.write(fd, part)
        return len(part)

    return write


@pytest.mark.parametrize(("fmt", "room"), [("jsonl", 1500), ("csv", 300)])
def test_a_full_disk_leaves_no_cut_line(tmp_path, fmt, room):
    out = tmp_path / f"out.{fmt}"
    writer = open_writer(out, fmt, append=False)
    writer.file.write_bytes = full_disk_after(room)
    record = {"id": "x", "source": "s", "text": TEXT * 3, "language": "fr", "topics": [], "stance": None,
              "quotes": [], "entities": [], "warnings": [], "topic_scores": {}}
    with pytest.raises(WriteFailed):
        for n in range(20):
            writer.write({**record, "id": f"r{n}"})
    writer.close()
    data = out.read_bytes()
    assert data.endswith(b"\n")
    if fmt == "jsonl":
        assert 0 < len([json.loads(line) for line in data.splitlines()]) < 20
    else:
        rows = list(csv.reader(io.StringIO(data.decode())))
        assert 1 < len(rows) < 21 and {len(row) for row in rows} == {len(rows[0])}


def test_resume_repairs_a_cut_last_line_before_appending(tmp_path):
    source = export(tmp_path, [("a", TEXT), ("b", TEXT + " Deux."), ("c", TEXT + " Trois.")])
    out = tmp_path / "out.jsonl"
    run_batch(Echo(), [source], out, "jsonl", BatchOptions(), resume=False)
    whole = out.read_bytes()
    out.write_bytes(whole[: whole.rindex(b"\n", 0, -1) + 20])  # c's line cut after 19 bytes
    summary = run_batch(Echo(), [source], out, "jsonl", BatchOptions(), resume=True)
    assert summary.repaired == 19 and summary.skipped == 2
    assert ids(out) == ["a", "b", "c"]
    assert repair_last_line(out) == 0


def test_resume_counts_duplicate_ids_by_occurrence(tmp_path):
    source = export(tmp_path, [("d", TEXT), ("d", TEXT + " Autre."), ("e", TEXT), ("d", TEXT + " Encore.")])
    out = tmp_path / "out.jsonl"
    run_batch(Echo(), [source], out, "jsonl", BatchOptions(), resume=False)
    for _ in range(3):
        summary = run_batch(Echo(), [source], out, "jsonl", BatchOptions(), resume=True)
        assert summary.written == 0 and summary.skipped == 4
    assert ids(out) == ["d", "d", "e", "d"]


def test_a_second_run_on_the_same_output_is_refused_and_the_lock_is_released(tmp_path):
    out = tmp_path / "out.jsonl"
    with output_lock(out):
        assert lock_path(out).exists()
        with pytest.raises(OutputError, match="another veille run"):
            with output_lock(out):
                pass
    assert not lock_path(out).exists()
    with output_lock(out):
        pass


def test_the_lock_of_a_dead_process_is_taken_over(tmp_path):
    out = tmp_path / "out.jsonl"
    code = ("import os, sys; from pathlib import Path; from veille.apps.outputs import output_lock\n"
            f"with output_lock(Path({str(out)!r})): os._exit(0)")
    subprocess.run([sys.executable, "-c", code], check=True)
    assert lock_path(out).exists()  # left behind by a process that died holding it
    with output_lock(out):
        pass


def test_the_batch_command_refuses_an_output_another_run_holds(tmp_path):
    source = export(tmp_path, [("a", TEXT)])
    out = tmp_path / "out.jsonl"
    with output_lock(out):
        result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 1 and "another veille run" in result.output
    assert not out.exists()


def test_line_file_writes_whole_lines_only(tmp_path):
    out = tmp_path / "x.jsonl"
    file = LineFile(out, append=False)
    file.write(b"one\n")
    file.write_bytes = full_disk_after(6)
    with pytest.raises(WriteFailed):
        file.write(b"two two two\n")
    file.close()
    assert out.read_bytes() == b"one\n"


def test_lone_surrogates_never_reach_the_output_as_invalid_utf8(tmp_path):
    out = tmp_path / "out.jsonl"
    writer = open_writer(out, "jsonl", append=False)
    writer.write({"id": "a\udc80", "error": {"type": "x", "message": "\ud800"}})
    writer.close()
    assert json.loads(out.read_bytes().decode("utf-8"))["id"] == "a\udc80"
