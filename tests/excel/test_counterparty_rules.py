"""往来单位及个人 imports as clerks send them: placeholders, namesakes, records without an ID,
blank cells in update sheets, ID numbers checked, type words, repeated rows across sheets."""
from __future__ import annotations

import openpyxl
import pytest

from assetdesk.errors import InputError
from assetdesk.excel import ImportRejectedError, export_file, import_file
from assetdesk.id_numbers import with_credit_check, with_resident_check
from assetdesk.services.org import CompoundInput, CounterpartyInput

from .helpers import listed, make_workbook

ZHANG = with_resident_check("53080219880101008")  # 身份证号码 with a right check digit
LI = with_resident_check("53080219900307123")
WANG = with_resident_check("53080219751231004")
TEA_SHOP = with_credit_check("91530802MA6P00001")  # 统一社会信用代码 with a right check character


def wrong_check(code):
    """``code`` with another last character: a number with one character mistyped."""
    return code[:-1] + ("1" if code[-1] == "0" else "0")


def people(books):
    return {cp.name: cp for cp in books.org.list_counterparties()}


# ---------------------------------------------------------------- placeholders (无, /, —, 暂无 …)

def test_placeholder_ids_and_phones_are_blank_never_a_key_nor_a_duplicate(books, tmp_path):
    rows = [["序号", "姓名", "身份证号", "联系电话", "角色", "备注"],
            [1, "保洁员甲", "无", "无", "收款方", "临时工"],
            [2, "保洁员乙", "无", "/", "收款方", "临时工"],
            [3, "保洁员丙", "/", "—", "收款方", "临时工"],
            [4, "保洁员丁", "—", "暂无", "收款方", "临时工"],
            [5, "保洁员戊", "暂无", "不详", "收款方", "临时工"],
            [6, "保洁员己", "N/A", "--", "收款方", "临时工"],
            [7, "保洁员庚", "无.", "未知", "收款方", "临时工"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "收款方.xlsx", rows))
    assert preview.errors == [] and preview.new == 7
    assert {(cp.id_code, cp.phone) for cp in people(books).values()} == {("", "")}


def test_a_new_worker_with_id_none_does_not_overwrite_another_person(books, tmp_path):
    first = [["姓名", "身份证号", "联系电话"], ["保洁员甲", "无", "13900001111"]]
    import_file(books, "counterparties", make_workbook(tmp_path / "一月.xlsx", first))
    later = [["姓名", "身份证号", "联系电话"], ["绿化工己", "无", "13900009999"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "二月.xlsx", later))
    assert (preview.new, preview.changed) == (1, 0)
    found = people(books)
    assert found["保洁员甲"].phone == "13900001111" and found["绿化工己"].phone == "13900009999"


# ---------------------------------------------------------------- records first registered without an ID

def test_a_row_with_an_id_completes_the_one_namesake_registered_without(books, tmp_path):
    books.org.add_counterparty(CounterpartyInput("保洁员乙", "个人", "", "", "", ("收款方",)))
    rows = [["姓名", "身份证号", "联系电话", "角色"], ["保洁员乙", ZHANG, "13900008888", "收款方"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "补证件.xlsx", rows), dry_run=True)
    assert listed(preview) == [f"修改 保洁员乙（{ZHANG}）：证件号码：（空） → {ZHANG}；电话：（空） → 13900008888"]
    import_file(books, "counterparties", make_workbook(tmp_path / "补证件.xlsx", rows))
    (worker,) = books.org.list_counterparties()
    assert (worker.id_code, worker.phone) == (ZHANG, "13900008888")


def test_property_companies_made_by_the_compounds_import_gain_their_code(books, tmp_path):
    """Moving books: compounds first (they create their 物业公司 by name), then the counterparties."""
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01", "商品房小区", "物业公司",
                                         property_company_name="普洱市兰庭物业服务有限公司", area_name="东片区"))
    rows = [["名称", "类型", "证件号码", "电话", "角色"],
            ["普洱市兰庭物业服务有限公司", "单位", TEA_SHOP, "0879-2100001", "物业公司"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "往来.xlsx", rows))
    assert (preview.new, preview.changed) == (0, 1)
    (company,) = books.org.list_counterparties()
    assert company.id_code == TEA_SHOP and books.org.get_compound("XQ001").property_company_name == company.name


