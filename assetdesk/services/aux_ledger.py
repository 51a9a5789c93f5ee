"""辅助核算 sub-ledgers as the clerk and an auditor read them: 辅助余额表 and 辅助明细账.

An account that carries a dimension (``account_dimension``, on it or an ancestor) is read here by
the records of that dimension: 应收款 by 往来单位, 专项应付款 by 资金项目 … Every figure is an SQL
aggregate grouped by the line's dimension column, plus the opening breakdown (``opening_balance_aux``).
What names no record (a line posted without a 往来单位, or the part of the 期初余额 left out of the
breakdown) is one row of its own, （未指定往来单位）, so the rows always add up to the account's
figures in the 科目余额表 to the fen: an auditor ticks the sub-ledger against the trial balance.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from assetdesk.db.models import Account, AccountDimension
from assetdesk.dimensions import BY_KEY, DIMENSIONS, Dimension
from assetdesk.dimensions import dimension as find_dimension
from assetdesk.errors import AccountError, DateError, InputError, NotFoundError
from assetdesk.names import normalise_name
from assetdesk.periods import Period
from assetdesk.services.aux_labels import unassigned_label
from assetdesk.services.context import Service
from assetdesk.services.ledger import LedgerEntry, LedgerService, book_entries, book_line, direction_of

# what identifies a record besides its name, per dimension: a 小区's code, a person's 证件号码
CODE_COLUMNS = {"counterparty": "id_code", "compound": "code"}
_CHUNK = 500  # ids per IN (…) when reading record names: well under every database's parameter limit


@dataclass(frozen=True)
class AuxRecord:
    """One record of a dimension as a sub-ledger shows it; ``id`` None is the row of what names none."""

    dimension: str  # the dimension's key: "counterparty"
    id: int | None
    code: str  # 小区 XQ001, counterparty's 证件号码, "" when it has none
    name: str

    @property
    def is_unassigned(self) -> bool:
        return self.id is None


@dataclass(frozen=True)
class AuxBalanceRow:
    """One record's line of the 辅助余额表; balances signed (debit positive)."""

    record: AuxRecord
    opening_fen: int
    debit_fen: int
    credit_fen: int
    ytd_debit_fen: int
    ytd_credit_fen: int
    closing_fen: int

    @property
    def code(self) -> str:
        return self.record.code

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def opening_direction(self) -> str:
        return direction_of(self.opening_fen)

    @property
    def opening_amount_fen(self) -> int:
        return abs(self.opening_fen)

    @property
    def closing_direction(self) -> str:
        return direction_of(self.closing_fen)

    @property
    def closing_amount_fen(self) -> int:
        return abs(self.closing_fen)


@dataclass(frozen=True)
class AuxBalance:
    """辅助余额表 of one account (with its sub-accounts) by one dimension, for months ``period_from``
    … ``period_to``; ``totals`` (合计) equals the account's line of the 科目余额表."""

    account_code: str
    account_name: str  # full name: 应收款—租金
    dimension: Dimension
    period_from: Period
    period_to: Period
    rows: tuple[AuxBalanceRow, ...]
    totals: AuxBalanceRow

    @property
    def heading(self) -> str:
        return f"科目：{self.account_code} {self.account_name}　辅助核算：{self.dimension.label}"


@dataclass(frozen=True)
class AuxLedgerSection:
    """辅助明细账 of one record: entries shaped as ``LedgerService.account_ledger``'s."""

    account_code: str
    account_name: str
    dimension: Dimension
    record: AuxRecord
    entries: tuple[LedgerEntry, ...]

    @property
    def heading(self) -> str:
        code = f"（{self.record.code}）" if self.record.code else ""
        return (f"科目：{self.account_code} {self.account_name}　"
                f"{self.dimension.label}：{self.record.name}{code}")


