"""Build the Windows installer (PyInstaller one-folder build wrapped with Inno Setup).

Not yet: the installer has its own issue. Until then this script says so and exits with status 1,
so nobody mistakes a missing installer for a built one. Run the app from source with
``pip install .`` then ``assetdesk``.
"""
from __future__ import annotations

import sys


def main() -> int:
    print("安装包构建尚未实现（将在“安装程序”任务中完成）。现在请用 pip install . 安装后运行 assetdesk。",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
