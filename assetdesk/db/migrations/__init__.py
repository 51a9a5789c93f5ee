"""Ordered schema migrations. Each step is a module ``mNNNN_<what>.py`` with ``VERSION`` and
``upgrade(db)``; the runner (``assetdesk.db.migrate``) applies each in its own transaction.

Rule for later steps: the initial step creates tables from the models as they were at version 1;
every later change must be an idempotent step (add a column only if missing, create a table with
``safe=True``), because a fresh database runs all steps in order.
"""
from assetdesk.db.migrations import m0001_initial

STEPS = [m0001_initial]
LATEST_VERSION = STEPS[-1].VERSION