class AuxLedgerService(Service):
    """Read-only queries over the posted books by 辅助核算 record; ``general_ledger`` is the
    科目余额表 / 明细账 these sub-ledgers add up to."""

    def __init__(self, ctx, ledger: LedgerService):
        super().__init__(ctx)
        self.general_ledger = ledger

    # --- the account and its dimensions --------------------------------------------------------
    def dimensions_of(self, code: str) -> tuple[Dimension, ...]:
        """The dimensions ``code`` carries: declared on it or on an ancestor, in catalogue order."""
        chain = self._chain(code)
        declared = {row.dimension for row in AccountDimension.select(AccountDimension.dimension)
                    .where(AccountDimension.account.in_([a.id for a in chain]))}
        return tuple(d for d in DIMENSIONS if d.key in declared)

    def _chain(self, code: str) -> list[Account]:
        """The account and its ancestors, top first; NotFoundError when there is no such account."""
        accounts = {a.id: a for a in Account.select(Account.id, Account.code, Account.name, Account.parent)}
        node: Account | None = next((a for a in accounts.values() if a.code == code), None)
        if node is None:
            raise NotFoundError(f"科目“{code}”不存在", "请检查科目编码")
        chain = []
        while node is not None:
            chain.append(node)
            node = accounts.get(node.parent_id) if node.parent_id else None
        return list(reversed(chain))

    def _account(self, code: str, dimension) -> tuple[str, list[int], Dimension]:
        """(full name, ids of the account and its sub-accounts, the dimension read)."""
        code = (code or "").strip()
        chain = self._chain(code)
        chosen = self._dimension(code, dimension)
        ids = [a.id for a in Account.select(Account.id).where(Account.code.startswith(code))]
        return "—".join(a.name for a in chain), ids, chosen

    def carrying_accounts(self) -> tuple[str, ...]:
        """Codes of the accounts that carry a dimension (declared on them or an ancestor), by code:
        those an 辅助余额表 can be asked for without naming a dimension."""
        parents = {a.id: a.parent_id for a in Account.select(Account.id, Account.parent)}
        declared = {row.account_id
                    for row in AccountDimension.select(AccountDimension.account, AccountDimension.dimension)
                    if row.dimension in BY_KEY and BY_KEY[row.dimension].available}
        codes = {a.id: a.code for a in Account.select(Account.id, Account.code)}
        carrying = []
        for account_id, code in codes.items():
            node: int | None = account_id
            while node is not None and node not in declared:
                node = parents.get(node)
            if node is not None:
                carrying.append(code)
        return tuple(sorted(carrying))

    def declared(self, dimension: Dimension | str | None = None) -> tuple[tuple[str, Dimension], ...]:
        """Every (account code, dimension) declared in the chart, by code: what an 辅助 report of
        "all accounts" prints, one section each; ``dimension`` keeps only its declarations."""
        wanted = None if dimension is None else self._dimension("", dimension)
        rows = AccountDimension.select(Account.code, AccountDimension.dimension).join(Account).order_by(Account.code)
        pairs = [(row.account.code, row.dimension) for row in rows]
        order = {d.key: n for n, d in enumerate(DIMENSIONS)}
        found = sorted(((code, BY_KEY[key]) for code, key in pairs if key in BY_KEY and BY_KEY[key].available
                        and (wanted is None or BY_KEY[key] == wanted)), key=lambda item: (item[0], order[item[1].key]))
        return tuple(found)

    def dimension_for(self, code: str, dimension: Dimension | str | None = None) -> Dimension:
        """The dimension an 辅助 report of ``code`` reads: ``dimension`` (a key, a label) when given,
        else the account's first; refused in Chinese when there is none or it has no register yet."""
        if dimension is None:
            self._chain((code or "").strip())  # an unknown account is named as such, not as dimensionless
        return self._dimension((code or "").strip(), dimension)

    def _dimension(self, code: str, dimension) -> Dimension:
        if dimension is None:
            carried = self.dimensions_of(code)
            if not carried:
                raise AccountError(f"科目“{code}”没有设置辅助核算，无法按往来单位、小区等查看",
                                   "请选择设有辅助核算的科目（如 112 应收款），"
                                   "或指定辅助核算项目（--dimension 往来单位）")
            return carried[0]
        if isinstance(dimension, Dimension):
            chosen = dimension
        else:
            try:
                chosen = find_dimension(str(dimension))
            except KeyError:
                labels = "、".join(f"{d.label}（{d.key}）" for d in DIMENSIONS if d.available)
                raise InputError(f"没有“{dimension}”这个辅助核算项目", f"可选：{labels}") from None
        if not chosen.available:
            raise InputError(f"“{chosen.label}”的登记簿尚未建立，还不能按{chosen.label}查看",
                             "请按往来单位或小区查看")
        return chosen

    # --- 辅助余额表 -----------------------------------------------------------------------------
    def balance(self, account_code: str, period_from: Period | str, period_to: Period | str | None = None,
                dimension: Dimension | str | None = None) -> AuxBalance:
        """辅助余额表: one row per record with a figure (期初, 本期借/贷, 本年累计借/贷, 期末) and the
        （未指定…） row last (小区 by code, 往来单位 by name); ``dimension`` defaults to the account's first."""
        start, end = _range(period_from, period_to)
        name, ids, dim = self._account(account_code, dimension)
        sums = self._sums(ids, dim, start.key, end.key, Period(end.year, 1).key)
        self._add_openings(sums, ids, dim)
        records = self._records(dim, [rid for rid in sums if rid is not None])
        rows = [_balance_row(_record_of(records, rid, dim), values)
                for rid, values in sums.items() if any(values)]
        rows.sort(key=_record_order)
        totals = _balance_row(AuxRecord(dim.key, None, "", "合计"),
                              [sum(getattr(r, f) for r in rows) for f in _SUM_FIELDS])
        return AuxBalance(account_code.strip(), name, dim, start, end, tuple(rows), totals)

    def _sums(self, ids: list[int], dim: Dimension, first: int, last: int, year_first: int,
              record_filter: tuple[str, tuple] = ("", ())) -> dict[int | None, list[int]]:
        """record id → [before ``first``, debit and credit of first…last, debit and credit of
        year_first…last] (signed fen), one GROUP BY over the posted lines up to ``last``."""
        p, col = self.db.param, dim.line_field  # the column comes from the catalogue, never from input
        marks = ", ".join([p] * len(ids))
        where, params = record_filter
        # grouped by +col, an expression: SQLite with statistics would otherwise walk the column's
        # own index to skip the sort, a table lookup per line in random order (2–3 × slower on a
        # million lines); this way it reads the account's lines through the account index
        sql = (f"SELECT +{col},"
               f" SUM(CASE WHEN period_key < {p} THEN amount_fen ELSE 0 END),"
               f" SUM(CASE WHEN period_key >= {p} AND is_debit THEN amount_fen ELSE 0 END),"
               f" SUM(CASE WHEN period_key >= {p} AND NOT is_debit THEN -amount_fen ELSE 0 END),"
               f" SUM(CASE WHEN period_key >= {p} AND is_debit THEN amount_fen ELSE 0 END),"
               f" SUM(CASE WHEN period_key >= {p} AND NOT is_debit THEN -amount_fen ELSE 0 END)"
               f" FROM voucher_line WHERE posted = {p} AND period_key <= {p} AND account_id IN ({marks}){where}"
               f" GROUP BY +{col}")
        rows = self.db.execute_sql(sql, (first, first, first, year_first, year_first, True, last, *ids, *params))
        return {rid: [int(v or 0) for v in values] for rid, *values in rows.fetchall()}

    def _openings(self, ids: list[int], dim: Dimension) -> dict[int | None, int]:
        """The 期初余额 of the account's leaves by record: the breakdown rows naming a record of
        ``dim``, and under None whatever of the opening balance they leave out."""
        p, col = self.db.param, dim.line_field
        marks = ", ".join([p] * len(ids))
        total = self.db.execute_sql(f"SELECT COALESCE(SUM(amount_fen), 0) FROM opening_balance"
                                    f" WHERE account_id IN ({marks})", ids).fetchone()[0]
        rows = self.db.execute_sql(f"SELECT {col}, SUM(amount_fen) FROM opening_balance_aux WHERE account_id IN"
                                   f" ({marks}) AND {col} IS NOT NULL GROUP BY {col}", ids).fetchall()
        out: dict[int | None, int] = {rid: int(amount or 0) for rid, amount in rows}
        out[None] = int(total or 0) - sum(out.values())
        return out

    def _add_openings(self, sums: dict[int | None, list[int]], ids: list[int], dim: Dimension,
                      only: object = ...) -> None:
        """Add the opening breakdown to column 0 (before) and set column 5, the closing balance."""
        for rid, amount in self._openings(ids, dim).items():
            if amount and (only is ... or rid == only):
                sums.setdefault(rid, [0] * 5)[0] += amount
        for values in sums.values():
            values[5:] = [values[0] + values[1] - values[2]]

    def _records(self, dim: Dimension, ids: list[int]) -> dict[int, AuxRecord]:
        """The records ``ids`` of ``dim`` with their names and codes, read in chunks."""
        code_col = CODE_COLUMNS.get(dim.key)
        columns = f"id, {dim.name_column}" + (f", {code_col}" if code_col else "")
        out: dict[int, AuxRecord] = {}
        for index in range(0, len(ids), _CHUNK):
            chunk = ids[index:index + _CHUNK]
            marks = ", ".join([self.db.param] * len(chunk))
            for rid, name, *code in self.db.execute_sql(
                    f"SELECT {columns} FROM {dim.register} WHERE id IN ({marks})", chunk).fetchall():
                out[rid] = AuxRecord(dim.key, rid, (code[0] or "") if code else "", name)
        for rid in ids:  # a line naming a record since deleted still shows, by its number
            out.setdefault(rid, AuxRecord(dim.key, rid, "", f"{dim.label}#{rid}"))
        return out

    # --- 辅助明细账 -----------------------------------------------------------------------------
    def ledger(self, account_code: str, period_from: Period | str, period_to: Period | str | None = None, *,
               dimension: Dimension | str | None = None, record: AuxRecord | int | None = None,
               counterparty: int | str | None = None, compound: int | str | None = None) -> list[AuxLedgerSection]:
        """辅助明细账: per record, 期初余额, each posted line with the running balance, 本月合计 and
        本年累计 after every month. ``counterparty`` / ``compound`` (a record id, or what the clerk
        types: see ``find_record``) or ``record`` (an id of ``dimension``, or an ``AuxRecord``, whose
        id None is the （未指定…） row) chooses one record; without, every record with a balance or
        postings, in the 辅助余额表's order."""
        dimension, record = self._chosen(dimension, record, counterparty, compound)
        start, end = _range(period_from, period_to)
        name, ids, dim = self._account(account_code, dimension)
        one = record.id if isinstance(record, AuxRecord) else record
        record_filter = _record_filter(dim, one, self.db.param) if record is not None else ("", ())
        opening = self._sums(ids, dim, start.key, start.previous().key, Period(start.year, 1).key, record_filter)
        self._add_openings(opening, ids, dim, one if record is not None else ...)
        lines = self._lines(ids, dim, start, end, _record_filter(dim, one, self.db.param, "l.")
                            if record is not None else ("", ()))
        chosen = [one] if record is not None else [rid for rid in set(opening) | set(lines)
                                                    if opening.get(rid, [0])[0] or lines.get(rid)]
        records = self._records(dim, [rid for rid in chosen if rid is not None])
        sections = []
        for rid in chosen:
            before = opening.get(rid, [0] * 6)
            entries = book_entries(start, end, before[0], (before[3], before[4]), lines.get(rid, {}))
            sections.append(AuxLedgerSection(account_code.strip(), name, dim,
                                             _record_of(records, rid, dim), tuple(entries)))
        sections.sort(key=lambda s: _record_order_key(s.record))
        return sections

    def _chosen(self, dimension, record, counterparty, compound) -> tuple:
        """(dimension, record) from the ways of naming one record; two at once is refused."""
        given = [(key, value) for key, value in (("counterparty", counterparty), ("compound", compound))
                 if value is not None and value != ""]
        if len(given) + (record is not None) > 1:
            raise InputError("往来单位和小区只能指定一个", "去掉其中一个再查询")
        if given:
            key, value = given[0]
            if isinstance(value, (int, AuxRecord)):
                return BY_KEY[key], value
            return BY_KEY[key], self.find_record(key, str(value))
        if isinstance(record, AuxRecord) and dimension is None:
            return BY_KEY[record.dimension], record
        return dimension, record

    def _lines(self, ids: list[int], dim: Dimension, start: Period, end: Period,
               record_filter: tuple[str, tuple]) -> dict[int | None, dict[int, list[tuple]]]:
        """record id → period key → the posted lines (``book_line``), in voucher order."""
        p, col = self.db.param, dim.line_field
        marks = ", ".join([p] * len(ids))
        where, params = record_filter
        sql = (f"SELECT l.{col}, l.period_key, l.date_on, v.id, v.word, v.number, l.summary, l.amount_fen,"
               " l.is_debit, a.code FROM voucher_line l JOIN voucher v ON v.id = l.voucher_id"
               " JOIN account a ON a.id = l.account_id"
               f" WHERE l.posted = {p} AND l.period_key >= {p} AND l.period_key <= {p} AND l.account_id IN ({marks})"
               f"{where} ORDER BY l.period_key, l.date_on, v.number, l.seq")
        out: dict[int | None, dict[int, list[tuple]]] = defaultdict(lambda: defaultdict(list))
        for rid, key, *row in self.db.execute_sql(sql, (True, start.key, end.key, *ids, *params)).fetchall():
            out[rid][key].append(book_line(*row))
        return out

    # --- records by what the clerk types ---------------------------------------------------------
    def find_record(self, dimension: Dimension | str, text: str) -> AuxRecord:
        """The record the clerk names: a 往来单位 by 证件号码 or name (two of one name: asked for the
        证件号码), a 小区 by code or name."""
        dim = self._dimension("", dimension)
        text = normalise_name((text or "").strip())
        if not text:
            raise InputError(f"请填写{dim.label}", f"填写{dim.label}的名称")
        code_col = CODE_COLUMNS.get(dim.key)
        found = self._matching(dim, code_col, text.upper() if dim.key == "counterparty" else text) if code_col else []
        found = found or self._matching(dim, dim.name_column, text)
        if not found:
            raise NotFoundError(f"找不到{dim.label}“{text}”", f"请检查{dim.label}的名称"
                                + ("或证件号码" if dim.key == "counterparty" else "或编码"))
        if len(found) > 1:
            codes = "、".join(r.code or "（无证件号码）" for r in found[:5])
            what = "证件号码" if dim.key == "counterparty" else "编码"
            raise InputError(f"有 {len(found)} 个{dim.label}都叫“{text}”，无法确定是哪一个",
                             f"请改用{what}指定（{codes}）")
        return found[0]

    def _matching(self, dim: Dimension, column: str, value: str) -> list[AuxRecord]:
        p = self.db.param
        ids = [row[0] for row in self.db.execute_sql(
            f"SELECT id FROM {dim.register} WHERE {column} = {p} ORDER BY id", (value,)).fetchall()]
        records = self._records(dim, ids)
        return [records[i] for i in ids]


