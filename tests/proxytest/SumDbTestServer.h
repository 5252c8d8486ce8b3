// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include "LoopbackHttpServer.h"
#include "module/ModulePath.h"
#include "sumdb/SumDbSigner.h"
#include "sumdb/Tlog.h"
#include "sumdb/TlogTile.h"
#include "sumdb/TlogTree.h"

namespace mk::test {

/// A checksum database for tests, built like x/mod's sumdb.TestServer: records appended in
/// order, RFC 6962 stored hashes, a tree note signed with a fixed Ed25519 key, served as
/// /lookup/<path>@<version> and /tile/8/... (hash and data tiles, every partial width) through
/// a LoopbackHttpServer. go-cache-internals.md §4.4 has the fixture this reproduces.
class SumDbTestServer final
{
public:
    static constexpr int TileHeight = 8;

    explicit SumDbTestServer(SumDbSigner signer) : m_signer(std::move(signer)) { }

    /// The fixture key: seed 00 01 ... 1f, name sumdb.example.test
    /// (sumdb.example.test+207ea956+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4).
    static SumDbSigner fixtureSigner(const QString &name = QStringLiteral("sumdb.example.test"))
    {
        QByteArray seed(32, '\0');
        for (int i = 0; i < 32; ++i)
            seed[i] = char(i);
        return SumDbSigner::fromSeed(name, seed).value();
    }

    [[nodiscard]] const SumDbSigner &signer() const { return m_signer; }
    [[nodiscard]] QString verifierKey() const { return m_signer.verifier().toString(); }

    /// Appends a record (go.sum lines, each ending in '\n') for path@version; returns its id.
    qint64 addRecord(const QString &path, const QString &version, const QByteArray &lines)
    {
        const qint64 id = m_records.size();
        m_records.append(lines);
        m_lookup.insert(path + u'@' + version, id);
        const Tlog::HashReader reader
            = [this](const QList<qint64> &indexes) -> Expected<QList<Tlog::Hash>> {
            QList<Tlog::Hash> out;
            for (const qint64 i : indexes)
                out.append(m_hashes.at(i));
            return out;
        };
        m_hashes.append(Tlog::storedHashes(id, lines, reader).value());
        return id;
    }
    /// The usual record: "<path> <version> <zipHash>\n<path> <version>/go.mod <modHash>\n".
    qint64 addModule(const QString &path, const QString &version, const QString &zipHash,
                     const QString &modHash)
    {
        return addRecord(path, version, goSumLines(path, version, zipHash, modHash));
    }
    static QByteArray goSumLines(const QString &path, const QString &version,
                                 const QString &zipHash, const QString &modHash)
    {
        return QString(path + u' ' + version + u' ' + zipHash + u'\n' + path + u' ' + version
                       + u"/go.mod " + modHash + u'\n')
            .toUtf8();
    }

    [[nodiscard]] qint64 size() const { return m_records.size(); }
    [[nodiscard]] Tlog::HashReader hashReader() const
    {
        return [this](const QList<qint64> &indexes) -> Expected<QList<Tlog::Hash>> {
            QList<Tlog::Hash> out;
            for (const qint64 i : indexes)
                out.append(m_hashes.at(i));
            return out;
        };
    }
    [[nodiscard]] TlogTree tree() const
    {
        TlogTree t;
        t.n = size();
        t.hash = Tlog::treeHash(t.n, hashReader()).value();
        return t;
    }
    [[nodiscard]] QByteArray signedTree() const
    {
        return m_signer.signNote(tree().format()).value();
    }

    /// The /lookup response body for record id: FormatRecord + the signed tree.
    [[nodiscard]] QByteArray lookupBody(qint64 id) const
    {
        return Tlog::formatRecord(id, m_records.at(id)).value() + signedTree();
    }
    [[nodiscard]] qint64 idOf(const QString &path, const QString &version) const
    {
        return m_lookup.value(path + u'@' + version, -1);
    }
    [[nodiscard]] QByteArray record(qint64 id) const { return m_records.at(id); }

    /// A hash tile's bytes, or a data tile (level -1): the records, each FormatRecord'ed.
    [[nodiscard]] QByteArray tileData(const TlogTile &t) const
    {
        if (t.l == -1) {
            QByteArray data;
            const qint64 start = t.n << t.h;
            for (qint64 i = 0; i < t.w; ++i)
                data += Tlog::formatRecord(start + i, m_records.at(start + i)).value();
            return data;
        }
        return TlogTile::readTileData(t, hashReader()).value();
    }

    /// Every path the server answers (without prefix) and its body.
    [[nodiscard]] QList<std::pair<QByteArray, QByteArray>> routes() const
    {
        QList<std::pair<QByteArray, QByteArray>> out;
        for (auto it = m_lookup.constBegin(); it != m_lookup.constEnd(); ++it) {
            const qsizetype at = it.key().lastIndexOf(u'@');
            const QString path = ModulePath::escapePath(it.key().left(at)).value();
            const QString version = ModulePath::escapeVersion(it.key().mid(at + 1)).value();
            out.append({(QStringLiteral("/lookup/") + path + u'@' + version).toUtf8(),
                        lookupBody(it.value())});
        }
        const qint64 n = size();
        // Every tile of the tree, with every partial width a client of a smaller tree could ask.
        for (int level = 0; (n >> (TileHeight * level)) > 0; ++level) {
            const qint64 count = n >> (TileHeight * level); // hashes at this tile level
            for (qint64 idx = 0; idx * (1 << TileHeight) < count; ++idx) {
                const qint64 avail
                    = std::min<qint64>(count - idx * (1 << TileHeight), 1 << TileHeight);
                for (int w = 1; w <= avail; ++w) {
                    const TlogTile t{TileHeight, level, idx, w};
                    out.append({(u'/' + t.path()).toUtf8(), tileData(t)});
                    if (level == 0) {
                        const TlogTile d{TileHeight, -1, idx, w};
                        out.append({(u'/' + d.path()).toUtf8(), tileData(d)});
                    }
                }
            }
        }
        out.append({QByteArray("/latest"), signedTree()});
        return out;
    }

    /// Registers every route on server below prefix ("" or "/sumdb/<name>"), longest paths
    /// first: LoopbackHttpServer matches by prefix, and ".p/1" must not answer ".p/12".
    /// Routes registered earlier (a test's tampered answers) take precedence.
    void serveOn(LoopbackHttpServer *server, const QByteArray &prefix = {}) const
    {
        QList<std::pair<QByteArray, QByteArray>> all = routes();
        std::stable_sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
            return a.first.size() > b.first.size();
        });
        for (const auto &[path, body] : std::as_const(all)) {
            LoopbackHttpServer::Response r;
            r.body = body;
            r.contentType = path.startsWith("/tile/") && !path.contains("/data/")
                                ? QByteArray("application/octet-stream")
                                : QByteArray("text/plain; charset=UTF-8");
            server->route(prefix + path, r);
        }
    }

private:
    SumDbSigner m_signer;
    QList<QByteArray> m_records;
    QList<Tlog::Hash> m_hashes;
    QHash<QString, qint64> m_lookup;
};

} // namespace mk::test
