// SPDX-License-Identifier: GPL-3.0-or-later
// The checksum-database client: verifier keys and signed notes as x/mod's note package, the
// tlog math against the fixture of go-cache-internals.md §4.4, and SumDbClient against a
// loopback checksum database (SumDbTestServer on its own thread) — with the real go 1.23 as
// the judge of both the server and the cache files the client writes.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

#include "FixtureProxy.h"
#include "GoTool.h"
#include "ScratchDir.h"
#include "archive/Hash1.h"
#include "proxy/SumDbConfig.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/SumDbTestServer.h"
#include "proxytest/TestCertificate.h"
#include "env/GoEnvironment.h"
#include "sumdb/GoBase64.h"
#include "sumdb/SumDbClient.h"
#include "sumdb/SumDbKey.h"
#include "sumdb/SumDbNote.h"
#include "sumdb/SumDbSigner.h"
#include "sumdb/TileHashReader.h"
#include "sumdb/Tlog.h"
#include "sumdb/TlogTile.h"
#include "sumdb/TlogTree.h"

using namespace Qt::StringLiterals;
using mk::SumDbClient;
using mk::SumDbKey;
using mk::SumDbNote;
using mk::SumDbSigner;
using mk::Tlog;
using mk::TlogTile;
using mk::TlogTree;
using mk::test::SumDbTestServer;
using ServerThread = mk::test::LoopbackServerThread;
using Response = mk::test::LoopbackHttpServer::Response;

namespace {

const QString fixtureKey
    = u"sumdb.example.test+207ea956+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"_s;
const QByteArray fixtureRecord0
    = "example.com/hello v1.0.0 h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0=\n"
      "example.com/hello v1.0.0/go.mod h1:RslnPMa/nR3RpskRbvoDBlr6/b2RhFS0EEnq72RQTo0=\n";
const QByteArray fixtureLookup0
    = "0\n" + fixtureRecord0
      + "\ngo.sum database tree\n1\nEB4Vi+MUCDMcnIx6OKsxqu9jIIIugs6EPPGSzg3ybYA=\n\n"
        "\xe2\x80\x94 sumdb.example.test "
        "IH6pVruZy+k8trk/vqF5oWcmlow3HyOpqpRj64CkpCdNZnUdirjj+h4FEQb3mIkau5az/"
        "Lewx5BbJYGGmzquwh7Yegc=\n";
const QByteArray fixtureLatest2
    = "go.sum database tree\n2\nZ7xZy7arOUfBLh46RJP+5jR+ulhWtrmDmtZIC8QBmDU=\n\n"
      "\xe2\x80\x94 sumdb.example.test "
      "IH6pVqwU1cOj9KLJ3jowiIFXk6nkem8hBK9WdO26CX7nJ1hkZ3p3j/"
      "HJAbgdRY05FhWCFmOTNnpRhXrkLIfv+orw7gI=\n";
const QByteArray leaf0Hex = "101e158be31408331c9c8c7a38ab31aaef6320822e82ce843cf192ce0df26d80";
const QByteArray leaf1Hex = "83e6227a3f7791678305a3dcf63e099760aaabf075ed4e60c55ca987e1b4afb0";

const QString peterKey = u"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"_s;
const QString peterSkey
    = u"PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"_s;
const QByteArray peterText = "If you think cryptography is the answer to your problem,\n"
                             "then you don't know what your problem is.\n";
const QByteArray peterSig
    = "\xe2\x80\x94 PeterNeumann "
      "x08go/ZJkuBS9UG/"
      "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const QByteArray enochSig = "\xe2\x80\x94 EnochRoot "
                            "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/"
                            "5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

Tlog::Hash fromHex(const QByteArray &hex)
{
    return Tlog::hashFromBytes(QByteArray::fromHex(hex));
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Relative file paths below dir, sorted.
QStringList filesBelow(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(dir).relativeFilePath(it.next()));
    out.sort();
    return out;
}

// A tile reader over a test database, counting reads.
class DbTileReader final : public mk::TileHashReader::TileReader
{
public:
    explicit DbTileReader(const SumDbTestServer &db) : m_db(db) { }
    int height() const override { return 8; }
    mk::Expected<QList<QByteArray>> readTiles(const QList<TlogTile> &tiles) override
    {
        QList<QByteArray> out;
        for (const TlogTile &t : tiles)
            out.append(m_db.tileData(t));
        return out;
    }
    void saveTiles(const QList<TlogTile> &tiles, const QList<QByteArray> &) override
    {
        saved += tiles.size();
    }
    int saved = 0;

private:
    const SumDbTestServer &m_db;
};

// A made-up h1 for module i (the database does not care what it hashes).
QString moduleHash(int i)
{
    return u"h1:"_s + QString::fromLatin1(QByteArray::number(i).rightJustified(43, 'A') + '=');
}

QByteArray moduleLines(int i)
{
    return SumDbTestServer::goSumLines(u"example.com/m%1"_s.arg(i), u"v1.0.0"_s, moduleHash(i),
                                       moduleHash(i));
}

} // namespace

class SumDbTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // keys and notes
    void shouldDecodeTheDefaultKey();
    void shouldRejectMalformedKeys_data();
    void shouldRejectMalformedKeys();
    void shouldDeriveTheFixtureKeyFromItsSeed();
    void shouldVerifyAndReproducePeterNeumannsNote();
    void shouldRejectBadNotes_data();
    void shouldRejectBadNotes();
    void shouldDecodeBase64AsGoDoes();

    // tlog
    void shouldReproduceTheFixtureHashesNotesAndTile();
    void shouldFormatAndParseTilePaths();
    void shouldProveRecordsAndTreesLikeTlog();
    void shouldAuthenticateTilesAndRejectBadOnes();
    void shouldServeTheFixtureLookupByteForByte();

    // client
    void shouldLookUpVerifyAndCacheWhereGoDoes();
    void shouldRejectAForgedNote();
    void shouldRejectAWrongRecordHash();
    void shouldRejectAWrongKey();
    void shouldReportAChecksumMismatchAsGoDoes();
    void shouldDetectAForkAgainstTheStoredLatestTree();
    void shouldNeverMoveTheStoredLatestTreeBackwards();
    void shouldHonourGonosumdbAndGosumdbOff();
    void shouldRouteThroughProxiesThatSupportTheDb();
    void shouldCancelAndTimeOut();
    void shouldConnectDirectlyOverHttpsWhenNoProxyHelps();
    void shouldServeParallelLookupsFromOneClient();
    void shouldFallBackToTheFullTileWhenAPartialOneIsGone();
    void shouldTakeItsSettingsFromTheGoEnvironment();
    void shouldGoThroughTheOutboundHttpProxyAsGoDoes();

    // the judge
    void goShouldAcceptTheTestServerAndTheClientsCache_data();
    void goShouldAcceptTheTestServerAndTheClientsCache();

private:
    SumDbClient::Options options(const mk::test::ScratchDir &dir, const QString &gosumdb) const;
    std::shared_ptr<SumDbClient> client(const SumDbClient::Options &o) const;
};

void SumDbTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

SumDbClient::Options SumDbTest::options(const mk::test::ScratchDir &dir,
                                        const QString &gosumdb) const
{
    SumDbClient::Options o;
    o.sumdb = mk::SumDbConfig::parse(gosumdb).value();
    o.goproxy = u"off"_s;
    o.gomodcache = dir.filePath(u"gopath/pkg/mod"_s);
    o.sumdbDir = dir.filePath(u"gopath/pkg/sumdb"_s);
    o.timeoutMs = 10000;
    return o;
}

std::shared_ptr<SumDbClient> SumDbTest::client(const SumDbClient::Options &o) const
{
    return SumDbClient::create(o).value();
}

// ---- keys and notes ----------------------------------------------------------------------

void SumDbTest::shouldDecodeTheDefaultKey()
{
    const auto key = SumDbKey::parse(QString::fromUtf16(mk::SumDbConfig::GoSumDbKey));
    QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().message));
    QCOMPARE(key->name(), u"sum.golang.org"_s);
    QCOMPARE(key->hash(), 0x033de0aeu);
    QCOMPARE(key->publicKey().toHex(),
             QByteArray("ce3372d75ad1ee5ecdaf8727293d4b111d87eb37531d7c86d4d3003f0eb809fc"));
    QCOMPARE(key->toString(), QString::fromUtf16(mk::SumDbConfig::GoSumDbKey));
}

