"""Ordered schema migrations. Each step is a module ``mNNNN_<what>.py`` with ``VERSION`` and
``upgrade(db)``; the runner (``assetdesk.db.migrate``) applies each in its own transaction.

Rule for every step: a fresh database runs all steps in order against today's models, so each step
names the tables it creates and stays idempotent (create with ``safe=True``, add a column only if
missing). Each released version leaves ``tests/migrations/fixtures/schema_vN.db``.
"""
from assetdesk.db.migrations import (
    m0001_initial,
    m0002_account_period_totals,
    m0003_voucher_list_columns,
    m0004_documents_and_dimensions,
    m0005_assets,
    m0006_leases_receivables,
    m0007_households,
)

STEPS = [m0001_initial, m0002_account_period_totals, m0003_voucher_list_columns, m0004_documents_and_dimensions,
         m0005_assets, m0006_leases_receivables, m0007_households]
LATEST_VERSION = STEPS[-1].VERSION
