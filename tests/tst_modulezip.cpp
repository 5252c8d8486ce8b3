// SPDX-License-Identifier: GPL-3.0-or-later
// mk::ModuleZip must refuse every hostile archive with go's message and leave nothing
// behind, and must extract good ones exactly as the real go does: same tree, same modes,
// same h1, computed while writing.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "GoTool.h"
#include "ScratchDir.h"
#include "archive/GoUnicode.h"
#include "archive/Hash1.h"
#include "archive/ModuleZip.h"
#include "archive/ZipRules.h"
#include "archivetest/HandProxy.h"
#include "archivetest/RawZipWriter.h"
#include "archivetest/TreeSnapshot.h"
#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;
using mk::test::RawZipWriter;
using mk::test::TreeSnapshot;
using Method = RawZipWriter::Method;

namespace {

mode_t currentUmask()
{
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QStringList entriesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System
                               | QDir::NoDotAndDotDot);
}

QString describe(const mk::Error &e)
{
    return e.toString();
}

template<typename T>
QString describe(const mk::Expected<T> &r)
{
    return r ? u"(success)"_s : r.error().toString();
}

// What go does with a zip we refuse.
enum class GoVerdict {
    Skip,     ///< not comparable (lowered limits, arguments go would not accept)
    SameText, ///< go fails and its error contains our "subject: message"
    OwnText,  ///< go fails with goText
    Accepts,  ///< go accepts it: our refusal is a deliberate extra rule
};

struct HostileCase
{
    QByteArray zip;
    QString version = u"v1.0.0"_s;
    mk::ZipLimits limits;
    bool checkPasses = false; ///< metadata is fine; only reading the data reveals the problem
    QString subject;          ///< expected Error::subject ("" = don't care)
    QString message;          ///< expected to be contained in Error::message
    GoVerdict go = GoVerdict::SameText;
    QString goText;
};

