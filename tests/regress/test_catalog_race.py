"""Regression: a catalog lookup that raced a table change must not cache stale metadata."""

from __future__ import annotations


def test_catalog_does_not_cache_a_lookup_that_raced_a_change(tmp_path) -> None:
    """A table record read before a change commits must not stay cached after the change's
    invalidation (otherwise a deleted or updated table would be served from stale metadata)."""
    from ddbserver.engine.catalog import Catalog
    from ddbserver.engine.database import Database

    db = Database(str(tmp_path), sync=False)
    try:
        catalog: Catalog = db.catalog
        real_read = db.read

        class Racing:
            """A read transaction during which the writer commits a change to the table."""

            def __enter__(self):
                self.inner = real_read()
                txn = self.inner.__enter__()
                catalog.invalidate("t1")
                return txn

            def __exit__(self, *exc):
                return self.inner.__exit__(*exc)

        db.read = Racing  # type: ignore[method-assign]
        assert catalog.find("t1") is None
        db.read = real_read  # type: ignore[method-assign]
        assert "t1" not in catalog._cache
    finally:
        db.close()
