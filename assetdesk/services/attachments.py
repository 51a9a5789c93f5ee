"""``AttachmentService`` (``books.attachments``): photos and documents attached to a record (an asset's
photos and 产权证, a lease's scanned contract).

The file is copied into the books' own folder, so the books keep it when the original on a USB stick
is gone:

- SQLite books: the folder ``<book file stem>.附件/`` beside the database file (``兰花社区.db`` →
  ``兰花社区.附件/``). Copy or move that folder together with the ``.db`` file (a backup of the file
  alone does not carry the attachments); the books find it again beside the file wherever it goes.
- PostgreSQL books: ``附件/<database name>/`` under the user data directory (``assetdesk.paths``).

Under it, each file lives in ``<owner_kind>/<owner_id>/`` under a unique safe name; the
``Attachment`` row keeps the clerk's own file name and the path under the folder. Removing an
attachment keeps its audit entry and moves the file into ``已删除/`` rather than destroying it.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from assetdesk.db.models import Attachment
from assetdesk.errors import InputError, NotFoundError
from assetdesk.paths import data_dir
from assetdesk.services.context import Service, ServiceContext

PHOTO, DOCUMENT = "照片", "文件"
KINDS = (PHOTO, DOCUMENT)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif")
MAX_BYTES = 50 * 1024 * 1024  # 50 MB: a scanned contract is a few MB; a video is not an attachment
DELETED = "已删除"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    owner_kind: str
    owner_id: int
    kind: str  # 照片 / 文件
    file_name: str  # the name the clerk chose it by
    stored_name: str  # relative to the attachments folder
    size_bytes: int
    note: str
    added_at: dt.datetime
    added_by: str

    @property
    def is_photo(self) -> bool:
        return self.kind == PHOTO


def is_image(path: str | Path) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


class AttachmentService(Service):
    def __init__(self, ctx: ServiceContext):
        super().__init__(ctx)
        # file moves of the open outer transaction, undone if it rolls back (a caller's transaction
        # that fails after ours succeeded as a savepoint)
        self._undo: list[Callable[[], None]] = []
        add = getattr(self.db, "add_rollback_listener", None)
        if add is not None:
            add(self._rolled_back)

    # --- where the files live ---------------------------------------------------------------------
    @property
    def folder(self) -> Path:
        """The attachments folder of these books (see the module docstring); not created by reading."""
        target = self.ctx.target
        if target.path is not None:
            path = target.path.expanduser()
            return path.parent / f"{path.stem}.附件"
        name = urlparse(target.url).path.strip("/") or "assetdesk"
        return data_dir() / "附件" / _safe(name)

    def path_of(self, attachment_id: int) -> Path:
        """The stored copy's full path (to open or show it)."""
        return self.folder / self._row(attachment_id).stored_name

    # --- reading -----------------------------------------------------------------------------------
    def list(self, owner_kind: str, owner_id: int) -> list[AttachmentRow]:
        """Photos first, then documents, each in the order they were added."""
        rows = (Attachment.select().where((Attachment.owner_kind == owner_kind) & (Attachment.owner_id == owner_id))
                .order_by(Attachment.id))
        found = [_row(r) for r in rows]
        return sorted(found, key=lambda r: (r.kind != PHOTO, r.id))

    def get(self, attachment_id: int) -> AttachmentRow:
        return _row(self._row(attachment_id))

    # --- writing -----------------------------------------------------------------------------------
    def add(self, owner_kind: str, owner_id: int, source_path: str | Path, kind: str | None = None,
            note: str = "") -> AttachmentRow:
        """Copy ``source_path`` into the folder and record it. ``kind`` defaults by the extension
        (jpg/jpeg/png/bmp/gif are 照片, anything else 文件). All or nothing: a failed write removes the copy."""
        source = Path(source_path).expanduser()
        if not str(source_path).strip() or not source.exists():
            raise InputError(f"找不到文件“{source_path}”", "请确认文件还在原处（U 盘是否已拔出），再重新选择")
        if source.is_dir():
            raise InputError(f"“{source.name}”是一个文件夹，不是文件", "请选择文件夹里的照片或文件")
        size = source.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // 1024 // 1024
            raise InputError(f"文件“{source.name}”有 {size / 1024 / 1024:.1f} MB，超过了 {limit} MB 的上限",
                             "请压缩图片或只扫描需要的几页后再添加")
        kind = kind or (PHOTO if is_image(source) else DOCUMENT)
        if kind not in KINDS:
            raise InputError(f"附件类型“{kind}”无效", "请选择 照片 或 文件")
        note = note.strip()
        if len(note) > 200:
            raise InputError("附件说明超过 200 个字", "请缩短说明")
        if not owner_kind.strip():
            raise InputError("没有指定附件所属的记录", "请先选择资产或合同")
        relative = Path(_safe(owner_kind)) / str(int(owner_id))
        target_dir = self.folder / relative
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            target = _unique(target_dir, _safe(source.name) or "附件")
            shutil.copyfile(source, target)
        except OSError as exc:
            raise InputError(f"无法复制文件“{source.name}”：{exc.strerror or exc}",
                             f"请确认附件文件夹“{self.folder}”可以写入") from None
        try:
            with self.ctx.transaction():
                row = Attachment.create(owner_kind=owner_kind, owner_id=int(owner_id), kind=kind,
                                        file_name=source.name[:255], stored_name=(relative / target.name).as_posix(),
                                        size_bytes=size, note=note, added_at=self.ctx.now(), added_by=self.ctx.user)
                self.ctx.audit("添加附件", "attachment", row.id, after={
                    "所属": f"{owner_kind} {owner_id}", "类型": kind, "文件名": source.name, "存放": row.stored_name})
                self._on_rollback(lambda: target.unlink(missing_ok=True))
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return self.get(int(row.id))

    def remove(self, attachment_id: int) -> None:
        """删除: the row goes (its audit entry keeps what it was); the file moves to ``已删除/``, and
        back again if the removal fails."""
        row = self._row(attachment_id)
        source = self.folder / row.stored_name
        moved: Path | None = None
        if source.exists():
            moved_dir = (self.folder / DELETED / row.stored_name).parent
            try:
                moved_dir.mkdir(parents=True, exist_ok=True)
                moved = _unique(moved_dir, source.name)
                shutil.move(str(source), str(moved))
            except OSError as exc:
                raise InputError(f"无法移动文件“{row.file_name}”：{exc.strerror or exc}",
                                 "请关闭正在打开这个文件的程序后重试") from None
        undo = (lambda: _put_back(moved, source)) if moved is not None else (lambda: None)
        try:
            with self.ctx.transaction():
                before = _row(self._row(attachment_id))
                Attachment.delete().where(Attachment.id == row.id).execute()
                self.ctx.audit("删除附件", "attachment", row.id, before=before)
                self._on_rollback(undo)
        except BaseException:
            undo()
            raise

    # --- helpers -----------------------------------------------------------------------------------
    def _row(self, attachment_id: int) -> Attachment:
        found = Attachment.get_or_none(Attachment.id == attachment_id)
        if found is None:
            raise NotFoundError(f"附件 {attachment_id} 不存在", "可能已被删除，请刷新后重试")
        return found

    def _on_rollback(self, undo: Callable[[], None]) -> None:
        if not self._undo:
            self.db.after_commit(self._undo.clear)
        self._undo.append(undo)

    def _rolled_back(self) -> None:
        undo, self._undo[:] = list(self._undo), []
        for step in reversed(undo):
            try:
                step()
            except OSError:
                pass  # a file the clerk opened meanwhile: it stays where it is


def _row(r: Attachment) -> AttachmentRow:
    return AttachmentRow(int(r.id), r.owner_kind, int(r.owner_id), r.kind, r.file_name, r.stored_name,
                         int(r.size_bytes), r.note, r.added_at, r.added_by)


def _put_back(moved: Path, source: Path) -> None:
    if moved.exists() and not source.exists():
        shutil.move(str(moved), str(source))


def _safe(name: str) -> str:
    """A file or folder name safe on Windows: no reserved characters, no leading/trailing dots or spaces."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned[:120]


def _unique(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or ``stem (2).ext`` … when taken."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate
