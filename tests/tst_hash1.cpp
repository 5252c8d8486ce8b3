// SPDX-License-Identifier: GPL-3.0-or-later
// mk::Hash1 must be go's dirhash.Hash1 byte for byte: the worked examples of
// go-cache-internals.md §3.4, and the Sum / GoModSum / ziphash / extracted tree of the real
// go 1.19 and 1.23 for modules served from a hand-built file:// proxy.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "GoTool.h"
#include "ScratchDir.h"
#include "archive/Hash1.h"
#include "archive/Sha256.h"
#include "archive/ZipArchive.h"
#include "archivetest/HandProxy.h"
#include "archivetest/RawZipWriter.h"

using namespace Qt::StringLiterals;
using mk::test::RawZipWriter;

namespace {

using Files = QList<std::pair<QByteArray, QByteArray>>; // name below the module root -> content

// §3.4 fixtures.
const QByteArray helloMod = "module example.com/hello\n\ngo 1.19\n";
const QByteArray helloGo = "package hello\n\nfunc Hello() string { return \"hi\" }\n";
const QByteArray upperMod = "module example.com/Upper\n\ngo 1.19\n";
const QByteArray withdirMod = "module example.com/withdir\n";
const QByteArray sortmeMod = "module example.com/sortme\n";

Files helloFiles()
{
    return {{"go.mod", helloMod}, {"hello.go", helloGo}};
}
Files sortmeFiles()
{
    // Deliberately not in hash order: the hash must sort.
    return {{"go.mod", sortmeMod},          {"a0.go", "package sortme\n"},
            {"a/b.go", "package a\n"},      {"a.go", "package sortme\n"},
            {"a-b.go", "package sortme\n"}, {"B.go", "package sortme\n"}};
}
Files upperFiles()
{
    return {{"go.mod", upperMod}, {"u.go", "package upper\n\nconst X = 1\n"}};
}
Files withdirFiles()
{
    return {{"go.mod", withdirMod}, {"a.go", "package withdir\n"}};
}

QByteArray zipOf(const QString &modulePath, const QString &version, const Files &files,
                 bool rootDirEntry = false)
{
    RawZipWriter w;
    const QByteArray prefix = (modulePath + u'@' + version + u'/').toUtf8();
    if (rootDirEntry)
        w.dir(prefix);
    for (const auto &[name, content] : files)
        w.file(prefix + name, content);
    return w.bytes();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    if (!QDir().mkpath(QFileInfo(path).path()))
        return false;
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

bool writeTree(const QString &root, const Files &files)
{
    for (const auto &[name, content] : files)
        if (!writeFile(root + u'/' + QString::fromUtf8(name), content))
            return false;
    return true;
}

QString hashZipBytes(const mk::test::ScratchDir &scratch, const QByteArray &zip)
{
    const QString path
        = scratch.filePath(u"z-%1.zip"_s.arg(QRandomGenerator::global()->generate()));
    if (!writeFile(path, zip))
        return u"cannot write zip"_s;
    const mk::Expected<QString> h = mk::Hash1::hashZip(path);
    return h ? *h : h.error().toString();
}

QString hashDirOf(const QString &dir, const QString &prefix)
{
    const mk::Expected<QString> h = mk::Hash1::hashDir(dir, prefix);
    return h ? *h : h.error().toString();
}

struct GoModule
{
    QString path;
    QString version;
    QByteArray mod;
    QByteArray zip;
    QString expectedZipHash; ///< from §3.4 where the doc has one
    QString expectedDirHash; ///< what HashDir of go's extracted tree must give
};

} // namespace

class Hash1Test final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReproduceExampleA()
    {
        mk::test::ScratchDir scratch(u"tst_hash1"_s);
        QVERIFY(scratch.isValid());
        // The per-file digests of the table.
        QCOMPARE(mk::Sha256::toHex(mk::Sha256::of(helloMod)),
                 QByteArray("5ea82a31ac460eaaf128fb5087199069e3a07e6cf79a0f416cb56bfee80ef6cb"));
        QCOMPARE(mk::Sha256::toHex(mk::Sha256::of(helloGo)),
                 QByteArray("c565e4b43a1a3b5823b2e797c67a15453639be33f9ff8985577d59809cb35895"));
        const QString want = u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s;
        QCOMPARE(hashZipBytes(scratch, zipOf(u"example.com/hello"_s, u"v1.0.0"_s, helloFiles())),
                 want);
        const QString dir = scratch.filePath(u"hello"_s);
        QVERIFY(writeTree(dir, helloFiles()));
        QCOMPARE(hashDirOf(dir, u"example.com/hello@v1.0.0"_s), want);
        QCOMPARE(mk::Hash1::hashGoMod(helloMod),
                 u"h1:RslnPMa/nR3RpskRbvoDBlr6/b2RhFS0EEnq72RQTo0="_s);
    }

