import barcode

from printing.barcodes import Code128, bar_runs, code128_modules, qr_matrix


def test_code128_pattern_is_python_barcode_encoding_of_the_dossier_code():
    code = "000.00.12.H12-261123-0001"
    modules = code128_modules(code)
    assert modules == barcode.get("code128", code).build()[0]
    assert set(modules) == {"0", "1"}
    assert modules.endswith("1100011101011")  # the stop pattern


def test_bars_are_runs_of_dark_modules():
    assert bar_runs("1101110001") == [(0, 2), (3, 3), (9, 1)]


def test_text_code128_cannot_carry_gives_no_bars_instead_of_an_error():
    assert code128_modules("mã-đ") == ""
    assert code128_modules("") == ""


def test_barcode_shrinks_to_fit_a_narrow_column():
    wide = Code128("000.00.12.H12-261123-0001", "Helvetica")
    width, _ = wide.wrap(1000, 100)
    narrow = Code128("000.00.12.H12-261123-0001", "Helvetica")
    narrow_width, _ = narrow.wrap(width / 2, 100)
    assert narrow_width <= width / 2 + 0.01


def test_qr_matrix_is_square_and_cached():
    matrix = qr_matrix("000.00.12.H12-261123-0001")
    assert matrix.count >= 21
    assert all(
        0 <= row < matrix.count and start + width <= matrix.count
        for row, start, width in matrix.runs
    )
    assert qr_matrix("000.00.12.H12-261123-0001") is matrix
