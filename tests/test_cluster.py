"""`veille batch --cluster`: the analysis on a real Dask cluster (LocalCluster, 2 worker processes of a thread
each, shared by this module's tests) keeps every promise of batch: one line per item with its id, records
identical to a single process, --resume, nothing lost or written twice when a worker dies, a clear stop when
the scheduler goes away, models checked before the output is touched, and workers that read the inputs."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.apps.batch import BatchOptions, run_batch
from veille.apps.cli import app
from veille.apps.workers import InProcess

BIN = Path(sys.executable).parent
SHORT = ("À Namur, la ville rouvre la piscine du centre après huit mois de travaux. « Les nageurs retrouvent "
         "enfin un bassin chauffé », a déclaré l'échevine des Sports, Julie Maréchal, lundi.")


@pytest.fixture(scope="module")
def cluster():
    """The address of a local Dask cluster: 2 worker processes, 1 thread each."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local.scheduler_address


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_id(path: Path) -> dict[str, dict]:
    records = lines(path)
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids)), "an item was written twice"
    return {record["id"]: record for record in records}


def write_export(path: Path, texts: list[str], prefix: str = "a") -> Path:
    path.write_text("".join(json.dumps({"id": f"{prefix}{n}", "text": text}, ensure_ascii=False) + "\n"
                            for n, text in enumerate(texts)), encoding="utf-8")
    return path


def batch(models_dir, *args):
    return CliRunner().invoke(app, ["batch", *map(str, args), "--models", str(models_dir)])


def single_process(analyzer, inputs: list[Path], out: Path, **options) -> dict[str, dict]:
    run_batch(InProcess(analyzer), inputs, out, "jsonl", BatchOptions(**options), resume=False)
    return by_id(out)


def test_local_2_gives_the_records_of_a_single_process(corpus_articles, analyzer, models_dir, tmp_path):
    export = write_export(tmp_path / "corpus.jsonl", [article.text for article in corpus_articles[:40]])
    (tmp_path / "broken.jsonl").write_text('{"id": "x", "text": \n{"id": "y"}\n', encoding="utf-8")
    inputs = [export, tmp_path / "broken.jsonl"]
    expected = single_process(analyzer, inputs, tmp_path / "one.jsonl")
    out = tmp_path / "cluster.jsonl"
    result = batch(models_dir, *inputs, "-o", out, "--cluster", "local:2")
    assert result.exit_code == 1, result.output  # the broken records are errors, each on its line
    assert by_id(out) == expected
    assert "42 lines written" in result.stderr
    assert "bad_record 1" in result.stderr and "empty 1" in result.stderr


def test_one_line_per_item_with_its_id_errors_included(cluster, models_dir, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "undecodable.txt").write_bytes(b"\xff\xfe\xfa\xfb" * 40 + bytes(range(128, 256)) * 4)
    (folder / "image.txt").write_bytes(b"\x89PNG\x00\x00\x00binary\x00")
    export = write_export(tmp_path / "export.jsonl", [SHORT, "  ", SHORT.replace("Namur", "Mons")])
    out = tmp_path / "out.jsonl"
    result = batch(models_dir, folder, export, "-o", out, "--cluster", cluster)
    assert result.exit_code == 1, result.output
    written = by_id(out)
    errors = {item: record["error"]["type"] for item, record in written.items() if "error" in record}
    assert set(written) == {str(folder / name) for name in ("a.txt", "empty.txt", "undecodable.txt",
                                                             "image.txt")} | {"a0", "a1", "a2"}
    assert errors == {str(folder / "empty.txt"): "empty", str(folder / "undecodable.txt"): "undecodable",
                      str(folder / "image.txt"): "binary", "a1": "empty"}
    assert written["a0"]["quotes"][0]["speaker"] == "Julie Maréchal"


def test_ordered_writes_the_lines_in_input_order(cluster, models_dir, tmp_path):
    # A long article first, alone in its batch: the short ones after it finish first on the other worker.
    texts = [SHORT + " Le conseil en débattra lundi. " * 1500] + [SHORT.replace("huit", str(n))
                                                                 for n in range(1, 12)]
    export = write_export(tmp_path / "export.jsonl", texts)
    out = tmp_path / "out.jsonl"
    result = batch(models_dir, export, "-o", out, "--cluster", cluster, "--ordered")
    assert result.exit_code == 0, result.output
    assert [record["id"] for record in lines(out)] == [f"a{n}" for n in range(12)]