def test_moving_books_by_export_and_import_keeps_one_record_each(books, tmp_path, request):
    from tests.conftest import _open

    books.org.upsert_counterparties([
        CounterpartyInput("普洱市兰庭物业服务有限公司", "单位", TEA_SHOP, "0879-2100001", "", ("物业公司",)),
        CounterpartyInput("丁超", "个人", ZHANG, "13900001111", "", ("缴费人",)),
        CounterpartyInput("丁超", "个人", LI, "13900002222", "", ("缴费人",)),
    ])
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01", "商品房小区", "物业公司",
                                         property_company_name="普洱市兰庭物业服务有限公司", area_name="东片区"))
    compounds = export_file(books, "compounds", tmp_path / "小区.xlsx")
    counterparties = export_file(books, "counterparties", tmp_path / "往来.xlsx")
    fresh = _open(tmp_path / "新账套.db")
    request.addfinalizer(fresh.close)
    import_file(fresh, "compounds", compounds)
    import_file(fresh, "counterparties", counterparties)
    assert sorted((cp.name, cp.id_code) for cp in fresh.org.list_counterparties()) == sorted(
        (cp.name, cp.id_code) for cp in books.org.list_counterparties())


# ---------------------------------------------------------------- namesakes and blank cells

def test_a_name_only_row_matching_two_namesakes_is_refused(books, tmp_path):
    books.org.upsert_counterparties([CounterpartyInput("丁超", "个人", ZHANG, "13900001111"),
                                     CounterpartyInput("丁超", "个人", LI, "13900002222")])
    rows = [["户主姓名", "身份证号", "联系电话"], ["丁超", None, "13900003333"]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "counterparties", make_workbook(tmp_path / "缴费户.xlsx", rows))
    (error,) = caught.value.preview.errors
    assert (error.row, error.column) == (2, "A（户主姓名）")
    assert "有2个同名的“丁超”，请填写证件号码以区分" in error.reason
    assert {cp.phone for cp in books.org.list_counterparties()} == {"13900001111", "13900002222"}


def test_blank_cells_of_an_update_keep_what_the_books_hold_and_the_preview_says_only_what_changes(books, tmp_path):
    books.org.add_counterparty(CounterpartyInput("丁超", "个人", ZHANG, "13500000000", "兰园小区1栋", ("缴费人",), "老住户"))
    rows = [["户主姓名", "类型", "身份证号", "联系电话", "地址", "角色", "备注"],
            ["丁超", None, None, "13900001111", None, None, None]]
    path = make_workbook(tmp_path / "电话更新.xlsx", rows)
    preview = import_file(books, "counterparties", path, dry_run=True)
    assert listed(preview) == ["修改 丁超：电话：13500000000 → 13900001111"]
    import_file(books, "counterparties", path)
    (person,) = books.org.list_counterparties()
    assert person == person._replace(id_code=ZHANG, phone="13900001111", address="兰园小区1栋", roles=("缴费人",),
                                     note="老住户")
    assert import_file(books, "counterparties", path).unchanged == 1  # the same file again: nothing left to do


def test_a_blank_type_keeps_the_type_on_record_and_is_guessed_for_new_records_only(books, tmp_path):
    books.org.add_counterparty(CounterpartyInput("普洱市兰花社区卫生服务站", "单位", "", "0879-2333333"))
    books.org.add_counterparty(CounterpartyInput("兰花便民服务点", "单位"))
    rows = [["名称", "类型", "电话"], ["普洱市兰花社区卫生服务站", None, "0879-2444444"], ["兰花便民服务点", None, None],
            ["张伟", None, None], ["安居物业服务中心", None, None]]
    import_file(books, "counterparties", make_workbook(tmp_path / "电话更新.xlsx", rows))
    kinds = {name: cp.kind for name, cp in people(books).items()}
    assert kinds == {"普洱市兰花社区卫生服务站": "单位", "兰花便民服务点": "单位", "张伟": "个人", "安居物业服务中心": "单位"}


# ---------------------------------------------------------------- 证件号码 and 电话 checked