_SUM_FIELDS = ("opening_fen", "debit_fen", "credit_fen", "ytd_debit_fen", "ytd_credit_fen", "closing_fen")


def _range(period_from, period_to) -> tuple[Period, Period]:
    start = Period.parse(period_from)
    end = Period.parse(period_to) if period_to else start
    if end < start:
        raise DateError(f"期间“{start}”晚于“{end}”", "结束期间不能早于开始期间")
    return start, end


def _record_filter(dim: Dimension, record_id: int | None, param: str, prefix: str = "") -> tuple[str, tuple]:
    """The WHERE clause of one record (None: the lines naming none)."""
    if record_id is None:
        return f" AND {prefix}{dim.line_field} IS NULL", ()
    return f" AND {prefix}{dim.line_field} = {param}", (int(record_id),)


def _record_of(records: dict[int, AuxRecord], rid: int | None, dim: Dimension) -> AuxRecord:
    """The record ``rid`` names, or the （未指定…） row of lines and openings naming none."""
    found = records.get(rid) if rid is not None else None
    return found or _unassigned(dim)


def _unassigned(dim: Dimension) -> AuxRecord:
    return AuxRecord(dim.key, None, "", unassigned_label(dim.label))


def _balance_row(record: AuxRecord, values: list[int]) -> AuxBalanceRow:
    return AuxBalanceRow(record, *values)


def _record_order_key(record: AuxRecord) -> tuple:
    """Records by code (小区 XQ001 …), then name; （未指定…） last, where a reviewer looks for it."""
    return (record.is_unassigned, record.code if record.dimension == "compound" else "", record.name,
            record.id or 0)


def _record_order(row: AuxBalanceRow) -> tuple:
    return _record_order_key(row.record)
