"""zip and tar archives, read as streams and never extracted, a member at a time.

A member that cannot be read (corrupt data, a bad CRC, encrypted, an unsupported method, over --max-bytes
whatever its header says) is one error item, and the reading goes on with the next member: a zip's central
directory leads to it. A compressed tar stream that breaks cannot be read further: one error item says from
which member on the rest is lost and how many members were read. Archives inside archives are followed down
to MAX_DEPTH levels.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from veille.input.exports import csv_items, json_lines_items
from veille.input.item import Item, ReadOptions, refusal

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")
# Archives inside archives inside …: deeper ones are refused (340 levels overflowed Python's stack).
MAX_DEPTH = 8
READ_CHUNK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"


def suffix_of(name: str) -> str:
    lowered = name.lower()
    for suffix in TAR_SUFFIXES:
        if lowered.endswith(suffix):
            return suffix
    return PurePosixPath(lowered).suffix


class MemberTooLarge(Exception):
    """A member whose data runs past --max-bytes."""


def read_capped(handle: BinaryIO, limit: int) -> bytes:
    """A member's bytes, read in blocks and refused once past `limit` (a header may lie about the size)."""
    blocks, size = [], 0
    while block := handle.read(min(READ_CHUNK, limit + 1 - size)):
        blocks.append(block)
        size += len(block)
        if size > limit:
            raise MemberTooLarge(f"over --max-bytes ({limit:,} bytes) once decompressed")
    return b"".join(blocks)


def items_of_bytes(data: bytes, name: str, options: ReadOptions, depth: int = 0) -> Iterator[Item]:
    """The items of one file or member's bytes: an export's records, an archive's members, or one article.
    `depth` counts the archives it is inside."""
    suffix = suffix_of(name)
    if suffix in RECORD_SUFFIXES:
        reader = csv_items if suffix == ".csv" else json_lines_items
        yield from reader(io.BytesIO(data), name, options)
    elif suffix in TAR_SUFFIXES or suffix == ".zip":
        if depth >= MAX_DEPTH:
            yield refusal(name, "too_deep", f"an archive inside {depth} others: not followed")
        elif suffix == ".zip":
            yield from zip_items(io.BytesIO(data), name, options, depth + 1)
        else:
            yield from tar_items(io.BytesIO(data), name, options, depth + 1)
    else:
        yield Item(id=name, source=name, data=data)


def _unsafe(inner: str) -> bool:
    path = PurePosixPath(inner)
    return path.is_absolute() or ".." in path.parts or inner.startswith("\\")


def _refused_member(member: str, inner: str, size: int, kind_refusal: str | None,
                    options: ReadOptions) -> Item | None:
    """The error item of a member refused before reading (`kind_refusal`: why its kind is not followed)."""
    if _unsafe(inner):
        return refusal(member, "unsafe_member", "path escapes the archive")
    if kind_refusal:
        return refusal(member, "unsafe_member", kind_refusal)
    if size > options.max_bytes:
        return refusal(member, "too_large", f"{size:,} bytes, over --max-bytes")
    return None


def _problem(error: BaseException) -> str:
    """What went wrong reading a member, for its error line."""
    if isinstance(error, RuntimeError) and "encrypted" in str(error):
        return "encrypted (no password is asked for)"
    if isinstance(error, NotImplementedError):
        return f"unsupported compression ({error})"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def zip_items(source: Path | BinaryIO, name: str, options: ReadOptions, depth: int) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(source)
    except Exception as error:  # noqa: BLE001  (whatever the bytes: one error line for the archive)
        yield refusal(name, "bad_archive", f"not a readable archive ({_problem(error)})")
        return
    with archive:
        for number, info in enumerate(archive.infolist(), 1):
            if not info.filename:  # a damaged directory entry (found by fuzzing: is_dir() raised)
                yield refusal(f"{name}!<member {number}>", "bad_member", "a member with no name")
                continue
            if info.is_dir():
                continue
            member = f"{name}!{info.filename}"
            link = (info.external_attr >> 16) & 0o170000 == 0o120000
            refused = _refused_member(member, info.filename, info.file_size,
                                      "symbolic link not followed" if link else None, options)
            if refused or not PurePosixPath(info.filename).match(options.glob):
                yield from [refused] if refused else []
                continue
            try:
                with archive.open(info) as handle:
                    data = read_capped(handle, options.max_bytes)
            except MemberTooLarge as error:
                yield refusal(member, "too_large", str(error))
                continue
            except Exception as error:  # noqa: BLE001  (this member only: the directory leads to the next)
                yield refusal(member, "bad_member", _problem(error))
                continue
            yield from items_of_bytes(data, member, options, depth)


