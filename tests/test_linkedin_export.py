"""LinkedIn's export as it arrives (#29): a zip, names as people write them on LinkedIn,
and files a spreadsheet has damaged."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, snapshot, vt, write_vault

PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    "allowed their connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email. You can learn more here '
    'https://www.linkedin.com/help/linkedin/answer/261"\r\n\r\n'
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
ROWS = [
    "Sunita,Rao 🚀,https://www.linkedin.com/in/sunitarao,,Gridwise,Head of Data,03 Oct 2024",
    'Erik,"Lund, PhD",https://www.linkedin.com/in/eriklund,,KTH,Professor,12 May 2021',
    "Maria,Gomez (she/her),https://www.linkedin.com/in/mgomez,,Solar Co,CEO,01 Feb 2020",
    "Tom,Becker | Founder,https://www.linkedin.com/in/tbecker,,Becker Labs,Founder,10 Oct 2015",
    "🌱 Kai,Müller,https://www.linkedin.com/in/kaimueller,,Verdant,COO,21 Jun 2023",
    "Ana,Silva MBA,https://www.linkedin.com/in/anasilva,,Banco,CFO,09 Sep 2019",
    "Jürgen,Weiß,https://www.linkedin.com/in/jweiss,,Zürich Re,Actuary,02 Mar 2018",
]


def connections(rows: list[str] = ROWS) -> bytes:
    return (PREAMBLE + HEADER + "\r\n".join(rows) + "\r\n").encode("utf-8")


def linkedin_zip(path: Path, csv: bytes | None = None,
                 compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip laid out as LinkedIn's "Basic" data export is."""
    with zipfile.ZipFile(path, "w", compression) as archive:
        if csv is not None:
            archive.writestr("Connections.csv", csv)
        archive.writestr("messages.csv", "CONVERSATION ID,FROM,TO,DATE,SUBJECT,CONTENT\r\n"
                                         "2-abc,Sunita Rao,Me,2024-10-03 10:00:00 UTC,,Hi!\r\n")
        archive.writestr("Profile.csv", "First Name,Last Name,Headline\r\nMe,Myself,Builder\r\n")
        archive.writestr("Invitations.csv", "From,To,Sent At,Message,Direction\r\n")
        archive.writestr("Rich_Media.csv", "Date/Time,Media Description\r\n")
    return path


def names(run: Run, vault: Path) -> dict[str, dict[str, Any]]:
    listed = json.loads(vt(run, vault, "list", "--json", "--status", "all").stdout)
    return {c["name"]: c for c in listed}


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_the_export_zip_is_read_for_its_connections(tmp_path: Path, run: Run,
                                                    compression: int) -> None:
    vault = write_vault(tmp_path / "v", {})
    export = linkedin_zip(tmp_path / "Basic_LinkedInDataExport_12-01-2026.zip", connections(),
                          compression)
    result = vt(run, vault, "import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    assert "linkedin: 7 new" in result.stderr
    found = names(run, vault)
    assert sorted(found) == ["Ana Silva", "Erik Lund", "Jürgen Weiß", "Kai Müller",
                             "Maria Gomez", "Sunita Rao", "Tom Becker"]
    assert not any(name.startswith("PK") for name in found)
    assert sorted(p.name for p in (vault / "People").iterdir())[0] == "Ana Silva.md"


def test_a_vcard_zip_is_read_for_every_card(tmp_path: Path, run: Run) -> None:
    vault = write_vault(tmp_path / "v", {})
    export = tmp_path / "contacts.zip"
    with zipfile.ZipFile(export, "w") as archive:
        for name in ("Ada Byron", "Bo Chen"):
            archive.writestr(f"Contacts/{name}.vcf", f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}"
                                                     "\r\nEND:VCARD\r\n")
    result = vt(run, vault, "import", "vcard", str(export))
    assert result.exit_code == 0, result.output
    assert sorted(names(run, vault)) == ["Ada Byron", "Bo Chen"]


@pytest.mark.parametrize(("content", "kind"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF"),
    (b"\x00\x01\x02binary", "binary data"),
])
def test_a_file_that_is_not_text_creates_nothing(tmp_path: Path, run: Run, content: bytes,
                                                 kind: str) -> None:
    vault = write_vault(tmp_path / "v", {})
    before = snapshot(vault)
    export = tmp_path / "Connections.csv"
    export.write_bytes(content)
    result = vt(run, vault, "import", "linkedin", str(export))
    assert result.exit_code == 1
    assert f"{export}:1: error: not a CSV file: it is {kind}" in result.output
    assert "nothing to import" in result.stderr
    assert snapshot(vault) == before


