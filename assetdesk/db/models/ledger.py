"""The books: chart of accounts, opening balances, vouchers and their lines, periods."""
from __future__ import annotations

import peewee

from assetdesk.db.models.base import BaseModel
from assetdesk.db.models.org import Compound, Counterparty


class Account(BaseModel):
    id: peewee.AutoField[int]
    code = peewee.CharField(max_length=20, unique=True)
    name = peewee.CharField(max_length=100)
    parent = peewee.ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    parent_id: peewee.ForeignKeyField[int | None]
    level = peewee.IntegerField()
    category = peewee.CharField(max_length=10)  # 资产 负债 所有者权益 成本 损益
    normal_side = peewee.CharField(max_length=4)  # 借 贷 双向
    is_active = peewee.BooleanField(default=True)
    initials = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "account"


class OpeningBalance(BaseModel):
    """期初余额 of a leaf account at the first period of the books (signed, debit positive)."""

    id: peewee.AutoField[int]
    account = peewee.ForeignKeyField(Account, unique=True, on_delete="RESTRICT")
    account_id: peewee.ForeignKeyField[int]
    amount_fen = peewee.BigIntegerField(default=0)

    class Meta:
        table_name = "opening_balance"


class Voucher(BaseModel):
    id: peewee.AutoField[int]
    period_key = peewee.IntegerField(index=True)
    number = peewee.IntegerField(null=True)  # assigned at posting, consecutive per month
    word = peewee.CharField(max_length=4, default="记")
    date_on = peewee.DateField()
    summary = peewee.CharField(max_length=200, default="")
    attachments = peewee.IntegerField(default=0)
    preparer = peewee.CharField(max_length=50, default="")
    reviewer = peewee.CharField(max_length=50, default="")
    status = peewee.CharField(max_length=10, default="draft", index=True)  # draft / posted
    source = peewee.CharField(max_length=50, default="")  # what the clerk reads: 手工 / 导入 / 红字冲销 …
    reverses = peewee.ForeignKeyField("self", null=True, backref="reversals", on_delete="RESTRICT")
    reverses_id: peewee.ForeignKeyField[int | None]
    # The document this voucher posts (schema v4): a lease charge, a bill run, a receipt, a year-end
    # closing. ``document_seq`` counts the document's postings: 1 its posting, 2 its reversal, 3 a
    # posting again after that … so the unique index refuses a document posted twice, on every
    # database and under any concurrency, and "is it posted" is "is its last seq odd".
    document_kind = peewee.CharField(max_length=30, null=True)
    document_id = peewee.BigIntegerField(null=True)
    document_seq = peewee.IntegerField(null=True)
    # The number on paper of an imported voucher the books number otherwise (记-0004), else "".
    paper_label = peewee.CharField(max_length=20, default="", constraints=[peewee.SQL("DEFAULT ''")])
    created_at = peewee.DateTimeField()
    posted_at = peewee.DateTimeField(null=True)
    # Derived from the lines when they are written (schema v3), so the voucher list sorts by amount
    # and searches 摘要 without touching the million-row line table.
    debit_fen = peewee.BigIntegerField(default=0, index=True, constraints=[peewee.SQL("DEFAULT 0")])
    search_text = peewee.TextField(default="", constraints=[peewee.SQL("DEFAULT ''")])

    class Meta:
        table_name = "voucher"
        indexes = ((("period_key", "number"), True), (("document_kind", "document_id", "document_seq"), True))

    lines: peewee.ModelSelect[VoucherLine]  # the backref of VoucherLine.voucher


class VoucherLine(BaseModel):
    """One 分录: a leaf account and one signed amount (debit positive); ``is_debit`` is the column it
    shows in, so a red (红字) debit of −100 stays in the debit column. Period, date and posted flag
    are copied from the voucher so the books aggregate one table through one covering index."""

    id: peewee.AutoField[int]
    voucher = peewee.ForeignKeyField(Voucher, backref="lines", on_delete="CASCADE")
    voucher_id: peewee.ForeignKeyField[int]
    seq = peewee.IntegerField()
    account = peewee.ForeignKeyField(Account, on_delete="RESTRICT")
    account_id: peewee.ForeignKeyField[int]
    summary = peewee.CharField(max_length=200, default="")
    amount_fen = peewee.BigIntegerField()
    is_debit = peewee.BooleanField()
    period_key = peewee.IntegerField()
    date_on = peewee.DateField()
    posted = peewee.BooleanField(default=False)
    counterparty = peewee.ForeignKeyField(Counterparty, null=True, on_delete="RESTRICT")
    counterparty_id: peewee.ForeignKeyField[int | None]
    compound = peewee.ForeignKeyField(Compound, null=True, on_delete="RESTRICT")
    compound_id: peewee.ForeignKeyField[int | None]
    # become foreign keys when the asset, lease and fund registers are built (assetdesk.dimensions)
    asset_id = peewee.IntegerField(null=True)
    lease_id = peewee.IntegerField(null=True)
    fund_id = peewee.IntegerField(null=True)

    class Meta:
        table_name = "voucher_line"
        indexes = (
            (("posted", "period_key", "account", "is_debit", "amount_fen"), False),
            (("account", "posted", "period_key", "date_on"), False),
        )