    void shouldSortNamesByteWise()
    {
        mk::test::ScratchDir scratch(u"tst_hash1"_s);
        QVERIFY(scratch.isValid());
        const QString want = u"h1:QkOaX+VSrwKS3pXCR33pUAjjdpR/jwmS0vgkBuLmjhc="_s;
        QCOMPARE(hashZipBytes(scratch, zipOf(u"example.com/sortme"_s, u"v0.1.0"_s, sortmeFiles())),
                 want);
        const QString dir = scratch.filePath(u"sortme"_s);
        QVERIFY(writeTree(dir, sortmeFiles()));
        QCOMPARE(hashDirOf(dir, u"example.com/sortme@v0.1.0"_s), want);
        QCOMPARE(mk::Hash1::hashGoMod(sortmeMod),
                 u"h1:hmOIsQAzqO86t2hAYlAEOLvNGAYwHEy+wdbv+lokCgs="_s);

        // The incremental API in any feeding order gives the same hash.
        for (int round = 0; round < 5; ++round) {
            Files files = sortmeFiles();
            std::shuffle(files.begin(), files.end(), *QRandomGenerator::global());
            mk::Hash1 h;
            for (const auto &[name, content] : files)
                QVERIFY(h.addContent("example.com/sortme@v0.1.0/" + name, content).ok());
            QCOMPARE(h.finish(), want);
        }
    }

    void shouldHashUnderTheUnescapedPath()
    {
        mk::test::ScratchDir scratch(u"tst_hash1"_s);
        QVERIFY(scratch.isValid());
        const QString want = u"h1:rhgfDdXav9TVNVH6jfvnXwATluz6Pr8xwyKNBFceiS8="_s;
        QCOMPARE(hashZipBytes(scratch, zipOf(u"example.com/Upper"_s, u"v1.0.0"_s, upperFiles())),
                 want);
        const QString dir = scratch.filePath(u"example.com/!upper@v1.0.0"_s);
        QVERIFY(writeTree(dir, upperFiles()));
        QCOMPARE(hashDirOf(dir, u"example.com/Upper@v1.0.0"_s), want);
        // The on-disk (escaped) name is the wrong prefix.
        QCOMPARE(hashDirOf(dir, u"example.com/!upper@v1.0.0"_s),
                 u"h1:B2HLxwW9R9Wopew3fe/EKY67+SI43U71jO5HLlYHMbg="_s);
        QCOMPARE(mk::Hash1::hashGoMod(upperMod),
                 u"h1:2EKJevWVzD4CK2o4ZnSRQNCKG54jwPiV6ofBZGJgBi0="_s);
    }

