"""Hostile inputs, made on the spot: damaged zip and tar archives, deep nests, lying headers, records that
break parsers. Each maker returns bytes (or writes a file) and says nothing about how veille should take it;
the tests do."""

from __future__ import annotations

import io
import struct
import tarfile
import zipfile
import zlib

ARTICLE = ("Le conseil municipal a voté mardi la fermeture du vieux pont. « Nous n'avions pas le choix », a "
           "déclaré la maire, Anne Roy, devant la presse.\n")


def members(count: int, prefix: str = "a") -> list[tuple[str, bytes]]:
    return [(f"{prefix}{n:02d}.txt", f"{ARTICLE}Article {n}.\n".encode()) for n in range(count)]


def zip_bytes(files: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


def tar_bytes(files: list[tuple[str, bytes]], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _zip_entries(data: bytes) -> list[tuple[int, int, zipfile.ZipInfo]]:
    """(local header offset, central directory entry offset, info) of each member."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    central, entries = data.rindex(b"PK\x05\x06"), []
    start = struct.unpack("<I", data[central + 16:central + 20])[0]
    position = start
    for info in archive.infolist():
        entries.append((info.header_offset, position, info))
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[position + 28:position + 34])
        position += 46 + name_len + extra_len + comment_len
    return entries


def damage_zip_member(data: bytes, index: int, how: str) -> bytes:
    """One member damaged: `crc` (a bad CRC-32), `encrypted` (the encryption flag set), `method` (an unknown
    compression method), `deflate` (its compressed data garbled), `size` (its declared size far below the
    real one)."""
    out = bytearray(data)
    local, central, info = _zip_entries(data)[index]
    if how == "crc":
        for offset in (local + 14, central + 16):
            out[offset] ^= 0xFF
    elif how == "encrypted":
        for offset in (local + 6, central + 8):
            out[offset] |= 0x01
    elif how == "method":
        for offset in (local + 8, central + 10):
            out[offset:offset + 2] = struct.pack("<H", 99)
    elif how == "deflate":
        name_len, extra_len = struct.unpack("<HH", data[local + 26:local + 30])
        body = local + 30 + name_len + extra_len
        for offset in range(body, body + min(info.compress_size, 16)):
            out[offset] = 0xFF
    elif how == "size":
        for offset in (local + 22, central + 24):
            out[offset:offset + 4] = struct.pack("<I", 100)
    else:
        raise ValueError(how)
    return bytes(out)


def flip_middle(data: bytes, count: int = 64) -> bytes:
    out = bytearray(data)
    middle = len(data) // 2
    for offset in range(middle, middle + count):
        out[offset] ^= 0x5A
    return bytes(out)


def nested_zip(depth: int) -> bytes:
    data = zip_bytes(members(1))
    for level in range(depth):
        data = zip_bytes([(f"level{level}.zip", data)])
    return data


def zeros_zip(size: int, declared: int | None = None) -> bytes:
    """One member of `size` zero bytes (a few kB compressed), its header saying `declared` bytes if given."""
    data = zip_bytes([("zeros.txt", bytes(size))])
    if declared is None:
        return data
    out = bytearray(data)
    local, central, _ = _zip_entries(data)[0]
    for offset in (local + 22, central + 24):
        out[offset:offset + 4] = struct.pack("<I", declared)
    return bytes(out)


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def corrupt_deflate(size: int = 64) -> bytes:
    return zlib.compress(b"x" * size)[:10] + b"\xff" * 10


def varied_members(count: int, size: int = 6000) -> list[tuple[str, bytes]]:
    """Members that compress poorly, so that a damaged spot in a compressed stream falls among them."""
    import random

    chance = random.Random(count)
    words = ARTICLE.split()
    return [(f"v{n:02d}.txt", (" ".join(chance.choice(words) for _ in range(size // 6)) + "\n").encode())
            for n in range(count)]


def damage_tar_header(data: bytes, index: int) -> bytes:
    """An uncompressed tar whose `index`-th member header is garbled (its checksum no longer holds)."""
    offset = tarfile.open(fileobj=io.BytesIO(data)).getmembers()[index].offset
    out = bytearray(data)
    out[offset:offset + 100] = b"\x7f" * 100
    return bytes(out)
