"""The ``assetdesk`` command: ``assetdesk [--db URL] COMMAND``.

Exit codes: 0 ok, 1 findings or refused input (the Chinese message says what to do), 2 usage.
No traceback ever reaches the user: unexpected errors are logged to the log folder instead.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from assetdesk import __version__
from assetdesk.errors import AssetDeskError, InputError
from assetdesk.money import format_money
from assetdesk.paths import log_dir

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: exit 2 with the usage line, no traceback
        self.print_usage(sys.stderr)
        print(f"用法错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="assetdesk", description="AssetDesk 社区集体经济资产与财务管理")
    parser.add_argument("--db",
                        help="数据库：文件路径、sqlite:///路径 或 postgresql://…（默认 ASSETDESK_DB 或用户数据目录）")
    parser.add_argument("--user", default="会计", help="操作人姓名（记入审计日志）")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    gui = sub.add_parser("gui", help="打开桌面程序（默认）")
    gui.add_argument("--smoke", metavar="DIR", help="无界面巡检：逐页截图保存到 DIR 后退出")
    init = sub.add_parser("init", help="建立或升级账套")
    init.add_argument("--community", help="社区（集体经济组织）名称")
    init.add_argument("--first-period", help="启用期间 YYYY-MM（默认本月）")
    init.add_argument("--credit-code", default="", help="统一社会信用代码")
    demo = sub.add_parser("demo", help="在空数据库中生成演示社区“兰花社区”")
    demo.add_argument("--households", type=int, default=2000, help="住户数（默认 2000）")
    demo.add_argument("--seed", type=int, default=20240501)
    check = sub.add_parser("check", help="完整性检查")
    check.add_argument("--rebuild", action="store_true", help="先从已过账分录重建科目月度汇总，再检查")
    backup = sub.add_parser("backup", help="备份数据库")
    backup.add_argument("dest", nargs="?", help="备份文件或文件夹")
    restore = sub.add_parser("restore", help="从备份恢复（先保留当前数据库的副本）")
    restore.add_argument("file")
    sub.add_parser("version", help="显示版本")
    depreciate = sub.add_parser("depreciate", help="计提一个月的固定资产折旧（生成一张凭证，同一月份不重复计提）")
    depreciate.add_argument("--period", required=True, help="期间 YYYY-MM")
    bill_rent = sub.add_parser("bill-rent", help="租金出账：到该月为止到期的租金记账（每月一张凭证，不重复出账）")
    bill_rent.add_argument("--through", required=True, help="到期截至月份 YYYY-MM")
    _add_exchange_commands(sub)
    return parser


def _add_exchange_commands(sub) -> None:
    imp = sub.add_parser("import", help="从 Excel 导入（先全部校验，有错误则不导入）")
    imp.add_argument("kind")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="只校验并显示将发生的变化，不写入")
    imp.add_argument("--errors", metavar="XLSX", help="有错误时把错误报告写到该文件")
    imp.add_argument("--sheet", metavar="工作表", help="只导入这个工作表（默认：所有含该类表格的工作表）")
    exp = sub.add_parser("export", help="导出到 Excel")
    exp.add_argument("kind")
    exp.add_argument("file")
    _period_options(exp)
    tpl = sub.add_parser("template", help="生成空白导入模板")
    tpl.add_argument("kind")
    tpl.add_argument("file")
    rep = sub.add_parser("report", help="打印报表为 PDF")
    rep.add_argument("name")
    rep.add_argument("-o", "--output", required=True, help="输出文件：.pdf 打印用；.xlsx 则把同样的数字导出为 Excel")
    _period_options(rep)
    rep.add_argument("--account", help="科目编码（明细账、辅助余额表、辅助明细账）；日记账用 cash / bank")
    rep.add_argument("--dimension",
                     help="辅助核算项目：往来单位（counterparty）或 小区（compound）；默认科目设置的第一个")
    rep.add_argument("--group", choices=("category", "area", "status", "asset"),
                     help="资产台账按 类别（category，默认）或 片区（area）分组；"
                          "合同台账按 状态（status，默认）或 资产（asset）")
    rep.add_argument("--number", metavar="收据号", help="收款收据（receipt）的收据号")
    who = rep.add_mutually_exclusive_group()
    who.add_argument("--counterparty", metavar="名称", help="辅助明细账只打这个往来单位（名称；同名时用证件号码）")
    who.add_argument("--compound", metavar="编码", help="辅助明细账只打这个小区（编码或名称）")


def _year(text: str) -> int:
    """--year as four digits: "25" is a usage error saying so, not a puzzling period "25-1"."""
    if not (text.strip().isdigit() and len(text.strip()) == 4):
        raise argparse.ArgumentTypeError(f"年度“{text}”应为四位数字，例如 2025")
    return int(text)


def _period_options(parser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--period", help="期间 YYYY-MM，或范围 YYYY-MM~YYYY-MM")
    group.add_argument("--year", type=_year, help="年度 YYYY")


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a console or pipe without Chinese must not crash the command
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    command = args.command or "gui"
    try:
        return COMMANDS[command](args)
    except AssetDeskError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:  # never a traceback for the user: log it and say where
        log_file = _log_unexpected()
        print(f"错误：程序出现意外问题，详情已写入 {log_file}（请把该文件发给技术支持）", file=sys.stderr)
        return EXIT_REFUSED


def _log_unexpected() -> Path:
    path = log_dir() / "assetdesk-cli.log"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} {' '.join(sys.argv)}\n{traceback.format_exc()}\n")
    logging.getLogger(__name__).debug("unexpected error logged to %s", path)
    return path


def _open(args, require_book: bool = True, may_create: bool = False):
    """The books named by ``--db``. Only init, demo and restore may create a database file: for
    the other commands a mistyped path is an error, not a new empty file."""
    from assetdesk.db.connection import resolve_target
    from assetdesk.services import open_books

    target = resolve_target(args.db)
    if not may_create and target.kind == "sqlite" and target.path is not None \
            and not target.path.exists():
        raise InputError(f"找不到数据库文件“{target.path}”",
                         "请检查 --db 的路径；新建账套请运行 assetdesk init --community 名称，或 assetdesk demo")
    books = open_books(args.db, user=args.user)
    if require_book and not books.is_initialised():
        books.close()
        raise InputError(f"数据库 {books.location} 中还没有账套",
                         "请先运行 assetdesk init --community 名称，或 assetdesk demo")
    return books


def cmd_gui(args) -> int:
    # The CLI is the one entry point; it dispatches to the Qt client without the core importing it.
    app = importlib.import_module("ui.app")
    return int(app.main(sys.argv[:1], db_url=args.db, smoke_dir=getattr(args, "smoke", None)) or 0)


def cmd_init(args) -> int:
    from assetdesk.periods import Period

    books = _open(args, require_book=False, may_create=True)
    try:
        if books.is_initialised():
            book = books.org.book()
            print(f"账套“{book.community_name}”已是最新版本（{books.location}）")
            if books.upgrade_copy:
                print(f"升级前的副本：{books.upgrade_copy}")
            return EXIT_OK
        if not args.community:
            raise InputError("建立账套需要社区名称", "请加上 --community 名称，例如 --community 兰花社区")
        first = Period.parse(args.first_period) if args.first_period else Period.of(dt.date.today())
        book = books.org.setup_book(args.community, first, credit_code=args.credit_code)
        print(f"已建立账套“{book.community_name}”，启用期间 {book.first_period}，数据库 {books.location}")
        return EXIT_OK
    finally:
        books.close()


def cmd_demo(args) -> int:
    from assetdesk.services.demo import build_demo

    if args.households < 0:
        raise InputError("住户数不能为负数", "请填写 0 或正整数")
    books = _open(args, require_book=False, may_create=True)
    try:
        summary = build_demo(books, households=args.households, seed=args.seed)
        print(f"已生成演示社区“兰花社区”：{summary.areas} 个片区，{summary.compounds} 个小区，"
              f"{summary.counterparties} 个往来单位及个人，{summary.vouchers} 张凭证（{summary.months} 个月，"
              f"已结账 {summary.closed_months} 个月）。数据库 {books.location}")
        return EXIT_OK
    finally:
        books.close()


def cmd_check(args) -> int:
    books = _open(args)
    try:
        if args.rebuild:
            print(f"已重建科目月度汇总（{books.ledger.rebuild_totals()} 行）")
        findings = books.check.run()
    finally:
        books.close()
    if not findings:
        print("检查通过：数据结构为最新版本，凭证全部平衡，试算平衡，明细与总账相符，已结账期间无新记账。")
        return EXIT_OK
    print(f"发现 {len(findings)} 个问题：")
    for index, finding in enumerate(findings, start=1):
        print(f"{index}. {finding.message}")
    return EXIT_REFUSED


def cmd_backup(args) -> int:
    books = _open(args, require_book=False)
    try:
        print(books.backup.backup(args.dest))
    finally:
        books.close()
    return EXIT_OK


def cmd_depreciate(args) -> int:
    books = _open(args)
    try:
        run = books.assets.run_depreciation(args.period)
        if run.voucher_label:
            print(f"{run.period} 计提折旧 {run.assets} 项资产，合计 {format_money(run.total_fen)}，"
                  f"凭证 {run.voucher_label}")
        else:
            print(f"{run.period} 没有需要计提折旧的资产")
    finally:
        books.close()
    return EXIT_OK


def cmd_bill_rent(args) -> int:
    books = _open(args)
    try:
        run = books.leases.bill_rent(args.through)
        if run.charges:
            vouchers = run.first_voucher if run.first_voucher == run.last_voucher \
                else f"{run.first_voucher} 至 {run.last_voucher}"
            print(f"已出账 {run.charges} 笔应收租金，合计 {format_money(run.total_fen)}，凭证 {vouchers}")
        else:
            print(f"截至 {args.through} 没有到期未出账的租金")
    finally:
        books.close()
    return EXIT_OK


def cmd_restore(args) -> int:
    books = _open(args, require_book=False, may_create=True)
    try:
        kept = books.backup.restore(args.file)
        print(f"已从 {args.file} 恢复；原数据库已保留为 {kept}")
    finally:
        books.close()
    return EXIT_OK


def cmd_version(args) -> int:
    from assetdesk.db.migrations import LATEST_VERSION

    print(f"AssetDesk {__version__}（数据结构版本 {LATEST_VERSION}）")
    return EXIT_OK


EXPORT_ONLY_KINDS = {"trial-balance": "科目余额表", "rent-schedule": "应收租金计划", "arrears": "欠租明细"}


def _usage_error(message: str) -> int:
    """A mistyped command line (kind, file name): exit 2 like argparse's own usage errors."""
    print(f"用法错误：{message}", file=sys.stderr)
    return EXIT_USAGE


