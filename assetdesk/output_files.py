"""Where exports, templates and printed reports are written: checked before the work starts.

A workbook is written row by row into a temporary file and only then saved under its name; a PDF
is laid out in full before reportlab opens the target. Finding out at the end that the folder does
not exist, or that Excel holds the file open, wastes the work and (for openpyxl's write-only mode)
leaves noise on the console. ``check_writable`` asks first and says what to do in Chinese.
"""
from __future__ import annotations

from pathlib import Path

from assetdesk.errors import OutputFileError


def check_writable(path: str | Path) -> Path:
    """``path`` as a ``Path`` when a file can be written there, else ``OutputFileError``.

    An existing file is opened for appending (nothing is changed) so that a lock is found now; a
    new one is created and removed again."""
    path = Path(path)
    if path.is_dir():
        raise OutputFileError(f"“{path}”是一个文件夹", "请在后面写上文件名，例如 科目余额表.xlsx")
    if not path.parent.is_dir():
        raise OutputFileError(f"文件夹“{path.parent}”不存在", "请先建立这个文件夹，或换一个保存位置")
    existed = path.exists()
    try:
        with open(path, "ab"):
            pass
    except PermissionError:
        raise OutputFileError(f"无法写入“{path.name}”：文件可能正在 Excel 或其他程序中打开，或没有写入权限",
                              "请关闭该文件或换一个文件名后重试") from None
    except OSError as exc:
        raise OutputFileError(f"无法写入“{path.name}”：{exc.strerror or exc}", "请换一个保存位置后重试") from None
    if not existed:
        path.unlink(missing_ok=True)
    return path