    void shouldHashDirectoryEntriesOfZipsButNotOfDirs()
    {
        mk::test::ScratchDir scratch(u"tst_hash1"_s);
        QVERIFY(scratch.isValid());
        QCOMPARE(hashZipBytes(scratch,
                              zipOf(u"example.com/withdir"_s, u"v1.0.0"_s, withdirFiles(), true)),
                 u"h1:K1rkW5gP60ZSUZvwubIjTKCywr6r8hhdQDjdow0UUbk="_s);
        const QString dir = scratch.filePath(u"withdir"_s);
        QVERIFY(writeTree(dir, withdirFiles()));
        QVERIFY(QDir().mkpath(dir + u"/empty/sub"_s)); // empty directories contribute nothing
        QCOMPARE(hashDirOf(dir, u"example.com/withdir@v1.0.0"_s),
                 u"h1:Fj2swK9IFOcIMzd7mDG0gAdOlzEiCtI7uKZt4wnApx8="_s);
    }

    void shouldHashAnEmptyGoMod()
    {
        QCOMPARE(mk::Hash1::hashGoMod({}), u"h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY="_s);
        QCOMPARE(mk::Sha256::toHex(mk::Sha256::empty()),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void shouldRefuseNamesWithNewlines()
    {
        mk::Hash1 h;
        const mk::Status s = h.addContent("example.com/m@v1.0.0/a\nb.go", "x");
        QVERIFY(!s.ok());
        QCOMPARE(s.error().message, u"dirhash: filenames with newlines are not supported"_s);

        mk::test::ScratchDir scratch(u"tst_hash1"_s);
        QVERIFY(scratch.isValid());
        QVERIFY(writeFile(scratch.filePath(u"nl/a\nb.go"_s), "x"));
        const auto r = mk::Hash1::hashDir(scratch.filePath(u"nl"_s), u"example.com/m@v1.0.0"_s);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, u"dirhash: filenames with newlines are not supported"_s);
    }

    void shouldNotFollowSymlinks()
    {
        mk::test::ScratchDir scratch(u"tst_hash1"_s);
        QVERIFY(scratch.isValid());
        const QString dir = scratch.filePath(u"linked"_s);
        QVERIFY(writeTree(dir, helloFiles()));
        QVERIFY(writeFile(scratch.filePath(u"outside/secret.go"_s), "package secret\n"));
        QVERIFY(QFile::link(scratch.filePath(u"outside/secret.go"_s), dir + u"/secret.go"_s));
        const auto r = mk::Hash1::hashDir(dir, u"example.com/hello@v1.0.0"_s);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().subject.endsWith(u"/linked/secret.go"_s),
                 qPrintable(r.error().toString()));

        // A symlinked root is not a directory for go's Walk either.
        const QString linkRoot = scratch.filePath(u"rootlink"_s);
        QVERIFY(QFile::link(scratch.filePath(u"outside"_s), linkRoot));
        const auto r2 = mk::Hash1::hashDir(linkRoot, u"example.com/hello@v1.0.0"_s);
        QVERIFY(!r2.ok());
        QVERIFY2(r2.error().message.contains(u"is not a directory"_s),
                 qPrintable(r2.error().toString()));
    }

    void shouldNotUpdateAccessTimes()
    {
        mk::test::ScratchDir scratch(u"tst_hash1"_s);
        QVERIFY(scratch.isValid());
        const QString dir = scratch.filePath(u"atime"_s);
        QVERIFY(writeTree(dir, helloFiles()));
        // Two days old: relatime would refresh it on a plain read.
        const QByteArray file = QFile::encodeName(dir + u"/hello.go"_s);
        struct timespec times[2];
        times[0].tv_sec = ::time(nullptr) - 2 * 86400;
        times[0].tv_nsec = 0;
        times[1].tv_sec = 0;
        times[1].tv_nsec = UTIME_OMIT;
        QCOMPARE(::utimensat(AT_FDCWD, file.constData(), times, 0), 0);
        QCOMPARE(hashDirOf(dir, u"example.com/hello@v1.0.0"_s),
                 u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s);
        struct stat st;
        QCOMPARE(::stat(file.constData(), &st), 0);
        QCOMPARE(qint64(st.st_atim.tv_sec), qint64(times[0].tv_sec));
    }

