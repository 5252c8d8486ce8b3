// SPDX-License-Identifier: GPL-3.0-or-later
// DirReader::forEachEntry, the one directory reader of the core: every kind of entry and its
// classification (dir / regular file / symlink / other, never following a link), names that
// are not text, a directory larger than one getdents buffer, early stop, nesting, rewinding,
// read errors, and the lstat fallback used where the filesystem leaves d_type DT_UNKNOWN.
#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include <QFile>
#include <QTest>

#include "ScratchDir.h"
#include "archive/Hash1.h"
#include "common/DirReader.h"
#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

const char *kindName(EntryType t)
{
    switch (t) {
    case EntryType::Directory:
        return "dir";
    case EntryType::File:
        return "file";
    case EntryType::Symlink:
        return "symlink";
    case EntryType::Other:
        return "other";
    case EntryType::Unknown:
        return "unknown";
    }
    return "?";
}

std::map<std::string, std::string> listing(int dirFd, int *err = nullptr)
{
    std::map<std::string, std::string> out;
    const int e = DirReader::forEachEntry(
        dirFd, [&out](const char *name, EntryType type) { out.emplace(name, kindName(type)); });
    if (err)
        *err = e;
    return out;
}

bool writeAt(int dirFd, const char *name)
{
    UniqueFd fd(::openat(dirFd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    return fd.isValid() && ::write(fd.get(), "x", 1) == 1;
}

// A bound unix socket leaves its inode in the directory after the socket is closed.
bool makeSocket(const QString &path)
{
    const QByteArray p = QFile::encodeName(path);
    sockaddr_un addr{};
    if (size_t(p.size()) >= sizeof(addr.sun_path))
        return false;
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, p.constData(), size_t(p.size()));
    UniqueFd s(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    return s.isValid() && ::bind(s.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0;
}

} // namespace

class TestDirReader : public QObject
{
    Q_OBJECT

private:
    ScratchDir m_scratch{u"tst_dirreader"_s};
    UniqueFd m_dir; // a directory with one entry of every kind
    UniqueFd m_large;
    const std::string m_newline = "new\nline";
    const std::string m_binary = "bad\xff\xfe-utf8";

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_scratch.isValid());
        const QString kinds = m_scratch.mkpath(u"kinds"_s);
        QVERIFY(!kinds.isEmpty());
        m_dir.reset(
            ::open(QFile::encodeName(kinds).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(m_dir.isValid());
        const int d = m_dir.get();
        QVERIFY(writeAt(d, "file"));
        QVERIFY(::mkdirat(d, "dir", 0755) == 0);
        QVERIFY(writeAt(d, "dir/inner"));
        QVERIFY(::symlinkat("file", d, "link-to-file") == 0);
        QVERIFY(::symlinkat("dir", d, "link-to-dir") == 0);
        QVERIFY(::symlinkat("does-not-exist", d, "dangling") == 0);
        QVERIFY(::mkfifoat(d, "fifo", 0644) == 0);
        QVERIFY2(makeSocket(kinds + u"/socket"_s), std::strerror(errno));
        QVERIFY(writeAt(d, m_newline.c_str()));
        QVERIFY(writeAt(d, m_binary.c_str()));
        QVERIFY(::mkdirat(d, ".hidden", 0755) == 0);

        const QString large = m_scratch.mkpath(u"large"_s);
        QVERIFY(!large.isEmpty());
        m_large.reset(
            ::open(QFile::encodeName(large).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(m_large.isValid());
        for (int i = 0; i < 5000; ++i)
            QVERIFY(writeAt(m_large.get(), largeName(i).c_str()));
    }

    void classifiesEveryKind()
    {
        const std::map<std::string, std::string> expected{
            {"file", "file"},           {"dir", "dir"},          {"link-to-file", "symlink"},
            {"link-to-dir", "symlink"}, {"dangling", "symlink"}, {"fifo", "other"},
            {"socket", "other"},        {m_newline, "file"},     {m_binary, "file"},
            {".hidden", "dir"},
        };
        int err = -1;
        const auto got = listing(m_dir.get(), &err);
        QCOMPARE(err, 0);
        QCOMPARE(got, expected); // no "." or "..", nothing below "dir"
    }

    void devicesAreOther()
    {
        UniqueFd dev(::open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(dev.isValid());
        const auto got = listing(dev.get());
        QCOMPARE(got.count("null"), size_t(1));
        QCOMPARE(got.at("null"), std::string("other"));
    }

    void largeDirectoryNeedsSeveralBuffers()
    {
        // 5000 entries of ~48-byte names are about 320 KiB of dirents: ten getdents64 calls.
        std::set<std::string> seen;
        int files = 0;
        const int err
            = DirReader::forEachEntry(m_large.get(), [&](const char *name, EntryType type) {
                  seen.insert(name);
                  files += type == EntryType::File;
              });
        QCOMPARE(err, 0);
        QCOMPARE(int(seen.size()), 5000);
        QCOMPARE(files, 5000);
        for (int i = 0; i < 5000; i += 499)
            QVERIFY(seen.count(largeName(i)) == 1);
    }

    void stopsWhenTheCallbackSaysSo()
    {
        int calls = 0;
        const int err = DirReader::forEachEntry(
            m_large.get(), [&calls](const char *, EntryType) { return ++calls < 3; });
        QCOMPARE(err, 0);
        QCOMPARE(calls, 3);
    }

    void namesOnly()
    {
        // A callback without the type parameter gets the same names (and no lstat is made
        // for it where d_type is missing).
        std::set<std::string> names;
        QCOMPARE(DirReader::forEachEntry(m_dir.get(),
                                         [&names](const char *name) { names.insert(name); }),
                 0);
        std::set<std::string> expected;
        for (const auto &[name, kind] : listing(m_dir.get()))
            expected.insert(name);
        QCOMPARE(names, expected);
        int calls = 0;
        QCOMPARE(
            DirReader::forEachEntry(m_large.get(), [&calls](const char *) { return ++calls < 2; }),
            0);
        QCOMPARE(calls, 2);
    }

    void rewindsAndNests()
    {
        // A second walk of the same descriptor starts from the first entry again, and a walk
        // may run inside another's callback (each level gets its own buffer).
        QCOMPARE(listing(m_dir.get()).size(), size_t(10));
        int outer = 0;
        int innerTotal = 0;
        const int err = DirReader::forEachEntry(m_dir.get(), [&](const char *name, EntryType type) {
            ++outer;
            if (type != EntryType::Directory || std::strcmp(name, "dir") != 0)
                return;
            UniqueFd sub(::openat(m_dir.get(), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            QVERIFY(sub.isValid());
            innerTotal += int(listing(sub.get()).size());
            // Deeper than the first level: the large directory inside, all of it.
            innerTotal += int(listing(m_large.get()).size());
        });
        QCOMPARE(err, 0);
        QCOMPARE(outer, 10);
        QCOMPARE(innerTotal, 1 + 5000);
        QCOMPARE(listing(m_dir.get()).size(), size_t(10));
    }

    void reportsReadErrors()
    {
        UniqueFd file(::openat(m_dir.get(), "file", O_RDONLY | O_CLOEXEC));
        QVERIFY(file.isValid());
        int calls = 0;
        const int err
            = DirReader::forEachEntry(file.get(), [&calls](const char *, EntryType) { ++calls; });
        QCOMPARE(err, ENOTDIR);
        QCOMPARE(calls, 0);
    }

    // The fallback for DT_UNKNOWN (xfs without ftype, some network filesystems): lstat, and a
    // fifo or socket is "other", not a symlink (Hash1's own fallback once said symlink).
    void unknownDTypeFallsBackToLstat_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("expected");
        QTest::newRow("file") << QByteArray("file") << int(EntryType::File);
        QTest::newRow("dir") << QByteArray("dir") << int(EntryType::Directory);
        QTest::newRow("link to dir") << QByteArray("link-to-dir") << int(EntryType::Symlink);
        QTest::newRow("dangling") << QByteArray("dangling") << int(EntryType::Symlink);
        QTest::newRow("fifo") << QByteArray("fifo") << int(EntryType::Other);
        QTest::newRow("socket") << QByteArray("socket") << int(EntryType::Other);
        QTest::newRow("newline") << QByteArray::fromStdString(m_newline) << int(EntryType::File);
    }
    void unknownDTypeFallsBackToLstat()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, expected);
        QCOMPARE(int(DirReader::typeOf(m_dir.get(), name.constData(), DT_UNKNOWN)), expected);
        QCOMPARE(int(DirReader::typeAt(m_dir.get(), name.constData())), expected);
    }

    void unknownDTypeOfAVanishedEntry()
    {
        errno = 0;
        QCOMPARE(DirReader::typeOf(m_dir.get(), "gone", DT_UNKNOWN), EntryType::Unknown);
        QCOMPARE(errno, ENOENT);
    }

    void dTypeValues()
    {
        // Known d_type values never stat: the name does not even exist.
        QCOMPARE(DirReader::typeOf(m_dir.get(), "gone", DT_DIR), EntryType::Directory);
        QCOMPARE(DirReader::typeOf(m_dir.get(), "gone", DT_REG), EntryType::File);
        QCOMPARE(DirReader::typeOf(m_dir.get(), "gone", DT_LNK), EntryType::Symlink);
        for (unsigned char t : {DT_FIFO, DT_SOCK, DT_CHR, DT_BLK})
            QCOMPARE(DirReader::typeOf(m_dir.get(), "gone", t), EntryType::Other);
        QCOMPARE(DirReader::typeOfMode(S_IFIFO | 0644), EntryType::Other);
        QCOMPARE(DirReader::typeOfMode(S_IFSOCK | 0644), EntryType::Other);
        QCOMPARE(DirReader::typeOfMode(S_IFCHR | 0644), EntryType::Other);
        QCOMPARE(DirReader::typeOfMode(S_IFLNK | 0777), EntryType::Symlink);
    }

    // go's dirhash takes regular files only: a fifo is "not a regular file", not a symlink, and
    // is never opened (that would block). To see the DT_UNKNOWN path end to end, run this suite
    // under an LD_PRELOAD that blanks d_type in getdents64/readdir results.
    void hashDirRejectsAFifoAsNotRegular()
    {
        const QString dir = m_scratch.mkpath(u"hashfifo"_s);
        QVERIFY(!dir.isEmpty());
        QFile go(dir + u"/a.go"_s);
        QVERIFY(go.open(QIODevice::WriteOnly) && go.write("package a\n") == 10);
        go.close();
        QVERIFY(::mkfifo(QFile::encodeName(dir + u"/fifo"_s).constData(), 0644) == 0);
        const Expected<QString> h = Hash1::hashDir(dir, u"example.com/m@v1.0.0"_s);
        QVERIFY(!h.ok());
        QVERIFY2(h.error().message == u"not a regular file"_s, qPrintable(h.error().message));
        QVERIFY2(h.error().subject.endsWith(u"/fifo"_s), qPrintable(h.error().subject));
    }

private:
    static std::string largeName(int i)
    {
        char buf[64];
        std::snprintf(buf, sizeof buf, "entry-%05d-with-a-name-long-enough-to-fill-buffers", i);
        return buf;
    }
};

QTEST_GUILESS_MAIN(TestDirReader)
#include "tst_dirreader.moc"