// Builds the named hostile case for module path m (so that one proxy can serve them all).
HostileCase hostileCase(const QString &name, const QString &m)
{
    const QByteArray p = (m + u"@v1.0.0/"_s).toUtf8();
    const QString ps = m + u"@v1.0.0/"_s;
    const QByteArray mod = "module " + m.toUtf8() + "\n";
    HostileCase c;
    RawZipWriter w;
    w.file(p + "go.mod", mod);
    if (name == u"outside-prefix") {
        w.file("example.com/other@v1.0.0/x.go", "package x\n");
        c.subject = u"example.com/other@v1.0.0/x.go"_s;
        c.message = u"path does not have prefix \"%1\""_s.arg(ps);
        c.go = GoVerdict::OwnText;
        c.goText = u"zip for %1@v1.0.0 has unexpected file example.com/other@v1.0.0/x.go"_s.arg(m);
    } else if (name == u"dotdot") {
        w.file(p + "../evil.go", "package evil\n");
        c.subject = ps + u"../evil.go"_s;
        c.message = u"malformed file path \"../evil.go\": invalid path element \"..\""_s;
    } else if (name == u"dotdot-unclean") {
        w.file(p + "a/../../evil.go", "package evil\n");
        c.subject = ps + u"a/../../evil.go"_s;
        c.message = u"file path is not clean"_s;
    } else if (name == u"absolute") {
        w.file(p + "/etc/passwd", "root:x:0:0\n");
        c.subject = ps + u"/etc/passwd"_s;
        c.message = u"malformed file path \"/etc/passwd\": empty path element"_s;
    } else if (name == u"absolute-no-prefix") {
        w.file("/etc/passwd", "root:x:0:0\n");
        c.subject = u"/etc/passwd"_s;
        c.message = u"path does not have prefix"_s;
        c.go = GoVerdict::OwnText;
        c.goText = u"has unexpected file /etc/passwd"_s;
    } else if (name == u"backslash") {
        w.file(p + "a\\b.go", "package a\n");
        c.subject = ps + u"a\\b.go"_s;
        c.message = u"malformed file path \"a\\\\b.go\": invalid char '\\\\'"_s;
    } else if (name == u"drive-letter") {
        w.file(p + "C:/x.go", "package x\n");
        c.subject = ps + u"C:/x.go"_s;
        c.message = u"malformed file path \"C:/x.go\": invalid char ':'"_s;
    } else if (name == u"windows-reserved") {
        w.file(p + "CON.go", "package con\n");
        c.subject = ps + u"CON.go"_s;
        c.message
            = u"malformed file path \"CON.go\": \"CON\" disallowed as path element component on Windows"_s;
    } else if (name == u"case-fold") {
        w.file(p + "a.go", "package a\n").file(p + "A.go", "package a\n");
        c.subject = ps + u"A.go"_s;
        c.message = u"case-insensitive file name collision: \"a.go\" and \"A.go\""_s;
    } else if (name == u"case-fold-kelvin") {
        // U+212A KELVIN SIGN folds with k and K (unicode.SimpleFold orbit).
        w.file(p + "k.go", "package k\n").file(p + "\xe2\x84\xaa.go", "package k\n");
        c.subject = ps + u"\u212a.go"_s;
        c.message = u"case-insensitive file name collision: \"k.go\" and \"\u212a.go\""_s;
    } else if (name == u"case-fold-dirs") {
        w.file(p + "dir/a.go", "package a\n").file(p + "DIR/b.go", "package a\n");
        c.subject = ps + u"DIR/b.go"_s;
        c.message = u"case-insensitive file name collision: \"dir\" and \"DIR\""_s;
    } else if (name == u"duplicate") {
        w.file(p + "a.go", "package a\n").file(p + "a.go", "package a // again\n");
        c.subject = ps + u"a.go"_s;
        c.message = u"multiple entries for file \"a.go\""_s;
    } else if (name == u"file-and-dir") {
        w.file(p + "a", "plain file\n").file(p + "a/b.go", "package a\n");
        c.subject = ps + u"a/b.go"_s;
        c.message = u"entry \"a\" is both a file and a directory"_s;
    } else if (name == u"gomod-in-subdir") {
        w.file(p + "sub/go.mod", "module example.com/sub\n");
        c.subject = ps + u"sub/go.mod"_s;
        c.message = u"go.mod file not in module root directory"_s;
    } else if (name == u"gomod-uppercase") {
        RawZipWriter u;
        u.file(p + "GO.MOD", mod);
        w = u;
        c.subject = ps + u"GO.MOD"_s;
        c.message = u"go.mod files must have lowercase names"_s;
    } else if (name == u"symlink-mode") {
        w.add({p + "link.go", "/etc/passwd", Method::Store, std::nullopt, 3, 0120777});
        c.subject = ps + u"link.go"_s;
        c.message = u"file is a symbolic link"_s;
        c.go = GoVerdict::Accepts;
    } else if (name == u"fifo-mode") {
        w.add({p + "fifo", "", Method::Store, std::nullopt, 3, 010644});
        c.subject = ps + u"fifo"_s;
        c.message = u"not a regular file"_s;
        c.go = GoVerdict::Accepts;
    } else if (name == u"size-lies-small") {
        w.add({p + "a.go", "package a\n", Method::Store, 3, 3, 0100644});
        c.checkPasses = true;
        c.subject = ps + u"a.go"_s;
        c.message
            = u"uncompressed size of file %1a.go is larger than declared size (3 bytes)"_s.arg(ps);
        c.go = GoVerdict::OwnText;
        c.goText = u"zip: not a valid zip file"_s;
    } else if (name == u"size-lies-large") {
        w.add({p + "a.go", "package a\n", Method::Deflate, 100, 3, 0100644});
        c.checkPasses = true;
        c.subject = ps + u"a.go"_s;
        c.message = u"smaller than declared size (100 bytes): unexpected EOF"_s;
        c.go = GoVerdict::OwnText;
        c.goText = u"unexpected EOF"_s;
    } else if (name == u"bomb-lying-header") {
        // 64 MiB of zeros deflate to ~64 KiB; the header claims 10 bytes.
        w.add({p + "bomb.go", QByteArray(64 << 20, '\0'), Method::Deflate, 10, 3, 0100644});
        c.checkPasses = true;
        c.subject = ps + u"bomb.go"_s;
        c.message = u"is larger than declared size (10 bytes)"_s;
        c.go = GoVerdict::OwnText;
        c.goText = u"zip: not a valid zip file"_s;
    } else if (name == u"bomb-honest-header") {
        w.file(p + "bomb.go", QByteArray(64 << 20, '\0'));
        c.limits.maxUncompressed = 16 << 20;
        c.message
            = u"total uncompressed size of module contents too large (max size is 16777216 bytes)"_s;
        c.go = GoVerdict::Skip;
    } else if (name == u"zip-too-large") {
        w.file(p + "a.go", QByteArray(4096, 'a'), Method::Store);
        c.limits.maxZipFile = 1000;
        c.message = u"module zip file is too large ("_s; // "(<n> bytes; limit is 1000 bytes)"
        c.go = GoVerdict::Skip;
    } else if (name == u"uncompressed-too-large") {
        w.file(p + "a.go", QByteArray(1500, 'a')).file(p + "b.go", QByteArray(1500, 'b'));
        c.limits.maxUncompressed = 2000;
        c.message
            = u"total uncompressed size of module contents too large (max size is 2000 bytes)"_s;
        c.go = GoVerdict::Skip;
    } else if (name == u"gomod-too-large") {
        RawZipWriter u;
        u.file(p + "go.mod", mod + QByteArray(100, '\n'));
        w = u;
        c.limits.maxGoMod = 64;
        c.subject = ps + u"go.mod"_s;
        c.message = u"go.mod file too large (max size is 64 bytes)"_s;
        c.go = GoVerdict::Skip;
    } else if (name == u"license-too-large") {
        w.file(p + "LICENSE", QByteArray(200, 'L'));
        c.limits.maxLicense = 100;
        c.subject = ps + u"LICENSE"_s;
        c.message = u"LICENSE file too large (max size is 100 bytes)"_s;
        c.go = GoVerdict::Skip;
    } else if (name == u"non-utf8") {
        w.file(p + "\xff\xfe.go", "package x\n");
        c.subject = u"\"%1\\xff\\xfe.go\""_s.arg(ps);
        c.message = u"malformed file path \"\\xff\\xfe.go\": invalid UTF-8"_s;
        // go prints the raw bytes of the entry name; we quote them (\xff) in the subject.
        c.go = GoVerdict::OwnText;
        c.goText = c.message;
    } else if (name == u"nul-in-name") {
        w.file(p + QByteArray("a\0.go", 5), "package a\n");
        c.subject = ps + u"a\u0000.go"_s;
        c.message = u"malformed file path \"a\\x00.go\": invalid char '\\x00'"_s;
    } else if (name == u"double-slash") {
        w.file(p + "a//b.go", "package a\n");
        c.subject = ps + u"a//b.go"_s;
        c.message = u"file path is not clean"_s;
    } else if (name == u"not-a-zip") {
        c.zip = QByteArray(4096, 'x');
        c.message = u"zip: not a valid zip file"_s;
        c.go = GoVerdict::OwnText;
        c.goText = u"zip: not a valid zip file"_s;
        return c;
    } else if (name == u"version-not-canonical") {
        c.version = u"v1.0"_s;
        c.message = u"version \"v1.0\" is not canonical (should be \"v1.0.0\")"_s;
        c.go = GoVerdict::Skip;
    } else if (name == u"major-mismatch") {
        c.version = u"v2.0.0"_s;
        c.message = u"invalid version: should be v0 or v1, not v2"_s;
        c.subject = m + u"@v2.0.0"_s;
        c.go = GoVerdict::Skip;
    }
    c.zip = w.bytes();
    return c;
}

