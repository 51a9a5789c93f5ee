"""Finding formula cells saved without a result, in the XML forms writers produce."""
from assetdesk.excel.formulas import _uncached


def test_plain_shared_and_prefixed_formulas_without_results_are_found():
    xml = (b'<sheetData><row r="2"><c r="A2" t="s"><v>3</v></c>'
           b'<c r="D2"><f>B2*C2</f><v /></c>'                          # openpyxl: empty value
           b'<c r="E2" s="1"><f t="shared" ref="E2:E3" si="0">B2+1</f></c>'  # no value element at all
           b'<c r="F2"><f>1+1</f><v>2</v></c>'                          # Excel: result saved
           b'<c r="G2" t="str"><f>A2&amp;"x"</f><v>ax</v></c>'          # a text result
           b'<c r="H2" s="2"/></row>'                                   # empty styled cell
           b'<row r="3"><x:c r="AA3"><x:f t="shared" si="0"/><x:v></x:v></x:c></row></sheetData>')
    assert _uncached(xml) == {(1, 3), (1, 4), (2, 26)}
