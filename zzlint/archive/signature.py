"""MinHash signatures and LSH band keys of paragraph keys.

A key's shingles are its character bigrams (a Chinese word is one or two characters, so bigrams
keep a near copy's Jaccard similarity high: a paragraph at rapidfuzz ratio 90 to another still
shares about 0.65 of them, unrelated news paragraphs about 0.01). datasketch computes the
signature over NUM_PERM permutations; it is cut into BANDS bands of ROWS values, and two
paragraphs become candidates when any band agrees. With 25 bands of 5 rows a pair at Jaccard
0.65 is a candidate with probability 0.99, a pair at 0.1 with probability 0.0003.

Everything here is deterministic across processes and machines (crc32 shingle hashes, a fixed
seed), since signatures computed on different Dask workers must agree.
"""
from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence

from zzlint.archive import ArchiveError
from zzlint.i18n import _

try:
    import numpy as np
    from datasketch import MinHash
except ModuleNotFoundError:
    raise ArchiveError(_("the archive needs datasketch: pip install 'zzlint[archive]'")) from None

SHINGLE = 2
BANDS = 25
ROWS = 5
NUM_PERM = BANDS * ROWS
SEED = 1
SCHEME = "affine32"
#: Odd 64-bit constants that mix a band's values into one key (wrapping multiplication).
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BAND_SALT = (np.arange(BANDS, dtype=np.uint64) + np.uint64(1)) * np.uint64(0xC2B2AE3D27D4EB4F)


def digest(key: str) -> int:
    """The key's exact-match hash, as a signed 64-bit integer (what SQLite stores)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def _shingles(key: str) -> list[bytes]:
    if len(key) <= SHINGLE:
        return [key.encode("utf-8")]
    return [key[i:i + SHINGLE].encode("utf-8") for i in range(len(key) - SHINGLE + 1)]


def signatures(keys: Sequence[str]) -> np.ndarray:
    """One row of NUM_PERM uint32 values per key."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, scheme=SCHEME)
    rows = np.empty((len(keys), NUM_PERM), dtype=np.uint32)
    for i, key in enumerate(keys):
        minhash.clear()
        minhash.update_batch(_shingles(key))
        rows[i] = minhash.hashvalues
    return rows


def band_keys(rows: np.ndarray) -> np.ndarray:
    """BANDS signed 64-bit keys per signature row: a band's values and its number, mixed."""
    bands = rows.reshape(len(rows), BANDS, ROWS).astype(np.uint64)
    mixed = np.broadcast_to(_BAND_SALT, (len(rows), BANDS)).copy()
    with np.errstate(over="ignore"):
        for column in range(ROWS):
            mixed = (mixed ^ bands[:, :, column]) * _MIX
            mixed ^= mixed >> np.uint64(29)
    return mixed.view(np.int64)


def to_blob(row: np.ndarray) -> bytes:
    return row.astype("<u4").tobytes()


def from_blobs(blobs: Sequence[bytes]) -> np.ndarray:
    return np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(blobs), NUM_PERM)


def parameters() -> dict[str, object]:
    return {"shingle": SHINGLE, "bands": BANDS, "rows": ROWS, "seed": SEED, "scheme": SCHEME,
            "hash": "crc32"}