const QStringList &hostileNames()
{
    static const QStringList names{
        u"outside-prefix"_s,
        u"dotdot"_s,
        u"dotdot-unclean"_s,
        u"absolute"_s,
        u"absolute-no-prefix"_s,
        u"backslash"_s,
        u"drive-letter"_s,
        u"windows-reserved"_s,
        u"case-fold"_s,
        u"case-fold-kelvin"_s,
        u"case-fold-dirs"_s,
        u"duplicate"_s,
        u"file-and-dir"_s,
        u"gomod-in-subdir"_s,
        u"gomod-uppercase"_s,
        u"symlink-mode"_s,
        u"fifo-mode"_s,
        u"size-lies-small"_s,
        u"size-lies-large"_s,
        u"bomb-lying-header"_s,
        u"bomb-honest-header"_s,
        u"zip-too-large"_s,
        u"uncompressed-too-large"_s,
        u"gomod-too-large"_s,
        u"license-too-large"_s,
        u"non-utf8"_s,
        u"nul-in-name"_s,
        u"double-slash"_s,
        u"not-a-zip"_s,
        u"version-not-canonical"_s,
        u"major-mismatch"_s,
    };
    return names;
}

// A module with some depth, odd-but-legal names, empty and big files.
QList<std::pair<QByteArray, QByteArray>> goodFiles(const QString &m)
{
    QList<std::pair<QByteArray, QByteArray>> files{
        {"go.mod", "module " + m.toUtf8() + "\n\ngo 1.19\n"},
        {"LICENSE", "Permission is granted.\n"},
        {"main.go", "package good\n"},
        {"empty.txt", ""},
        {"with space & (parens).txt", "legal characters\n"},
        {"caf\xc3\xa9/\xc3\xa9t\xc3\xa9.go", "package cafe\n"},
        {"internal/deep/er/still/x.go", "package still\n"},
        {"internal/deep/y.go", "package deep\n"},
        {"vendor/modules.txt", "# vendor\n"},
    };
    QRandomGenerator rng(7);
    QByteArray blob(2 * 1024 * 1024 + 3, Qt::Uninitialized);
    for (char &c : blob)
        c = char(rng.bounded(256));
    files.append({"testdata/blob.bin", blob});
    return files;
}