def test_resume_after_an_interrupted_run_adds_only_the_missing_items(cluster, corpus_articles, models_dir,
                                                                     tmp_path):
    export = write_export(tmp_path / "export.jsonl", [article.text for article in corpus_articles[:6]])
    out = tmp_path / "out.jsonl"
    assert batch(models_dir, export, "-o", out, "--cluster", cluster).exit_code == 0
    first = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(first[:2]) + first[2][:40], encoding="utf-8")  # cut by a crash mid-line
    result = batch(models_dir, export, "-o", out, "--cluster", cluster, "--resume")
    assert result.exit_code == 0, result.output
    assert "2 skipped as already done" in result.stderr and "4 lines written" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("".join(first[:2]))
    assert by_id(out) == {record["id"]: record for record in map(json.loads, first)}


class SmallBatches:
    """Batches of one article, so that a few articles make many batches."""

    batch_items = 1


def test_the_client_keeps_a_bounded_number_of_batches_in_flight(cluster, models_dir):
    from veille.apps.cluster import ClusterAnalysis, ClusterTarget
    from veille.input.decode import RawArticle

    class OneArticleBatches(SmallBatches, ClusterAnalysis):
        pass

    read = []

    def articles():
        for n in range(30):
            read.append(n)
            yield RawArticle(text=f"{SHORT} ({n})", id=str(n), source=str(n)), n

    with OneArticleBatches(ClusterTarget(address=cluster), models_dir) as analysis:
        first = None
        contexts = []
        for _, context in analysis.outcomes(articles()):
            first = len(read) if first is None else first
            contexts.append(context)
    assert sorted(contexts) == list(range(30))
    assert analysis.capacity == 6 and analysis.submitted == 30
    assert analysis.most_in_flight == 6
    assert first == 6  # the inputs are read as the cluster takes them, not ahead


def test_local_workers_run_without_the_dask_settings_that_slow_the_analysis(models_dir, monkeypatch):
    """Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536 and its profiler on: the first costs the parser a
    fifth of its time (README), so the local cluster veille starts has neither."""
    from veille.apps.cluster import ClusterAnalysis, ClusterTarget

    # As in a fresh `veille batch`: this module's default-configured cluster left Dask's value in the
    # environment of the process (Dask sets it there before spawning), which every later child inherits.
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)

    class NoModels(ClusterAnalysis):
        def plugin(self):
            from distributed.diagnostics.plugin import WorkerPlugin

            return WorkerPlugin()

    def settings():
        import dask

        return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")

    with NoModels(ClusterTarget(local_workers=1), models_dir) as analysis:
        seen = list(analysis.client.run(settings).values())
    assert seen == [(None, False)]


def test_a_worker_killed_mid_run_loses_nothing_and_writes_nothing_twice(cluster, corpus_articles, analyzer,
                                                                        models_dir, tmp_path):
    from veille.apps.cluster import ClusterAnalysis, ClusterTarget

    class OneArticleBatches(SmallBatches, ClusterAnalysis):
        pass

    export = write_export(tmp_path / "export.jsonl", [article.text for article in corpus_articles[:16]])
    expected = single_process(analyzer, [export], tmp_path / "one.jsonl")
    out = tmp_path / "out.jsonl"
    written = []
    with OneArticleBatches(ClusterTarget(address=cluster), models_dir) as analysis:
        victim = sorted(analysis.client.run(os.getpid).values())[0]

        def on_item():
            written.append(1)
            if len(written) == 2:  # both workers are busy with batches of their own
                os.kill(victim, signal.SIGKILL)

        summary = run_batch(analysis, [export], out, "jsonl", BatchOptions(), resume=False, on_item=on_item)
        analysis.client.wait_for_workers(2, timeout=60)
        assert victim not in analysis.client.run(os.getpid).values()  # it did die, and was replaced
    assert summary.written == 16 and not summary.errors
    assert by_id(out) == expected