void SumDbTest::shouldRejectMalformedKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("error");
    const QByteArray pub
        = QByteArray::fromHex("ce3372d75ad1ee5ecdaf8727293d4b111d87eb37531d7c86d4d3003f0eb809fc");
    const auto make = [](const QString &name, const QByteArray &algAndKey) {
        return u"%1+%2+%3"_s.arg(name)
            .arg(SumDbKey::keyHash(name, algAndKey), 8, 16, QLatin1Char('0'))
            .arg(QString::fromLatin1(algAndKey.toBase64()));
    };
    QTest::newRow("wrong hash")
        << u"sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"_s
        << u"invalid verifier hash"_s;
    QTest::newRow("alg 2") << make(u"sum.golang.org"_s, '\x02' + pub)
                           << u"unknown verifier algorithm"_s;
    QTest::newRow("short key") << make(u"sum.golang.org"_s, '\x01' + pub.left(31))
                               << u"malformed verifier id"_s;
    QTest::newRow("unpadded base64")
        << u"sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"_s.chopped(1)
        << u"malformed verifier id"_s;
    QTest::newRow("short hash")
        << u"sum.golang.org+33de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"_s
        << u"malformed verifier id"_s;
    QTest::newRow("space in name")
        << make(u"sum golang.org"_s, '\x01' + pub) << u"malformed verifier id"_s;
    QTest::newRow("empty") << QString() << u"malformed verifier id"_s;
}

void SumDbTest::shouldRejectMalformedKeys()
{
    QFETCH(QString, key);
    QFETCH(QString, error);
    const auto parsed = SumDbKey::parse(key);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().message, error);
}

void SumDbTest::shouldDeriveTheFixtureKeyFromItsSeed()
{
    const SumDbSigner signer = SumDbTestServer::fixtureSigner();
    QCOMPARE(signer.verifier().toString(), fixtureKey);
    const auto parsed = SumDbKey::parse(fixtureKey);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->hash(), 0x207ea956u);
    // The private-key form round-trips through note.NewSigner's syntax.
    const auto again = SumDbSigner::parse(signer.signerKey());
    QVERIFY(again.ok());
    QCOMPARE(again->verifier().toString(), fixtureKey);
}

void SumDbTest::shouldVerifyAndReproducePeterNeumannsNote()
{
    const auto key = SumDbKey::parse(peterKey);
    QVERIFY(key.ok());
    const QByteArray msg = peterText + '\n' + peterSig;
    const auto note = SumDbNote::open(msg, {*key});
    QVERIFY2(note.ok(), qPrintable(note.ok() ? QString() : note.error().message));
    QCOMPARE(note->text(), peterText);
    QCOMPARE(note->signatures().size(), 1);
    QCOMPARE(note->signatures().first().name, u"PeterNeumann"_s);
    QCOMPARE(note->signatures().first().hash, 0xc74f20a3u);

    // Ed25519 is deterministic: signing with the documented private key gives the same bytes.
    const auto signer = SumDbSigner::parse(peterSkey);
    QVERIFY2(signer.ok(), qPrintable(signer.ok() ? QString() : signer.error().message));
    QCOMPARE(signer->verifier().toString(), peterKey);
    QCOMPARE(signer->signNote(peterText).value(), msg);

    // With a second, unknown signer the note still opens; that signature is kept aside.
    const auto two = SumDbNote::open(QByteArray(peterText + '\n' + peterSig + enochSig), {*key});
    QVERIFY(two.ok());
    QCOMPARE(two->signatures().size(), 1);
    QCOMPARE(two->unverifiedSignatures().size(), 1);
    QCOMPARE(two->unverifiedSignatures().first().name, u"EnochRoot"_s);
}

void SumDbTest::shouldRejectBadNotes_data()
{
    QTest::addColumn<QByteArray>("msg");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("security");

    const QByteArray good = peterText + '\n' + peterSig;
    QByteArray forged = good;
    forged.replace("cryptography", "cryptographY");
    QByteArray badSig = good;
    const qsizetype at = badSig.indexOf("x08go/") + 10;
    badSig[at] = badSig.at(at) == 'A' ? 'B' : 'A';
    const QString otherKey = SumDbSigner::fromSeed(u"PeterNeumann"_s, QByteArray(32, '\x07'))
                                 .value()
                                 .verifier()
                                 .toString();
    QByteArray many = peterText + '\n';
    for (int i = 0; i < 101; ++i)
        many += enochSig;

    QTest::newRow("forged text") << forged << peterKey
                                 << u"invalid signature for key PeterNeumann+c74f20a3"_s << true;
    QTest::newRow("bad signature")
        << badSig << peterKey << u"invalid signature for key PeterNeumann+c74f20a3"_s << true;
    QTest::newRow("wrong key") << good << otherKey << u"note has no verifiable signatures"_s
                               << true;
    QTest::newRow("unknown signer only") << QByteArray(peterText + '\n' + enochSig) << peterKey
                                         << u"note has no verifiable signatures"_s << true;
    QTest::newRow("no blank line")
        << QByteArray(peterText + peterSig) << peterKey << u"malformed note"_s << false;
    QTest::newRow("control character")
        << QByteArray("a\tb\n\n" + peterSig) << peterKey << u"malformed note"_s << false;
    QTest::newRow("invalid UTF-8")
        << QByteArray("a\xff\n\n" + peterSig) << peterKey << u"malformed note"_s << false;
    QTest::newRow("hyphen, not em dash") << QByteArray(peterText + "\n- PeterNeumann x08go/ZJk=\n")
                                         << peterKey << u"malformed note"_s << false;
    QTest::newRow("no final newline")
        << good.chopped(1) << peterKey << u"malformed note"_s << false;
    QTest::newRow("101 signatures") << many << peterKey << u"malformed note"_s << false;
}

void SumDbTest::shouldRejectBadNotes()
{
    QFETCH(QByteArray, msg);
    QFETCH(QString, key);
    QFETCH(QString, error);
    QFETCH(bool, security);
    const auto note = SumDbNote::open(msg, {SumDbKey::parse(key).value()});
    QVERIFY(!note.ok());
    QCOMPARE(note.error().message, error);
    QCOMPARE(note.error().code == mk::Error::Code::Security, security);
}

void SumDbTest::shouldDecodeBase64AsGoDoes()
{
    QCOMPARE(mk::GoBase64::decode("Zm9v").value(), QByteArray("foo"));
    QCOMPARE(mk::GoBase64::decode("Zm8=").value(), QByteArray("fo"));
    QCOMPARE(mk::GoBase64::decode("Zg==").value(), QByteArray("f"));
    QCOMPARE(mk::GoBase64::decode("Zm\r\n9v").value(), QByteArray("foo")); // go skips CR and LF
    QCOMPARE(mk::GoBase64::decode("").value(), QByteArray());
    QVERIFY(!mk::GoBase64::decode("Zg").has_value());
    QVERIFY(!mk::GoBase64::decode("Zg=").has_value());
    QVERIFY(!mk::GoBase64::decode("Z===").has_value());
    QVERIFY(!mk::GoBase64::decode("Zg==Zg==").has_value());
    QVERIFY(!mk::GoBase64::decode("Zm 9v").has_value());
    QVERIFY(!mk::GoBase64::decode("Zm-_").has_value());
}

// ---- tlog ------------------------------------------------------------------------------------

