"""One field registry (model.FIELDS) drives parsing, JSON, show, set and the cache."""

from __future__ import annotations

import dataclasses
import importlib
import sys

import pytest

from vaulttools.model import FIELDS, Contact, Field
from vaulttools.read.fields import KNOWN_FIELDS

from conftest import REPO

NOT_FRONT_MATTER = {"path", "relpath", "extra", "interactions", "promises", "body"}


def test_every_contact_field_has_one_entry() -> None:
    attributes = [f.name for f in dataclasses.fields(Contact) if f.name not in NOT_FRONT_MATTER]
    assert [spec.name for spec in FIELDS] == attributes


def test_parsing_json_and_show_follow_the_registry() -> None:
    assert {key for spec in FIELDS for key in spec.keys} == KNOWN_FIELDS
    contact = Contact(name="Ada", path=REPO / "Ada.md", relpath="People/Ada.md")
    assert list(contact.as_dict()) == ["name", "path", *(s.name for s in FIELDS[1:]),
                                       "extra", "interactions", "promises"]


def test_every_field_key_is_documented() -> None:
    doc = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    for spec in FIELDS:
        assert f"`{spec.keys[0]}`" in doc, spec.keys[0]


def test_the_cache_format_follows_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    from vaulttools import model
    from vaulttools.read.cache import store as cache

    before = cache.FORMAT_VERSION
    monkeypatch.setattr(model, "FIELDS", (*FIELDS, Field("nickname", ("nickname",), "text")))
    monkeypatch.delitem(sys.modules, "vaulttools.read.cache.store")
    changed = importlib.import_module("vaulttools.read.cache.store")
    assert before != changed.FORMAT_VERSION
    monkeypatch.setattr(sys, "version_info", (3, 99, 0, "final", 0))
    monkeypatch.delitem(sys.modules, "vaulttools.read.cache.store")
    assert importlib.import_module("vaulttools.read.cache.store").FORMAT_VERSION not in (
        before, changed.FORMAT_VERSION)
