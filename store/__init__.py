"""The local store: parsed agreements and the researcher's annotations, safe on disk.

No Textual here (a test checks): the app and the command line both use this API.
"""

from __future__ import annotations

from store.errors import ChangedElsewhere, ErrorKind, StoreError
from store.model import (
    Annotation,
    ImportResult,
    Note,
    Orphan,
    Status,
    StatusChange,
    compliance_score,
)
from store.paths import default_db_path, resolve_db_path
from store.store import Store, sample_paths

__all__ = [
    "Annotation",
    "ChangedElsewhere",
    "ErrorKind",
    "ImportResult",
    "Note",
    "Orphan",
    "Status",
    "StatusChange",
    "Store",
    "StoreError",
    "compliance_score",
    "default_db_path",
    "resolve_db_path",
    "sample_paths",
]
