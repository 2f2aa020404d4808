"""Measuring extraction against gold events, following the project's evaluation protocol.

    api         evaluate(): chooses protocol A (.csv) or B (.jsonl) from the gold file
    gold        reading gold rows / gold events and their articles
    keys        name normalisation: actor keys and the spelling-tolerant place key
    views       EventView, the compared fields of any event-like object
    matching    the protocol's score, primary prediction, one-to-one matching
    protocol_a  one note, one gold event (ACLED exports with notes)
    protocol_b  articles with hand-coded gold
    runner      the extractor in a process pool, one error never stopping a run
    report      EvaluationResult: figures, confusion matrix, misses; table and JSON
"""
