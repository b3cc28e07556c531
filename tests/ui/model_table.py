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


def price(v, digits):
    """A price per 1M tokens as the screens show it (written from the rule
    in src/util/numfmt.h, not from its code): digits significant digits,
    trailing zeros dropped down to two decimals below 100, none above."""
    import math
    if v == 0 or not math.isfinite(v) or abs(v) >= 1e7:
        return "%.3g" % v
    mindec = 2 if abs(v) < 100 else 0
    maxdec = max(mindec, min(17, digits - 1 - math.floor(math.log10(abs(v)))))
    want = float("%.*f" % (maxdec, v))
    for d in range(mindec, maxdec):
        if float("%.*f" % (d, v)) == want:
            return "%.*f" % (d, v)
    return "%.*f" % (maxdec, v)


def column_digits(values):
    """The fewest digits (at least 4) that show neighbouring values that
    differ differently, as a sorted money column needs."""
    for digits in range(4, 17):
        if all(a == b or a is None or b is None or price(a, digits) != price(b, digits)
               for a, b in zip(values, values[1:])):
            return digits
    return 17