class AccountPeriodTotal(BaseModel):
    """Posted debit and credit of one leaf account in one month, kept in step by the voucher service
    so the trial balance reads months × accounts rows instead of every line. Derived data: it can
    always be rebuilt from the lines (``LedgerService.rebuild_totals``) and ``check`` compares them."""

    id: peewee.AutoField[int]
    account = peewee.ForeignKeyField(Account, on_delete="RESTRICT")
    account_id: peewee.ForeignKeyField[int]
    period_key = peewee.IntegerField()
    debit_fen = peewee.BigIntegerField(default=0)
    credit_fen = peewee.BigIntegerField(default=0)

    class Meta:
        table_name = "account_period_total"
        indexes = ((("account", "period_key"), True),)


class PeriodState(BaseModel):
    """A month that has been closed (结账) at least once; absence means open."""

    id: peewee.AutoField[int]
    period_key = peewee.IntegerField(unique=True)
    is_closed = peewee.BooleanField(default=True)
    closed_at = peewee.DateTimeField(null=True)
    closed_by = peewee.CharField(max_length=50, default="")
    # the month's last voucher number when it was closed (schema v4): ``check`` finds any voucher
    # numbered after it, exactly, where comparing times to the second could miss one
    closed_number = peewee.IntegerField(null=True)

    class Meta:
        table_name = "period_state"


class PeriodLog(BaseModel):
    """Every close and reopen (反结账) with its reason: the auditor reads this."""

    id: peewee.AutoField[int]
    period_key = peewee.IntegerField()
    action = peewee.CharField(max_length=10)  # 结账 / 反结账
    reason = peewee.TextField(default="")
    user = peewee.CharField(max_length=50, default="")
    at = peewee.DateTimeField()

    class Meta:
        table_name = "period_log"


class VoucherCounter(BaseModel):
    """The last voucher number of a month (schema v4). Taking the next number updates this row, so
    two clerks posting in one month wait for each other instead of both taking MAX+1."""

    period_key = peewee.IntegerField(primary_key=True)
    last_number = peewee.IntegerField(default=0)

    class Meta:
        table_name = "voucher_counter"


class AccountDimension(BaseModel):
    """An account's 辅助核算: every posting to it (or to its sub-accounts) names a record of this
    dimension (``assetdesk.dimensions``)."""

    id: peewee.AutoField[int]
    account = peewee.ForeignKeyField(Account, backref="dimensions", on_delete="CASCADE")
    account_id: peewee.ForeignKeyField[int]
    dimension = peewee.CharField(max_length=20)

    class Meta:
        table_name = "account_dimension"
        indexes = ((("account", "dimension"), True),)


class OpeningBalanceAux(BaseModel):
    """The breakdown of an account's 期初余额 by its dimensions (核算项目): one row per record;
    the rows of an account add up to its ``OpeningBalance``."""

    id: peewee.AutoField[int]
    account = peewee.ForeignKeyField(Account, on_delete="RESTRICT")
    account_id: peewee.ForeignKeyField[int]
    counterparty = peewee.ForeignKeyField(Counterparty, null=True, on_delete="RESTRICT")
    counterparty_id: peewee.ForeignKeyField[int | None]
    compound = peewee.ForeignKeyField(Compound, null=True, on_delete="RESTRICT")
    compound_id: peewee.ForeignKeyField[int | None]
    asset_id = peewee.IntegerField(null=True)
    lease_id = peewee.IntegerField(null=True)
    fund_id = peewee.IntegerField(null=True)
    amount_fen = peewee.BigIntegerField(default=0)

    class Meta:
        table_name = "opening_balance_aux"


class PostingRule(BaseModel):
    """Which account an event of DOMAIN §3.3 posts to (``services.posting_rules`` holds the list of
    slots, what each may point at, and its default); the clerk changes them in 设置."""

    key = peewee.CharField(max_length=50, primary_key=True)
    account = peewee.ForeignKeyField(Account, null=True, on_delete="RESTRICT")
    account_id: peewee.ForeignKeyField[int | None]

    class Meta:
        table_name = "posting_rule"
