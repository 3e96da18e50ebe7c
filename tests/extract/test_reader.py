from __future__ import annotations

import json

import pytest

from newsgraph.extract.input.reader import Skipped, Warning_, read_articles
from newsgraph.extract.records import Article


def read(*paths):
    return list(read_articles(paths))


def test_txt_first_line_then_blank_is_title(tmp_path):
    (tmp_path / "a.txt").write_text("Port strike called\n\nWorkers will walk out.", encoding="utf-8")
    [a] = read(tmp_path / "a.txt")
    assert isinstance(a, Article)
    assert a.title == "Port strike called"
    assert a.text == "Port strike called\n\nWorkers will walk out."


def test_latin1_file_is_decoded_with_a_warning(tmp_path):
    (tmp_path / "l.txt").write_bytes("Chelsea paid \xa315m for the striker.".encode("latin-1"))
    items = read(tmp_path / "l.txt")
    assert any(isinstance(i, Warning_) and "not UTF-8" in str(i) for i in items)
    [a] = [i for i in items if isinstance(i, Article)]
    assert "£15m" in a.text


def test_bbc_latin1_article_reads_pound_sign(shared):
    items = read(shared / "corpus" / "bbc" / "sport" / "199.txt")
    [a] = [i for i in items if isinstance(i, Article)]
    assert "£" in a.text


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"  \n\n", "empty file"),
        ("bin.txt", b"\x00\x01\x02PNG", "binary file"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    [s] = read(tmp_path / name)
    assert isinstance(s, Skipped) and reason in s.reason and name in str(s)


def test_missing_path_and_wrong_format(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    missing, wrong = read(tmp_path / "nope.txt", tmp_path / "notes.pdf")
    assert str(missing) == f"{tmp_path / 'nope.txt'}: no such file or folder"
    assert "not an article format (.pdf)" in str(wrong)


def test_jsonl_bad_line_names_the_line_and_keeps_the_rest(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "First article."}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "Third.", "title": "T", "url": "https://x.org/c"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = read(tmp_path / "batch.jsonl")
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [str(i) for i in items if isinstance(i, Skipped)]
    assert [a.name for a in articles] == ["a", "c"]
    assert articles[1].url == "https://x.org/c"
    assert skipped[0].startswith(f"{tmp_path / 'batch.jsonl'}:2: not valid JSON")
    assert skipped[1].startswith(f"{tmp_path / 'batch.jsonl'}:3: expected a JSON object")


def test_html_main_text_title_and_site(tmp_path):
    html = """<html><head><title>Mine appeal lodged</title>
    <meta property="og:site_name" content="Tarrow Gazette"></head>
    <body><nav>Home | News</nav><article><h1>Mine appeal lodged</h1>
    <p>Fellside Mining has lodged an appeal against the ruling that blocked its expansion at Black Fell.</p>
    <p>Robert Kane, the managing director, said the ruling ignored thirty years of monitoring data.</p>
    </article><footer>Copyright 2026</footer></body></html>"""
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    [a] = read(tmp_path / "p.html")
    assert a.title == "Mine appeal lodged"
    assert "Robert Kane, the managing director" in a.text
    assert "Copyright" not in a.text
    assert a.site == "Tarrow Gazette"


def test_boilerplate_lines_are_skipped_but_keep_offsets(tmp_path):
    text = (
        "Wednesday, May 25, 2022\nHomeIran NewsIran Opposition\n\nThe body of the article.\n\n"
        "Tags: , , ,\nLeave a Reply\nSource » irannewsupdate"
    )
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    [a] = read(tmp_path / "b.txt")
    skipped = [a.text[s:e] for s, e in a.skipped]
    assert skipped == [
        "Wednesday, May 25, 2022",
        "HomeIran NewsIran Opposition",
        "Tags: , , ,",
        "Leave a Reply",
        "Source » irannewsupdate",
    ]
    assert a.date == "Wednesday, May 25, 2022" and a.source == "irannewsupdate"
    assert a.text == text  # the text itself is untouched


def test_folder_is_read_in_order_and_ignores_other_files(tmp_path):
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [i.name for i in read(tmp_path)] == ["a.md", "b.txt"]
