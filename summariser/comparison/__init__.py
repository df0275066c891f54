"""Several accounts of one event compared: what agrees, what conflicts, who confirms whom.

``compare([...])`` (``build.py``, exported as ``summariser.compare``) returns the typed
:class:`~.schema.CrossSourceBrief`. The package is not named ``compare``: a subpackage of
that name would shadow the exported function once imported.

One job a module: ``sources`` (what is read), ``accounts`` (each article briefed),
``units`` (its claims), ``figures`` (its numbers, compared), ``align`` (claim pairs and
merging), ``judge`` (the model, for pairs code cannot decide), ``independence`` (wire
copy, owners, states), ``credibility`` (Admiralty ratings), ``event`` (one event?),
``evaluation`` (scores against gold), ``schema`` (the output).
"""
