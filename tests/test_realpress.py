"""Real-press evaluation on a tiny synthetic pool: sentences written for these tests, never a pool text, with
label files in the layout of realpress/ (ids, offsets and labels only)."""

from __future__ import annotations

import hashlib
import json

import pytest
from typer.testing import CliRunner

from veille.apps.cli import app
from veille.evaluation import realpress
from veille.evaluation.agreement import cohen_kappa, stance_agreement
from veille.evaluation.quotes import Tally, score_article, summarise
from veille.evaluation.realpress import RealPressError, find_pool, load_real_press
from veille.nlp.quotes import Quote

BODIES = {
    "900001": ("Le club de Lorient a battu Brest dimanche soir devant un stade comble. « Nous avons "
               "joué avec cœur jusqu'au bout », a déclaré l'entraîneur Paul Martin après la rencontre. "
               "Le président du club a estimé que la saison restait difficile pour l'équipe, qui reste "
               "dix-septième."),
    "900002": ("Sur TikTok, de jeunes agriculteurs partagent leur quotidien et attirent des milliers "
               "d'abonnés. Pour beaucoup, le réseau social est devenu un outil précieux pour vendre leurs "
               "produits. Les ventes de la coopérative ont progressé depuis le début de l'année grâce à "
               "ces vidéos."),
    "900003": ("Le gouvernement a présenté mercredi un projet de loi sur la coopération avec les pays "
               "voisins. Les députés de l'opposition ont dénoncé un texte flou, tandis que la ministre a "
               "défendu un accord attendu par les diplomates des deux rives de la Méditerranée."),
    "900004": ("Le festival de bande dessinée d'Angoulême ouvre ses portes jeudi avec une exposition "
               "consacrée aux journaux satiriques. « Le dessin de presse reste un outil de liberté », "
               "affirme la commissaire Claire Dubois, qui a réuni près de trois cents planches venues de "
               "vingt pays."),
}
TITLES = {"900001": "Lorient l'emporte", "900002": "Des agriculteurs sur TikTok",
          "900003": "Un projet de loi discuté", "900004": "Angoulême ouvre ses portes"}


def span(article_id: str, words: str) -> list[int]:
    start = BODIES[article_id].index(words)
    return [start, start + len(words)]


def sha(article_id: str) -> str:
    return hashlib.sha256(BODIES[article_id].encode("utf-8")).hexdigest()


DIRECT = {"type": "direct", "parts": [span("900001", "Nous avons joué avec cœur jusqu'au bout")],
          "speaker": "Paul Martin", "speaker_kind": "person", "cue": span("900001", "a déclaré"),
          "pattern": "incise_after"}
INDIRECT = {"type": "indirect", "parts": [span("900001", "la saison restait difficile pour l'équipe")],
            "speaker": "le président du club", "speaker_kind": "role", "cue": span("900001", "a estimé"),
            "pattern": "indirect_que"}
ANGOULEME = {"type": "direct", "parts": [span("900004", "Le dessin de presse reste un outil de liberté")],
             "speaker": "Claire Dubois", "speaker_kind": "person", "cue": span("900004", "affirme"),
             "pattern": "incise_after"}


