// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "keychain/Credential.h"
#include "proxy/HttpProxyEnvironment.h"
#include "proxy/SumDbConfig.h"
#include "sumdb/SumDbKey.h"
#include "sumdb/TlogTile.h"
#include "sumdb/TlogTree.h"

namespace mk {

class GoEnvironment;
class SumDbFetcher;

/// The checksum-database (GOSUMDB) client of golang.org/x/mod/sumdb.Client together with the
/// go command's side of it (cmd/go/internal/modfetch/sumdb.go), see go-cache-internals.md §4.4
/// and §1.6:
/// - the database is reached through `<proxy>/sumdb/<name>/supported` per GOPROXY entry
///   (200 -> use it; 404/410, or any error after '|' -> next; direct/off/end -> https://<name>),
///   unless GOSUMDB names a URL;
/// - lookups and verified tiles are cached exactly where go caches them
///   (GOMODCACHE/cache/download/sumdb/<name>/lookup/..., .../tile/8/...), so go reuses them;
/// - the latest signed tree head is kept in <GOPATH>/pkg/sumdb/<name>/latest and updated
///   compare-and-swap under go's lock; every new tree must be consistent with it, and a fork
///   is a Security error quoting both notes ("SECURITY ERROR\ngo.sum database server
///   misbehavior detected!");
/// - every record is proven included in the latest tree before its lines are used.
///
/// One client serves many lookups from many threads (share it through the shared_ptr). The
/// blocking calls are for worker threads: each runs its own QNetworkAccessManager in the
/// calling thread. The async calls run them on the core pool. Checks are never turned off on
/// an error, and nothing is retried without them.
class SumDbClient final : public std::enable_shared_from_this<SumDbClient>
{
public:
    struct Options
    {
        SumDbConfig sumdb;     ///< parsed GOSUMDB
        QString goproxy;       ///< GOPROXY as go resolves it
        QString gonoproxy;     ///< effective GONOPROXY (defaults to GOPRIVATE)
        QString gonosumdb;     ///< effective GONOSUMDB (defaults to GOPRIVATE)
        QString gomodcache;    ///< the lookup and tile cache lives below cache/download/sumdb
        QString sumdbDir;      ///< <first GOPATH entry>/pkg/sumdb (go's cfg.SumdbDir)
        int timeoutMs = 30000; ///< per HTTP request
        QHash<QString, Credential> credentials; ///< keychain key -> credential, https only
        QList<QSslCertificate> caCertificates;
        /// The outbound HTTP proxy rules (this process's HTTPS_PROXY/NO_PROXY by default).
        HttpProxyEnvironment proxyEnvironment = HttpProxyEnvironment::fromProcess();

        /// GOSUMDB, GOPROXY, GONOPROXY, GONOSUMDB, GOMODCACHE and GOPATH from a resolved go
        /// environment (its GONOPROXY/GONOSUMDB already default to GOPRIVATE).
        [[nodiscard]] static Expected<Options> fromEnvironment(const GoEnvironment &env);
    };

    /// How checkHash came out.
    enum class Verdict {
        Ok,       ///< the database lists exactly this hash
        Mismatch, ///< it lists another hash: error holds go's SECURITY ERROR text
        NotInDb,  ///< the database does not know this version (lookup 404/410), or lists no
                  ///< line of this kind for it (go accepts the latter silently)
        SkippedByGonosumdb, ///< the path matches GONOSUMDB (or GOPRIVATE): not checked
        Disabled,           ///< GOSUMDB=off: not checked
        Failed, ///< the check could not be done (network, bad server data, fork): see error
    };

    struct HashCheck
    {
        Verdict verdict = Verdict::Failed;
        QString dbLine; ///< the database's line for this version and kind, when it has one
        QString dbName;
        Error error; ///< for Mismatch and Failed; Security code for mismatches and forks;
                     ///< for NotInDb, the lookup's 404/410 (empty when the lines were absent)

        /// The database vouched for exactly this hash.
        [[nodiscard]] bool verified() const { return verdict == Verdict::Ok; }
        /// What go's checkSumDB decides: success for Ok, Skipped, Disabled and a known version
        /// without a line of this kind; the error for Mismatch, Failed and an unknown version
        /// (go fails the download when the lookup answers 404).
        [[nodiscard]] Status goStatus() const;
    };

    struct LookupResult
    {
        QStringList lines; ///< "path version h1:..." lines, verified
        Error error;       ///< NotFound when the database does not know the version
        [[nodiscard]] bool ok() const { return !error.isError(); }
    };

    using CancelFn = std::function<bool()>;

    /// Parses the verifier key. A GOSUMDB=off config gives a client whose calls say Disabled.
    [[nodiscard]] static Expected<std::shared_ptr<SumDbClient>> create(const Options &options);
    ~SumDbClient();
    SumDbClient(const SumDbClient &) = delete;
    SumDbClient &operator=(const SumDbClient &) = delete;

