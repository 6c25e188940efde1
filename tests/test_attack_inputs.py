"""The attack campaign on the readers: damaged archives, deep nests, lying headers, hostile records. Every
input item gives exactly one item (so one output line), whatever happens to its neighbours."""

import json
import resource
from collections import Counter

import pytest

from hostile import (
    damage_tar_header,
    damage_zip_member,
    deep_json,
    flip_middle,
    members,
    nested_zip,
    tar_bytes,
    varied_members,
    zeros_zip,
    zip_bytes,
)
from veille.input.decode import MAX_JSON_DEPTH, InputError, decode_bytes, read_article_bytes
from veille.input.items import ReadOptions, iter_items


def read(tmp_path, name, data, **options):
    path = tmp_path / name
    path.write_bytes(data)
    return list(iter_items([path], ReadOptions(**options)))


def kinds(items):
    return Counter(item.error[0] if item.error else "ok" for item in items)


@pytest.mark.parametrize("how", ["crc", "encrypted", "method", "deflate", "size"])
def test_a_damaged_zip_member_is_one_error_and_the_next_ones_are_read(tmp_path, how):
    items = read(tmp_path, "a.zip", damage_zip_member(zip_bytes(members(5)), 2, how))
    assert [item.id.rsplit("!", 1)[1] for item in items] == [f"a{n:02d}.txt" for n in range(5)]
    assert kinds(items) == {"ok": 4, "bad_member": 1} and items[2].error[0] == "bad_member"


def test_a_tar_holding_a_corrupt_zip_and_a_zip_holding_a_corrupt_tar_lose_only_that_member(tmp_path):
    bad_zip = damage_zip_member(zip_bytes(members(3)), 1, "deflate")[:120]
    items = read(tmp_path, "a.tar", tar_bytes([*members(2), ("bad.zip", bad_zip), *members(2, "b")], "w"))
    assert len(items) == 5 and kinds(items) == {"ok": 4, "bad_archive": 1}
    bad_tgz = flip_middle(tar_bytes(varied_members(20)))
    items = read(tmp_path, "b.zip", zip_bytes([*members(2), ("bad.tar.gz", bad_tgz), *members(2, "b")]))
    outer = [item.id.split("!")[1] for item in items if "bad.tar.gz!" not in item.id]
    assert outer == ["a00.txt", "a01.txt", "bad.tar.gz", "b00.txt", "b01.txt"] or \
        outer == ["a00.txt", "a01.txt", "b00.txt", "b01.txt"]
    [broken] = [item for item in items if item.error]
    assert "bad.tar.gz" in broken.id and "the rest is lost" in broken.error[1]


@pytest.mark.parametrize("mode", ["w:gz", "w:bz2", "w:xz"])
def test_a_broken_compressed_tar_says_from_which_member_the_rest_is_lost(tmp_path, mode):
    items = read(tmp_path, "a.tar." + mode[2:], flip_middle(tar_bytes(varied_members(20), mode)))
    *read_members, last = items
    assert all(item.error is None for item in read_members) and last.error[0] == "bad_archive"
    assert f"{len(read_members)} member" in last.error[1] and "the rest is lost" in last.error[1]