@pytest.mark.parametrize(("kind", "code", "reason"), [
    ("个人", "110101198502300011", "出生日期 1985-02-30 不存在"),
    ("个人", wrong_check(with_resident_check("11010119850228001")), "校验位（第 18 位）不符"),
    ("个人", "530802651301001", "15 位身份证号码“530802651301001”中的出生日期 1965-13-01 不存在"),
    ("个人", "5308021990", "身份证号码应为 18 位（旧证 15 位），“5308021990”是 10 位"),
    ("个人", "5.30802E+17", "科学计数法（5.30802E+17）"),
    ("单位", wrong_check(TEA_SHOP), "统一社会信用代码"),
])
def test_a_wrong_id_number_is_refused_with_the_reason(books, tmp_path, kind, code, reason):
    rows = [["名称", "类型", "证件号码"], ["测试户", kind, code]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "counterparties", make_workbook(tmp_path / "证件.xlsx", rows))
    (error,) = caught.value.preview.errors
    assert error.column == "C（证件号码）" and reason in error.reason
    if "科学计数法" in reason:
        assert "文本" in error.reason and "重新输入" in error.reason
    assert books.org.list_counterparties() == []


def test_real_id_formats_are_accepted(books, tmp_path):
    rows = [["名称", "类型", "证件号码", "电话"],
            ["张伟", "个人", ZHANG.lower(), "0879-2123456 / 13800000000"],
            ["老住户", "个人", "530802650101001", "0879-2123456转8001"],
            ["陈港生", "个人", "H12345678", "+852 2123 4567"],
            ["Tom Lee", "个人", "E12345678", "13800000000"],
            ["普洱市茶香餐饮有限公司", "单位", TEA_SHOP, "(0879)2123456"],
            ["李记米线店", "单位", LI, "13800000001"]]  # a 个体工商户 under its owner's 身份证号码
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "证件.xlsx", rows))
    assert preview.errors == [] and preview.new == 6
    assert people(books)["张伟"].id_code == ZHANG.upper()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_numbers_pasted_with_csv_tricks_and_full_width_phones_are_made_plain(books, tmp_path, suffix):
    rows = [["名称", "类型", "证件号码", "电话"],
            ["普洱市茶香餐饮有限公司", "单位", "'" + TEA_SHOP, "0879-2123456"],
            ["张伟", "个人", f'="{ZHANG}"', "１３５０００００００１"]]
    path = tmp_path / f"粘贴{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    else:
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        workbook.active["C3"].data_type = "s"  # the text ="…" as typed, not a formula
        workbook.save(path)
    import_file(books, "counterparties", path)
    found = people(books)
    assert found["普洱市茶香餐饮有限公司"].id_code == TEA_SHOP
    assert (found["张伟"].id_code, found["张伟"].phone) == (ZHANG, "13500000001")


def test_a_phone_without_seven_digits_is_refused(books, tmp_path):
    rows = [["名称", "电话"], ["张伟", "abc"], ["李娜", "8.79213E+10"]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "counterparties", make_workbook(tmp_path / "电话.xlsx", rows))
    first, second = caught.value.preview.errors
    assert (first.row, first.column) == (2, "B（电话）") and "至少应有 7 位数字" in first.reason
    assert second.row == 3 and "科学计数法" in second.reason


def test_numbers_the_books_hold_already_are_not_refused_again(books, tmp_path):
    """Books kept before the checks may hold a mistyped number: re-importing their export still works."""
    from assetdesk.db.models import Counterparty

    Counterparty.create(name="老住户", kind="个人", id_code="530802199001011234", phone="138", roles="缴费人")
    path = export_file(books, "counterparties", tmp_path / "往来.xlsx")
    assert import_file(books, "counterparties", path).unchanged == 1


def test_the_service_refuses_a_wrong_number_typed_in_the_form(books):
    with pytest.raises(InputError, match="校验位"):
        books.org.add_counterparty(CounterpartyInput("张伟", "个人", "110101199001011234"))
    with pytest.raises(InputError, match="没有证件号码时请留空"):
        books.org.add_counterparty(CounterpartyInput("张伟", "个人", "无"))
    assert books.org.list_counterparties() == []


# ---------------------------------------------------------------- 类型 column and values

