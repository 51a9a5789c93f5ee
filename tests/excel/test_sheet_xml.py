"""Finding formula cells saved without a result, in the XML forms writers produce."""
from assetdesk.excel.sheet_xml import _formula_cells


def test_plain_shared_and_prefixed_formulas_without_results_are_found():
    xml = (b'<sheetData><row r="2"><c r="A2" t="s"><v>3</v></c>'
           b'<c r="D2"><f>B2*C2</f><v /></c>'                          # openpyxl: empty value
           b'<c r="E2" s="1"><f t="shared" ref="E2:E3" si="0">B2+1</f></c>'  # no value element at all
           b'<c r="F2"><f>1+1</f><v>2</v></c>'                          # Excel: result saved
           b'<c r="G2" t="str"><f>A2&amp;"x"</f><v>ax</v></c>'          # a text result
           b'<c r="H2" s="2"/></row>'                                   # empty styled cell
           b'<row r="3"><x:c r="AA3"><x:f t="shared" si="0"/><x:v></x:v></x:c></row></sheetData>')
    assert _formula_cells(xml, stale=False) == ({(1, 3), (1, 4), (2, 26)}, set())
    # marked for recalculation on opening: the saved results are placeholders, the missing ones missing
    assert _formula_cells(xml, stale=True) == ({(1, 3), (1, 4), (2, 26)}, {(1, 5), (1, 6)})


def test_attributes_in_any_order_and_references_left_out():
    """r= is optional and may come after other attributes (OpenXML-SDK writers): still found."""
    later = b'<sheetData><row r="2"><c s="3" r="C2"><f>6*20</f><v/></c><c t="n" s="1" r="D2"><f>1</f><v>1</v></c></row></sheetData>'
    assert _formula_cells(later, stale=False) == ({(1, 2)}, set())
    bare = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
            b'<row><c t="inlineStr"><is><t>y</t></is></c><c/><c><f>6*20</f><v /></c><c><f>1+1</f><v>2</v></c></row>'
            b'<row r="5"><c><f>A1</f></c></row></sheetData></worksheet>')
    assert _formula_cells(bare, stale=False) == ({(1, 2), (4, 0)}, set())


def test_an_empty_text_result_saved_by_excel_is_a_result():
    """=IFERROR(VLOOKUP(…),"") that found nothing: Excel saves t="str" and an empty value."""
    xml = b'<sheetData><row r="4"><c r="D4" t="str"><f>IFERROR(VLOOKUP(B4,A:B,2,0),"")</f><v/></c></row></sheetData>'
    assert _formula_cells(xml, stale=False) == (set(), set())


def test_merged_ranges_are_found_after_a_sheet_longer_than_one_read_chunk(tmp_path):
    """openpyxl's read-only mode gives no merges: they come from the XML tail, however far down."""
    import openpyxl

    from assetdesk.excel.sheet_xml import scan_sheets

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "小区名册"
    for i in range(30_000):  # about 2 MB of sheet XML: the <mergeCells> block is past the first chunk
        ws.append([f"东片区{i}", f"小区{i}", i])
    ws.merge_cells("A2:A5")
    ws.merge_cells("B7:C7")
    ws["D1"] = "=B1*C1"  # no saved result
    workbook.save(tmp_path / "big.xlsx")
    facts = scan_sheets(tmp_path / "big.xlsx")["小区名册"]
    assert sorted(facts.merges) == [((1, 0), (4, 0)), ((6, 1), (6, 2))]
    assert facts.uncached == {(0, 3)}


def test_prefixed_and_one_cell_merges():
    from assetdesk.excel.sheet_xml import _merges

    xml = b'<x:mergeCells count="3"><x:mergeCell ref="B2:B4"/><x:mergeCell ref="C9"/><mergeCell ref="AA10:AB12"/></x:mergeCells>'
    assert _merges(xml) == [((1, 1), (3, 1)), ((9, 26), (11, 27))]