def test_an_article_that_kills_each_worker_it_runs_on_becomes_a_worker_died_error(models_dir):
    import dask
    from distributed import LocalCluster

    import fake_workers
    from veille.apps.cluster import ClusterAnalysis, ClusterTarget
    from veille.apps.workers import WorkerDied
    from veille.input.decode import RawArticle

    class KillingArticle(ClusterAnalysis):
        task = staticmethod(fake_workers.task)
        batch_items = 4

        def plugin(self):
            return fake_workers.NothingLoaded()

    articles = [(RawArticle(text="KILL-ALWAYS" if n == 5 else f"texte {n}", id=str(n), source=str(n)), n)
                for n in range(12)]
    # One death makes a task suspect (Dask's default tries it on 4 workers first: slow to test).
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        with KillingArticle(ClusterTarget(address=local.scheduler_address), models_dir) as analysis:
            outcomes = list(analysis.outcomes(articles))
    assert sorted(context for _, context in outcomes) == list(range(12))
    assert [context for result, context in outcomes if isinstance(result, WorkerDied)] == [5]
    assert all(isinstance(result, dict) for result, context in outcomes if context != 5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_scheduler_that_goes_away_stops_the_run_clearly_and_resume_finishes(
        cluster, corpus_articles, models_dir, tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    scheduler = subprocess.Popen([BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port",
                                  address.rsplit(":", 1)[1], "--no-dashboard"], stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([BIN / "dask", "worker", address, "--nthreads", "1", "--no-nanny",
                               "--no-dashboard"], stderr=subprocess.DEVNULL)
    export = write_export(tmp_path / "export.jsonl", [article.text for article in corpus_articles[:60]])
    out = tmp_path / "out.jsonl"
    environment = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="3s")
    try:
        run = subprocess.Popen([BIN / "veille", "batch", export, "-o", out, "--cluster", address,
                                "--models", models_dir, "-q"], stderr=subprocess.PIPE, text=True,
                               env=environment)
        deadline = time.monotonic() + 180
        while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.2)
        scheduler.kill()
        _, errors = run.communicate(timeout=120)
    finally:
        for process in (scheduler, worker):
            process.kill()
            process.wait()
    assert run.returncode == 1
    assert f"lost the Dask scheduler at {address}" in errors and "--resume" in errors
    assert "Traceback" not in errors
    before = lines(out)  # every line whole
    assert 0 < len(before) < 60
    result = batch(models_dir, export, "-o", out, "--cluster", cluster, "--resume")
    assert result.exit_code == 0, result.output
    assert f"{len(before)} skipped" in result.stderr
    assert sorted(by_id(out)) == sorted(f"a{n}" for n in range(60))


def test_an_unreachable_scheduler_or_a_bad_address_is_said_plainly(models_dir, tmp_path):
    export = write_export(tmp_path / "export.jsonl", [SHORT])
    out = tmp_path / "out.jsonl"
    bad = batch(models_dir, export, "-o", out, "--cluster", "scheduler:8786")
    assert bad.exit_code == 2 and "tcp://scheduler:8786" in bad.stderr and "local:N" in bad.stderr
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        address = f"tcp://127.0.0.1:{free_port()}"
        gone = batch(models_dir, export, "-o", out, "--cluster", address)
    assert gone.exit_code == 1
    message = " ".join(gone.stderr.split())
    assert f"no Dask scheduler answers at {address}" in message and "host name and port" in message
    assert not out.exists()


@pytest.mark.parametrize("problem", ["tampered", "missing", "other veille"])
def test_models_a_worker_cannot_load_stop_the_run_before_the_output(cluster, models_dir, tmp_path, problem,
                                                                   monkeypatch):
    import shutil

    import veille

    models = tmp_path / "models"
    shutil.copytree(models_dir, models)
    if problem == "tampered":
        data = bytearray((models / "classifier.npz").read_bytes())
        data[len(data) // 2] ^= 0xFF
        (models / "classifier.npz").write_bytes(bytes(data))
    elif problem == "missing":
        shutil.rmtree(models)
    else:
        monkeypatch.setattr(veille, "__version__", "0.0.0")  # the client's; the workers run the real one
    export = write_export(tmp_path / "export.jsonl", [SHORT])
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "earlier work"}\n', encoding="utf-8")
    result = batch(models, export, "-o", out, "--cluster", cluster, "--force")
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert {"tampered": "does not match the SHA-256", "missing": "no trained model in",
            "other veille": "the Dask worker runs veille"}[problem] in message
    assert out.read_text(encoding="utf-8") == '{"id": "earlier work"}\n'


def mixed_export(path: Path, texts: list[str]) -> Path:
    """JSON Lines with what byte ranges must not break: records without an id (their line number is), a
    byte-order mark, a blank line, a broken record, a record over --max-bytes, multi-byte characters."""
    rows = []
    for n, text in enumerate(texts):
        record = {"id": f"r{n}", "text": text} if n % 3 else {"text": text}
        rows.append(json.dumps(record, ensure_ascii=False))
        if n == 2:
            rows += ["", "{broken", json.dumps({"id": "long", "text": "é" * 3000}, ensure_ascii=False)]
    path.write_text("\ufeff" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_byte_ranges_give_each_line_to_exactly_one_share(tmp_path):
    from veille.apps.shares import count_line_starts, plan_shares, share_items
    from veille.input.items import iter_items

    export = mixed_export(tmp_path / "export.jsonl", [SHORT.replace("huit", str(n)) for n in range(9)])
    options = BatchOptions(max_bytes=4000)
    whole = [(item.id, item.source, item.error, item.record) for item in iter_items([export], options)]
    for share_bytes in (1, 97, 500, 2048, export.stat().st_size - 1):
        shares = list(plan_shares([export], options, count_line_starts, share_bytes))
        assert len(shares) > 1
        parts = [(item.id, item.source, item.error, item.record) for share in shares
                 for item in share_items(share, options)]
        assert parts == whole, share_bytes


def test_inputs_on_workers_read_files_and_json_lines_by_byte_ranges(cluster, analyzer, models_dir, tmp_path,
                                                                    monkeypatch):
    from veille.apps import shares

    monkeypatch.setattr(shares.InputsOnWorkers, "share_bytes", 1500)  # several shares, lines across them
    folder = tmp_path / "archive"
    folder.mkdir()
    for name, town in (("a.txt", "Namur"), ("b.txt", "Liège"), ("c.txt", "Mons")):
        (folder / name).write_text(SHORT.replace("Namur", town), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    export = mixed_export(tmp_path / "export.jsonl", [SHORT.replace("huit", str(n)) for n in range(9)])
    inputs = [folder, export]
    expected = single_process(analyzer, inputs, tmp_path / "one.jsonl", max_bytes=4000)
    out = tmp_path / "out.jsonl"
    result = batch(models_dir, *inputs, "-o", out, "--cluster", cluster, "--inputs-on-workers",
                   "--max-bytes", "4000")
    assert result.exit_code == 1, result.output  # the empty file, the broken and the long record
    assert by_id(out) == expected
    assert f"{export}:1" in expected and f"{export}:5" in expected  # ids by line number, as read whole


def test_inputs_on_workers_resume_skips_what_is_done(cluster, models_dir, tmp_path, monkeypatch):
    from veille.apps import shares

    monkeypatch.setattr(shares.InputsOnWorkers, "share_bytes", 600)
    texts = [SHORT.replace("huit", str(n)) for n in range(6)]
    export = write_export(tmp_path / "export.jsonl", texts + [texts[0]])  # a0 twice, in two shares
    export.write_text(export.read_text(encoding="utf-8").replace('"a6"', '"a0"'), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    batch(models_dir, export, "-o", out, "--cluster", cluster, "--inputs-on-workers")
    first = lines(out)
    assert sorted(record["id"] for record in first) == ["a0", "a0", "a1", "a2", "a3", "a4", "a5"]
    # An interrupted run had written one a0 and a3: the other a0 is missing, and is analysed.
    kept = [next(r for r in first if r["id"] == "a0"), next(r for r in first if r["id"] == "a3")]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
    result = batch(models_dir, export, "-o", out, "--cluster", cluster, "--inputs-on-workers", "--resume")
    assert result.exit_code == 0, result.output
    assert "2 skipped" in result.stderr and "5 lines written" in result.stderr
    assert sorted(record["id"] for record in lines(out)) == ["a0", "a0", "a1", "a2", "a3", "a4", "a5"]
