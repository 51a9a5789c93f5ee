"""Finding formula cells saved without a result, in the XML forms writers produce."""
from assetdesk.excel.sheet_xml import _uncached


def test_plain_shared_and_prefixed_formulas_without_results_are_found():
    xml = (b'<sheetData><row r="2"><c r="A2" t="s"><v>3</v></c>'
           b'<c r="D2"><f>B2*C2</f><v /></c>'                          # openpyxl: empty value
           b'<c r="E2" s="1"><f t="shared" ref="E2:E3" si="0">B2+1</f></c>'  # no value element at all
           b'<c r="F2"><f>1+1</f><v>2</v></c>'                          # Excel: result saved
           b'<c r="G2" t="str"><f>A2&amp;"x"</f><v>ax</v></c>'          # a text result
           b'<c r="H2" s="2"/></row>'                                   # empty styled cell
           b'<row r="3"><x:c r="AA3"><x:f t="shared" si="0"/><x:v></x:v></x:c></row></sheetData>')
    assert _uncached(xml) == {(1, 3), (1, 4), (2, 26)}


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