def test_a_column_headed_unit_or_person_is_the_type(books, tmp_path):
    rows = [["往来单位及个人名单"], ["名  称", "单位/个人", "证件号码", "电  话", "往来类型"],
            ["张　三", "个人", ZHANG, "13900000101", "承租方；缴费人"],
            ["思茅区李记米线店", "单位", TEA_SHOP, "13900000303", "承租方"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "往来名单.xlsx", rows))
    assert preview.ignored_columns == []
    found = people(books)
    assert found["张三"].kind == "个人" and found["思茅区李记米线店"].kind == "单位"
    assert found["张三"].roles == ("承租方", "缴费人")


def test_type_words_districts_use_are_understood(books, tmp_path):
    words = {"事业单位": "单位", "机关单位": "单位", "机关": "单位", "社会组织": "单位", "社会团体": "单位",
             "个体工商户": "单位", "合作社": "单位", "村委会": "单位", "居委会": "单位", "企业": "单位",
             "自然人": "个人", "居民": "个人", "住户": "个人", "业主": "个人", "个人": "个人", "单位 ": "单位"}
    rows = [["名称", "主体类型"]] + [[f"测试{i:02d}号", word] for i, word in enumerate(words)]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "类型.xlsx", rows))
    assert preview.errors == []
    kinds = {name: cp.kind for name, cp in people(books).items()}
    assert kinds == {f"测试{i:02d}号": kind for i, kind in enumerate(words.values())}


def test_a_credit_code_says_unit_when_no_type_is_given(books, tmp_path):
    rows = [["单位名称", "统一社会信用代码"], ["普洱市兰花社区卫生服务站", with_credit_check("12530802MB1P00003")],
            ["思茅区好又多", with_credit_check("92530802MA6P00002")], ["周一", ZHANG]]
    import_file(books, "counterparties", make_workbook(tmp_path / "承租单位.xlsx", rows))
    kinds = {name: cp.kind for name, cp in people(books).items()}
    assert kinds == {"普洱市兰花社区卫生服务站": "单位", "思茅区好又多": "单位", "周一": "个人"}


# ---------------------------------------------------------------- the same person on two sheets

def _payers_by_compound(path, second_phone="13900010101"):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    sheets = {"兰园小区": [("1-1-101", "陈大文", ZHANG, "13900010101"), ("1-1-102", "林小梅", LI, "13900010202")],
              "桂园小区": [("3-2-301", "何志强", WANG, "13900010303"), ("5-1-502", "陈大文", ZHANG, second_phone)]}
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        ws.append([f"{name}业主（缴费人）名册"])
        ws.append(["序号", "房号", "业主姓名", "身份证号码", "联系电话", "角色"])
        for i, row in enumerate(rows, 1):
            ws.append([i, *row, "缴费人"])
    workbook.save(path)
    return path


def test_the_same_owner_on_two_sheets_is_one_record(books, tmp_path):
    preview = import_file(books, "counterparties", _payers_by_compound(tmp_path / "缴费人.xlsx"))
    assert preview.errors == [] and (preview.new, preview.unchanged) == (3, 1)
    merged = [c for c in preview.changes if "已合并" in c.detail]
    assert [c.detail for c in merged] == ["与“兰园小区”第 3 行是同一单位或个人，已合并"]
    assert sorted(cp.name for cp in books.org.list_counterparties()) == ["何志强", "林小梅", "陈大文"]


def test_the_same_id_with_another_phone_on_another_sheet_names_that_sheet_and_row(books, tmp_path):
    path = _payers_by_compound(tmp_path / "缴费人.xlsx", second_phone="13900019999")
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "counterparties", path)
    (error,) = caught.value.preview.errors
    assert (error.sheet, error.row, error.column) == ("桂园小区", 4, "E（联系电话）")
    assert "与“兰园小区”第 3 行重复" in error.reason
    assert "电话不同：“13900010101”和“13900019999”" in error.reason


# ---------------------------------------------------------------- names and sheets

def test_names_padded_with_spaces_are_stored_and_matched_without_them(books, tmp_path):
    books.org.add_counterparty(CounterpartyInput("张伟", "个人", "", "13900000001"))
    rows = [["姓名", "电话"], ["张  伟", "13900000002"], ["李　 娜", "13900000003"], ["ABC  Company", "13900000004"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "名单.xlsx", rows))
    assert (preview.new, preview.changed) == (2, 1)
    assert sorted(people(books)) == ["ABC Company", "张伟", "李娜"]