def _open_tar(handle: BinaryIO) -> tarfile.TarFile:
    """A tar stream, decompressed. gzip goes through GzipFile, which checks the CRC at the end: tarfile's own
    gzip reading does not, so a flipped byte that turns a member's header into zeros would pass for the end of
    the archive and lose that member silently (bz2 and xz check themselves)."""
    if isinstance(handle, io.BufferedReader):  # a file, maybe a pipe: looked at without moving
        magic = handle.peek(2)[:2]
    else:
        magic = handle.read(2)
        handle.seek(-len(magic), io.SEEK_CUR)
    if magic == GZIP_MAGIC:
        return tarfile.open(fileobj=gzip.GzipFile(fileobj=handle), mode="r|")
    return tarfile.open(fileobj=handle, mode="r|*")


def tar_items(source: Path | BinaryIO, name: str, options: ReadOptions, depth: int) -> Iterator[Item]:
    if isinstance(source, Path):
        try:
            handle = source.open("rb")
        except OSError as error:
            yield refusal(name, "bad_archive", f"not a readable archive ({_problem(error)}): 0 members read, "
                                               "the rest is lost")
            return
        with handle:
            yield from tar_items(handle, name, options, depth)
        return
    try:
        archive = _open_tar(source)
    except Exception as error:  # noqa: BLE001  (whatever the bytes: one error line for the archive)
        yield refusal(name, "bad_archive", f"not a readable archive ({_problem(error)}): 0 members read, "
                                           "the rest is lost")
        return
    read = 0
    with archive:
        members = iter(archive)  # streamed member by member, never extracted to disk
        while True:
            info = None
            try:
                info = next(members, None)
                if info is None:
                    _check_end(archive)
                    return
                refused, data = _tar_member(archive, info, name, options)
            except Exception as error:  # noqa: BLE001  (a broken stream: nothing after it can be read)
                yield _rest_lost(name, info, read, error)
                return
            read += 1
            if refused:
                yield refused
            elif data is not None:
                yield from items_of_bytes(data, f"{name}!{info.name}", options, depth)


def _tar_member(archive: tarfile.TarFile, info: tarfile.TarInfo, name: str, options: ReadOptions
                ) -> tuple[Item | None, bytes | None]:
    """(refusal, None), (None, the member's bytes), or (None, None) for a member --glob leaves out. Raises
    what the stream raises."""
    if info.isdir():
        return None, None
    member = f"{name}!{info.name}"
    refused = _refused_member(member, info.name, info.size, None if info.isfile() else
                              "links and special files are not followed", options)
    if refused or not PurePosixPath(info.name).match(options.glob):
        return refused, None
    handle = archive.extractfile(info)
    return None, read_capped(handle, options.max_bytes) if handle else b""


class DamagedStream(Exception):
    """The tar stream goes on after where tarfile stopped reading it."""


def _check_end(archive: tarfile.TarFile) -> None:
    """tarfile takes a header it cannot read, or the data ending where a header goes, for the end of the
    archive, silently; a real end is a block of zeros with nothing but zeros after it. Raises DamagedStream
    (or what the decompressor raises) otherwise."""
    stream = archive.fileobj
    if stream.tell() - archive.offset != tarfile.BLOCKSIZE:  # the data ends where a whole block goes
        raise DamagedStream("the archive ends short, without its end-of-archive block")
    while block := stream.read(READ_CHUNK):
        if block.strip(b"\0"):
            raise DamagedStream("a member header cannot be read")


def _rest_lost(name: str, info: tarfile.TarInfo | None, read: int, error: BaseException) -> Item:
    """One error item for the rest of a broken tar stream: the member it broke in, else the position of the
    first member that could not be found."""
    where = f"{name}!{info.name}" if info is not None else f"{name}!<member {read + 1}>"
    return refusal(where, "bad_archive", f"the archive cannot be read from here on ({_problem(error)}): "
                                         f"{read} member{'s' * (read != 1)} read, the rest is lost")