def test_a_tar_cut_or_with_an_unreadable_header_is_reported_not_silently_ended(tmp_path):
    plain = tar_bytes(varied_members(20), "w")
    for name, data in (("cut.tar", plain[:len(plain) // 2]), ("header.tar", damage_tar_header(plain, 10)),
                       ("cut.tar.gz", tar_bytes(varied_members(20))[:-200])):
        items = read(tmp_path, name, data)
        assert items[-1].error and items[-1].error[0] == "bad_archive", name
        assert "the rest is lost" in items[-1].error[1]
        assert all(item.error is None for item in items[:-1])


def test_an_intact_tar_ends_without_error(tmp_path):
    for mode in ("w", "w:gz", "w:bz2", "w:xz"):
        assert kinds(read(tmp_path, "ok.tar" + mode[1:].replace(":", "."), tar_bytes(members(4), mode))) \
            == {"ok": 4}


def test_archives_nested_340_deep_stop_at_the_depth_limit(tmp_path):
    items = read(tmp_path, "deep.zip", nested_zip(340))
    assert len(items) == 1 and items[0].error[0] == "too_deep"
    items = read(tmp_path, "shallow.zip", nested_zip(3))
    assert kinds(items) == {"ok": 1}


def test_a_member_is_held_to_max_bytes_whatever_its_header_says(tmp_path):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    items = read(tmp_path, "lie.zip", zeros_zip(60_000_000, declared=100), max_bytes=1_000_000)
    assert len(items) == 1 and items[0].error[0] == "bad_member"
    items = read(tmp_path, "big.zip", zeros_zip(3_000_000), max_bytes=1_000_000)
    assert len(items) == 1 and items[0].error[0] == "too_large"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # kB: never read whole


def record(n, text="Un texte en français."):
    return json.dumps({"id": f"r{n}", "text": text}) + "\n"


def test_json_nested_100000_deep_is_one_bad_record(tmp_path):
    deep = '{"id": "x", "text": ' + deep_json(100_000) + "}\n"
    items = read(tmp_path, "a.jsonl", (record(1) + deep + record(2)).encode())
    assert [item.error[0] if item.error else item.id for item in items] == ["r1", "bad_record", "r2"]
    with pytest.raises(InputError) as refused:
        read_article_bytes(deep.encode(), "deep.json")
    assert refused.value.type == "bad_record"
    shallow = '{"text": "Un texte.", "x": ' + deep_json(MAX_JSON_DEPTH - 1) + "}"
    assert read_article_bytes(shallow.encode(), "ok.json").text == "Un texte."


def test_lone_surrogates_are_escaped_in_ids_texts_and_kept_fields(tmp_path):
    line = '{"id": "a\\udc80", "text": "Un texte \\udc80 en français.", "x": ["\\ud800"]}\n'
    [item] = read(tmp_path, "a.jsonl", line.encode(), keep_fields=("x",))
    assert item.id == "a\\udc80" and item.kept == {"x": ["\\ud800"]}
    article = read_article_bytes(line.encode(), "b.json")
    article.text.encode("utf-8")
    assert article.id == "a\\udc80"


def test_max_bytes_holds_for_every_json_lines_record_and_the_next_ones_are_read(tmp_path):
    data = (record(1) + record(2, "x" * 5000) + record(3)).encode()
    items = read(tmp_path, "a.jsonl", data, max_bytes=1000)
    assert [item.error[0] if item.error else item.id for item in items] == ["r1", "too_large", "r3"]


def test_max_bytes_holds_for_every_csv_record_and_the_next_ones_are_read(tmp_path):
    data = ('id,text\nr1,Un texte.\nr2,"' + "y\n" * 3000 + '"\nr3,Encore un texte.\nr4,' + "z" * 3000
            + '\nr5,"Un ""dernier""\ntexte."\n').encode()
    items = read(tmp_path, "a.csv", data, max_bytes=1000)
    assert [item.error[0] if item.error else item.id for item in items] == \
        ["r1", "too_large", "r3", "too_large", "r5"]
    assert items[-1].record["text"] == 'Un "dernier"\ntexte.'


def test_csv_reading_matches_the_csv_module_on_ordinary_exports(tmp_path):
    import csv
    import io

    table = 'id,text,x\r\nr1,"Un, texte",1\r\n\r\nr2,"deux\nlignes",2,extra\r\nr3,court\r\n'
    items = read(tmp_path, "a.csv", ("\ufeff" + table).encode())
    expected = list(csv.DictReader(io.StringIO(table)))
    assert [item.record["text"] if item.record else None for item in items] == \
        [row["text"] for row in expected]
    assert [item.source.rsplit(":", 1)[1] for item in items] == ["2", "3", "4"]


def test_a_text_with_no_letter_is_no_text():
    for data in (b"!!! ... ??? 123 -- \xc2\xab \xc2\xbb", b'{"text": "*** 2024 ***"}'):
        with pytest.raises(InputError) as refused:
            read_article_bytes(data, "x")
        assert refused.value.type == "no_text"


def test_a_mostly_utf8_file_with_a_few_bad_bytes_is_read_as_utf8():
    text = "« Nous n'avions pas le choix », a déclaré la maire, Hélène Kervella. " * 20
    data = text.encode() + b"\xff\xfe caf\xe9 " + text.encode()
    decoded, encoding = decode_bytes(data, "x")
    assert decoded.count("«") == 40 and "déclaré" in decoded and "\ufffd" in decoded
    assert encoding.startswith("utf-8,") and "replaced" in encoding
    article = read_article_bytes(data, "x")
    assert any("replaced" in warning for warning in article.warnings)
    # cp1252 stays cp1252: its accented letters are all invalid UTF-8.
    assert decode_bytes(text.encode("cp1252"), "x")[1] == "cp1252"
