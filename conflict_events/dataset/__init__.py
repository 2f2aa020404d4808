"""Releases on disk: writing (write.py), loading (load.py), validating (validate.py), the
events table in Arrow and pandas (table.py, frame.py), CSV (csvfile.py), the articles table
(articles.py) and ACLED exports (acled.py)."""