void SumDbTest::shouldReproduceTheFixtureHashesNotesAndTile()
{
    const Tlog::Hash leaf0 = Tlog::recordHash(fixtureRecord0);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(leaf0.data()), 32).toHex(), leaf0Hex);
    QCOMPARE(Tlog::hashToString(leaf0), u"EB4Vi+MUCDMcnIx6OKsxqu9jIIIugs6EPPGSzg3ybYA="_s);
    const Tlog::Hash leaf1 = fromHex(leaf1Hex);
    const Tlog::Hash root2 = Tlog::nodeHash(leaf0, leaf1);
    QCOMPARE(Tlog::hashToString(root2), u"Z7xZy7arOUfBLh46RJP+5jR+ulhWtrmDmtZIC8QBmDU="_s);

    // Stored hashes of a 2-record tree: leaf0 (index 0), leaf1 (1), their node (2).
    QCOMPARE(Tlog::storedHashIndex(0, 0), 0);
    QCOMPARE(Tlog::storedHashIndex(0, 1), 1);
    QCOMPARE(Tlog::storedHashIndex(1, 0), 2);
    QCOMPARE(Tlog::storedHashCount(2), 3);
    const QList<Tlog::Hash> stored{leaf0, leaf1, root2};
    const Tlog::HashReader reader
        = [&](const QList<qint64> &idx) -> mk::Expected<QList<Tlog::Hash>> {
        QList<Tlog::Hash> out;
        for (const qint64 i : idx)
            out.append(stored.at(i));
        return out;
    };
    QCOMPARE(Tlog::treeHash(1, reader).value(), leaf0);
    QCOMPARE(Tlog::treeHash(2, reader).value(), root2);
    const TlogTile tile{8, 0, 0, 2};
    QCOMPARE(tile.path(), u"tile/8/0/000.p/2"_s);
    const QByteArray tileBytes = TlogTile::readTileData(tile, reader).value();
    QCOMPARE(tileBytes.toHex(), leaf0Hex + leaf1Hex);

    // The signed tree notes, byte for byte (Ed25519 signatures are deterministic).
    const SumDbSigner signer = SumDbTestServer::fixtureSigner();
    const TlogTree t1{1, leaf0};
    const TlogTree t2{2, root2};
    QCOMPARE(signer.signNote(t1.format()).value(),
             fixtureLookup0.mid(fixtureLookup0.indexOf("go.sum database tree")));
    QCOMPARE(signer.signNote(t2.format()).value(), fixtureLatest2);
    const auto note = SumDbNote::open(fixtureLatest2, {signer.verifier()});
    QVERIFY(note.ok());
    QCOMPARE(TlogTree::parse(note->text()).value(), t2);
    QVERIFY(
        !TlogTree::parse("go.sum database tree\n02\nZ7xZy7arOUfBLh46RJP+5jR+ulhWtrmDmtZIC8QBmDU=\n")
             .ok());
    QVERIFY(!TlogTree::parse("go.sum database tree\n2\nZ7xZ\n").ok());
    QVERIFY(TlogTree::parse(QByteArray(t2.format() + "extra line\n")).ok());

    // The record half of the lookup response.
    const auto rec = Tlog::parseRecord(fixtureLookup0);
    QVERIFY(rec.ok());
    QCOMPARE(rec->id, 0);
    QCOMPARE(rec->text, fixtureRecord0);
    QCOMPARE(Tlog::formatRecord(0, fixtureRecord0).value() + rec->rest, fixtureLookup0);
    QVERIFY(!Tlog::parseRecord("0\nno blank line\n").ok());
    QVERIFY(!Tlog::formatRecord(0, "a\n\nb\n").ok());
}

void SumDbTest::shouldFormatAndParseTilePaths()
{
    QCOMPARE((TlogTile{3, 4, 1234067, 1}).path(), u"tile/3/4/x001/x234/067.p/1"_s);
    QCOMPARE((TlogTile{3, 4, 1234067, 8}).path(), u"tile/3/4/x001/x234/067"_s);
    QCOMPARE((TlogTile{8, 0, 1234, 256}).path(), u"tile/8/0/x001/234"_s);
    QCOMPARE((TlogTile{8, 2, 1234067, 256}).path(), u"tile/8/2/x001/x234/067"_s);
    QCOMPARE((TlogTile{8, -1, 5, 17}).path(), u"tile/8/data/005.p/17"_s);
    for (const QString &p :
         {u"tile/3/4/x001/x234/067.p/1"_s, u"tile/8/data/005.p/17"_s, u"tile/8/0/x001/234"_s}) {
        const auto t = TlogTile::parsePath(p);
        QVERIFY2(t.ok(), qPrintable(p));
        QCOMPARE(t->path(), p);
    }
    QCOMPARE(TlogTile::parsePath(u"tile/8/data/005.p/17"_s)->l, -1);
    for (const QString &bad : {u"tile/8/0/1"_s, u"tile/8/0/000.p/256"_s, u"tile/8/0/000.p/0"_s,
                               u"tile/31/0/000"_s, u"tile/8/0/001/002"_s, u"tiles/8/0/000"_s}) {
        const auto t = TlogTile::parsePath(bad);
        QVERIFY2(!t.ok(), qPrintable(bad));
        QCOMPARE(t.error().message, u"malformed tile path \"%1\""_s.arg(bad));
    }
    // Where a stored hash lives.
    QCOMPARE(TlogTile::forIndex(8, Tlog::storedHashIndex(0, 0)), (TlogTile{8, 0, 0, 1}));
    QCOMPARE(TlogTile::forIndex(8, Tlog::storedHashIndex(0, 300)), (TlogTile{8, 0, 1, 45}));
    QCOMPARE(TlogTile::forIndex(8, Tlog::storedHashIndex(8, 1)), (TlogTile{8, 1, 0, 2}));
    QCOMPARE(TlogTile::newTiles(8, 0, 300),
             (QList<TlogTile>{{8, 0, 0, 256}, {8, 0, 1, 44}, {8, 1, 0, 1}}));
    for (qint64 i = 0; i < 2000; ++i) {
        const auto [level, n] = Tlog::splitStoredHashIndex(i);
        QCOMPARE(Tlog::storedHashIndex(level, n), i);
    }
}

void SumDbTest::shouldProveRecordsAndTreesLikeTlog()
{
    SumDbTestServer db(SumDbTestServer::fixtureSigner());
    constexpr int count = 300; // crosses a tile boundary: level-1 tiles exist
    for (int i = 0; i < count; ++i)
        db.addRecord(u"example.com/m%1"_s.arg(i), u"v1.0.0"_s, moduleLines(i));
    QCOMPARE(Tlog::storedHashCount(count),
             Tlog::storedHashIndex(0, count - 1) + 1 + 2); // 299 = ...100101011
    const Tlog::HashReader r = db.hashReader();

    QList<Tlog::Hash> roots{Tlog::emptyHash()};
    for (qint64 t = 1; t <= count; ++t)
        roots.append(Tlog::treeHash(t, r).value());
    // The tree hash is the RFC 6962 hash computed naively.
    std::function<Tlog::Hash(qint64, qint64)> naive = [&](qint64 lo, qint64 hi) -> Tlog::Hash {
        if (hi - lo == 1)
            return Tlog::recordHash(db.record(lo));
        const qint64 k = Tlog::maxpow2(hi - lo).first;
        return Tlog::nodeHash(naive(lo, lo + k), naive(lo + k, hi));
    };
    for (const qint64 t : {1, 2, 3, 7, 8, 9, 255, 256, 257, 300})
        QCOMPARE(roots.at(t), naive(0, t));

    for (const qint64 t : {1, 2, 5, 8, 100, 256, 257, 300}) {
        for (const qint64 n : {qint64(0), t / 3, t / 2, t - 1}) {
            const Tlog::Proof p = Tlog::proveRecord(t, n, r).value();
            const Tlog::Hash leaf = Tlog::recordHash(db.record(n));
            QVERIFY2(Tlog::checkRecord(p, t, roots.at(t), n, leaf).ok(),
                     qPrintable(u"record %1 in %2"_s.arg(n).arg(t)));
            QVERIFY(!Tlog::checkRecord(p, t, roots.at(t), n, Tlog::recordHash("forged\n")).ok());
            if (!p.isEmpty()) {
                Tlog::Proof bad = p;
                bad[0][0] ^= 1;
                QVERIFY(!Tlog::checkRecord(bad, t, roots.at(t), n, leaf).ok());
            }
        }
        for (const qint64 n : {qint64(1), t / 2 + 1, t}) {
            if (n < 1 || n > t)
                continue;
            const Tlog::Proof p = Tlog::proveTree(t, n, r).value();
            QVERIFY2(Tlog::checkTree(p, t, roots.at(t), n, roots.at(n)).ok(),
                     qPrintable(u"tree %1 in %2"_s.arg(n).arg(t)));
            if (n < t)
                QVERIFY(!Tlog::checkTree(p, t, roots.at(t), n, roots.at(n - 1)).ok());
        }
    }
    QVERIFY(!Tlog::proveRecord(5, 5, r).ok());
    QVERIFY(!Tlog::proveTree(5, 6, r).ok());
}

