"""Models are found from any folder: --models, $VEILLE_MODELS, the checkout's models/, the package's (a wheel
built with its models), the user data folder; `veille train` writes where classify looks."""

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from typer.testing import CliRunner

from veille.apps.cli import app
from veille.classify import locate

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Le conseil municipal de Brest a voté le budget. « Nous ouvrirons deux crèches en 2027 », a "
           "annoncé la maire, Hélène Quéré.\n")


def test_the_checkout_models_are_used_when_nothing_is_given(monkeypatch):
    monkeypatch.delenv(locate.ENV_VARIABLE, raising=False)
    found = locate.find_models()
    assert found.path == ROOT / "models" and "checkout" in found.reason


def test_given_folder_beats_the_environment_which_beats_the_checkout(monkeypatch, tmp_path):
    monkeypatch.setenv(locate.ENV_VARIABLE, str(tmp_path / "env"))
    assert locate.find_models().path == tmp_path / "env"
    assert locate.find_models(tmp_path / "given").path == tmp_path / "given"
    assert locate.training_destination().path == tmp_path / "env"


def test_outside_a_checkout_training_and_classify_meet_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(locate.ENV_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(locate, "CHECKOUT_ROOT", tmp_path / "site-packages")
    monkeypatch.setattr(locate, "PACKAGED_MODELS", tmp_path / "site-packages" / "veille" / "data" / "models")
    expected = tmp_path / "data" / "veille" / "models"
    assert locate.training_destination().path == expected
    assert locate.find_models().path == expected


def test_classify_from_another_folder_with_the_environment_variable(models_dir, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(locate.ENV_VARIABLE, str(models_dir))
    result = CliRunner().invoke(app, ["classify", "a.txt", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["quotes"][0]["speaker"] == "Hélène Quéré"
    info = CliRunner().invoke(app, ["info"])
    assert f"models folder: {models_dir} (from $VEILLE_MODELS)" in " ".join(info.stdout.split())


def test_a_missing_model_says_how_to_name_one(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["classify", str(tmp_path / "a.txt"),
                                      "--models", str(tmp_path / "none")])
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert "no trained model in" in message and "--models" in message and "VEILLE_MODELS" in message


def test_a_wheel_installed_alone_classifies_from_any_folder(models_dir, tmp_path):
    """The wheel carries the models; a fresh environment holding only that wheel (its dependencies are lent
    by this one, read-only) classifies an article from an unrelated folder."""
    build = [sys.executable, str(ROOT / "tools" / "build_wheel.py"), "--models", str(models_dir),
             "--out", str(tmp_path / "dist")]
    wheel = subprocess.run(build, check=True, capture_output=True, text=True).stdout.strip()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # A path entry, not a site dir: this environment's editable veille (a .pth of its own) stays invisible.
    Path(site, "lent_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    wheel], check=True)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != locate.ENV_VARIABLE}
    env["HOME"] = str(tmp_path / "home")
    run = subprocess.run([venv / "bin" / "veille", "classify", "article.txt", "--json"], cwd=folder, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert record["quotes"][0]["speaker"] == "Hélène Quéré"
    assert record["topics"]
    info = subprocess.run([venv / "bin" / "veille", "info"], cwd=folder, env=env, capture_output=True,
                          text=True)
    assert "shipped in the installed package" in info.stdout
    assert str(ROOT) not in info.stdout