QByteArray goodZip(const QString &m, const QString &v, bool dirEntries = false)
{
    const QByteArray p = (m + u'@' + v + u'/').toUtf8();
    RawZipWriter w;
    if (dirEntries)
        w.dir(p).dir(p + "internal/").dir(p + "emptydir/");
    int i = 0;
    for (const auto &[name, content] : goodFiles(m))
        w.file(p + name, content, (i++ % 2) ? Method::Store : Method::Deflate);
    return w.bytes();
}

} // namespace

class ModuleZipTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRejectHostileZipsLeavingNothing_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &n : hostileNames())
            QTest::newRow(qPrintable(n)) << n;
    }

    void shouldRejectHostileZipsLeavingNothing()
    {
        QFETCH(QString, name);
        const QString m = u"example.com/m"_s;
        const HostileCase c = hostileCase(name, m);
        mk::test::ScratchDir scratch(u"tst_modulezip"_s);
        QVERIFY(scratch.isValid());
        const QString zipDir = scratch.mkpath(u"zips"_s);
        const QString zip = zipDir + u"/case.zip"_s;
        QVERIFY(writeFile(zip, c.zip));

        const auto checked = mk::ModuleZip::check(zip, m, c.version, c.limits);
        const auto verified = mk::ModuleZip::verify(zip, m, c.version, c.limits);
        QVERIFY(!verified.ok());
        if (c.checkPasses)
            QVERIFY2(checked.ok(), qPrintable(describe(checked)));
        else
            QVERIFY2(!checked.ok(), "check() accepted a hostile zip");
        const mk::Error &err = verified.error();
        QVERIFY2(err.message.contains(c.message), qPrintable(describe(err)));
        if (!c.subject.isEmpty())
            QCOMPARE(err.subject, c.subject);
        if (!checked.ok())
            QCOMPARE(describe(checked.error()), describe(err));

        // Extraction into an absent target: fails the same way, and the parent stays empty.
        const QString parent = scratch.mkpath(u"out"_s);
        const auto extracted = mk::ModuleZip::extract(zip, parent + u"/example.com/m@v1.0.0"_s, m,
                                                      c.version, {c.limits, {}, false, nullptr});
        QVERIFY(!extracted.ok());
        QVERIFY2(extracted.error().message.contains(c.message), qPrintable(describe(extracted)));
        QCOMPARE(entriesIn(parent + u"/example.com"_s), QStringList());
        // Into an existing empty target, by fd: it stays, empty.
        const QString existing = scratch.mkpath(u"existing/m@v1.0.0"_s);
        mk::UniqueFd parentFd(::open(QFile::encodeName(scratch.filePath(u"existing"_s)).constData(),
                                     O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(parentFd.isValid());
        const auto extracted2 = mk::ModuleZip::extractAt(zip, parentFd.get(), "m@v1.0.0", m,
                                                         c.version, {c.limits, {}, false, nullptr});
        QVERIFY(!extracted2.ok());
        QVERIFY2(extracted2.error().message.contains(c.message), qPrintable(describe(extracted2)));
        QCOMPARE(entriesIn(existing), QStringList());
        QCOMPARE(entriesIn(scratch.filePath(u"existing"_s)), QStringList{u"m@v1.0.0"_s});
        // No temporary files next to the zip either.
        QCOMPARE(entriesIn(zipDir), QStringList{u"case.zip"_s});
    }

    void shouldRejectLikeGo_data()
    {
        QTest::addColumn<QString>("go");
        QTest::newRow("go1.19") << mk::test::GoTool::go119();
        QTest::newRow("go1.23") << mk::test::GoTool::go123();
    }

    void shouldRejectLikeGo()
    {
        QFETCH(QString, go);
        mk::test::ScratchDir scratch(u"tst_modulezip-go"_s);
        QVERIFY(scratch.isValid());
        mk::test::HandProxy proxy(scratch.mkpath(u"proxy"_s));
        QStringList args;
        QHash<QString, HostileCase> cases;
        QHash<QString, QString> ours;
        int i = 0;
        for (const QString &name : hostileNames()) {
            const QString m = u"example.com/case%1"_s.arg(i++);
            HostileCase c = hostileCase(name, m);
            if (c.go == GoVerdict::Skip)
                continue;
            const QString zip = proxy.publish(m, c.version, "module " + m.toUtf8() + "\n", c.zip);
            QVERIFY(!zip.isEmpty());
            const auto r = mk::ModuleZip::verify(zip, m, c.version, c.limits);
            QVERIFY2(!r.ok(), qPrintable(name));
            ours.insert(m, describe(r.error()));
            cases.insert(m, c);
            args << m + u'@' + c.version;
        }
        const QString home = scratch.mkpath(u"home"_s);
        const QString modcache = scratch.filePath(u"home/gopath/pkg/mod"_s);
        const auto env = mk::test::GoTool::isolatedEnvironment(go, home, modcache, proxy.url());
        const mk::test::GoDownloadResult r = mk::test::GoTool::downloadModules(go, env, args);
        QCOMPARE(r.modules.size(), args.size());
        for (const mk::test::GoModuleInfo &g : r.modules) {
            QVERIFY2(cases.contains(g.path), qPrintable(g.path));
            const HostileCase &c = cases[g.path];
            const QString what
                = g.path + u": go said: "_s + g.error + u"\nwe said: "_s + ours[g.path];
            switch (c.go) {
            case GoVerdict::SameText:
                QVERIFY2(g.error.contains(ours[g.path]), qPrintable(what));
                break;
            case GoVerdict::OwnText:
                QVERIFY2(g.error.contains(c.goText), qPrintable(what));
                break;
            case GoVerdict::Accepts: {
                QVERIFY2(g.error.isEmpty(), qPrintable(what));
                // go writes such an entry as a plain 0444 file; so do we when told to be lenient.
                const QString ourDir = scratch.filePath(u"ours/"_s + g.path + u"@v1.0.0"_s);
                mk::ZipLimits lenient;
                lenient.allowIrregularModes = true;
                const auto x = mk::ModuleZip::extract(g.zip, ourDir, g.path, g.version,
                                                      {lenient, g.sum, false, nullptr});
                QVERIFY2(x.ok(), qPrintable(describe(x)));
                const auto goTree = TreeSnapshot::take(g.dir);
                const auto ourTree = TreeSnapshot::take(ourDir);
                QVERIFY2(goTree == ourTree, qPrintable(TreeSnapshot::describe(goTree) + u"\n--\n"_s
                                                       + TreeSnapshot::describe(ourTree)));
                for (const auto &n : goTree)
                    QVERIFY(n.type != 'l');
                break;
            }
            case GoVerdict::Skip:
                break;
            }
            // Whatever go refused, it left no module directory behind either.
            if (c.go != GoVerdict::Accepts)
                QVERIFY(g.dir.isEmpty());
        }
    }

    void shouldExtractLikeGo_data()
    {
        QTest::addColumn<QString>("go");
        QTest::addColumn<bool>("cacheRw");
        QTest::addColumn<bool>("dirEntries");
        QTest::newRow("go1.19") << mk::test::GoTool::go119() << false << false;
        QTest::newRow("go1.23") << mk::test::GoTool::go123() << false << false;
        QTest::newRow("go1.19 -modcacherw") << mk::test::GoTool::go119() << true << false;
        QTest::newRow("go1.23 -modcacherw") << mk::test::GoTool::go123() << true << false;
        QTest::newRow("go1.23 directory entries") << mk::test::GoTool::go123() << false << true;
    }

    void shouldExtractLikeGo()
    {
        QFETCH(QString, go);
        QFETCH(bool, cacheRw);
        QFETCH(bool, dirEntries);
        mk::test::ScratchDir scratch(u"tst_modulezip-good"_s);
        QVERIFY(scratch.isValid());
        mk::test::HandProxy proxy(scratch.mkpath(u"proxy"_s));
        const QString m = u"example.com/Good/v2"_s; // upper case: escaped on disk, not in the zip
        const QString v = u"v2.1.0-RC1"_s;
        const QString zip = proxy.publish(m, v, "module " + m.toUtf8() + "\n\ngo 1.19\n",
                                          goodZip(m, v, dirEntries));
        QVERIFY(!zip.isEmpty());

        const QString home = scratch.mkpath(u"home"_s);
        const QString modcache = scratch.filePath(u"home/gopath/pkg/mod"_s);
        QProcessEnvironment env
            = mk::test::GoTool::isolatedEnvironment(go, home, modcache, proxy.url());
        if (cacheRw)
            env.insert(u"GOFLAGS"_s, u"-mod=mod -modcacherw"_s);
        const mk::test::GoDownloadResult r
            = mk::test::GoTool::downloadModules(go, env, {m + u'@' + v});
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        const mk::test::GoModuleInfo &g = r.modules.front();
        QCOMPARE(g.dir, modcache + u"/example.com/!good/v2@v2.1.0-!r!c1"_s);

        // Ours, into a cache-like layout below a directory fd.
        const QString ourCache = scratch.mkpath(u"ours"_s);
        mk::UniqueFd cacheFd(
            ::open(QFile::encodeName(ourCache).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(cacheFd.isValid());
        mk::ModuleZip::ExtractOptions options;
        options.cacheRw = cacheRw;
        options.expectedHash = g.sum;
        const auto x = mk::ModuleZip::extractAt(zip, cacheFd.get(),
                                                "example.com/!good/v2@v2.1.0-!r!c1", m, v, options);
        QVERIFY2(x.ok(), qPrintable(describe(x)));
        QCOMPARE(x->zipHash, g.sum);
        const auto goDirHash = mk::Hash1::hashDir(g.dir, m + u'@' + v);
        QVERIFY(goDirHash.ok());
        QCOMPARE(x->dirHash, *goDirHash);
        if (!dirEntries)
            QCOMPARE(x->dirHash, g.sum);
        else
            QVERIFY(x->dirHash != g.sum); // go-cache-internals.md §3.4 D
        QCOMPARE(x->files.size(), goodFiles(m).size());

        // Same tree, file by file and mode by mode.
        const auto goTree = TreeSnapshot::take(g.dir);
        const auto ourTree = TreeSnapshot::take(ourCache + u"/example.com/!good/v2@v2.1.0-!r!c1"_s);
        QVERIFY2(goTree == ourTree, qPrintable(TreeSnapshot::describe(goTree) + u"\n-- ours --\n"_s
                                               + TreeSnapshot::describe(ourTree)));
        QVERIFY(!goTree.contains(u"emptydir"_s)); // directory entries are not extracted

        // And the modes go documents (stat, since root ignores permission bits).
        const mode_t mask = currentUmask();
        for (auto it = ourTree.cbegin(); it != ourTree.cend(); ++it) {
            const unsigned want
                = it->type == 'd' ? (cacheRw ? 0777u & ~mask : 0555u & ~mask) : 0444u & ~mask;
            QVERIFY2(it->type == 'd' || it->type == 'f', qPrintable(it.key()));
            QVERIFY2(it->mode == want, qPrintable(u"%1: %2"_s.arg(it.key()).arg(it->mode, 0, 8)));
        }
        struct stat st;
        QCOMPARE(
            ::stat(
                QFile::encodeName(ourCache + u"/example.com/!good/v2@v2.1.0-!r!c1"_s).constData(),
                &st),
            0);
        QCOMPARE(unsigned(st.st_mode & 07777), cacheRw ? 0777u & ~mask : 0555u & ~mask);
        // Parents created on the way stay writable, as go's MkdirAll leaves them.
        QCOMPARE(::stat(QFile::encodeName(ourCache + u"/example.com/!good"_s).constData(), &st), 0);
        QCOMPARE(unsigned(st.st_mode & 07777), 0777u & ~mask);
    }

    void shouldCleanPathsLikeGo_data()
    {
        // cleantests of go's src/path/path_test.go.
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        const QList<std::pair<const char *, const char *>> cases{
            {"", "."},
            {"abc", "abc"},
            {"abc/def", "abc/def"},
            {"a/b/c", "a/b/c"},
            {".", "."},
            {"..", ".."},
            {"../..", "../.."},
            {"../../abc", "../../abc"},
            {"/abc", "/abc"},
            {"/", "/"},
            {"abc/", "abc"},
            {"abc/def/", "abc/def"},
            {"a/b/c/", "a/b/c"},
            {"./", "."},
            {"../", ".."},
            {"../../", "../.."},
            {"/abc/", "/abc"},
            {"abc//def//ghi", "abc/def/ghi"},
            {"//abc", "/abc"},
            {"///abc", "/abc"},
            {"//abc//", "/abc"},
            {"abc//", "abc"},
            {"abc/./def", "abc/def"},
            {"/./abc/def", "/abc/def"},
            {"abc/.", "abc"},
            {"abc/def/ghi/../jkl", "abc/def/jkl"},
            {"abc/def/../ghi/../jkl", "abc/jkl"},
            {"abc/def/..", "abc"},
            {"abc/def/../..", "."},
            {"/abc/def/../..", "/"},
            {"abc/def/../../..", ".."},
            {"/abc/def/../../..", "/"},
            {"abc/def/../../../ghi/jkl/../../../mno", "../../mno"},
            {"abc/./../def", "def"},
            {"abc//./../def", "def"},
            {"abc/../../././../def", "../../def"},
        };
        for (const auto &[in, out] : cases)
            QTest::addRow("\"%s\"", in) << QByteArray(in) << QByteArray(out);
    }

    void shouldCleanPathsLikeGo()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QCOMPARE(mk::ZipRules::cleanPath(in), out);
    }

    void shouldFoldCaseLikeGo()
    {
        // Every rune whose strToFold differs from itself, as go 1.23 computes it, against ours:
        // this is what decides "case-insensitive file name collision".
        mk::test::ScratchDir scratch(u"tst_modulezip-fold"_s);
        QVERIFY(scratch.isValid());
        const QString work = scratch.mkpath(u"work"_s);
        QVERIFY(writeFile(work + u"/main.go"_s, R"(package main

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

func strToFold(s string) string {
	var out []rune
	for _, r := range s {
		for {
			r0 := r
			r = unicode.SimpleFold(r0)
			if r <= r0 {
				break
			}
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		out = append(out, r)
	}
	return string(out)
}

// Output through the println builtin (stderr): importing fmt and os would make the cold
// build of this program several times slower.
func main() {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(r)
		if f := strToFold(s); f != s {
			fr, _ := utf8.DecodeRuneInString(f)
			println(strconv.FormatInt(int64(r), 16), strconv.FormatInt(int64(fr), 16))
		}
	}
}
)"));
        const QString go = mk::test::GoTool::go123();
        const QString home = scratch.mkpath(u"home"_s);
        const auto env = mk::test::GoTool::isolatedEnvironment(
            go, home, home + u"/gopath/pkg/mod"_s, u"off"_s);
        const mk::test::ProcessResult r
            = mk::test::GoTool::run(go, {u"run"_s, u"main.go"_s}, env, work);
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        qInfo("go run (with a cold GOCACHE): %lld ms", r.elapsedMs);
        QMap<uint, uint> goFolds;
        for (const QByteArray &line : r.stdErr.split('\n')) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() == 2)
                goFolds.insert(f[0].toUInt(nullptr, 16), f[1].toUInt(nullptr, 16));
        }
        QVERIFY(goFolds.size() > 1000);
        QMap<uint, uint> ours;
        for (char32_t c = 0; c <= 0x10FFFF; ++c) {
            if (c >= 0xD800 && c <= 0xDFFF)
                continue;
            const QByteArray s = QString::fromUcs4(&c, 1).toUtf8();
            const QByteArray f = mk::GoUnicode::strToFold(s);
            if (f != s)
                ours.insert(uint(c), QString::fromUtf8(f).toUcs4().value(0));
        }
        QStringList diffs;
        for (auto it = goFolds.cbegin(); it != goFolds.cend(); ++it)
            if (ours.value(it.key(), ~0u) != it.value())
                diffs << u"U+%1: go U+%2 ours U+%3"_s.arg(it.key(), 4, 16)
                             .arg(it.value(), 4, 16)
                             .arg(ours.value(it.key()), 4, 16);
        for (auto it = ours.cbegin(); it != ours.cend(); ++it)
            if (!goFolds.contains(it.key()))
                diffs << u"U+%1: go unchanged, ours U+%2"_s.arg(it.key(), 4, 16)
                             .arg(it.value(), 4, 16);
        QVERIFY2(diffs.isEmpty(), qPrintable(u"%1 differences:\n"_s.arg(diffs.size())
                                             + diffs.mid(0, 40).join(u'\n')));
    }

    void shouldRefuseANonEmptyTarget()
    {
        mk::test::ScratchDir scratch(u"tst_modulezip"_s);
        QVERIFY(scratch.isValid());
        const QString m = u"example.com/m"_s;
        const QString zip = scratch.filePath(u"m.zip"_s);
        QVERIFY(writeFile(zip, goodZip(m, u"v1.0.0"_s)));
        const QString target = scratch.mkpath(u"t/m@v1.0.0"_s);
        QVERIFY(writeFile(target + u"/keep.txt"_s, "mine"));
        const auto x = mk::ModuleZip::extract(zip, target, m, u"v1.0.0"_s);
        QVERIFY(!x.ok());
        QCOMPARE(x.error().code, mk::Error::Code::Refused);
        QCOMPARE(x.error().message, u"target directory %1 exists and is not empty"_s.arg(target));
        QCOMPARE(entriesIn(target), QStringList{u"keep.txt"_s});

        // A symlink where the target should be is not followed.
        const QString elsewhere = scratch.mkpath(u"elsewhere"_s);
        QVERIFY(QFile::link(elsewhere, scratch.filePath(u"t/link@v1.0.0"_s)));
        const auto y
            = mk::ModuleZip::extract(zip, scratch.filePath(u"t/link@v1.0.0"_s), m, u"v1.0.0"_s);
        QVERIFY(!y.ok());
        QCOMPARE(entriesIn(elsewhere), QStringList());
    }

    void shouldNotFollowSymlinksInTheTargetPath()
    {
        mk::test::ScratchDir scratch(u"tst_modulezip"_s);
        QVERIFY(scratch.isValid());
        const QString m = u"example.com/m"_s;
        const QString zip = scratch.filePath(u"m.zip"_s);
        QVERIFY(writeFile(zip, goodZip(m, u"v1.0.0"_s)));
        const QString cache = scratch.mkpath(u"cache"_s);
        const QString outside = scratch.mkpath(u"outside"_s);
        QVERIFY(QFile::link(outside, cache + u"/example.com"_s));
        mk::UniqueFd fd(
            ::open(QFile::encodeName(cache).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(fd.isValid());
        const auto x
            = mk::ModuleZip::extractAt(zip, fd.get(), "example.com/m@v1.0.0", m, u"v1.0.0"_s);
        QVERIFY(!x.ok());
        QCOMPARE(entriesIn(outside), QStringList());
    }

    void shouldLeaveNothingOnHashMismatchOrCancel()
    {
        mk::test::ScratchDir scratch(u"tst_modulezip"_s);
        QVERIFY(scratch.isValid());
        const QString m = u"example.com/m"_s;
        const QString zip = scratch.filePath(u"m.zip"_s);
        QVERIFY(writeFile(zip, goodZip(m, u"v1.0.0"_s)));
        const auto zipHash = mk::Hash1::hashZip(zip);
        QVERIFY(zipHash.ok());

        const QString parent = scratch.mkpath(u"out"_s);
        mk::ModuleZip::ExtractOptions wrong;
        wrong.expectedHash = u"h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="_s;
        const auto x = mk::ModuleZip::extract(zip, parent + u"/m@v1.0.0"_s, m, u"v1.0.0"_s, wrong);
        QVERIFY(!x.ok());
        QCOMPARE(x.error().code, mk::Error::Code::Security);
        QCOMPARE(x.error().subject, u"example.com/m@v1.0.0"_s);
        QVERIFY2(x.error().message.startsWith(
                     u"verifying module: checksum mismatch\n\tdownloaded: "_s + *zipHash),
                 qPrintable(x.error().message));
        QCOMPARE(entriesIn(parent), QStringList());

        std::atomic_bool cancel{true};
        mk::ModuleZip::ExtractOptions cancelled;
        cancelled.cancel = &cancel;
        const auto c
            = mk::ModuleZip::extract(zip, parent + u"/m@v1.0.0"_s, m, u"v1.0.0"_s, cancelled);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, mk::Error::Code::Cancelled);
        QCOMPARE(entriesIn(parent), QStringList());

        mk::ModuleZip::ExtractOptions right;
        right.expectedHash = *zipHash;
        const auto ok = mk::ModuleZip::extract(zip, parent + u"/m@v1.0.0"_s, m, u"v1.0.0"_s, right);
        QVERIFY2(ok.ok(), qPrintable(describe(ok)));
        QCOMPARE(ok->zipHash, *zipHash);
    }

    void shouldHandleTenThousandTinyFiles()
    {
        mk::test::ScratchDir scratch(u"tst_modulezip-many"_s);
        QVERIFY(scratch.isValid());
        const QString m = u"example.com/many"_s;
        const QByteArray p = "example.com/many@v1.0.0/";
        RawZipWriter w;
        w.file(p + "go.mod", "module example.com/many\n");
        for (int i = 0; i < 10000; ++i)
            w.file(p + "d" + QByteArray::number(i % 50) + "/f" + QByteArray::number(i) + ".go",
                   "package d\n// " + QByteArray::number(i) + '\n', Method::Store);
        const QString zip = scratch.filePath(u"many.zip"_s);
        QVERIFY(w.write(zip));

        QElapsedTimer timer;
        timer.start();
        const auto checked = mk::ModuleZip::check(zip, m, u"v1.0.0"_s);
        QVERIFY2(checked.ok(), qPrintable(describe(checked)));
        QCOMPARE(checked->files.size(), 10001);
        const auto x
            = mk::ModuleZip::extract(zip, scratch.filePath(u"out/many@v1.0.0"_s), m, u"v1.0.0"_s);
        QVERIFY2(x.ok(), qPrintable(describe(x)));
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms < 60000, qPrintable(u"%1 ms"_s.arg(ms)));
        const auto h = mk::Hash1::hashZip(zip);
        QVERIFY(h.ok());
        QCOMPARE(x->zipHash, *h);
        QCOMPARE(x->dirHash, *h);
        QCOMPARE(TreeSnapshot::take(scratch.filePath(u"out/many@v1.0.0"_s)).size(), 10001 + 50);
        struct rusage ru;
        QCOMPARE(::getrusage(RUSAGE_SELF, &ru), 0);
        QVERIFY2(ru.ru_maxrss < 512 * 1024, qPrintable(u"peak RSS %1 KiB"_s.arg(ru.ru_maxrss)));
        qInfo("10^4 files: check+extract %lld ms, peak RSS %ld KiB", ms, ru.ru_maxrss);
    }
};

QTEST_GUILESS_MAIN(ModuleZipTest)
#include "tst_modulezip.moc"
