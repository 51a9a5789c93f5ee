"""Version 4: books ready for business documents.

- ``voucher.document_kind/_id/_seq``: the document a voucher posts, unique, so a document is never
  posted twice; year-end closing vouchers become the documents ``year_end_pl`` / ``year_end_profit``
  (until now found by ``source == "期末结转"``).
- ``voucher.paper_label``: an imported voucher's number on paper (until now parsed out of ``source``).
- ``voucher_counter``: the last number of each month, taken under a row lock when posting.
- ``period_state.closed_number``: the month's last number when it was closed.
- ``account_dimension``, ``opening_balance_aux``: 辅助核算 and the opening breakdown by record.
- ``posting_rule``: which account each business event posts to.

Books that already post 112 应收款 with a 往来单位 on every line get 112 declared as carried by
往来单位 (what a new set of books starts with); books with 112 lines without one keep 112 as it was,
so no old posting is judged by a rule it was never under. Posting rules are set where the books
already have the default account (matched by code and name); the others are left for the clerk.
"""
from __future__ import annotations

import re

import peewee

VERSION = 4
_PAPER_RE = re.compile(r"原凭证号\s*(\S+?-\d+)")


def upgrade(db: peewee.Database) -> None:
    from assetdesk.db import models as m

    _add_columns(db)
    db.create_tables([m.VoucherCounter, m.AccountDimension, m.OpeningBalanceAux, m.PostingRule], safe=True)
    db.execute_sql("DELETE FROM voucher_counter")
    db.execute_sql("INSERT INTO voucher_counter (period_key, last_number) SELECT period_key, MAX(number)"
                   " FROM voucher WHERE number IS NOT NULL GROUP BY period_key")
    db.execute_sql("UPDATE period_state SET closed_number = (SELECT last_number FROM voucher_counter c"
                   " WHERE c.period_key = period_state.period_key) WHERE is_closed = %s" % db.param, (True,))
    _paper_labels(db)
    _year_end_documents(db)
    _default_dimensions(db)
    _default_posting_rules(db)


def _add_columns(db: peewee.Database) -> None:
    voucher = {column.name for column in db.get_columns("voucher")}
    for name, kind in (("document_kind", "VARCHAR(30)"), ("document_id", "BIGINT"), ("document_seq", "INTEGER")):
        if name not in voucher:
            db.execute_sql(f"ALTER TABLE voucher ADD COLUMN {name} {kind}")
    if "paper_label" not in voucher:
        db.execute_sql("ALTER TABLE voucher ADD COLUMN paper_label VARCHAR(20) NOT NULL DEFAULT ''")
    if "voucher_document_kind_document_id_document_seq" not in {i.name for i in db.get_indexes("voucher")}:
        db.execute_sql("CREATE UNIQUE INDEX voucher_document_kind_document_id_document_seq"
                       " ON voucher (document_kind, document_id, document_seq)")
    if "closed_number" not in {column.name for column in db.get_columns("period_state")}:
        db.execute_sql("ALTER TABLE period_state ADD COLUMN closed_number INTEGER")


def _paper_labels(db: peewee.Database) -> None:
    rows = db.execute_sql("SELECT id, source FROM voucher WHERE source LIKE %s" % db.param, ("%原凭证号%",)).fetchall()
    for voucher_id, source in rows:
        match = _PAPER_RE.search(source or "")
        if match:
            db.execute_sql(f"UPDATE voucher SET paper_label = {db.param} WHERE id = {db.param}",
                           (match.group(1), voucher_id))