    void shouldReadZipsWithGoRules()
    {
        mk::test::ScratchDir scratch(u"tst_hash1"_s);
        QVERIFY(scratch.isValid());
        // A declared size smaller than the data: go's reader fails, and so must we.
        RawZipWriter liar;
        liar.add({"example.com/m@v1.0.0/a.go", "package a\n", RawZipWriter::Method::Deflate, 3, 3,
                  0100644});
        const QString r = hashZipBytes(scratch, liar.bytes());
        QVERIFY2(r.contains(u"larger than declared size (3 bytes)"_s), qPrintable(r));
        // A directory entry that declares content (go 1.23: zip.ErrFormat).
        RawZipWriter dirData;
        dirData.add({"example.com/m@v1.0.0/d/", "", RawZipWriter::Method::Store, 5, 3, 040755});
        const QString r2 = hashZipBytes(scratch, dirData.bytes());
        QVERIFY2(r2.contains(u"zip: not a valid zip file"_s), qPrintable(r2));
        // Not a zip at all.
        const QString r3 = hashZipBytes(scratch, QByteArray(1000, 'x'));
        QVERIFY2(r3.contains(u"zip: not a valid zip file"_s), qPrintable(r3));
    }

    // An in-memory archive reads entries itself (libdeflate); it must deliver the same bytes
    // and the same errors as the libzip path of an archive opened from the file.
    void shouldReadFromMemoryAsFromTheFile()
    {
        mk::test::ScratchDir scratch(u"tst_hash1"_s);
        QVERIFY(scratch.isValid());
        const QByteArray p = "example.com/m@v1.0.0/";
        QByteArray big;
        for (int i = 0; i < 200000; ++i)
            big += QByteArray::number(i * 7919 % 1000) + ' ';
        const QByteArray good
            = RawZipWriter()
                  .file(p + "go.mod", "module example.com/m\n")
                  .file(p + "stored.go", "package m // stored\n", RawZipWriter::Method::Store)
                  .file(p + "big.txt", big)
                  .file(p + "empty.go", "")
                  .dir(p + "d/")
                  .bytes();
        const auto centralOffset = [](const QByteArray &z) {
            const qsizetype eocd = z.lastIndexOf("PK\x05\x06");
            const auto *b = reinterpret_cast<const uchar *>(z.constData()) + eocd + 16;
            return qsizetype(b[0] | b[1] << 8 | b[2] << 16 | quint32(b[3]) << 24);
        };
        // Runs both readers over every entry: "<name>=<sha256 hex>" or "<name>: <error>" lines.
        const auto readAll = [&](const QByteArray &zip, bool inMemory) -> QString {
            const QString path
                = scratch.filePath(u"m-%1.zip"_s.arg(QRandomGenerator::global()->generate()));
            if (!writeFile(path, zip))
                return u"cannot write"_s;
            mk::Expected<mk::ZipArchive> a = inMemory ? mk::ZipArchive::openInMemory(path, 64 << 20)
                                                      : mk::ZipArchive::open(path);
            if (!a)
                return a.error().toString();
            if (a->inMemory() != inMemory)
                return u"wrong kind of archive"_s;
            QStringList out;
            QByteArray buffer;
            for (const mk::ZipEntry &e : a->entries()) {
                mk::Sha256 sha;
                const mk::Status st = a->read(
                    e,
                    [&sha](QByteArrayView chunk) {
                        sha.update(chunk);
                        return mk::Status();
                    },
                    buffer);
                const mk::Sha256::Digest d = sha.finish();
                const QString hex = QString::fromLatin1(
                    QByteArray(reinterpret_cast<const char *>(d.data()), 32).toHex());
                out.append(QString::fromUtf8(e.name)
                           + (st ? QString(u'=' + hex) : QString(u": "_s + st.error().toString())));
            }
            return out.join(u'\n');
        };
        const auto same = [&](const QByteArray &zip, const QString &expect) {
            const QString file = readAll(zip, false);
            const QString memory = readAll(zip, true);
            QCOMPARE(memory, file);
            QVERIFY2(memory.contains(expect), qPrintable(memory));
        };
        same(good, u"big.txt="_s);
        // A wrong CRC in the central directory (go and libzip check the central one).
        QByteArray crc = good;
        crc[centralOffset(crc) + 16] = char(crc.at(centralOffset(crc) + 16) ^ 1);
        same(crc, u"zip: checksum error"_s);
        // Damaged deflate data: the in-memory path leaves the verdict to libzip.
        QByteArray bad = good;
        const auto *lh = reinterpret_cast<const uchar *>(bad.constData());
        const qsizetype body = 30 + (lh[26] | lh[27] << 8) + (lh[28] | lh[29] << 8);
        for (qsizetype i = body; i < body + 4; ++i)
            bad[i] = char(0xff);
        same(bad, u"go.mod: "_s);
        // Sizes that lie either way, stored (the two sizes differ: libzip decides) and deflated.
        same(RawZipWriter()
                 .add({p + "a.go", "package a\n", RawZipWriter::Method::Store, 100, 3, 0100644})
                 .bytes(),
             u"a.go: zip: not a valid zip file"_s);
        same(RawZipWriter()
                 .add({p + "a.go", "package a\n", RawZipWriter::Method::Store, 3, 3, 0100644})
                 .bytes(),
             u"larger than declared size (3 bytes)"_s);
        same(RawZipWriter()
                 .add({p + "b.go", big, RawZipWriter::Method::Deflate, quint64(big.size() + 1), 3,
                       0100644})
                 .bytes(),
             u"smaller than declared size"_s);
        same(RawZipWriter()
                 .add({p + "b.go", big, RawZipWriter::Method::Deflate, quint64(big.size() - 1), 3,
                       0100644})
                 .bytes(),
             u"larger than declared size"_s);
    }

