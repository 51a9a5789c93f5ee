"""How a voucher line names its 辅助核算 records in print and on screen: "112 应收款—普洱茶源商贸有限公司".

Pure text from the line's own fields (``LineView``: account code, the account's full name, the
往来单位's and the 小区's names), so the voucher dialog, the voucher list and the printed 记账凭证 say
it the same way without another query.
"""
from __future__ import annotations

SEPARATOR = "—"  # the dash of full account names (应收款—租金), so a record reads as one more level


def aux_names(line) -> tuple[str, ...]:
    """The names of the records a line carries (往来单位 first, then 小区), blanks left out."""
    names = (getattr(line, "counterparty_name", "") or "", getattr(line, "compound_name", "") or "")
    return tuple(name for name in names if name)


def account_with_aux(line) -> str:
    """The account name with the line's records: 应收款—租金—张三."""
    return SEPARATOR.join((line.account_name, *aux_names(line))) if line.account_name else \
        SEPARATOR.join(aux_names(line))


def aux_label(line) -> str:
    """"112 应收款—普洱茶源商贸有限公司": code, full account name, then each record's name."""
    name = account_with_aux(line)
    return f"{line.account_code} {name}".strip()


def unassigned_label(dimension_label: str) -> str:
    """The row of a sub-ledger for what names no record: （未指定往来单位）."""
    return f"（未指定{dimension_label}）"