def _unknown_kind(kind: str, extra: dict[str, str] | None = None) -> int | None:
    """Exit code 2 with the kinds to choose from when ``kind`` is not one of them."""
    from assetdesk.excel import KINDS

    kinds = {name: sheet_kind.title for name, sheet_kind in KINDS.items()} | (extra or {})
    if kind in kinds:
        return None
    listed = "、".join(f"{name}（{title}）" for name, title in kinds.items())
    return _usage_error(f"没有“{kind}”这个类型。可用的类型：{listed}")


def _not_xlsx(file: str, what: str) -> int | None:
    """Exports and templates are Excel workbooks: a name promising another format is refused."""
    if Path(file).suffix.lower() == ".xlsx" or Path(file).is_dir():
        return None  # a folder is explained by check_writable
    return _usage_error(f"{what}文件只能是 Excel 工作簿（.xlsx），“{Path(file).name}”不是；"
                        f"请把文件名改为以 .xlsx 结尾，例如 {Path(file).stem or '导出'}.xlsx")


MAX_PRINTED_ERRORS = 500  # a file wrong on every row lists the rest in the --errors report


def cmd_import(args) -> int:
    from assetdesk.excel import ImportRejectedError, import_file, write_error_report

    if (refused := _unknown_kind(args.kind)) is not None:
        return refused
    books = _open(args)
    try:
        try:
            preview = import_file(books, args.kind, args.file, dry_run=args.dry_run, sheet=args.sheet)
        except ImportRejectedError as exc:
            preview = exc.preview
        print(preview.summary())
        if preview.skipped_examples:
            print(f"  已跳过模板中的示例行 {preview.skipped_examples} 行")
        if preview.ignored_columns:
            print("  未使用的列：" + "、".join(preview.ignored_columns))
        if preview.errors:
            for error in preview.errors[:MAX_PRINTED_ERRORS]:
                print(f"  {error}")
            if len(preview.errors) > MAX_PRINTED_ERRORS and not args.errors:
                print(f"  ……以下省略 {len(preview.errors) - MAX_PRINTED_ERRORS} 处；"
                      "加 --errors 报告.xlsx 可保存完整的错误清单（错误单元格标红）")
            if args.errors:
                from assetdesk.output_files import check_writable

                print(f"错误报告：{write_error_report(preview, check_writable(args.errors))}")
            return EXIT_REFUSED
        if args.dry_run:
            labels = {"new": "新增", "changed": "修改", "unchanged": "未变"}
            for change in preview.changes:  # an unchanged record is listed only with a note (merged rows)
                if change.status != "unchanged" or change.detail:
                    print(f"  {labels.get(change.status, change.status)} {change.key}"
                          + (f"：{change.detail}" if change.detail else ""))
            print("（试运行，未写入任何数据）")
        return EXIT_OK
    finally:
        books.close()