def test_a_zip_without_connections_says_so_and_creates_nothing(tmp_path: Path,
                                                              run: Run) -> None:
    vault = write_vault(tmp_path / "v", {})
    before = snapshot(vault)
    export = linkedin_zip(tmp_path / "Complete_LinkedInDataExport.zip", None)
    result = vt(run, vault, "import", "linkedin", str(export))
    assert result.exit_code == 1
    assert "the zip holds no connections.csv" in result.output
    assert snapshot(vault) == before


def test_a_name_that_matches_once_cleaned_updates_instead_of_duplicating(
    tmp_path: Path, run: Run
) -> None:
    vault = write_vault(tmp_path / "v", {
        "Sunita Rao.md": "---\ngroup: peer\n---\n",
        "Erik Lund.md": "---\ngroup: mentor\ncompany: KTH\n---\n"})
    export = tmp_path / "Connections.csv"
    export.write_bytes(connections(ROWS[:2]))
    result = vt(run, vault, "import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    assert "linkedin: 0 new, 2 updated" in result.stderr
    found = names(run, vault)
    assert sorted(found) == ["Erik Lund", "Sunita Rao"]
    assert found["Sunita Rao"]["linkedin"] == "https://www.linkedin.com/in/sunitarao"


def test_one_stray_windows_1252_byte_spoils_only_its_own_row(tmp_path: Path, run: Run) -> None:
    """After a spreadsheet round trip: UTF-8 throughout, but one row saved as 1252."""
    vault = write_vault(tmp_path / "v", {})
    rows = connections(ROWS[4:]).replace("Zürich Re".encode(), "Zürich Re".encode())
    damaged = rows + "Renée,Dubois,https://www.linkedin.com/in/rdubois,,Café Noir,Chef,"\
        "01 Jan 2020\r\n".encode("cp1252")
    export = tmp_path / "Connections.csv"
    export.write_bytes(damaged)
    result = vt(run, vault, "import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    found = names(run, vault)
    assert sorted(found) == ["Ana Silva", "Jürgen Weiß", "Kai Müller", "Renée Dubois"]
    assert found["Renée Dubois"]["company"] == "Café Noir"
    line = damaged.count(b"\n")
    assert f"Connections.csv:{line}: warning: this line is not UTF-8" in result.output
    assert result.output.count("not UTF-8") == 1


def test_a_whole_windows_1252_file_is_read_as_such_with_one_warning(tmp_path: Path,
                                                                     run: Run) -> None:
    vault = write_vault(tmp_path / "v", {})
    export = tmp_path / "Connections.csv"
    text = PREAMBLE + HEADER + "\r\n".join(
        ["Jürgen,Weiß,,,Zürich Re,Actuary,02 Mar 2018", "Zoë,Dupré,,,Café,Chef,01 Jan 2020",
         "Åsa,Öberg,,,Malmö AB,CTO,01 Jan 2021"]) + "\r\n"
    export.write_bytes(text.encode("cp1252"))
    result = vt(run, vault, "import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    assert sorted(names(run, vault)) == ["Jürgen Weiß", "Zoë Dupré", "Åsa Öberg"]
    assert result.output.count("not UTF-8: read as Windows-1252") == 1


def test_names_already_garbled_are_never_written(tmp_path: Path, run: Run) -> None:
    """A file that went through a wrong decoding before it reached us: ask, never write."""
    vault = write_vault(tmp_path / "v", {})
    export = tmp_path / "Connections.csv"
    export.write_bytes(connections([
        "JÃ¼rgen,MÃ¼ller,https://www.linkedin.com/in/jmueller,,ACME,CTO,02 Mar 2018",
        "Ren\ufffde,Dubois,,,Bistro,Chef,01 Jan 2020",
        "Zoë,Dupré,,,CafÃ© Noir,Chef,01 Jan 2020"]))
    result = vt(run, vault, "import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    found = names(run, vault)
    assert sorted(found) == ["Zoë Dupré"]
    assert found["Zoë Dupré"]["company"] is None
    assert "check: JÃ¼rgen MÃ¼ller" in result.output and "looks garbled" in result.output
    assert "company looks garbled" in result.output
    assert "2 to check" not in result.stderr and "3 to check" in result.stderr
