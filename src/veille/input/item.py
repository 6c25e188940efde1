"""One input item, and the options every reader shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from veille.input.decode import DEFAULT_MAX_BYTES, escape_surrogates


@dataclass
class Item:
    """One input item: bytes of a file or member, a record of a JSONL/CSV export, or a refusal."""

    id: str
    source: str
    data: bytes | None = None
    record: dict | None = None  # text, id, title, date of a JSONL/CSV record, by the chosen fields
    error: tuple[str, str] | None = None  # (type, message)
    fields: tuple[str, ...] | None = None  # a JSONL/CSV record's field names, to check the chosen ones
    kept: dict = field(default_factory=dict)  # the --keep-fields values of a record, carried to the output

    def __post_init__(self) -> None:
        # Names from tar headers and file systems may hold undecodable bytes (lone surrogates): every id and
        # source reaches the output, which is UTF-8.
        self.id, self.source = escape_surrogates(self.id), escape_surrogates(self.source)


def refusal(where: str, kind: str, message: str) -> Item:
    """The item that becomes an error line: `where` is its id and source."""
    return Item(id=where, source=where, error=(kind, message))


@dataclass
class ReadOptions:
    """How inputs are read: which files of a folder, which fields of a record, the size limit."""

    glob: str = "*"
    text_field: str = "text"
    id_field: str = "id"
    title_field: str = "title"
    date_field: str = "date"
    keep_fields: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES

    def record_fields(self) -> tuple[str, ...]:
        """The fields a record must have: the text, and the ones the user named beyond the defaults."""
        named = [name for name, default in ((self.id_field, "id"), (self.title_field, "title"),
                                            (self.date_field, "date")) if name != default]
        return (self.text_field, *named, *self.keep_fields)
