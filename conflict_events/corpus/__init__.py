"""Corpus runs: cross-article deduplication (dedup), incremental releases (update),
local and Dask engines (engines, dask_engine), progress and logging (progress)."""
