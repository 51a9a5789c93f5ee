"""Key/value settings of the books (district rules are settings, not constants: DOMAIN preface)."""
from __future__ import annotations

from assetdesk.db.models import Setting
from assetdesk.events import SettingsChanged
from assetdesk.services.context import Service

DEFAULTS = {
    "backup_folder": "",
    "backup_keep": "30",
    "pdf_font": "",
    "voucher_word": "记",
    # 预警 thresholds in days (services.alerts) and whether a lease may run over 20 years (DOMAIN §5)
    "alerts.lease_expiry_days": "60",
    "alerts.rent_overdue_days": "30",
    "alerts.asset_idle_days": "180",
    "leases.allow_over_20_years": "0",
}


class SettingsService(Service):
    def get(self, key: str, default: str | None = None) -> str:
        row = Setting.get_or_none(Setting.key == key)
        if row is not None:
            return row.value
        return DEFAULTS.get(key, "") if default is None else default

    def set(self, key: str, value: str) -> None:
        with self.ctx.transaction():
            before = self.get(key)
            Setting.insert(key=key, value=str(value)).on_conflict_replace().execute() if self._is_sqlite() else \
                Setting.insert(key=key, value=str(value)).on_conflict(
                    conflict_target=[Setting.key], update={Setting.value: str(value)}).execute()
            self.ctx.audit("修改设置", "setting", key, before={key: before}, after={key: str(value)})
        self._publish(SettingsChanged(key=key))

    def all(self) -> dict[str, str]:
        values = dict(DEFAULTS)
        values.update({s.key: s.value for s in Setting.select()})
        return values

    def _is_sqlite(self) -> bool:
        from assetdesk.db.connection import is_sqlite

        return is_sqlite(self.db)
