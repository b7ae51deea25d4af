"""``motcua status``: the release, the reference data versions held, and the sync state."""

import json

from desk import __version__, catalogue


def test_status_names_the_release_and_the_reference_data_versions(initialised):
    shown = json.loads(initialised("status", "--json").stdout)
    shipped = catalogue.shipped("calendar_overrides.json")["version"]
    assert shown["version"] == __version__
    assert shown["reference"] == {
        "catalogue": catalogue.shipped("procedures.json")["version"], "calendar": shipped}
    assert shown["sync"]["configured"] is False and shown["sync"]["pending"] == 0
    text = initialised("status").stdout
    assert f"Lịch ngày nghỉ, ngày làm bù: phiên bản {shipped}" in text
    assert "Xã Tân Phú" in text
