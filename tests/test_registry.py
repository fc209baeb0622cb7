"""The installed plug-ins are listed once and kept in the user cache, read again only when the
distribution metadata on sys.path changed, not whenever a file appears in one of its folders."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from zzlint import registry


def _later(path: Path, seconds: int) -> None:
    """Give ``path`` a time stamp ``seconds`` after its own, as a later change would."""
    stamp = path.stat().st_mtime_ns + seconds * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_plugins_are_scanned_again_only_when_metadata_changes(tmp_path: Path, monkeypatch) -> None:
    scans: list[int] = []
    real_scan = registry._scan_plugins
    monkeypatch.setattr(registry, "_scan_plugins", lambda: scans.append(1) or real_scan())
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert registry._installed_plugins() == []
    assert len(scans) == 1

    (tmp_path / "draft.txt").write_text("今年全县秋粮再获丰收。\n", encoding="utf-8")
    _later(tmp_path, 1)
    assert registry._installed_plugins() == []
    assert len(scans) == 1

    info = tmp_path / "zz_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: zz-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[zzlint.rules]\nshouting = zz_plugin:Shouting\n")
    _later(tmp_path, 2)
    assert registry._installed_plugins() == [("shouting", "zz_plugin:Shouting")]
    assert len(scans) == 2

    (info / "entry_points.txt").write_text("[zzlint.rules]\nwhispering = zz_plugin:Whispering\n")
    _later(info, 3)  # reinstalled: the same folder name, made again
    _later(tmp_path, 3)
    assert registry._installed_plugins() == [("whispering", "zz_plugin:Whispering")]
    assert len(scans) == 3
