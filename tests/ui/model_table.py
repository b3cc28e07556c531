"""model_table: the model screen's table in a captured screen.

read(path) returns the header line, the first column and the width of the
PROVIDER column, and the table's row lines (up to the first blank line).
The UI tests that compare the screen with `orbrowse cheapest` import it
(tests/ui is put on sys.path from ORBROWSE_SRCDIR).
"""


def read(path):
    screen = open(path, encoding="utf-8").read().split("\n")
    hdr = [i for i, l in enumerate(screen) if l.lstrip().startswith("# PROVIDER")]
    assert hdr, "no model table on the screen"
    h = screen[hdr[0]]
    p0 = h.index("PROVIDER")
    pw = h.index("QUANT") - 1 - p0
    rows = []
    for l in screen[hdr[0] + 1:]:
        if not l.strip():
            break
        rows.append(l)
    return h, p0, pw, rows
