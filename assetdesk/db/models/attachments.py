"""Photos and documents attached to a record (an asset's photos and 产权证, a lease's scanned contract).

The file is copied into the data directory (``attachments/<owner_kind>/<owner_id>/``) so the books
keep it when the original on a USB stick is gone; ``stored_name`` is the path under that folder.
"""
from __future__ import annotations

import peewee

from assetdesk.db.models.base import BaseModel


class Attachment(BaseModel):
    id: peewee.AutoField[int]
    owner_kind = peewee.CharField(max_length=20)  # asset / lease / …
    owner_id = peewee.IntegerField()
    kind = peewee.CharField(max_length=10, default="文件")  # 照片 / 文件
    file_name = peewee.CharField(max_length=255)  # the name the clerk chose it by
    stored_name = peewee.CharField(max_length=500)  # relative to the attachments folder
    size_bytes = peewee.BigIntegerField(default=0)
    note = peewee.CharField(max_length=200, default="")
    added_at = peewee.DateTimeField()
    added_by = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "attachment"
        indexes = ((("owner_kind", "owner_id"), False),)
