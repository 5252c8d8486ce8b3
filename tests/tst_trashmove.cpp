// SPDX-License-Identifier: GPL-3.0-or-later
// TrashMove, the one rename into the trash (and back) that purge, restore, repair and download
// share: go's read-only trees move whole, symlinks and files are refused, a tree never moves
// back over one that is there, and errors name the path. Temp dirs only.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include "ScratchDir.h"
#include "common/UniqueFd.h"
#include "purge/TrashMove.h"

using namespace Qt::StringLiterals;
using namespace mk;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode & 07777 : mode_t(-1);
}

// A cache with a trash and one read-only tree, as go leaves it.
struct Cache
{
    test::ScratchDir dir{u"tst_trashmove"_s};
    UniqueFd root;
    UniqueFd trash;

    Cache()
    {
        dir.mkpath(u".modkeeper-trash"_s);
        const QString tree = dir.mkpath(u"example.com/a@v1.0.0"_s);
        QFile f(tree + u"/go.mod"_s);
        if (f.open(QIODevice::WriteOnly))
            f.write("module example.com/a\n");
        f.close();
        ::chmod(QFile::encodeName(tree).constData(), 0555);
        root = UniqueFd(
            ::open(QFile::encodeName(dir.path()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        trash = UniqueFd(::open(QFile::encodeName(dir.filePath(u".modkeeper-trash"_s)).constData(),
                                O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    }
    [[nodiscard]] TrashMove move() const { return TrashMove(root.get(), trash.get(), dir.path()); }
};

} // namespace

class TestTrashMove final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMoveAReadOnlyTreeWholeIntoTheTrash()
    {
        Cache c;
        QVERIFY(c.root.isValid() && c.trash.isValid());
        const Status st = c.move().moveIn("example.com/a@v1.0.0", "t1", u"cannot move it"_s);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString()));
        QVERIFY(!QFileInfo::exists(c.dir.filePath(u"example.com/a@v1.0.0"_s)));
        QVERIFY(QFileInfo::exists(c.dir.filePath(u".modkeeper-trash/t1/go.mod"_s)));
        QCOMPARE(modeOf(c.dir.filePath(u".modkeeper-trash/t1"_s)) & 0700,
                 mode_t(0700)); // made writable
    }

    void shouldMoveATreeBackWithItsModeAndParents()
    {
        Cache c;
        QVERIFY(c.move().moveIn("example.com/a@v1.0.0", "t1", u"x"_s).ok());
        QVERIFY(QDir(c.dir.filePath(u"example.com"_s)).removeRecursively());
        const Status st = c.move().moveBack("t1", "example.com/a@v1.0.0", 040555);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString()));
        QVERIFY(QFileInfo::exists(c.dir.filePath(u"example.com/a@v1.0.0/go.mod"_s)));
        QCOMPARE(modeOf(c.dir.filePath(u"example.com/a@v1.0.0"_s)), mode_t(0555));
        QVERIFY(!QFileInfo::exists(c.dir.filePath(u".modkeeper-trash/t1"_s)));
    }

    void shouldNeverMoveBackOverATreeThatIsThere()
    {
        Cache c;
        QVERIFY(c.move().moveIn("example.com/a@v1.0.0", "t1", u"x"_s).ok());
        c.dir.mkpath(u"example.com/a@v1.0.0"_s); // go extracted it again meanwhile (empty even)
        const Status st = c.move().moveBack("t1", "example.com/a@v1.0.0", 0);
        QVERIFY(!st.ok());
        QVERIFY2(st.error().toString().contains(c.dir.filePath(u"example.com/a@v1.0.0"_s)),
                 qPrintable(st.error().toString()));
        QVERIFY(QFileInfo::exists(c.dir.filePath(u".modkeeper-trash/t1/go.mod"_s)));
        QVERIFY(!QFileInfo::exists(c.dir.filePath(u"example.com/a@v1.0.0/go.mod"_s)));
    }

    void shouldRefuseSymlinksAndFiles()
    {
        Cache c;
        QVERIFY(QFile::link(c.dir.filePath(u"example.com/a@v1.0.0"_s),
                            c.dir.filePath(u"example.com/l@v1.0.0"_s)));
        QFile file(c.dir.filePath(u"example.com/f@v1.0.0"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        for (const char *rel : {"example.com/l@v1.0.0", "example.com/f@v1.0.0"}) {
            const Status st = c.move().moveIn(rel, "t1", u"cannot move it aside"_s);
            QVERIFY2(!st.ok(), rel);
            QVERIFY2(st.error().toString().contains(u"cannot move it aside"_s),
                     qPrintable(st.error().toString()));
            QVERIFY(QFileInfo(c.dir.filePath(QString::fromLatin1(rel))).isSymLink()
                    || QFileInfo(c.dir.filePath(QString::fromLatin1(rel))).isFile());
        }
        QVERIFY(!QFileInfo::exists(c.dir.filePath(u".modkeeper-trash/t1"_s)));
        QVERIFY(QFileInfo::exists(c.dir.filePath(u"example.com/a@v1.0.0/go.mod"_s)));
    }

    void shouldNameAMissingTree()
    {
        Cache c;
        const Status st = c.move().moveIn("example.com/gone@v1.0.0", "t1", u"cannot move it"_s);
        QVERIFY(!st.ok());
        QVERIFY2(st.error().toString().contains(c.dir.filePath(u"example.com/gone@v1.0.0"_s)),
                 qPrintable(st.error().toString()));
    }

    void shouldGiveEveryCallAnotherName()
    {
        const std::string a = TrashMove::uniqueName("repair");
        const std::string b = TrashMove::uniqueName("repair");
        QVERIFY(a != b);
        QVERIFY(a.starts_with("repair-") && b.starts_with("repair-"));
    }
};

QTEST_GUILESS_MAIN(TestTrashMove)
#include "tst_trashmove.moc"
