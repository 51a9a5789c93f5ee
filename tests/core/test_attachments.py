"""Attachments (照片 / 文件 of an asset or a lease): copied into the books' folder, listed, opened, removed."""
from pathlib import Path

import pytest

from assetdesk.errors import InputError, NotFoundError
from assetdesk.services import attachments as attachments_module

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d4944415478da636460f85f0f0004ff01ff5a1b2c1f0000000049454e44ae426082")


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "U盘"
    folder.mkdir()
    (folder / "东街商铺 正面.PNG").write_bytes(PNG)
    (folder / "产权证.pdf").write_bytes(b"%PDF-1.4 scanned")
    return folder


def test_sqlite_books_keep_attachments_in_a_folder_beside_the_file(books, files):
    if books.database_path is None:
        pytest.skip("SQLite only")
    photo = books.attachments.add("asset", 7, files / "东街商铺 正面.PNG", note="2025 年正面")
    document = books.attachments.add("asset", 7, files / "产权证.pdf")
    assert (photo.kind, document.kind) == ("照片", "文件")  # by the extension, whatever its case
    folder = books.database_path.parent / "books.附件"
    assert books.attachments.path_of(photo.id) == folder / "asset" / "7" / "东街商铺 正面.PNG"
    assert books.attachments.path_of(photo.id).read_bytes() == PNG
    (files / "产权证.pdf").unlink()  # the USB stick is gone: the books still have their copy
    assert books.attachments.path_of(document.id).read_bytes() == b"%PDF-1.4 scanned"


def test_list_photos_first_and_the_same_name_twice_is_stored_apart(books, files):
    document = books.attachments.add("asset", 1, files / "产权证.pdf")
    first = books.attachments.add("asset", 1, files / "东街商铺 正面.PNG")
    second = books.attachments.add("asset", 1, files / "东街商铺 正面.PNG")
    books.attachments.add("lease", 1, files / "产权证.pdf")
    listed = books.attachments.list("asset", 1)
    assert [a.id for a in listed] == [first.id, second.id, document.id]
    assert listed[0].file_name == listed[1].file_name == "东街商铺 正面.PNG"
    assert books.attachments.path_of(first.id) != books.attachments.path_of(second.id)
    assert books.attachments.path_of(second.id).name == "东街商铺 正面 (2).PNG"
    assert listed[2].size_bytes == len(b"%PDF-1.4 scanned") and listed[2].added_by == "测试会计"
    assert [e.action for e in books.audit.list_entries(entity="attachment")].count("添加附件") == 4


def test_missing_files_folders_and_oversize_files_are_refused(books, files, monkeypatch):
    with pytest.raises(InputError, match="找不到文件"):
        books.attachments.add("asset", 1, files / "不存在.jpg")
    with pytest.raises(InputError, match="是一个文件夹"):
        books.attachments.add("asset", 1, files)
    monkeypatch.setattr(attachments_module, "MAX_BYTES", 10)
    with pytest.raises(InputError, match="超过了"):
        books.attachments.add("asset", 1, files / "产权证.pdf")
    assert books.attachments.list("asset", 1) == []
    assert not (books.attachments.folder / "asset").exists() or not any((books.attachments.folder / "asset").rglob("*.*"))


def test_a_failed_transaction_removes_the_copy(books, files):
    with pytest.raises(RuntimeError):
        with books.ctx.transaction():
            added = books.attachments.add("asset", 3, files / "产权证.pdf")
            copied = books.attachments.folder / added.stored_name
            assert copied.exists()
            raise RuntimeError("the clerk's larger action failed")
    assert books.attachments.list("asset", 3) == []
    assert not copied.exists()


def test_remove_keeps_the_file_under_deleted_and_the_audit(books, files):
    added = books.attachments.add("asset", 5, files / "产权证.pdf")
    stored = books.attachments.path_of(added.id)
    books.attachments.remove(added.id)
    assert books.attachments.list("asset", 5) == []
    assert not stored.exists()
    kept = books.attachments.folder / "已删除" / "asset" / "5" / "产权证.pdf"
    assert kept.read_bytes() == b"%PDF-1.4 scanned"
    removed = [e for e in books.audit.list_entries(entity="attachment") if e.action == "删除附件"]
    assert len(removed) == 1 and "产权证.pdf" in removed[0].before
    with pytest.raises(NotFoundError, match="不存在"):
        books.attachments.path_of(added.id)


def test_unsafe_characters_in_a_name_are_replaced(books, tmp_path):
    odd = tmp_path / "合同:第1页?.jpg"
    try:
        odd.write_bytes(PNG)
    except OSError:
        pytest.skip("the file system refuses the name itself")
    added = books.attachments.add("lease", 2, odd)
    assert added.file_name == "合同:第1页?.jpg" and added.kind == "照片"
    assert Path(added.stored_name).name == "合同_第1页_.jpg"
