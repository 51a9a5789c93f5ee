"""Domain errors. Every error carries a Chinese message for the clerk and, where it helps, what to do.

The UI and the CLI show ``str(error)``; nothing else of an error ever reaches the clerk.
"""
from __future__ import annotations


class AssetDeskError(Exception):
    """Base of every refusal the core makes. ``message`` says what is wrong, ``hint`` what to do."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}（{self.hint}）" if self.hint else self.message


class InputError(AssetDeskError):
    """A value typed or imported by the clerk cannot be understood (amount, date, period...)."""


class AmountError(InputError):
    """An amount is malformed."""


class DateError(InputError):
    """A date or period is malformed."""


class NotFoundError(AssetDeskError):
    """A referenced record does not exist."""


class DuplicateError(AssetDeskError):
    """A natural key (code, number) is already taken."""


class AccountError(AssetDeskError):
    """An account cannot be used or changed this way (non-leaf, inactive, has postings...)."""


class VoucherError(AssetDeskError):
    """A voucher is refused (unbalanced, too few lines, already posted...)."""


class UnbalancedVoucherError(VoucherError):
    """Debits do not equal credits."""


class ClosedPeriodError(AssetDeskError):
    """A posting or change falls in a closed month."""


class PeriodError(AssetDeskError):
    """A period cannot be closed / reopened / used."""


class InUseError(AssetDeskError):
    """A record cannot be deleted because others refer to it (postings, compounds...)."""


class DatabaseError(AssetDeskError):
    """The database cannot be opened or used: locked, corrupt, from a newer version, unreachable."""


class ImportFileError(AssetDeskError):
    """A workbook cannot be read at all (not a workbook, encrypted, too large), or holds no table
    of the chosen kind. ``suggested_kind`` names the kind its sheets are when that is clear, so an
    adapter can offer to import them as that instead."""

    def __init__(self, message: str, hint: str = "", suggested_kind: str = ""):
        super().__init__(message, hint)
        self.suggested_kind = suggested_kind


class OutputFileError(AssetDeskError):
    """A workbook, PDF or copy cannot be written where the clerk asked (no such folder, a file
    Excel keeps open, a read-only place)."""


class PermissionRefusedError(AssetDeskError):
    """Segregation of duties or a role forbids the action."""