void SumDbTest::shouldAuthenticateTilesAndRejectBadOnes()
{
    SumDbTestServer db(SumDbTestServer::fixtureSigner());
    for (int i = 0; i < 300; ++i)
        db.addRecord(u"example.com/m%1"_s.arg(i), u"v1.0.0"_s, moduleLines(i));
    const TlogTree tree = db.tree();
    DbTileReader tr(db);
    mk::TileHashReader thr(tree, tr);
    const QList<qint64> idx{Tlog::storedHashIndex(0, 0), Tlog::storedHashIndex(0, 200),
                            Tlog::storedHashIndex(0, 299), Tlog::storedHashIndex(3, 5)};
    const auto got = thr.readHashes(idx);
    QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().message));
    QCOMPARE(*got, db.hashReader()(idx).value());
    QVERIFY(tr.saved > 0);
    QCOMPARE(Tlog::treeHash(150, thr.hashReader()).value(),
             Tlog::treeHash(150, db.hashReader()).value());

    // The same tiles against a tree head with another hash: nothing is returned or saved.
    TlogTree wrong = tree;
    wrong.hash[0] ^= 1;
    DbTileReader tr2(db);
    mk::TileHashReader bad(wrong, tr2);
    const auto refused = bad.readHashes(idx);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message, u"downloaded inconsistent tile"_s);
    QCOMPARE(tr2.saved, 0);
}

void SumDbTest::shouldServeTheFixtureLookupByteForByte()
{
    // A one-record database is the fixture's first state: the same /lookup body go cached.
    SumDbTestServer db(SumDbTestServer::fixtureSigner());
    db.addRecord(u"example.com/hello"_s, u"v1.0.0"_s, fixtureRecord0);
    QCOMPARE(db.lookupBody(0), fixtureLookup0);
    QCOMPARE(db.verifierKey(), fixtureKey);
}

// ---- client ------------------------------------------------------------------------------

namespace {

struct Served
{
    SumDbTestServer db{SumDbTestServer::fixtureSigner()};
    std::unique_ptr<ServerThread> server;

    explicit Served(int modules = 3)
    {
        db.addModule(u"example.com/hello"_s, u"v1.0.0"_s,
                     u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s,
                     u"h1:RslnPMa/nR3RpskRbvoDBlr6/b2RhFS0EEnq72RQTo0="_s);
        for (int i = 1; i < modules; ++i)
            db.addRecord(u"example.com/m%1"_s.arg(i), u"v1.0.0"_s, moduleLines(i));
    }
    void start(const std::function<void(mk::test::LoopbackHttpServer *)> &before = {})
    {
        server = std::make_unique<ServerThread>(QHostAddress::LocalHost, std::nullopt);
        if (before)
            before(server->operator->());
        db.serveOn(server->operator->());
    }
    QString gosumdb() const { return db.verifierKey() + u' ' + server->base(); }
};

} // namespace

void SumDbTest::shouldLookUpVerifyAndCacheWhereGoDoes()
{
    mk::test::ScratchDir dir;
    Served s;
    s.start();
    QVERIFY(s.server->listening());
    const SumDbClient::Options o = options(dir, s.gosumdb());
    auto c = client(o);

    const auto lines = c->lookup(u"example.com/hello"_s, u"v1.0.0"_s);
    QVERIFY2(lines.ok(), qPrintable(lines.ok() ? QString() : lines.error().message));
    QCOMPARE(
        *lines,
        QStringList{u"example.com/hello v1.0.0 h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s});
    const auto modLines = c->lookup(u"example.com/hello"_s, u"v1.0.0/go.mod"_s);
    QVERIFY(modLines.ok());
    QCOMPARE(
        *modLines,
        QStringList{
            u"example.com/hello v1.0.0/go.mod h1:RslnPMa/nR3RpskRbvoDBlr6/b2RhFS0EEnq72RQTo0="_s});
    QCOMPARE(c->baseUrl(), s.server->base());

    const auto ok = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s,
                                 u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s, false);
    QCOMPARE(ok.verdict, SumDbClient::Verdict::Ok);
    const auto okMod = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s,
                                    u"h1:RslnPMa/nR3RpskRbvoDBlr6/b2RhFS0EEnq72RQTo0="_s, true);
    QCOMPARE(okMod.verdict, SumDbClient::Verdict::Ok);
    const auto m2 = c->checkHash(u"example.com/m2"_s, u"v1.0.0"_s, moduleHash(2), false);
    QCOMPARE(m2.verdict, SumDbClient::Verdict::Ok);

    // Exactly go's files: the raw /lookup answers, the verified tile, and the latest tree.
    const QString root = o.gomodcache + u"/cache/download/sumdb/sumdb.example.test"_s;
    QCOMPARE(filesBelow(root),
             (QStringList{u"lookup/example.com/hello@v1.0.0"_s, u"lookup/example.com/m2@v1.0.0"_s,
                          u"tile/8/0/000.p/3"_s}));
    QCOMPARE(readFile(root + u"/lookup/example.com/hello@v1.0.0"_s), s.db.lookupBody(0));
    QCOMPARE(readFile(root + u"/tile/8/0/000.p/3"_s), s.db.tileData({8, 0, 0, 3}));
    QCOMPARE(readFile(o.sumdbDir + u"/sumdb.example.test/latest"_s), s.db.signedTree());
    QCOMPARE(c->latestFile(), u"sumdb.example.test/latest"_s);
    QCOMPARE(c->lookupCacheFile(u"example.com/Upper"_s, u"v1.0.0/go.mod"_s),
             u"sumdb.example.test/lookup/example.com/!upper@v1.0.0"_s);

    // A new client (a new process) answers from the cache alone, with the server gone.
    const int before = int((*s.server)->received().size());
    s.server.reset();
    auto offline = client(o);
    const auto again
        = offline->checkHash(u"example.com/hello"_s, u"v1.0.0"_s,
                             u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s, false);
    QCOMPARE(again.verdict, SumDbClient::Verdict::Ok);
    QCOMPARE(offline->requestCount(), 0);
    QVERIFY(before > 0);
    // Not cached: needs the server, which is gone.
    const auto missing = offline->checkHash(u"example.com/m1"_s, u"v1.0.0"_s, u"h1:x"_s, false);
    QCOMPARE(missing.verdict, SumDbClient::Verdict::Failed);
    QVERIFY2(missing.error.message.startsWith(
                 u"example.com/m1@v1.0.0: verifying module: example.com/m1@v1.0.0: Get "_s),
             qPrintable(missing.error.message));
}

void SumDbTest::shouldRejectAForgedNote()
{
    mk::test::ScratchDir dir;
    Served s;
    QByteArray forged = s.db.lookupBody(0);
    forged.replace("database tree\n3\n",
                   "database tree\n4\n"); // the signature no longer covers the text
    s.start([&](mk::test::LoopbackHttpServer *srv) {
        Response r;
        r.body = forged;
        srv->route("/lookup/example.com/hello@v1.0.0", r);
    });
    auto c = client(options(dir, s.gosumdb()));
    const auto check = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s,
                                    u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s, false);
    QCOMPARE(check.verdict, SumDbClient::Verdict::Failed);
    QCOMPARE(check.error.code, mk::Error::Code::Security);
    QVERIFY2(
        check.error.message.startsWith(
            u"example.com/hello@v1.0.0: verifying module: example.com/hello@v1.0.0: "
            "reading tree note: invalid signature for key sumdb.example.test+207ea956\nnote:\n"_s),
        qPrintable(check.error.message));
    // Nothing unverified reaches the disk.
    QVERIFY(!QFile::exists(dir.filePath(
        u"gopath/pkg/mod/cache/download/sumdb/sumdb.example.test/lookup/example.com/hello@v1.0.0"_s)));
    QVERIFY(!QFile::exists(dir.filePath(u"gopath/pkg/sumdb/sumdb.example.test/latest"_s)));
}

void SumDbTest::shouldRejectAWrongRecordHash()
{
    mk::test::ScratchDir dir;
    Served s;
    QByteArray lying = s.db.lookupBody(0);
    lying.replace("HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0=",
                  "AAAAYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0=");
    s.start([&](mk::test::LoopbackHttpServer *srv) {
        Response r;
        r.body = lying;
        srv->route("/lookup/example.com/hello@v1.0.0", r);
    });
    auto c = client(options(dir, s.gosumdb()));
    const auto check = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s,
                                    u"h1:AAAAYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s, false);
    QCOMPARE(check.verdict, SumDbClient::Verdict::Failed);
    QCOMPARE(check.error.code, mk::Error::Code::Security);
    QVERIFY2(check.error.message.endsWith(u"cannot authenticate record data in server response"_s),
             qPrintable(check.error.message));
    QVERIFY(!QFile::exists(dir.filePath(
        u"gopath/pkg/mod/cache/download/sumdb/sumdb.example.test/lookup/example.com/hello@v1.0.0"_s)));

    // A lying tile is caught too: the tile does not hash to the signed tree.
    mk::test::ScratchDir dir2;
    Served s2;
    QByteArray tile = s2.db.tileData({8, 0, 0, 3});
    tile[5] = char(tile.at(5) ^ 1);
    s2.start([&](mk::test::LoopbackHttpServer *srv) {
        Response r;
        r.body = tile;
        srv->route("/tile/8/0/000.p/3", r);
    });
    auto c2 = client(options(dir2, s2.gosumdb()));
    const auto check2 = c2->checkHash(u"example.com/hello"_s, u"v1.0.0"_s,
                                      u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s, false);
    QCOMPARE(check2.verdict, SumDbClient::Verdict::Failed);
    QVERIFY2(check2.error.message.endsWith(u"downloaded inconsistent tile"_s),
             qPrintable(check2.error.message));
    QVERIFY(!QFile::exists(dir2.filePath(
        u"gopath/pkg/mod/cache/download/sumdb/sumdb.example.test/tile/8/0/000.p/3"_s)));
}