def write_lines(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


@pytest.fixture()
def pool(tmp_path):
    """tmp/realpress/pool.jsonl and the label files beside it."""
    folder = tmp_path / "realpress"
    records = [{"id": i, "url": f"https://example.org/{i}", "title": TITLES[i], "lead": "Un chapeau.",
                "body": body, "ld_sections": [], "section_topics": []} for i, body in BODIES.items()]
    records.append({"id": "900009", "title": "Autre", "lead": "", "body": "Un article sans label."})
    write_lines(folder / "pool.jsonl", records)
    write_lines(folder / "topics.jsonl", [
        {"id": "900001", "split": "dev", "topics": ["sport"], "sections": ["Sport"]},
        {"id": "900004", "split": "dev", "topics": ["culture", "medias", "societe", "politique"],
         "sections": ["Culture"]},
        {"id": "900003", "split": "test", "topics": ["politique", "international"], "sections": []},
        {"id": "900002", "split": "test", "topics": ["numerique", "economie"], "sections": []}])
    (folder / "stance_selection.json").write_text(json.dumps({"articles": [
        {"id": "900002", "split": "dev", "batch": "s1", "second": True, "stratum": "creators"},
        {"id": "900001", "split": "dev", "batch": "s1", "second": True, "stratum": "control"},
        {"id": "900003", "split": "test", "batch": "s1", "second": False, "stratum": "control"}]}))
    stance = {"annotator": "t", "substantial": False, "confidence": "high", "reason": "test"}
    write_lines(folder / "stance" / "s1.jsonl", [
        {"id": "900002", **stance, "stance": "favorable"}, {"id": "900001", **stance, "stance": "sans_objet"},
        {"id": "900003", **stance, "stance": "sans_objet"}])
    write_lines(folder / "stance" / "s1-second.jsonl", [
        {"id": "900002", **stance, "stance": "neutre"}, {"id": "900001", **stance, "stance": "sans_objet"}])
    (folder / "quotes").mkdir(exist_ok=True)
    (folder / "quotes" / "selection.json").write_text(json.dumps({"articles": [
        {"id": "900001", "split": "dev", "batch": "b1", "second": True},
        {"id": "900004", "split": "test", "batch": "b1"}]}))
    write_lines(folder / "quotes" / "b1.jsonl", [
        {"id": "900001", "body_sha256": sha("900001"), "annotator": "t", "quotes": [DIRECT, INDIRECT]},
        {"id": "900004", "body_sha256": sha("900004"), "annotator": "t", "quotes": [ANGOULEME]}])
    write_lines(folder / "quotes" / "b1.second.jsonl", [
        {"id": "900001", "body_sha256": sha("900001"), "annotator": "t2", "quotes": [DIRECT]}])
    return folder / "pool.jsonl"


@pytest.fixture()
def no_pool_anywhere(monkeypatch, tmp_path):
    monkeypatch.delenv("VEILLE_REALPRESS", raising=False)
    monkeypatch.setattr(realpress, "checkout_labels", lambda: tmp_path / "empty-checkout" / "realpress")


@pytest.fixture()
def tiny_corpus(tmp_path):
    """A user corpus of ten short labelled texts, so that `evaluate` has corpus figures to print."""
    texts = list(BODIES.values())
    topics = [["sport"], ["numerique"], ["politique"], ["culture"]]
    stances = ["sans_objet", "favorable", "sans_objet", "sans_objet"]
    path = tmp_path / "tiny.jsonl"
    write_lines(path, [{"id": f"t{n}", "text": texts[n % 4], "topics": topics[n % 4],
                        "stance": stances[n % 4]} for n in range(10)])
    return path


def test_the_loader_reads_only_labelled_ids_and_builds_the_sets(pool):
    location = find_pool(pool)
    assert location.labels == pool.parent and location.reason == "given with --real"
    real = load_real_press(location, second=True)
    assert [a.id for a in real.topics["dev"]] == ["900001", "900004"]
    first_test = real.topics["test"][0]
    assert first_test.text == BODIES["900003"] and first_test.title == TITLES["900003"]
    assert [(a.id, a.stance) for a in real.stance["dev"]] == [("900002", "favorable"),
                                                              ("900001", "sans_objet")]
    quote = real.quotes["dev"][0].quotes[1]
    assert (quote.type, quote.speaker_kind, quote.cue) == ("indirect", "role", "a estimé")
    assert BODIES["900001"][slice(*quote.parts[0])] == "la saison restait difficile pour l'équipe"
    assert [q.speaker for q in real.second_quotes["900001"]] == ["Paul Martin"]


def test_the_loader_refuses_a_body_whose_sha_does_not_match(pool):
    labels = pool.parent / "quotes" / "b1.jsonl"
    labels.write_text(labels.read_text(encoding="utf-8").replace(sha("900004"), "0" * 64), encoding="utf-8")
    with pytest.raises(RealPressError, match="not the one the quotes were labelled on"):
        load_real_press(find_pool(pool), parts=("quotes",))


def test_a_labelled_article_missing_from_the_pool_is_refused(pool):
    lines = [line for line in pool.read_text(encoding="utf-8").splitlines() if '"900003"' not in line]
    pool.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RealPressError, match="not in the pool"):
        load_real_press(find_pool(pool), parts=("topics",))