def _year_end_documents(db: peewee.Database) -> None:
    p = db.param
    for voucher_id, period_key, summary in db.execute_sql(
            f"SELECT id, period_key, summary FROM voucher WHERE source = {p} ORDER BY id", ("期末结转",)).fetchall():
        kind = "year_end_profit" if "本年收益" in (summary or "") else "year_end_pl"
        db.execute_sql(f"UPDATE voucher SET document_kind = {p}, document_id = {p}, document_seq = 1 WHERE id = {p}",
                       (kind, period_key // 100, voucher_id))
        db.execute_sql(f"UPDATE voucher SET document_kind = {p}, document_id = {p}, document_seq = 2"
                       f" WHERE reverses_id = {p}", (kind, period_key // 100, voucher_id))


def _default_dimensions(db: peewee.Database) -> None:
    p = db.param
    row = db.execute_sql(f"SELECT id FROM account WHERE code = {p}", ("112",)).fetchone()
    if row is None:
        return  # no chart yet: setup_book seeds the chart with its dimensions
    unnamed = db.execute_sql(
        "SELECT COUNT(*) FROM voucher_line l JOIN account a ON a.id = l.account_id"
        f" WHERE a.code LIKE {p} AND l.counterparty_id IS NULL", ("112%",)).fetchone()[0]
    opening = db.execute_sql(
        f"SELECT COUNT(*) FROM opening_balance o JOIN account a ON a.id = o.account_id WHERE a.code LIKE {p}"
        " AND o.amount_fen <> 0", ("112%",)).fetchone()[0]
    if not unnamed and not opening:
        db.execute_sql(f"INSERT INTO account_dimension (account_id, dimension) VALUES ({p}, {p})",
                       (row[0], "counterparty"))


# The posting rules' defaults as version 4 knows them (services.posting_rules.RULE_SLOTS then): key,
# default code, its name. Frozen here, as a migration must be: a later change of a default never
# rewrites what this step did.
_V4_RULE_DEFAULTS: tuple[tuple[str, str, str], ...] = (
    ("cash", "101", "库存现金"), ("bank", "10201", "基本存款户"), ("rent.receivable", "112", "应收款"),
    ("rent.income", "50101", "租金收入"), ("deposit.payable", "21101", "押金"), ("fee.receivable", "112", "应收款"),
    ("fee.income", "50102", "物业服务收入"), ("fee.waiver", "50102", "物业服务收入"),
    ("grant.payable", "241", "专项应付款"), ("grant.works", "153", "在建工程"),
    ("company_fee.income", "504", "其他收入"), ("cadre_pay.expense", "51301", "干部报酬"),
    ("cadre_pay.payable", "212", "应付工资"), ("repair.expense", "514", "公益支出"), ("fixed_asset", "151", "固定资产"),
    ("depreciation.expense", "511", "经营支出"), ("depreciation.accumulated", "152", "累计折旧"),
    ("asset.disposal", "154", "固定资产清理"),
)


def _default_posting_rules(db: peewee.Database,
                           defaults: tuple[tuple[str, str, str], ...] = _V4_RULE_DEFAULTS) -> None:
    """Set the rules whose default account the books already have as an active leaf, matched by code
    and name (an old book's 50101 may hold something else than 租金收入; DOMAIN §3.1: never by code
    alone), or by name under the same parent with another code. Where the default is a sub-account
    and the books never split its first-level account (102 a leaf), that account is taken: it is
    where such postings already go. Other rules stay unset: 设置 → 记账规则 shows why, and posting
    with them is refused until the clerk chooses."""
    rows = db.execute_sql("SELECT id, code, name, parent_id, is_active FROM account").fetchall()
    if not rows:
        return  # no chart yet: setup_book seeds the chart with its rules
    parents = {row[3] for row in rows if row[3]}
    leaves = {row[1]: (row[0], row[2]) for row in rows if row[0] not in parents and row[4]}
    taken = {key for (key,) in db.execute_sql("SELECT key FROM posting_rule").fetchall()}
    p = db.param
    for key, code, name in defaults:
        account_id = _default_account(leaves, code, name)
        if account_id is not None and key not in taken:
            db.execute_sql(f"INSERT INTO posting_rule (key, account_id) VALUES ({p}, {p})", (key, account_id))


def _default_account(leaves: dict[str, tuple[int, str]], code: str, name: str) -> int | None:
    """The active leaf a default (code, name) stands for in these books, or None (see above)."""
    if leaves.get(code, (None, ""))[1] == name:
        return leaves[code][0]
    if len(code) == 3:
        return None
    named = [account_id for other, (account_id, other_name) in leaves.items()
             if other_name == name and len(other) == len(code) and other[:-2] == code[:-2]]
    if len(named) == 1:
        return named[0]
    return leaves[code[:3]][0] if code[:3] in leaves else None