void SumDbTest::shouldRejectAWrongKey()
{
    mk::test::ScratchDir dir;
    Served s;
    s.start();
    // Same name, another key: the server's signature is by an unknown key.
    const QString otherKey = SumDbSigner::fromSeed(u"sumdb.example.test"_s, QByteArray(32, '\x42'))
                                 .value()
                                 .verifier()
                                 .toString();
    auto c = client(options(dir, otherKey + u' ' + s.server->base()));
    const auto check = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s,
                                    u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s, false);
    QCOMPARE(check.verdict, SumDbClient::Verdict::Failed);
    QVERIFY2(
        check.error.message.contains(u"reading tree note: note has no verifiable signatures"_s),
        qPrintable(check.error.message));
    QVERIFY(!QFile::exists(dir.filePath(u"gopath/pkg/sumdb/sumdb.example.test/latest"_s)));
}

void SumDbTest::shouldReportAChecksumMismatchAsGoDoes()
{
    mk::test::ScratchDir dir;
    Served s;
    s.start();
    auto c = client(options(dir, s.gosumdb()));
    const auto check = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s,
                                    u"h1:BBBBYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s, false);
    QCOMPARE(check.verdict, SumDbClient::Verdict::Mismatch);
    QCOMPARE(check.error.code, mk::Error::Code::Security);
    QCOMPARE(check.dbLine,
             u"example.com/hello v1.0.0 h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s);
    QCOMPARE(check.error.message,
             u"example.com/hello@v1.0.0: verifying module: checksum mismatch\n"
             "\tdownloaded: h1:BBBBYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0=\n"
             "\tsumdb.example.test: h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0=\n\n"
             "SECURITY ERROR\n"
             "This download does NOT match the one reported by the checksum server.\n"
             "The bits may have been replaced on the origin server, or an attacker may\n"
             "have intercepted the download attempt.\n\n"
             "For more information, see 'go help module-auth'.\n"_s);
    const auto mod = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, u"h1:BBBB"_s, true);
    QCOMPARE(mod.verdict, SumDbClient::Verdict::Mismatch);
    QVERIFY(mod.error.message.startsWith(
        u"example.com/hello@v1.0.0: verifying go.mod: checksum mismatch\n"_s));
    // The hook form the downloader takes: go's decision plus "verified".
    bool verified = false;
    const auto hook = c->hashChecker();
    QVERIFY(hook(u"example.com/hello"_s, u"v1.0.0"_s,
                 u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s, false, &verified)
                .ok());
    QVERIFY(verified);
    const mk::Status bad
        = hook(u"example.com/hello"_s, u"v1.0.0"_s, u"h1:BBBB"_s, false, &verified);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, mk::Error::Code::Security);
    QVERIFY(!verified);
    QVERIFY(!hook(u"example.com/nothere"_s, u"v1.0.0"_s, u"h1:x"_s, false, &verified)
                 .ok()); // go fails on the 404 too
    // The lookup form the verify job takes.
    const auto known = c->hashLookup()(u"example.com/hello"_s, u"v1.0.0"_s);
    QVERIFY(known.ok());
    QCOMPARE(known->first, u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s);
    QCOMPARE(known->second, u"h1:RslnPMa/nR3RpskRbvoDBlr6/b2RhFS0EEnq72RQTo0="_s);
    // A version the database does not know: its 404.
    const auto unknown = c->checkHash(u"example.com/nothere"_s, u"v1.0.0"_s, u"h1:x"_s, false);
    QCOMPARE(unknown.verdict, SumDbClient::Verdict::NotInDb);
    QVERIFY2(unknown.error.message.contains(u"/lookup/example.com/nothere@v1.0.0: 404 Not Found"_s),
             qPrintable(unknown.error.message));
}

void SumDbTest::shouldDetectAForkAgainstTheStoredLatestTree()
{
    mk::test::ScratchDir dir;
    Served honest;
    honest.start();
    const SumDbClient::Options o = options(dir, honest.gosumdb());
    {
        auto c = client(o);
        QCOMPARE(c->checkHash(u"example.com/m1"_s, u"v1.0.0"_s, moduleHash(1), false).verdict,
                 SumDbClient::Verdict::Ok);
    }
    const QString latestPath = o.sumdbDir + u"/sumdb.example.test/latest"_s;
    const QByteArray latest = readFile(latestPath);
    QCOMPARE(latest, honest.db.signedTree());

    // The same key later signs a different history: a bigger tree whose first records differ,
    // and a smaller one. Both are forks of what this machine has seen.
    for (const int size : {5, 2}) {
        SumDbTestServer evil(SumDbTestServer::fixtureSigner());
        evil.addRecord(u"example.com/evil"_s, u"v1.0.0"_s,
                       SumDbTestServer::goSumLines(u"example.com/evil"_s, u"v1.0.0"_s,
                                                   moduleHash(99), moduleHash(99)));
        for (int i = 1; i < size; ++i)
            evil.addRecord(u"example.com/m%1"_s.arg(i), u"v1.0.0"_s, moduleLines(i));
        ServerThread server(QHostAddress::LocalHost, std::nullopt);
        evil.serveOn(server.operator->());
        SumDbClient::Options eo = o;
        eo.sumdb = mk::SumDbConfig::parse(evil.verifierKey() + u' ' + server.base()).value();
        auto c = client(eo);
        const auto check = c->checkHash(u"example.com/evil"_s, u"v1.0.0"_s, moduleHash(99), false);
        QCOMPARE(check.verdict, SumDbClient::Verdict::Failed);
        QCOMPARE(check.error.code, mk::Error::Code::Security);
        const QString msg = check.error.message;
        QVERIFY2(
            msg.contains(u"SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n"_s),
            qPrintable(msg));
        const QByteArray oldNote = size > 3 ? latest : evil.signedTree();
        const QByteArray newNote = size > 3 ? evil.signedTree() : latest;
        QVERIFY2(msg.contains(u"old database:\n\t"_s
                              + QString::fromUtf8(oldNote).replace(u'\n', u"\n\t"_s)),
                 qPrintable(msg));
        QVERIFY2(msg.contains(u"new database:\n\t"_s
                              + QString::fromUtf8(newNote).replace(u'\n', u"\n\t"_s)),
                 qPrintable(msg));
        QVERIFY2(msg.contains(u"proof of misbehavior:\n\t"_s), qPrintable(msg));
        // The stored tree head is untouched; nothing from the forked log was cached.
        QCOMPARE(readFile(latestPath), latest);
        QVERIFY(!QFile::exists(
            o.gomodcache
            + u"/cache/download/sumdb/sumdb.example.test/lookup/example.com/evil@v1.0.0"_s));
    }
}

