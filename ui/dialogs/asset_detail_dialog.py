"""资产详情: one asset as the clerk looks it up — every register field (DOMAIN §4), its leases and the
rent they brought, its 状态 history, and its photos and documents as thumbnails.

Reads ``books.assets`` (get, events), ``books.leases.of_asset`` and ``books.attachments``; writes only
through them (添加 / 删除 attachments, 修改 through ``AssetDialog``, 处置 through ``DisposalDialog``).
The dialog re-reads after each of its own writes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from assetdesk.money import format_money
from assetdesk.services.assets.types import DISPOSED, AssetRow
from ui.dialogs.error_dialog import attempt

OWNER = "asset"
THUMB = 112  # px: a photo is recognisable, eight fit a row of the dialog
IMAGE_FILTER = "照片和文件 (*.jpg *.jpeg *.png *.bmp *.gif *.pdf *.doc *.docx *.xls *.xlsx *.txt);;所有文件 (*)"


def _area(centi: int, unit: str = "㎡") -> str:
    return f"{centi / 100:,.2f} {unit}" if centi else "—"


def _date(value) -> str:
    return value.isoformat() if value else "—"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple], right: set[int] = frozenset()) -> None:  # type: ignore[assignment]
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            item = QTableWidgetItem(str(value))
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class AssetDetailDialog(QDialog):
    def __init__(self, books: Any, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.books = books
        self.code = code
        self.asset: AssetRow = books.assets.get(code)
        self.setWindowTitle(self.tr("资产详情"))
        self.resize(900, 640)
        box = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        box.addWidget(self.heading)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._fields_tab(), self.tr("基本信息"))
        self.tabs.addTab(self._leases_tab(), self.tr("租赁与收益"))
        self.tabs.addTab(self._events_tab(), self.tr("状态记录"))
        self.tabs.addTab(self._files_tab(), self.tr("照片和文件"))
        box.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("修改资产"))
        self.edit_button.clicked.connect(self.on_edit)
        self.dispose_button = QPushButton(self.tr("处置…"))
        self.dispose_button.setToolTip(self.tr("登记处置（拆除、出售、报废），生成处置凭证"))
        self.dispose_button.clicked.connect(self.on_dispose)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.dispose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        box.addLayout(buttons)
        self.reload()

    # --- construction ------------------------------------------------------------------------
    def _fields_tab(self) -> QWidget:
        tab = QWidget()
        grid = QGridLayout(tab)
        grid.setHorizontalSpacing(24)
        self.field_labels: dict[str, QLabel] = {}
        left = ("资产编码", "名称", "类别", "资产性质", "坐落位置", "四至", "片区", "小区", "建筑面积", "占地面积",
                "地类", "权属", "产权证号")
        right = ("取得方式", "取得日期", "原值", "累计折旧", "净值", "使用年限", "净残值", "使用状态", "闲置起始",
                 "闲置天数", "管护人", "备注")
        for column, names in enumerate((left, right)):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            for name in names:
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                self.field_labels[name] = value
                form.addRow(self.tr(name) + "：", value)
            grid.addLayout(form, 0, column)
        grid.setRowStretch(1, 1)
        return tab

    def _leases_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        self.leases_table = _table([self.tr(h) for h in ("合同编号", "承租方", "起始日期", "终止日期", "租金", "状态",
                                                          "应收", "已收", "欠款")])
        box.addWidget(self.leases_table, 1)
        self.income_label = QLabel()
        box.addWidget(self.income_label)
        return tab

    def _events_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        self.events_table = _table([self.tr(h) for h in ("日期", "事项", "内容", "金额", "经办人")])
        box.addWidget(self.events_table, 1)
        return tab

    def _files_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        self.files_list = QListWidget()
        self.files_list.setViewMode(QListView.ViewMode.IconMode)
        self.files_list.setIconSize(QSize(THUMB, THUMB))
        self.files_list.setGridSize(QSize(THUMB + 36, THUMB + 44))
        self.files_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.files_list.setMovement(QListView.Movement.Static)
        self.files_list.setWordWrap(True)
        self.files_list.setSpacing(6)
        self.files_list.itemDoubleClicked.connect(lambda _item: self.on_open_file())
        box.addWidget(self.files_list, 1)
        row = QHBoxLayout()
        self.add_file_button = QPushButton(self.tr("添加照片/文件…"))
        self.add_file_button.clicked.connect(self.on_add_files)
        self.open_file_button = QPushButton(self.tr("打开"))
        self.open_file_button.clicked.connect(self.on_open_file)
        self.remove_file_button = QPushButton(self.tr("删除"))
        self.remove_file_button.clicked.connect(self.on_remove_file)
        self.files_hint = QLabel()
        self.files_hint.setStyleSheet("color: #666;")
        for button in (self.add_file_button, self.open_file_button, self.remove_file_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.files_hint)
        box.addLayout(row)
        return tab

    # --- reading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.asset = self.books.assets.get(self.code)
        self._show_fields(self.asset)
        self._show_leases()
        self._show_events()
        self._show_files()
        disposed = self.asset.status == DISPOSED
        self.dispose_button.setEnabled(not disposed)
        self.edit_button.setEnabled(True)

    def _show_fields(self, a: AssetRow) -> None:
        status = a.status
        self.heading.setText(f"{a.code}  {a.name}    【{status}】")
        today = self.books.ctx.today()
        idle_days = a.idle_days(today)
        values = {
            "资产编码": a.code, "名称": a.name, "类别": a.category, "资产性质": a.nature, "坐落位置": a.location or "—",
            "四至": a.boundaries or "—", "片区": a.area_name or "—",
            "小区": f"{a.compound_code} {a.compound_name}" if a.compound_code else "—",
            "建筑面积": _area(a.building_area_centi), "占地面积": _area(a.land_area_centi, a.land_area_unit),
            "地类": a.land_type or "—", "权属": a.ownership or "—", "产权证号": a.certificate_no or "—",
            "取得方式": a.acquisition or "—", "取得日期": _date(a.acquired_on), "原值": format_money(a.original_fen),
            "累计折旧": format_money(a.accumulated_fen), "净值": format_money(a.net_fen),
            "使用年限": f"{a.life_months} 个月（{a.life_months / 12:g} 年）" if a.life_months else "—",
            "净残值": format_money(a.salvage_fen), "使用状态": status, "闲置起始": _date(a.idle_since),
            "闲置天数": f"{idle_days} 天" if idle_days is not None else "—", "管护人": a.keeper or "—",
            "备注": a.note or "—",
        }
        for name, value in values.items():
            self.field_labels[name].setText(value)
        self.field_labels["使用状态"].setStyleSheet(
            "color: #c62828; font-weight: 600;" if status == DISPOSED else "font-weight: 600;")

    def lease_rows(self) -> list:
        """The asset's leases, newest first; empty while the lease service is not there yet."""
        try:
            leases = list(self.books.leases.of_asset(self.code))
        except NotImplementedError:
            return []
        except AssetDeskError:
            return []
        return sorted(leases, key=lambda lease: lease.start_on, reverse=True)

    def _show_leases(self) -> None:
        leases = self.lease_rows()
        _fill(self.leases_table, [
            (lease.number, lease.tenant_name, _date(lease.start_on), _date(lease.last_day), lease.rent_text,
             lease.status, format_money(lease.billed_fen), format_money(lease.received_fen),
             format_money(lease.outstanding_fen)) for lease in leases], right={6, 7, 8})
        if leases:
            billed = sum(lease.billed_fen for lease in leases)
            received = sum(lease.received_fen for lease in leases)
            owed = sum(lease.outstanding_fen for lease in leases)
            self.income_label.setText(
                self.tr("共 %n 份合同", "", len(leases)) + self.tr("；应收合计 %1，已收 %2，欠款 %3")
                .replace("%1", format_money(billed)).replace("%2", format_money(received))
                .replace("%3", format_money(owed)))
        else:
            self.income_label.setText(self.tr("这项资产还没有租赁合同"))

    def _show_events(self) -> None:
        events = list(reversed(self.books.assets.events(self.code)))
        _fill(self.events_table, [(_date(e.happened_on), e.kind, e.reason,
                                   format_money(e.amount_fen) if e.amount_fen else "", e.created_by) for e in events],
              right={3})

    def _show_files(self) -> None:
        self.files_list.clear()
        files = self.books.attachments.list(OWNER, self.asset.id)
        document_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for row in files:
            path = self.books.attachments.path_of(row.id)
            icon = document_icon
            if row.is_photo:
                pixmap = QPixmap(str(path))
                if not pixmap.isNull():
                    icon = QIcon(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
            item = QListWidgetItem(icon, row.file_name)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(f"{row.kind}：{row.file_name}\n{row.size_bytes / 1024:,.0f} KB，{row.added_by} "
                            f"{row.added_at:%Y-%m-%d %H:%M}" + (f"\n{row.note}" if row.note else ""))
            self.files_list.addItem(item)
        photos = sum(1 for f in files if f.is_photo)
        self.files_hint.setText(self.tr("照片 %1 张，文件 %2 个").replace("%1", str(photos))
                                .replace("%2", str(len(files) - photos)))

    def selected_attachment(self) -> int | None:
        item = self.files_list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    # --- clerk actions ---------------------------------------------------------------------------
    def on_add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("添加照片/文件"), "", self.tr(IMAGE_FILTER))
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if not attempt(self, self.books.attachments.add, OWNER, self.asset.id, path):
                break
        self._show_files()

    def on_open_file(self) -> None:
        attachment_id = self.selected_attachment()
        if attachment_id is None:
            QMessageBox.information(self, self.tr("打开"), self.tr("请先选中一张照片或一个文件"))
            return
        path = attempt(self, self.books.attachments.path_of, attachment_id)
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.value)))

    def on_remove_file(self) -> None:
        attachment_id = self.selected_attachment()
        if attachment_id is None:
            QMessageBox.information(self, self.tr("删除"), self.tr("请先选中一张照片或一个文件"))
            return
        name = self.files_list.currentItem().text()
        answer = QMessageBox.question(self, self.tr("删除附件"),
                                      self.tr("删除“%1”？文件会移到附件文件夹的“已删除”中，不会彻底删掉。")
                                      .replace("%1", name))
        if answer == QMessageBox.StandardButton.Yes:
            attempt(self, self.books.attachments.remove, attachment_id)
            self._show_files()

    def on_edit(self) -> None:
        from ui.dialogs.asset_dialog import AssetDialog

        dialog = AssetDialog(self.books, self.asset, parent=self)
        dialog.exec()
        if dialog.saved is not None:
            self.code = dialog.saved.code
        self.reload()

    def on_dispose(self) -> None:
        from ui.dialogs.disposal_dialog import DisposalDialog

        DisposalDialog(self.books, self.asset, parent=self).exec()
        self.reload()