def cmd_export(args) -> int:
    from assetdesk.excel import export_file, export_trial_balance
    from assetdesk.excel.lease_sheets import LEASE_EXPORTS
    from assetdesk.output_files import check_writable
    from assetdesk.pdf.reports import report_scope  # the months a report covers, as printed

    refused = _unknown_kind(args.kind, EXPORT_ONLY_KINDS)
    if refused is None:
        refused = _not_xlsx(args.file, "导出")
    if refused is not None:
        return refused
    books = _open(args)
    try:
        if args.kind == "trial-balance":  # report-only sheet: the district's 科目余额表 workbook
            scope = report_scope(books, args.period, args.year)
            print(export_trial_balance(books, check_writable(args.file), scope.first, scope.last))
        elif args.kind in LEASE_EXPORTS:  # 应收租金计划, 欠租明细 (as of the --period's last day or today)
            print(LEASE_EXPORTS[args.kind][1](books, check_writable(args.file), period=args.period, year=args.year))
        else:
            print(export_file(books, args.kind, check_writable(args.file), period=args.period, year=args.year))
    finally:
        books.close()
    return EXIT_OK


def cmd_template(args) -> int:
    from assetdesk.excel import write_template
    from assetdesk.output_files import check_writable

    refused = _unknown_kind(args.kind)
    if refused is None:
        refused = _not_xlsx(args.file, "模板")
    if refused is not None:
        return refused
    print(write_template(args.kind, check_writable(args.file)))
    return EXIT_OK


