"""The asset register (资产台账, DOMAIN §4): records, depreciation, disposal, its reconciliation."""
from assetdesk.services.assets.reconcile import register_reconciliation
from assetdesk.services.assets.service import AssetService
from assetdesk.services.assets.types import (
    ACQUISITIONS,
    CATEGORIES,
    DEPRECIABLE,
    LAND_UNITS,
    NATURES,
    STATUSES,
    AssetInput,
    AssetRow,
    DepreciationRun,
    Disposal,
)

__all__ = ["AssetService", "AssetInput", "AssetRow", "DepreciationRun", "Disposal", "register_reconciliation",
           "ACQUISITIONS", "CATEGORIES", "DEPRECIABLE", "LAND_UNITS", "NATURES", "STATUSES"]