void SumDbTest::shouldNeverMoveTheStoredLatestTreeBackwards()
{
    // One log of 7 records; lookups answered with tree heads of sizes 3, 5 and 7. Two clients
    // (two processes) share GOPATH: the file only ever moves forward (compare-and-swap merge).
    mk::test::ScratchDir dir;
    Served s(7);
    const auto bodyAt = [&](qint64 id, qint64 n) -> QByteArray {
        const TlogTree t{n, Tlog::treeHash(n, s.db.hashReader()).value()};
        return Tlog::formatRecord(id, s.db.record(id)).value()
               + s.db.signer().signNote(t.format()).value();
    };
    s.start([&](mk::test::LoopbackHttpServer *srv) {
        Response at3;
        at3.body = bodyAt(1, 3);
        srv->route("/lookup/example.com/m1@v1.0.0", at3);
        Response at5;
        at5.body = bodyAt(2, 5);
        srv->route("/lookup/example.com/m2@v1.0.0", at5);
    });
    const SumDbClient::Options o = options(dir, s.gosumdb());
    const QString latestPath = o.sumdbDir + u"/sumdb.example.test/latest"_s;
    auto b = client(o);
    auto a = client(o);
    QCOMPARE(b->checkHash(u"example.com/m1"_s, u"v1.0.0"_s, moduleHash(1), false).verdict,
             SumDbClient::Verdict::Ok);
    QVERIFY(readFile(latestPath).startsWith("go.sum database tree\n3\n"));
    QCOMPARE(a->checkHash(u"example.com/m4"_s, u"v1.0.0"_s, moduleHash(4), false).verdict,
             SumDbClient::Verdict::Ok);
    QCOMPARE(readFile(latestPath), s.db.signedTree()); // 7
    // b still believes 3, sees 5: newer for b, older than the file. The file keeps 7.
    QCOMPARE(b->checkHash(u"example.com/m2"_s, u"v1.0.0"_s, moduleHash(2), false).verdict,
             SumDbClient::Verdict::Ok);
    QCOMPARE(readFile(latestPath), s.db.signedTree());
    // A third process starting now reads 7 and accepts the old 3-record answer from the cache.
    auto c = client(o);
    QCOMPARE(c->checkHash(u"example.com/m1"_s, u"v1.0.0"_s, moduleHash(1), false).verdict,
             SumDbClient::Verdict::Ok);
    QCOMPARE(readFile(latestPath), s.db.signedTree());
}

void SumDbTest::shouldHonourGonosumdbAndGosumdbOff()
{
    mk::test::ScratchDir dir;
    Served s;
    s.start();
    SumDbClient::Options o = options(dir, s.gosumdb());
    o.gonosumdb = u"example.com/hello,*.corp.example"_s;
    auto c = client(o);
    QVERIFY(!c->shouldCheck(u"example.com/hello"_s));
    QVERIFY(!c->shouldCheck(u"git.corp.example/x"_s));
    QVERIFY(c->shouldCheck(u"example.com/hello2"_s));
    QCOMPARE(c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, u"h1:x"_s, false).verdict,
             SumDbClient::Verdict::SkippedByGonosumdb);
    const auto skipped = c->lookup(u"example.com/hello"_s, u"v1.0.0"_s);
    QVERIFY(!skipped.ok());
    QCOMPARE(skipped.error().message, u"skipped (listed in GONOSUMDB)"_s);
    QCOMPARE(c->knownHashes(u"example.com/hello"_s, u"v1.0.0"_s).value(),
             (std::pair<QString, QString>()));
    bool verified = true;
    QVERIFY(
        c->hashChecker()(u"example.com/hello"_s, u"v1.0.0"_s, u"h1:x"_s, false, &verified).ok());
    QVERIFY(!verified);
    QCOMPARE((*s.server)->received().size(), 0); // never even asked

    SumDbClient::Options off = options(dir, u"off"_s);
    auto c2 = client(off);
    QVERIFY(!c2->shouldCheck(u"example.com/hello"_s));
    QCOMPARE(c2->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, u"h1:x"_s, false).verdict,
             SumDbClient::Verdict::Disabled);
    const auto disabled = c2->lookup(u"example.com/hello"_s, u"v1.0.0"_s);
    QVERIFY(!disabled.ok());
    QCOMPARE(disabled.error().message, u"checksum database disabled by GOSUMDB=off"_s);
    QCOMPARE((*s.server)->received().size(), 0);
}

void SumDbTest::shouldRouteThroughProxiesThatSupportTheDb()
{
    // Proxy A does not know the database (404), proxy B 500s, proxy P supports it.
    Served s;
    s.start([](mk::test::LoopbackHttpServer *srv) {
        Response ok;
        ok.body = "";
        srv->route("/p/sumdb/sumdb.example.test/supported", ok);
        Response err;
        err.code = 500;
        err.reason = "Internal Server Error";
        err.body = "boom\n";
        srv->route("/b/", err);
    });
    s.db.serveOn(s.server->operator->(), "/p/sumdb/sumdb.example.test");
    const QString base = s.server->base();
    const QString key = s.db.verifierKey();
    const QString zipHash = u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s;

    {
        mk::test::ScratchDir dir;
        SumDbClient::Options o = options(dir, key);
        o.goproxy = base + u"/a,"_s + base + u"/p,direct"_s;
        auto c = client(o);
        const auto check = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, zipHash, false);
        QVERIFY2(check.verdict == SumDbClient::Verdict::Ok, qPrintable(check.error.message));
        QCOMPARE(c->baseUrl(), base + u"/p/sumdb/sumdb.example.test"_s);
        // go's cache layout does not depend on the route.
        QVERIFY(QFile::exists(
            o.gomodcache
            + u"/cache/download/sumdb/sumdb.example.test/lookup/example.com/hello@v1.0.0"_s));
    }
    {
        // ',' after a 500: the database is unavailable, no fallback.
        mk::test::ScratchDir dir;
        SumDbClient::Options o = options(dir, key);
        o.goproxy = base + u"/b,"_s + base + u"/p"_s;
        auto c = client(o);
        const auto check = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, zipHash, false);
        QCOMPARE(check.verdict, SumDbClient::Verdict::Failed);
        QVERIFY2(check.error.message.contains(
                     u"/b/sumdb/sumdb.example.test/supported: 500 Internal Server Error"_s),
                 qPrintable(check.error.message));
    }
    {
        // '|' after a 500: the next proxy.
        mk::test::ScratchDir dir;
        SumDbClient::Options o = options(dir, key);
        o.goproxy = base + u"/b|"_s + base + u"/p"_s;
        auto c = client(o);
        const auto check = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, zipHash, false);
        QVERIFY2(check.verdict == SumDbClient::Verdict::Ok, qPrintable(check.error.message));
        QCOMPARE(c->baseUrl(), base + u"/p/sumdb/sumdb.example.test"_s);
    }
    {
        // An explicit URL in GOSUMDB bypasses the proxies entirely.
        mk::test::ScratchDir dir;
        SumDbClient::Options o = options(dir, key + u' ' + base + u"/p/sumdb/sumdb.example.test"_s);
        o.goproxy = base + u"/b"_s;
        const qsizetype before = (*s.server)->received().size();
        auto c = client(o);
        QCOMPARE(c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, zipHash, false).verdict,
                 SumDbClient::Verdict::Ok);
        for (qsizetype i = before; i < (*s.server)->received().size(); ++i)
            QVERIFY(!(*s.server)->received().at(i).path.startsWith("/b/"));
    }
}

void SumDbTest::shouldCancelAndTimeOut()
{
    Served s;
    s.start([](mk::test::LoopbackHttpServer *srv) {
        Response slow;
        slow.delayMs = 8000;
        srv->route("/lookup/", slow);
    });
    {
        mk::test::ScratchDir dir;
        SumDbClient::Options o = options(dir, s.gosumdb());
        o.timeoutMs = 400;
        auto c = client(o);
        QElapsedTimer t;
        t.start();
        const auto check = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, u"h1:x"_s, false);
        QCOMPARE(check.verdict, SumDbClient::Verdict::Failed);
        QVERIFY2(check.error.message.contains(u"timed out"_s), qPrintable(check.error.message));
        QVERIFY(t.elapsed() < 5000);
    }
    {
        mk::test::ScratchDir dir;
        auto c = client(options(dir, s.gosumdb()));
        QFuture<SumDbClient::HashCheck> f
            = c->checkHashAsync(u"example.com/hello"_s, u"v1.0.0"_s, u"h1:x"_s, false);
        QTest::qWait(200);
        QElapsedTimer t;
        t.start();
        f.cancel();
        QVERIFY(QTest::qWaitFor([&] { return f.isFinished(); }, 5000));
        QVERIFY(t.elapsed() < 3000);
    }
    {
        // The async lookup delivers its result through the future.
        mk::test::ScratchDir dir;
        Served fast;
        fast.start();
        auto c = client(options(dir, fast.gosumdb()));
        QFuture<SumDbClient::LookupResult> f
            = c->lookupAsync(u"example.com/hello"_s, u"v1.0.0/go.mod"_s);
        QVERIFY(QTest::qWaitFor([&] { return f.isFinished(); }, 10000));
        QVERIFY2(f.result().ok(), qPrintable(f.result().error.message));
        QCOMPARE(f.result().lines.size(), 1);
    }
}