def test_the_pool_is_found_from_the_environment_then_the_checkout(pool, monkeypatch, no_pool_anywhere):
    assert not find_pool().found and "$VEILLE_REALPRESS unset" in find_pool().reason
    monkeypatch.setattr(realpress, "checkout_labels", lambda: pool.parent)
    assert find_pool().path == pool and "checkout" in find_pool().reason
    monkeypatch.setenv("VEILLE_REALPRESS", str(pool))
    assert find_pool().reason == "from $VEILLE_REALPRESS"
    with pytest.raises(RealPressError, match="no real-press pool at"):
        find_pool(pool.parent / "absent.jsonl")


def test_scorer_on_offsets_one_matched_direct_one_missed_indirect(pool):
    real = load_real_press(find_pool(pool), parts=("quotes",))
    article = real.quotes["dev"][0]
    predicted = [Quote("direct", (tuple(DIRECT["parts"][0]),), speaker="l'entraîneur Paul Martin")]
    tally = Tally()
    assert score_article(article, predicted, tally) == [(0, 0, True)]
    result = summarise(tally)
    assert result["all"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "gold": 2, "predicted": 1}
    assert result["per_type"]["direct"]["f1"] == 1.0
    assert result["per_type"]["indirect"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 1,
                                              "predicted": 0}
    assert result["exact"]["recall"] == 0.5 and result["pairs"]["precision"] == 1.0
    assert result["speaker_accuracy"] == 1.0
    assert result["speaker_accuracy_by_kind"] == {"person": {"matched": 1, "right": 1, "accuracy": 1.0}}
    assert result["recall_by_pattern"]["indirect_que"] == {"gold": 1, "matched": 0, "recall": 0.0}


def test_kappa_on_a_hand_made_example():
    first = ["neutre", "neutre", "favorable", "favorable", "sans_objet", "neutre"]
    second = ["neutre", "favorable", "favorable", "favorable", "sans_objet", "sans_objet"]
    # observed 4/6; expected (3*1 + 2*3 + 1*2) / 36 = 11/36; kappa = (24 - 11) / (36 - 11) = 0.52
    labels = ["favorable", "defavorable", "neutre", "sans_objet"]
    assert cohen_kappa(first, second, labels) == pytest.approx(0.52)
    report = stance_agreement(dict(enumerate(first)), dict(enumerate(second)))
    assert report["kappa"] == 0.52 and report["raw_agreement"] == 0.6667
    assert report["counts"]["neutre"] == {"first": 3, "second": 1}
    assert report["confusion"]["matrix"][2] == [1, 0, 1, 1]  # first neutre -> favorable, neutre, sans_objet
    assert [d[0] for d in report["disagreements"]] == [1, 5]