def cmd_report(args) -> int:
    """Print report NAME to a PDF; an -o ending in .xlsx writes the same figures as a worksheet
    (the preview's 导出Excel), for the reports whose data fits one."""
    from assetdesk.output_files import check_writable
    from assetdesk.pdf import build_report
    from assetdesk.pdf.reports import AS_OF_REPORTS, UNDATED_REPORTS, scope_note

    suffix = Path(args.output).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InputError(f"报表只能输出为 PDF（.pdf）或 Excel（.xlsx），“{Path(args.output).name}”不是",
                         "请把 -o 的文件名改为以 .pdf 结尾，例如 科目余额表.pdf")
    books = _open(args)
    try:
        if suffix == ".xlsx":
            print(_report_workbook(books, args, check_writable(args.output)))
        else:
            print(build_report(books, args.name, check_writable(args.output), period=args.period,
                               year=args.year, account=args.account, printed_on=dt.date.today(), **_aux_options(args)))
        if args.name not in UNDATED_REPORTS + AS_OF_REPORTS and (note := scope_note(books, args.period, args.year)):
            print(note, file=sys.stderr)
    finally:
        books.close()
    return EXIT_OK


def _aux_options(args) -> dict:
    """The 辅助 reports' options given on the command line (checked by ``check_options``)."""
    return {"dimension": args.dimension, "counterparty": args.counterparty, "compound": args.compound,
            "group": args.group, "number": args.number}


def _report_workbook(books, args, path: Path) -> Path:
    from assetdesk.excel.report_sheets import REPORT_SHEETS, export_report
    from assetdesk.pdf.reports import (
        AS_OF_REPORTS,
        REPORTS,
        UNDATED_REPORTS,
        asked_scope,
        check_options,
        report_as_of,
        report_scope,
    )

    aux = _aux_options(args)
    check_options(args.name, args.period, args.year, args.account, **aux)
    if args.name not in REPORT_SHEETS:
        raise InputError(f"“{REPORTS[args.name][0]}”只能打印为 PDF", "请把 -o 的文件名改为以 .pdf 结尾")
    if args.name in AS_OF_REPORTS:  # of a day, as printed: the end of the months asked for, or today
        asked = asked_scope(books, args.period, args.year) if args.period or args.year else None
        aux["as_of"] = report_as_of(asked, dt.date.today())
    dated = args.name not in UNDATED_REPORTS + AS_OF_REPORTS  # the others: of a day, no months to cut
    scope = report_scope(books, args.period, args.year) if dated else asked_scope(books, args.period, args.year)
    return export_report(books, args.name, path, scope.first, scope.last, args.account, **aux)


COMMANDS = {
    "gui": cmd_gui, "init": cmd_init, "demo": cmd_demo, "check": cmd_check, "backup": cmd_backup,
    "restore": cmd_restore, "version": cmd_version, "import": cmd_import, "export": cmd_export,
    "template": cmd_template, "report": cmd_report, "depreciate": cmd_depreciate,
    "bill-rent": cmd_bill_rent,
}

if __name__ == "__main__":
    raise SystemExit(main())