def test_a_household_roster_chosen_as_counterparties_gives_the_heads_of_households(books, tmp_path):
    rows = [["兰花社区住户台账"], ["序号", "所属片区", "小区名称", "楼栋", "房号", "户主", "联系电话", "建筑面积（㎡）", "备注"],
            [1, "东片区", "兰园小区", "1栋", "101", "张大爷", "13900100001", 65.5, ""],
            [2, "东片区", "兰园小区", "1栋", "102", "李大妈", "13900100002", 72, "低保"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "住户台账.xlsx", rows))
    assert preview.new == 2 and "小区名称" in preview.ignored_columns
    assert people(books)["李大妈"].note == "低保"


def test_a_column_headed_unit_or_person_that_holds_names_is_the_name(books, tmp_path):
    rows = [["单位/个人", "联系电话"], ["张三", "13900000101"], ["兰花物业有限公司", "0879-2123456"]]
    import_file(books, "counterparties", make_workbook(tmp_path / "名单.xlsx", rows))
    assert {name: cp.kind for name, cp in people(books).items()} == {"张三": "个人", "兰花物业有限公司": "单位"}


def test_two_namesakes_without_ids_and_different_phones_are_asked_for_their_ids(books, tmp_path):
    rows = [["名称", "证件号码", "电话", "备注"], ["王麻子", "", "13900000404", "无证件"],
            ["王麻子", "", "13900000405", "同名不同人？"]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "counterparties", make_workbook(tmp_path / "同名.xlsx", rows))
    (error,) = caught.value.preview.errors
    assert (error.row, error.column) == (3, "C（电话）") and "与第 2 行重复" in error.reason
    assert "如是同名的两个单位或个人，请填写证件号码以区分" in error.reason


def test_a_tenant_list_names_its_tenants_under_cheng_zu_dan_wei(books, tmp_path):
    """A 承租单位 list with its 负责人 beside: the tenant is the record, not the person in charge."""
    rows = [["序号", "承租单位", "负责人姓名", "联系电话", "承租资产"],
            [1, "思茅区李记米线店", "李四", "13908791111", "临街商铺3号"],
            [2, "普洱市兰花社区卫生服务站", "王五", "0879-2123456", "综合楼一层"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "承租.xlsx", rows))
    assert not preview.errors and preview.new == 2
    assert set(people(books)) == {"思茅区李记米线店", "普洱市兰花社区卫生服务站"}


def test_the_dry_run_lists_a_merged_row_with_its_note(books, tmp_path, capsys):
    from assetdesk.cli import main

    path = _payers_by_compound(tmp_path / "缴费人.xlsx")
    assert main(["--db", str(books.location), "import", "counterparties", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "未变 陈大文" in out and "与“兰园小区”第 3 行是同一单位或个人，已合并" in out


def test_invisible_characters_copied_from_the_web_make_no_second_person(books, tmp_path):
    """李娜\u200b (a zero-width space pasted from WeChat) is 李娜; an ID number with one is the number."""
    rows = [["序号", "姓名", "身份证号", "联系电话", "角色"], [1, "李娜", ZHANG, "13800000001", "缴费人"]]
    import_file(books, "counterparties", make_workbook(tmp_path / "干净.xlsx", rows))
    pasted = [["序号", "姓名", "身份证号", "联系电话", "角色"], [1, "李娜\u200b", "\ufeff" + ZHANG + "\u200b", "13800000001", "缴费人"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "粘贴.xlsx", pasted), dry_run=True)
    assert preview.ok and preview.unchanged == 1 and preview.new == 0


def test_two_tables_side_by_side_are_refused_not_half_read(books, tmp_path):
    rows = [["名称", "类型", "电话", None, "名称", "类型", "电话"],
            ["张伟", "个人", "13800000001", None, "李娜", "个人", "13800000003"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "并排.xlsx", rows), dry_run=True)
    (error,) = preview.errors
    assert error.row == 1 and "A、E 列" in error.reason and "并排" in error.reason