void SumDbTest::shouldConnectDirectlyOverHttpsWhenNoProxyHelps()
{
    // The database's name is its https host: 127.0.0.1:<port> of a TLS server.
    mk::test::ScratchDir dir;
    const mk::test::TestCertificate cert(dir.mkpath(u"tls"_s));
    QVERIFY2(cert.ok(), qPrintable(cert.error()));
    ServerThread tls(QHostAddress::LocalHost, cert.serverConfiguration());
    QVERIFY(tls.listening());
    const QString name = u"127.0.0.1:%1"_s.arg(tls.port());
    SumDbTestServer db(SumDbTestServer::fixtureSigner(name));
    db.addModule(u"example.com/hello"_s, u"v1.0.0"_s, moduleHash(1), moduleHash(2));
    db.serveOn(tls.operator->());
    ServerThread plain(QHostAddress::LocalHost, std::nullopt); // a proxy without the database: 404

    SumDbClient::Options o = options(dir, db.verifierKey());
    o.goproxy = plain.base() + u",direct"_s;
    o.caCertificates = cert.certificates();
    auto c = client(o);
    const auto check = c->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, moduleHash(1), false);
    QVERIFY2(check.verdict == SumDbClient::Verdict::Ok, qPrintable(check.error.message));
    QCOMPARE(c->baseUrl(), u"https://"_s + name);
    QCOMPARE(plain->received().size(), 1);
    QCOMPARE(plain->received().first().path, "/sumdb/" + name.toUtf8() + "/supported");
    QVERIFY(QFile::exists(o.gomodcache + u"/cache/download/sumdb/"_s + name
                          + u"/lookup/example.com/hello@v1.0.0"_s));

    // Without the CA the https connection is refused, and nothing is retried another way.
    mk::test::ScratchDir dir2;
    SumDbClient::Options untrusted = o;
    untrusted.caCertificates.clear();
    untrusted.gomodcache = dir2.filePath(u"mod"_s);
    untrusted.sumdbDir = dir2.filePath(u"sumdb"_s);
    const auto refused
        = client(untrusted)->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, moduleHash(1), false);
    QCOMPARE(refused.verdict, SumDbClient::Verdict::Failed);
}

void SumDbTest::shouldServeParallelLookupsFromOneClient()
{
    mk::test::ScratchDir dir;
    Served s(40);
    s.start();
    auto c = client(options(dir, s.gosumdb()));
    QList<QFuture<SumDbClient::HashCheck>> futures;
    for (int i = 1; i < 40; ++i)
        futures.append(
            c->checkHashAsync(u"example.com/m%1"_s.arg(i), u"v1.0.0"_s, moduleHash(i), i % 2 == 0));
    for (auto &f : futures) {
        QVERIFY(QTest::qWaitFor([&] { return f.isFinished(); }, 20000));
        QVERIFY2(f.result().verdict == SumDbClient::Verdict::Ok,
                 qPrintable(f.result().error.message));
    }
    const QString root = dir.filePath(u"gopath/pkg/mod/cache/download/sumdb/sumdb.example.test"_s);
    QCOMPARE(filesBelow(root + u"/lookup"_s).size(), 39);
    QCOMPARE(filesBelow(root + u"/tile"_s), QStringList{u"8/0/000.p/40"_s});
    QCOMPARE(readFile(dir.filePath(u"gopath/pkg/sumdb/sumdb.example.test/latest"_s)),
             s.db.signedTree());
    // No temporary files are left behind.
    for (const QString &f : filesBelow(root))
        QVERIFY2(!f.contains(u".tmp-"_s), qPrintable(f));
}

void SumDbTest::shouldFallBackToTheFullTileWhenAPartialOneIsGone()
{
    // The server grew past a full tile between the lookup (signed at N=3) and the tile fetch,
    // and serves complete tiles only: the prefix of the full tile proves the record.
    mk::test::ScratchDir dir;
    Served small(3);
    Served big(300);
    QCOMPARE(big.db.tileData({8, 0, 0, 256}).left(96), small.db.tileData({8, 0, 0, 3}));
    big.start([&](mk::test::LoopbackHttpServer *srv) {
        Response old;
        old.body = small.db.lookupBody(1);
        srv->route("/lookup/example.com/m1@v1.0.0", old);
        Response gone;
        gone.code = 404;
        gone.reason = "Not Found";
        srv->route("/tile/8/0/000.p/", gone);
    });
    SumDbClient::Options o = options(dir, big.gosumdb());
    auto c = client(o);
    const auto check = c->checkHash(u"example.com/m1"_s, u"v1.0.0"_s, moduleHash(1), false);
    QVERIFY2(check.verdict == SumDbClient::Verdict::Ok, qPrintable(check.error.message));
    QStringList asked;
    for (const auto &r : (*big.server)->received())
        asked.append(QString::fromUtf8(r.path));
    QVERIFY2(asked.contains(u"/tile/8/0/000.p/3"_s) && asked.contains(u"/tile/8/0/000"_s),
             qPrintable(asked.join(u' ')));
    // Cached under the partial name, as go does: the 96 authenticated bytes.
    QCOMPARE(
        readFile(o.gomodcache + u"/cache/download/sumdb/sumdb.example.test/tile/8/0/000.p/3"_s),
        small.db.tileData({8, 0, 0, 3}));

    // A tile that is missing altogether is a server failure, not "not in the database".
    mk::test::ScratchDir dir2;
    Served broken(3);
    broken.start([](mk::test::LoopbackHttpServer *srv) {
        Response gone;
        gone.code = 404;
        gone.reason = "Not Found";
        srv->route("/tile/", gone);
    });
    const auto failed = client(options(dir2, broken.gosumdb()))
                            ->checkHash(u"example.com/m1"_s, u"v1.0.0"_s, moduleHash(1), false);
    QCOMPARE(failed.verdict, SumDbClient::Verdict::Failed);
    QVERIFY2(failed.error.message.contains(u"/tile/8/0/000.p/3: 404 Not Found"_s),
             qPrintable(failed.error.message));
}

void SumDbTest::shouldGoThroughTheOutboundHttpProxyAsGoDoes()
{
    // The loopback server plays an HTTP proxy: requests arrive with absolute URIs.
    mk::test::ScratchDir dir;
    Served s;
    s.server = std::make_unique<ServerThread>(QHostAddress::LocalHost, std::nullopt);
    s.db.serveOn(s.server->operator->(), "http://sumdb.example.test");
    SumDbClient::Options o = options(dir, s.db.verifierKey() + u" http://sumdb.example.test"_s);
    o.proxyEnvironment
        = mk::HttpProxyEnvironment::fromEnvironment({{u"HTTP_PROXY"_s, s.server->base()}});
    const auto check
        = client(o)->checkHash(u"example.com/hello"_s, u"v1.0.0"_s,
                               u"h1:HmXZYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s, false);
    QVERIFY2(check.verdict == SumDbClient::Verdict::Ok, qPrintable(check.error.message));
    QVERIFY((*s.server)->received().size() >= 2);
    QCOMPARE((*s.server)->received().first().path,
             QByteArray("http://sumdb.example.test/lookup/example.com/hello@v1.0.0"));
}

void SumDbTest::shouldTakeItsSettingsFromTheGoEnvironment()
{
    mk::test::ScratchDir dir;
    const QHash<QString, QString> env{
        {u"HOME"_s, dir.path()},
        {u"PATH"_s, u"/nonexistent"_s},
        {u"GOENV"_s, u"off"_s},
        {u"GOPATH"_s, dir.filePath(u"gp1"_s) + u':' + dir.filePath(u"gp2"_s)},
        {u"GOPROXY"_s, u"https://proxy.example.com,direct"_s},
        {u"GOPRIVATE"_s, u"corp.example.com"_s},
        {u"GOSUMDB"_s, fixtureKey},
    };
    const auto o = SumDbClient::Options::fromEnvironment(
        mk::GoEnvironment::resolve(mk::GoEnvInputs::fromEnvironment(env)));
    QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().toString()));
    QCOMPARE(o->sumdb.name(), u"sumdb.example.test"_s);
    QCOMPARE(o->goproxy, u"https://proxy.example.com,direct"_s);
    QCOMPARE(o->gonosumdb, u"corp.example.com"_s); // defaults to GOPRIVATE
    QCOMPARE(o->gomodcache, dir.filePath(u"gp1/pkg/mod"_s));
    QCOMPARE(o->sumdbDir, dir.filePath(u"gp1/pkg/sumdb"_s)); // the first GOPATH entry, as go
    auto c = client(*o);
    QVERIFY(!c->shouldCheck(u"corp.example.com/x"_s));
    QVERIFY(c->shouldCheck(u"example.com/x"_s));

    QHash<QString, QString> bad = env;
    bad.insert(u"GOSUMDB"_s,
               u"sumdb.example.test+207ea957+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"_s);
    QVERIFY(!SumDbClient::Options::fromEnvironment(
                 mk::GoEnvironment::resolve(mk::GoEnvInputs::fromEnvironment(bad)))
                 .ok());
}