def test_evaluate_real_prints_the_real_press_section(pool, tiny_corpus, models_dir):
    result = CliRunner().invoke(app, ["evaluate", "--real", str(pool), "--corpus", str(tiny_corpus),
                                      "--models", str(models_dir)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "## Real press (Le Monde 2022)" in out and f"Pool: {pool} (given with --real)" in out
    assert "| real press dev | 2 |" in out and "| real press TEST | 2 |" in out
    assert "| real press all (dev+test) | 3 |" in out
    assert "more than 3 gold topics (dev 1, test 0)" in out and "absent: " in out
    assert "Confusion, real press TEST" in out


def test_evaluate_without_real_and_without_a_pool_says_so(tiny_corpus, models_dir, no_pool_anywhere):
    result = CliRunner().invoke(app, ["evaluate", "--corpus", str(tiny_corpus), "--models", str(models_dir)])
    assert result.exit_code == 0, result.output
    assert "real press: pool not found ($VEILLE_REALPRESS unset" in result.stdout
    assert "| real press dev" not in result.stdout


def test_evaluate_with_a_missing_pool_is_one_line_and_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["evaluate", "--real", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error: no real-press pool at")
    assert len(result.stderr.strip().splitlines()) == 1


def test_evaluate_quotes_real_scores_dev_and_test_apart(pool, tiny_corpus):
    result = CliRunner().invoke(app, ["evaluate", "quotes", "--real", str(pool), "--corpus",
                                      str(tiny_corpus)])
    assert result.exit_code == 0, result.output
    assert "## real press dev set (1 articles)" in result.stdout
    assert "## real press TEST set (1 articles)" in result.stdout and "for measuring only" in result.stdout
    assert "| gold speaker kind |" in result.stdout


def test_a_pool_with_another_body_stops_evaluate_with_one_line(pool, tiny_corpus):
    pool.write_text(pool.read_text(encoding="utf-8").replace("trois cents", "deux cents"), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "quotes", "--real", str(pool), "--corpus",
                                      str(tiny_corpus)])
    assert result.exit_code == 1
    assert "article 900004" in result.stderr and "Traceback" not in result.output


def test_agreement_writes_figures_and_keeps_the_reading(pool):
    target = pool.parent / "AGREEMENT.md"
    target.write_text("# Agreement\n\nold\n<!-- figures: written by `veille evaluate agreement`; edit only "
                      "outside these marks -->\nold figures\n<!-- end of figures -->\n\n## Reading\n\nmine\n",
                      encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "agreement", "--real", str(pool)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "old figures" not in text and text.endswith("## Reading\n\nmine\n")
    # kappa: observed 1/2, expected 1/4 (both sans_objet once), (1/2 - 1/4) / (1 - 1/4) = 1/3
    assert "## Stance: 2 articles labelled twice" in text and "Cohen's kappa 0.333" in text
    assert "## Quotes: 1 articles annotated twice" in text
    assert "| all (IoU>=0.5) | 1.000 | 0.500 | 0.667 |" in text
    assert "Paul Martin" not in text and "saison" not in text  # labels and figures only


def test_real_press_figures_go_into_the_model_card_tables(pool, analyzer, small_corpus, no_pool_anywhere):
    from veille.classify.card import evaluation_tables
    from veille.corpus import split_articles
    from veille.training import evaluate_real_press

    train = split_articles(small_corpus)["train"]
    models = analyzer.models
    figures = evaluate_real_press(models.topics, models.stance, analyzer, find_pool(pool), train)
    assert figures["topics"]["dev"]["more_than_3_gold"] == 1
    assert figures["present_labels"] == ["politique", "international", "economie", "numerique", "medias",
                                         "societe", "culture", "sport"]
    assert figures["stance"]["all"]["articles"] == 3
    assert "| real press TEST | 2 |" in evaluation_tables({"real_press": figures})
    missing = evaluate_real_press(models.topics, models.stance, analyzer, find_pool(), train)
    assert evaluation_tables({"real_press": missing}).splitlines()[2].startswith(
        "real press: pool not found ($VEILLE_REALPRESS unset")


def test_an_acronym_and_the_full_name_the_article_gives_it_are_one_speaker():
    from veille.evaluation.quotes import defined_acronyms, same_organisation

    acronyms = defined_acronyms("Le Bureau de recherches géologiques et minières (BRGM) publie ses relevés.")
    assert same_organisation("le BRGM", "le Bureau de recherches géologiques et minières", acronyms)
    assert same_organisation("Bureau de recherches géologiques et minières", "le BRGM", acronyms)
    assert not same_organisation("le BRGM", "la préfecture", acronyms)