    [[nodiscard]] const Options &options() const { return m_options; }
    /// The database name ("sum.golang.org"); empty when GOSUMDB=off.
    [[nodiscard]] QString name() const { return m_options.sumdb.name(); }
    /// modfetch.useSumDB: GOSUMDB is not off and path does not match GONOSUMDB.
    [[nodiscard]] bool shouldCheck(const QString &path) const;

    /// Blocking (worker threads only). Lookup's semantics: version may end in "/go.mod";
    /// the result holds the database's lines for exactly that version and kind. Errors are
    /// prefixed "path@version: " as go prints them.
    [[nodiscard]] Expected<QStringList> lookup(const QString &path, const QString &version,
                                               const CancelFn &cancelled = {});
    /// Blocking: compares h1 ("h1:...") with the database's line for path@version (the go.mod
    /// line when isGoMod), as go's checkSumDB does.
    [[nodiscard]] HashCheck checkHash(const QString &path, const QString &version,
                                      const QString &h1, bool isGoMod,
                                      const CancelFn &cancelled = {});

    /// The database's h1 of the zip and of the go.mod of path@version (either may be empty).
    /// Both empty, without asking anyone, when GOSUMDB=off or GONOSUMDB/GOPRIVATE matches.
    [[nodiscard]] Expected<std::pair<QString, QString>> knownHashes(const QString &path,
                                                                    const QString &version,
                                                                    const CancelFn &cancelled = {});

    /// Adapters for hooks that take a std::function (the downloader's HashChecker, the verify
    /// job's SumLookup); they keep the client alive and block, so call them on a worker thread.
    /// Status(path, version, h1, goMod, bool *verified) with goStatus()'s semantics:
    [[nodiscard]] std::function<Status(const QString &, const QString &, const QString &, bool,
                                       bool *)>
    hashChecker(CancelFn cancelled = {});
    /// knownHashes() as a function.
    [[nodiscard]] std::function<Expected<std::pair<QString, QString>>(const QString &,
                                                                      const QString &)>
    hashLookup(CancelFn cancelled = {});

    /// The same on the core pool; cancel the future to abort the requests (a cancelled future
    /// has no result).
    [[nodiscard]] QFuture<LookupResult> lookupAsync(const QString &path, const QString &version);
    [[nodiscard]] QFuture<HashCheck> checkHashAsync(const QString &path, const QString &version,
                                                    const QString &h1, bool isGoMod);

    /// The base URL requests go to, once resolved (empty before the first network access).
    [[nodiscard]] QString baseUrl() const;
    /// HTTP requests sent so far by this client (tests: a cached lookup sends none).
    [[nodiscard]] int requestCount() const;

    /// Cache paths, relative to GOMODCACHE/cache/download/sumdb and to sumdbDir.
    [[nodiscard]] QString lookupCacheFile(const QString &path, const QString &version) const;
    [[nodiscard]] QString latestFile() const;

private:
    class Call;
    friend class Call;

    explicit SumDbClient(Options options, SumDbKey key);

    Status init(Call &call);
    Status mergeLatest(Call &call, const QByteArray &msg);
    Expected<int> mergeLatestMem(Call &call, const QByteArray &msg);
    Status checkTrees(Call &call, const TlogTree &older, const QByteArray &olderNote,
                      const TlogTree &newer, const QByteArray &newerNote);
    Status checkRecord(Call &call, qint64 id, const QByteArray &data);
    Expected<QByteArray> readTile(Call &call, const TlogTile &tile);
    void saveTiles(const QList<TlogTile> &tiles, const QList<QByteArray> &data);
    Expected<QByteArray> readRemote(Call &call, const QString &path);
    Status resolveBase(Call &call);

    // Files: go's lockedfile protocol (flock on the file itself).
    std::optional<QByteArray> readCache(const QString &file) const;
    void writeCache(const QString &file, const QByteArray &data) const;
    Expected<QByteArray> readConfig(const QString &file) const;
    /// Compare-and-swap: fails with Busy ("write conflict") when the file no longer holds old.
    Status writeConfig(const QString &file, const QByteArray &oldData,
                       const QByteArray &newData) const;

    const Options m_options;
    const SumDbKey m_key;

    mutable QMutex m_mutex; // guards everything below
    bool m_initDone = false;
    Error m_initError;
    TlogTree m_latest;
    QByteArray m_latestMsg;
    QHash<QString, QByteArray> m_records; // verified lookup responses by cache file
    QHash<TlogTile, QByteArray> m_tiles;  // tile data by tile (authenticated or not yet)
    QSet<TlogTile> m_tileSaved;
    bool m_baseResolved = false;
    QString m_base;
    Error m_baseError;
    int m_requests = 0;
};

} // namespace mk
