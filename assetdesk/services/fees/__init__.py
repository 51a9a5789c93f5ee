"""Property fees (物业费, DOMAIN §6). So far: the households fees are billed to (``households``)."""
from assetdesk.services.fees.households import (
    OCCUPANCIES,
    RELIEFS,
    HouseholdInput,
    HouseholdMoveRow,
    HouseholdRow,
    HouseholdService,
)

__all__ = ["HouseholdService", "HouseholdInput", "HouseholdRow", "HouseholdMoveRow", "OCCUPANCIES", "RELIEFS"]
