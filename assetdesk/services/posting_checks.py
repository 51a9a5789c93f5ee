"""The checks a voucher passes before it is posted (DOMAIN §3.2, §3.1), in one place.

They return problems rather than raise, so the posting path refuses with the first one and the journal
import's preview reports every one by row and column, in the same words. A problem names its line
(1-based; 0 for the voucher as a whole) and its field.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assetdesk.dimensions import DIMENSIONS
from assetdesk.errors import AccountError, AssetDeskError, InputError, UnbalancedVoucherError, VoucherError
from assetdesk.money import format_money
from assetdesk.services.account_catalog import AccountInfo
from assetdesk.services.voucher_types import LineInput, VoucherInput

SUMMARY_LIMIT = 200  # voucher.summary and voucher_line.summary; PostgreSQL refuses more


@dataclass(frozen=True)
class Problem:
    line: int
    field: str  # date / attachments / summary / account / amount / balance / dimension:<key>
    message: str
    hint: str
    error: type[AssetDeskError] = VoucherError

    @property
    def reason(self) -> str:
        """The message without its "第N行：" (an import names the row and column itself)."""
        prefix = f"第{self.line}行："
        return self.message[len(prefix):] if self.line and self.message.startswith(prefix) else self.message

    def exception(self) -> AssetDeskError:
        return self.error(self.message, self.hint)


def header_problems(item: VoucherInput) -> list[Problem]:
    problems = []
    if not isinstance(item.date_on, dt.date):
        problems.append(Problem(0, "date", "凭证日期无效", "请填写日期，例如 2025-03-31", InputError))
    if item.attachments < 0:
        problems.append(Problem(0, "attachments", "附件张数不能为负数", "请填写 0 或正整数", InputError))
    if not (item.summary or "").strip() and not any((line.summary or "").strip() for line in item.lines):
        problems.append(Problem(0, "summary", "凭证摘要不能为空", "请填写摘要，说明这笔业务"))
    for index, text in enumerate((item.summary or "", *(line.summary or "" for line in item.lines))):
        if len(text.strip()) > SUMMARY_LIMIT:
            problems.append(Problem(index, "summary", f"摘要“{text.strip()[:20]}…”共 {len(text.strip())} 个字，超过 "
                                    f"{SUMMARY_LIMIT} 个字", "请简写摘要，详细情况可写在附件或备注中", InputError))
    return problems


def line_problems(lines: Sequence[LineInput], accounts: Mapping[str, AccountInfo], *, for_posting: bool,
                  reversing: bool = False) -> list[Problem]:
    """Leaf, active accounts (a reversal may use one deactivated since); one column per line; each
    dimension its account carries named; at posting, two lines or more, with amounts, balanced."""
    problems = []
    if for_posting and len(lines) < 2:
        problems.append(Problem(0, "lines", "凭证至少需要两行分录", "请补充对方科目"))
    for index, line in enumerate(lines, start=1):
        problem = line_problem(index, line, accounts, for_posting=for_posting, reversing=reversing)
        if problem is not None:
            problems.append(problem)
    if for_posting and not problems:
        balance = balance_problem(lines)
        if balance is not None:
            problems.append(balance)
    return problems


def line_problem(index: int, line: LineInput, accounts: Mapping[str, AccountInfo], *, for_posting: bool,
                 reversing: bool = False) -> Problem | None:
    """What is wrong with one line on its own (its account, its amount, its dimensions), or None."""
    problem = _account_problem(index, line, accounts, reversing) or _amount_problem(index, line, for_posting)
    if problem is None and for_posting:
        problem = _dimension_problem(index, line, accounts[line.account_code.strip()])
    return problem


def _account_problem(index: int, line: LineInput, accounts: Mapping[str, AccountInfo],
                     reversing: bool) -> Problem | None:
    code = (line.account_code or "").strip()
    info = accounts.get(code)
    if info is None:
        return Problem(index, "account", f"第{index}行：科目“{line.account_code}”不存在",
                       "请用科目编码、名称或拼音首字母选择科目", AccountError)
    if not info.is_leaf:
        return Problem(index, "account", f"第{index}行：科目“{code} {info.name}”不是末级科目，不能记账",
                       "请选择它的明细科目", AccountError)
    if not info.is_active and not reversing:
        return Problem(index, "account", f"第{index}行：科目“{code} {info.name}”已停用",
                       "请选择其他科目，或先启用该科目",
                       AccountError)
    return None


def _amount_problem(index: int, line: LineInput, for_posting: bool) -> Problem | None:
    if line.debit_fen and line.credit_fen:
        return Problem(index, "amount", f"第{index}行：借方和贷方不能同时有金额", "一行只填借方或贷方")
    if for_posting and not (line.debit_fen or line.credit_fen):
        return Problem(index, "amount", f"第{index}行：没有金额", "请填写借方或贷方金额，或删除该行")
    return None


def _dimension_problem(index: int, line: LineInput, info: AccountInfo) -> Problem | None:
    for dimension in DIMENSIONS:
        if dimension.key in info.dimensions and getattr(line, dimension.line_field) is None:
            return Problem(index, f"dimension:{dimension.key}",
                           f"第{index}行：科目“{info.code} {info.full_name}”按{dimension.label}核算，"
                           f"没有填写{dimension.label}",
                           f"请为这一行选择{dimension.label}，{info.full_name}的明细账按{dimension.label}逐一对账",
                           AccountError)
    return None


def balance_problem(lines: Sequence[LineInput]) -> Problem | None:
    debit = sum(line.debit_fen for line in lines)
    credit = sum(line.credit_fen for line in lines)
    if debit != credit:
        return Problem(0, "balance", f"借贷不平衡：借方合计 {format_money(debit)}，贷方合计 {format_money(credit)}，"
                       f"相差 {format_money(debit - credit)}", "请检查金额，借方合计必须等于贷方合计",
                       UnbalancedVoucherError)
    if debit == 0 and all(line.debit_fen == 0 for line in lines):
        return Problem(0, "balance", "凭证金额合计为零", "请填写金额")
    return None


def missing_record_problem(index: int, field: str, record_id: int) -> Problem:
    dimension = next(d for d in DIMENSIONS if d.line_field == field)
    return Problem(index, f"dimension:{dimension.key}", f"第{index}行：{dimension.label}（编号 {record_id}）不存在",
                   f"请重新选择{dimension.label}", AccountError)
