"""Notebook helpers: the `df.events` accessor on pandas frames of events.

    import conflict_events as ce
    df = ce.load()
    df.events.summary()
    df.events.by("country", "event_type")
    df.events.timeline(freq="W")       # matplotlib, extra `plot`
    df.events.map()
    df.events.to_geodataframe()        # geopandas, extra `geo`

`import conflict_events` does not import pandas; the accessor is registered as soon as pandas
is (see hook.py).
"""