    void shouldAgreeWithRealGo_data()
    {
        QTest::addColumn<QString>("go");
        QTest::newRow("go1.19") << mk::test::GoTool::go119();
        QTest::newRow("go1.23") << mk::test::GoTool::go123();
    }

    void shouldAgreeWithRealGo()
    {
        QFETCH(QString, go);
        mk::test::ScratchDir scratch(u"tst_hash1-go"_s);
        QVERIFY(scratch.isValid());
        const QString proxyRoot = scratch.mkpath(u"proxy"_s);
        mk::test::HandProxy proxy(proxyRoot);

        // A big-ish module: nested directories, a binary file of a few MiB, stored and deflated.
        Files big{{"go.mod", "module example.com/big/v2\n\ngo 1.21\n"}};
        QRandomGenerator rng(42);
        QByteArray blob(3 * 1024 * 1024 + 17, Qt::Uninitialized);
        for (char &c : blob)
            c = char(rng.bounded(256));
        big.append({"testdata/blob.bin", blob});
        for (int i = 0; i < 40; ++i)
            big.append({u"pkg/p%1/sub/f%2.go"_s.arg(i % 7).arg(i).toUtf8(),
                        "package sub\n// " + QByteArray::number(i) + '\n'});

        const QList<GoModule> modules{
            {u"example.com/hello"_s,
             u"v1.0.0"_s,
             helloMod,
             zipOf(u"example.com/hello"_s, u"v1.0.0"_s, helloFiles()),
             u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s,
             {}},
            {u"example.com/sortme"_s,
             u"v0.1.0"_s,
             sortmeMod,
             zipOf(u"example.com/sortme"_s, u"v0.1.0"_s, sortmeFiles()),
             u"h1:QkOaX+VSrwKS3pXCR33pUAjjdpR/jwmS0vgkBuLmjhc="_s,
             {}},
            {u"example.com/Upper"_s,
             u"v1.0.0"_s,
             upperMod,
             zipOf(u"example.com/Upper"_s, u"v1.0.0"_s, upperFiles()),
             u"h1:rhgfDdXav9TVNVH6jfvnXwATluz6Pr8xwyKNBFceiS8="_s,
             {}},
            {u"example.com/withdir"_s, u"v1.0.0"_s, withdirMod,
             zipOf(u"example.com/withdir"_s, u"v1.0.0"_s, withdirFiles(), true),
             u"h1:K1rkW5gP60ZSUZvwubIjTKCywr6r8hhdQDjdow0UUbk="_s,
             u"h1:Fj2swK9IFOcIMzd7mDG0gAdOlzEiCtI7uKZt4wnApx8="_s},
            {u"example.com/Upper"_s,
             u"v1.1.0-RC1"_s,
             upperMod,
             zipOf(u"example.com/Upper"_s, u"v1.1.0-RC1"_s, upperFiles()),
             {},
             {}},
            {u"example.com/big/v2"_s,
             u"v2.3.4"_s,
             big.front().second,
             zipOf(u"example.com/big/v2"_s, u"v2.3.4"_s, big),
             {},
             {}},
            {u"example.com/legacy"_s,
             u"v2.0.0+incompatible"_s,
             "module example.com/legacy\n",
             zipOf(u"example.com/legacy"_s, u"v2.0.0+incompatible"_s,
                   {{"legacy.go", "package legacy\n"}}),
             {},
             {}},
        };
        QStringList args;
        for (const GoModule &m : modules) {
            QVERIFY(!proxy.publish(m.path, m.version, m.mod, m.zip).isEmpty());
            args << m.path + u'@' + m.version;
        }
        const QString home = scratch.mkpath(u"home"_s);
        const QString modcache = scratch.filePath(u"home/gopath/pkg/mod"_s);
        const QProcessEnvironment env
            = mk::test::GoTool::isolatedEnvironment(go, home, modcache, proxy.url());
        const mk::test::GoDownloadResult r = mk::test::GoTool::downloadModules(go, env, args);
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QCOMPARE(r.modules.size(), modules.size());

        for (const GoModule &m : modules) {
            const auto it = std::find_if(r.modules.cbegin(), r.modules.cend(),
                                         [&](const mk::test::GoModuleInfo &g) {
                                             return g.path == m.path && g.version == m.version;
                                         });
            QVERIFY2(it != r.modules.cend(), qPrintable(m.path));
            const mk::test::GoModuleInfo &g = *it;
            const QString id = m.path + u'@' + m.version;
            // Sum: HashZip of the zip we served, and of go's cached copy.
            const auto ours = mk::Hash1::hashZip(g.zip);
            QVERIFY2(ours.ok(), qPrintable(ours ? QString() : ours.error().toString()));
            QVERIFY2(*ours == g.sum, qPrintable(id + u": "_s + *ours + u" != "_s + g.sum));
            if (!m.expectedZipHash.isEmpty())
                QCOMPARE(g.sum, m.expectedZipHash);
            // The .ziphash file: exactly the hash, 47 bytes, no newline.
            QFile zh(g.zip + u"hash"_s);
            QVERIFY(zh.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromLatin1(zh.readAll()), *ours);
            // GoModSum.
            QCOMPARE(mk::Hash1::hashGoMod(m.mod), g.goModSum);
            // HashDir of the tree go extracted, under the unescaped prefix.
            const QString dirHash = hashDirOf(g.dir, id);
            QVERIFY2(dirHash == (m.expectedDirHash.isEmpty() ? g.sum : m.expectedDirHash),
                     qPrintable(id + u": dir "_s + dirHash + u" sum "_s + g.sum));
        }
    }
};

QTEST_GUILESS_MAIN(Hash1Test)
#include "tst_hash1.moc"
