"""Assemble the TEI document: header from the title and metadata, front, body, back."""

from __future__ import annotations

import uuid

from lxml import etree

from exporter.metadata import Metadata
from exporter.tei import TEI_NS, XML_LANG, el, sub

UUID_NAMESPACE = uuid.UUID("6f1c3c4e-3b1e-5d2a-9a57-8c1e0f2b7d41")


def content_uuid(*parts: bytes) -> str:
    """A UUID that depends on the content only, so rebuilding gives the same identifier."""
    return str(uuid.uuid5(UUID_NAMESPACE, b"\0".join(parts).hex()))


def tei_root(language: str) -> etree._Element:
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    root.set(XML_LANG, language)
    return root


def header(title: str, meta: Metadata, identifier: str, source_name: str) -> etree._Element:
    head = el("teiHeader")
    file_desc = sub(head, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", title, type="main")
    for name in meta.authors:
        sub(title_stmt, "author").append(person(name))
    file_desc.append(_publication(meta, identifier))
    sub(sub(file_desc, "sourceDesc"), "p", f"Read from the plain-text review {source_name}.")
    profile = sub(head, "profileDesc")
    sub(sub(profile, "langUsage"), "language", ident=meta.language)
    sub(sub(sub(profile, "textClass"), "keywords"), "term", "review")
    return head


def _publication(meta: Metadata, identifier: str) -> etree._Element:
    # An agency must come before the idno; with no publisher in the metadata it stays empty
    # rather than naming anyone the review does not name.
    stmt = el("publicationStmt")
    if meta.publisher:
        sub(stmt, "publisher", meta.publisher)
    else:
        sub(stmt, "authority")
    sub(stmt, "idno", identifier, type="UUID")
    if meta.date:
        sub(stmt, "date", meta.date, when=meta.date)
    if meta.licence or meta.licence_url:
        licence = sub(sub(stmt, "availability"), "licence", meta.licence or meta.licence_url)
        if meta.licence_url:
            licence.set("target", meta.licence_url)
    return stmt


def person(name: str) -> etree._Element:
    """'Given Surname' or 'Surname, Given' as persName with forename and surname."""
    if "," in name:
        surname, given = (part.strip() for part in name.split(",", 1))
    else:
        *givens, surname = name.split()
        given = " ".join(givens)
    pers = el("persName")
    if given:
        sub(pers, "forename", given)
    sub(pers, "surname", surname)
    return pers


def add_reviewed_metadata(bibl: etree._Element, meta: Metadata) -> None:
    """Translators and ISBN of the reviewed work, from the sidecar, into its monogr."""
    monogr = bibl.find(f"{{{TEI_NS}}}monogr")
    if monogr is None:
        return
    anchor = monogr.find(f"{{{TEI_NS}}}imprint")
    for name in meta.translators:
        editor = el("editor", role="translator")
        editor.append(person(name))
        _insert_before(monogr, anchor, editor)
    if meta.isbn:
        _insert_before(monogr, anchor, el("idno", meta.isbn, type="ISBN"))
    if meta.place and anchor is not None and anchor.find(f"{{{TEI_NS}}}pubPlace") is None:
        anchor.insert(0, el("pubPlace", meta.place))


def _insert_before(parent: etree._Element, anchor: etree._Element | None, node: etree._Element) -> None:
    if anchor is None:
        parent.append(node)
    else:
        anchor.addprevious(node)