// ---- the judge: the real go -------------------------------------------------------------

void SumDbTest::goShouldAcceptTheTestServerAndTheClientsCache_data()
{
    QTest::addColumn<QString>("go");
    for (const QString &go : {mk::test::GoTool::go119(), mk::test::GoTool::go123()})
        QTest::newRow(qPrintable(mk::test::GoTool::label(go))) << go;
}

void SumDbTest::goShouldAcceptTheTestServerAndTheClientsCache()
{
    QFETCH(QString, go);
    mk::test::ScratchDir dir;
    mk::test::FixtureProxy proxy(dir.mkpath(u"proxy"_s));
    QVERIFY(proxy
                .addModule(u"example.com/hello"_s, u"v1.0.0"_s,
                           {{u"go.mod"_s, mk::test::FixtureProxy::goMod(u"example.com/hello"_s)},
                            {u"hello.go"_s, "package hello\n\nconst Hello = \"hi\"\n"}})
                .ok());
    QVERIFY(proxy
                .addModule(u"example.com/Upper"_s, u"v1.0.0"_s,
                           {{u"go.mod"_s, mk::test::FixtureProxy::goMod(u"example.com/Upper"_s)},
                            {u"upper.go"_s, "package upper\n"}})
                .ok());

    SumDbTestServer db(SumDbTestServer::fixtureSigner());
    for (const auto &[path, esc] : {std::pair{u"example.com/hello"_s, u"example.com/hello"_s},
                                    std::pair{u"example.com/Upper"_s, u"example.com/!upper"_s}}) {
        const QString vdir = proxy.root() + u'/' + esc + u"/@v/"_s;
        const auto zipHash = mk::Hash1::hashZip(vdir + u"v1.0.0.zip"_s);
        QVERIFY(zipHash.ok());
        db.addModule(path, u"v1.0.0"_s, *zipHash,
                     mk::Hash1::hashGoMod(readFile(vdir + u"v1.0.0.mod"_s)));
    }
    db.addRecord(u"example.com/other"_s, u"v1.0.0"_s,
                 moduleLines(7)); // a tree bigger than what go asks for
    auto server = std::make_unique<ServerThread>(QHostAddress::LocalHost, std::nullopt);
    db.serveOn(server->operator->());
    const QString gosumdb = db.verifierKey() + u' ' + server->base();
    const QStringList modules{u"example.com/hello@v1.0.0"_s, u"example.com/Upper@v1.0.0"_s};

    const auto envFor = [&](const QString &home) {
        QProcessEnvironment env = mk::test::GoTool::isolatedEnvironment(
            go, home, home + u"/gopath/pkg/mod"_s, proxy.url());
        env.insert(u"GOSUMDB"_s, gosumdb);
        env.insert(u"GONOSUMDB"_s, QString());
        env.insert(u"GOFLAGS"_s, u"-mod=mod"_s);
        return env;
    };

    // 1. go itself accepts the test database.
    const QString goHome = dir.mkpath(u"gohome"_s);
    const auto goRun = mk::test::GoTool::downloadModules(go, envFor(goHome), modules);
    QVERIFY2(goRun.ok(), qPrintable(goRun.describe()));
    const QString goSumdbCache
        = goHome + u"/gopath/pkg/mod/cache/download/sumdb/sumdb.example.test"_s;
    QVERIFY2(filesBelow(goSumdbCache).contains(u"lookup/example.com/!upper@v1.0.0"_s),
             qPrintable(filesBelow(goSumdbCache).join(u' ')));

    // 2. ModKeeper's client, on its own cache, writes the same files with the same bytes.
    const QString mkHome = dir.mkpath(u"mkhome"_s);
    SumDbClient::Options o;
    o.sumdb = mk::SumDbConfig::parse(gosumdb).value();
    o.goproxy = u"off"_s;
    o.gomodcache = mkHome + u"/gopath/pkg/mod"_s;
    o.sumdbDir = mkHome + u"/gopath/pkg/sumdb"_s;
    {
        auto c = client(o);
        for (const auto &info : goRun.modules) {
            const auto zip = c->checkHash(info.path, info.version, info.sum, false);
            QVERIFY2(zip.verdict == SumDbClient::Verdict::Ok, qPrintable(zip.error.message));
            const auto mod = c->checkHash(info.path, info.version, info.goModSum, true);
            QVERIFY2(mod.verdict == SumDbClient::Verdict::Ok, qPrintable(mod.error.message));
        }
    }
    const QString mkSumdbCache
        = mkHome + u"/gopath/pkg/mod/cache/download/sumdb/sumdb.example.test"_s;
    QCOMPARE(filesBelow(mkSumdbCache), filesBelow(goSumdbCache));
    for (const QString &f : filesBelow(goSumdbCache))
        QCOMPARE(readFile(mkSumdbCache + u'/' + f), readFile(goSumdbCache + u'/' + f));
    QCOMPARE(readFile(o.sumdbDir + u"/sumdb.example.test/latest"_s),
             readFile(goHome + u"/gopath/pkg/sumdb/sumdb.example.test/latest"_s));

    // 3. With the database gone, ModKeeper verifies from go's cache alone...
    server.reset();
    {
        SumDbClient::Options fromGo = o;
        fromGo.gomodcache = goHome + u"/gopath/pkg/mod"_s;
        fromGo.sumdbDir = goHome + u"/gopath/pkg/sumdb"_s;
        auto c = client(fromGo);
        for (const auto &info : goRun.modules) {
            QCOMPARE(c->checkHash(info.path, info.version, info.sum, false).verdict,
                     SumDbClient::Verdict::Ok);
            QCOMPARE(c->checkHash(info.path, info.version, info.goModSum, true).verdict,
                     SumDbClient::Verdict::Ok);
        }
        QCOMPARE(c->requestCount(), 0);
    }
    // ...and go from ModKeeper's cache alone...
    const auto offline = mk::test::GoTool::downloadModules(go, envFor(mkHome), modules);
    QVERIFY2(offline.ok(), qPrintable(offline.describe()));
    for (const auto &info : offline.modules)
        QVERIFY(!info.sum.isEmpty());
    // ...which it really needed: without that cache it cannot.
    const QString emptyHome = dir.mkpath(u"emptyhome"_s);
    const auto without = mk::test::GoTool::downloadModules(go, envFor(emptyHome), modules);
    QVERIFY(!without.ok());

    // 4. A database that lists another hash: go and ModKeeper refuse with the same words.
    SumDbTestServer liar(SumDbTestServer::fixtureSigner());
    const QString wrong = u"h1:BBBBYeznn6hEbOpZa9sIn4i42EoD1lRWEAZTaMtarD0="_s;
    const QString goModSum = goRun.modules.first().path == u"example.com/hello"
                                 ? goRun.modules.first().goModSum
                                 : goRun.modules.last().goModSum;
    liar.addModule(u"example.com/hello"_s, u"v1.0.0"_s, wrong, goModSum);
    ServerThread liarServer(QHostAddress::LocalHost, std::nullopt);
    liar.serveOn(liarServer.operator->());
    const QString liarHome = dir.mkpath(u"liarhome"_s);
    QProcessEnvironment env = envFor(liarHome);
    env.insert(u"GOSUMDB"_s, liar.verifierKey() + u' ' + liarServer.base());
    const auto refused
        = mk::test::GoTool::downloadModules(go, env, {u"example.com/hello@v1.0.0"_s});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.modules.size(), 1);
    SumDbClient::Options lo = o;
    lo.sumdb = mk::SumDbConfig::parse(liar.verifierKey() + u' ' + liarServer.base()).value();
    lo.gomodcache = dir.filePath(u"liarmk/mod"_s);
    lo.sumdbDir = dir.filePath(u"liarmk/sumdb"_s);
    const QString realSum = goRun.modules.first().path == u"example.com/hello"
                                ? goRun.modules.first().sum
                                : goRun.modules.last().sum;
    const auto mine = client(lo)->checkHash(u"example.com/hello"_s, u"v1.0.0"_s, realSum, false);
    QCOMPARE(mine.verdict, SumDbClient::Verdict::Mismatch);
    QCOMPARE(mine.error.message.trimmed(), refused.modules.first().error.trimmed());
}

QTEST_GUILESS_MAIN(SumDbTest)
#include "tst_sumdb.moc"
