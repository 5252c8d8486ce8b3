// SPDX-License-Identifier: GPL-3.0-or-later
#include "SumDbClient.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>
#include <QPromise>
#include <QRandomGenerator>
#include <QtConcurrent>

#include "common/CorePool.h"
#include "common/SafeFs.h"
#include "env/GoEnvironment.h"
#include "module/ModulePath.h"
#include "proxy/ProxyList.h"
#include "sumdb/SumDbFetcher.h"
#include "sumdb/SumDbNote.h"
#include "sumdb/TileHashReader.h"
#include "sumdb/Tlog.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int tileHeight = 8;

enum When {
    MsgPast = 1,
    MsgNow,
    MsgFuture
};

const QString writeConflict = u"write conflict"_s;

// go's sumdbMismatch text, after "checksum mismatch ...".
constexpr auto sumdbMismatch
    = u"\n\nSECURITY ERROR\n"
      "This download does NOT match the one reported by the checksum server.\n"
      "The bits may have been replaced on the origin server, or an attacker may\n"
      "have intercepted the download attempt.\n\n"
      "For more information, see 'go help module-auth'.\n";

Error withPrefix(Error e, const QString &prefix)
{
    e.message = prefix + e.message;
    return e;
}

QByteArray indent(const QByteArray &b)
{
    QByteArray out = b;
    out.replace('\n', "\n\t");
    return out;
}

QString joinUrl(const QString &base, const QString &path)
{
    QString b = base;
    while (b.endsWith(u'/'))
        b.chop(1);
    QString p = path;
    while (p.startsWith(u'/'))
        p.remove(0, 1);
    return b + u'/' + p;
}

// The whole content of an open fd.
std::optional<QByteArray> readAllFd(int fd)
{
    QByteArray data;
    char buf[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return std::nullopt;
        }
        if (n == 0)
            return data;
        data.append(buf, n);
    }
}

bool writeAllFd(int fd, const QByteArray &data)
{
    qsizetype off = 0;
    while (off < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + off, size_t(data.size() - off));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        off += n;
    }
    return true;
}

bool lockFd(int fd, int op)
{
    while (::flock(fd, op) != 0) {
        if (errno != EINTR)
            return false;
    }
    return true;
}

UniqueFd openDir(const QString &path)
{
    return SafeFs::openPath(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
}

} // namespace

// One blocking operation: its fetcher (with a QNetworkAccessManager living in the calling
// thread), its cancel check, and the tile reader the tlog code reads through.
class SumDbClient::Call final : public TileHashReader::TileReader
{
public:
    Call(SumDbClient &client, const CancelFn &cancelled)
        : m_client(client), m_fetcher(fetcherOptions(client.m_options, cancelled))
    { }
    ~Call() override
    {
        QMutexLocker lock(&m_client.m_mutex);
        m_client.m_requests += m_fetcher.requestCount();
    }

    [[nodiscard]] int height() const override { return tileHeight; }
    [[nodiscard]] Expected<QList<QByteArray>> readTiles(const QList<TlogTile> &tiles) override
    {
        QList<QByteArray> data;
        data.reserve(tiles.size());
        for (const TlogTile &t : tiles) {
            Expected<QByteArray> d = m_client.readTile(*this, t);
            if (!d)
                return d.error();
            data.append(*d);
        }
        return data;
    }
    void saveTiles(const QList<TlogTile> &tiles, const QList<QByteArray> &data) override
    {
        m_client.saveTiles(tiles, data);
    }

    SumDbFetcher &fetcher() { return m_fetcher; }

private:
    static SumDbFetcher::Options fetcherOptions(const SumDbClient::Options &o,
                                                const CancelFn &cancelled)
    {
        SumDbFetcher::Options f;
        f.timeoutMs = o.timeoutMs;
        f.credentials = o.credentials;
        f.caCertificates = o.caCertificates;
        f.proxyEnvironment = o.proxyEnvironment;
        f.cancelled = cancelled;
        return f;
    }

    SumDbClient &m_client;
    SumDbFetcher m_fetcher;
};

Status SumDbClient::HashCheck::goStatus() const
{
    if (verdict == Verdict::Mismatch || verdict == Verdict::Failed || error.isError())
        return error;
    return {};
}

Expected<SumDbClient::Options> SumDbClient::Options::fromEnvironment(const GoEnvironment &env)
{
    Expected<SumDbConfig> cfg = SumDbConfig::parse(env.value(u"GOSUMDB"_s));
    if (!cfg)
        return cfg.error();
    Options o;
    o.sumdb = *cfg;
    o.goproxy = env.value(u"GOPROXY"_s);
    o.gonoproxy = env.value(u"GONOPROXY"_s);
    o.gonosumdb = env.value(u"GONOSUMDB"_s);
    const Expected<QString> modcache = env.gomodcache();
    if (!modcache)
        return modcache.error();
    o.gomodcache = *modcache;
    const QString gopath
        = env.value(u"GOPATH"_s).split(QDir::listSeparator(), Qt::SkipEmptyParts).value(0);
    if (gopath.isEmpty())
        return Error::make(Error::Code::InvalidArgument,
                           u"could not locate sumdb file: missing $GOPATH"_s, u"GOPATH"_s);
    o.sumdbDir = gopath + u"/pkg/sumdb"_s;
    return o;
}

SumDbClient::SumDbClient(Options options, SumDbKey key)
    : m_options(std::move(options)), m_key(std::move(key))
{ }

SumDbClient::~SumDbClient() = default;

Expected<std::shared_ptr<SumDbClient>> SumDbClient::create(const Options &options)
{
    SumDbKey key;
    if (!options.sumdb.isOff()) {
        const Expected<SumDbKey> parsed = SumDbKey::parse(options.sumdb.key());
        if (!parsed)
            return withPrefix(parsed.error(), u"invalid GOSUMDB: "_s);
        key = *parsed;
    }
    return std::shared_ptr<SumDbClient>(new SumDbClient(options, key));
}

bool SumDbClient::shouldCheck(const QString &path) const
{
    return !m_options.sumdb.isOff() && !ModulePath::matchPrefixPatterns(m_options.gonosumdb, path);
}

QString SumDbClient::baseUrl() const
{
    QMutexLocker lock(&m_mutex);
    return m_base;
}

int SumDbClient::requestCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

QString SumDbClient::lookupCacheFile(const QString &path, const QString &version) const
{
    QString v = version;
    if (v.endsWith(u"/go.mod"))
        v.chop(7);
    const Expected<QString> epath = ModulePath::escapePath(path);
    const Expected<QString> evers = ModulePath::escapeVersion(v);
    if (!epath || !evers)
        return {};
    return name() + u"/lookup/"_s + *epath + u'@' + *evers;
}

QString SumDbClient::latestFile() const
{
    return name() + u"/latest"_s;
}

// ---- files -------------------------------------------------------------------------------

std::optional<QByteArray> SumDbClient::readCache(const QString &file) const
{
    // ReadCache: lockedfile.Read under GOMODCACHE/cache/download/sumdb; an empty file counts as
    // absent (lockedfile.Write creates before it locks). No GOMODCACHE, no cache: never the
    // current directory.
    if (m_options.gomodcache.isEmpty())
        return std::nullopt;
    const UniqueFd root = openDir(m_options.gomodcache + u"/cache/download/sumdb"_s);
    if (!root.isValid())
        return std::nullopt;
    const UniqueFd fd
        = SafeFs::openBeneath(root.get(), QFile::encodeName(file).constData(), O_RDONLY);
    if (!fd.isValid() || !lockFd(fd.get(), LOCK_SH))
        return std::nullopt;
    std::optional<QByteArray> data = readAllFd(fd.get());
    if (!data || data->isEmpty())
        return std::nullopt;
    return data;
}

void SumDbClient::writeCache(const QString &file, const QByteArray &data) const
{
    // Only verified data gets here. Written to a temporary file and renamed, so a reader (go
    // included) never sees a torn tile or lookup, even after a crash.
    if (m_options.gomodcache.isEmpty())
        return;
    const QString rootPath = m_options.gomodcache + u"/cache/download/sumdb"_s;
    if (!QDir().mkpath(rootPath))
        return;
    const UniqueFd root = openDir(rootPath);
    if (!root.isValid())
        return;
    const QString dir = QFileInfo(file).path();
    if (!SafeFs::makeDirsBeneath(root.get(), QFile::encodeName(dir).constData()))
        return;
    const UniqueFd dirFd = SafeFs::openDirBeneath(root.get(), QFile::encodeName(dir).constData());
    if (!dirFd.isValid())
        return;
    const QByteArray base = QFile::encodeName(QFileInfo(file).fileName());
    const QByteArray tmp
        = '.' + base + ".tmp-" + QByteArray::number(QRandomGenerator::global()->generate(), 16);
    const UniqueFd out(::openat(dirFd.get(), tmp.constData(),
                                O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (!out.isValid())
        return;
    const bool ok = writeAllFd(out.get(), data);
    if (!ok || ::renameat(dirFd.get(), tmp.constData(), dirFd.get(), base.constData()) != 0)
        ::unlinkat(dirFd.get(), tmp.constData(), 0);
}

Expected<QByteArray> SumDbClient::readConfig(const QString &file) const
{
    if (m_options.sumdbDir.isEmpty())
        return Error::make(Error::Code::InvalidArgument,
                           u"could not locate sumdb file: missing $GOPATH"_s);
    const UniqueFd root = openDir(m_options.sumdbDir);
    if (!root.isValid()) {
        if (errno == ENOENT)
            return QByteArray(); // bootstrap: no latest tree yet
        return Error::fromErrno(errno, m_options.sumdbDir);
    }
    const UniqueFd fd
        = SafeFs::openBeneath(root.get(), QFile::encodeName(file).constData(), O_RDONLY);
    if (!fd.isValid()) {
        if (errno == ENOENT)
            return QByteArray();
        return Error::fromErrno(errno, m_options.sumdbDir + u'/' + file);
    }
    if (!lockFd(fd.get(), LOCK_SH))
        return Error::fromErrno(errno, m_options.sumdbDir + u'/' + file, u"lock"_s);
    const std::optional<QByteArray> data = readAllFd(fd.get());
    if (!data)
        return Error::fromErrno(errno, m_options.sumdbDir + u'/' + file, u"read"_s);
    return *data;
}

Status SumDbClient::writeConfig(const QString &file, const QByteArray &oldData,
                                const QByteArray &newData) const
{
    // go's dbClient.WriteConfig: lockedfile.Edit (exclusive flock on the file itself), compare,
    // truncate, write. The same file and lock, so go and ModKeeper never lose each other's
    // updates.
    const QString display = m_options.sumdbDir + u'/' + file;
    if (m_options.sumdbDir.isEmpty())
        return Error::make(Error::Code::InvalidArgument,
                           u"could not locate sumdb file: missing $GOPATH"_s);
    if (!QDir().mkpath(m_options.sumdbDir))
        return Error::make(Error::Code::Io, u"cannot create directory"_s, m_options.sumdbDir);
    const UniqueFd root = openDir(m_options.sumdbDir);
    if (!root.isValid())
        return Error::fromErrno(errno, m_options.sumdbDir);
    const QString dir = QFileInfo(file).path();
    if (!SafeFs::makeDirsBeneath(root.get(), QFile::encodeName(dir).constData()))
        return Error::fromErrno(errno, display, u"mkdir"_s);
    const UniqueFd fd = SafeFs::openBeneath(root.get(), QFile::encodeName(file).constData(),
                                            O_RDWR | O_CREAT, 0666);
    if (!fd.isValid())
        return Error::fromErrno(errno, display, u"open"_s);
    if (!lockFd(fd.get(), LOCK_EX))
        return Error::fromErrno(errno, display, u"lock"_s);
    const std::optional<QByteArray> data = readAllFd(fd.get());
    if (!data)
        return Error::fromErrno(errno, display, u"read"_s);
    if (!data->isEmpty() && *data != oldData)
        return Error::make(Error::Code::Busy, writeConflict, display);
    if (::lseek(fd.get(), 0, SEEK_SET) < 0 || ::ftruncate(fd.get(), 0) != 0
        || !writeAllFd(fd.get(), newData) || ::fsync(fd.get()) != 0) {
        return Error::fromErrno(errno, display, u"write"_s);
    }
    return {};
}

// ---- network -----------------------------------------------------------------------------

Status SumDbClient::resolveBase(Call &call)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_baseResolved)
            return m_baseError.isError() ? Status(m_baseError) : Status();
    }
    QString base;
    Error baseError;
    if (!m_options.sumdb.explicitUrl().isEmpty()) {
        // An explicit URL in GOSUMDB bypasses the proxies.
        base = m_options.sumdb.explicitUrl();
    } else {
        // initBase: TryProxies over <proxy>/sumdb/<name>/supported.
        const Expected<ProxyList> list = ProxyList::parse(m_options.goproxy, m_options.gonoproxy);
        if (!list) {
            baseError = list.error();
        } else {
            enum Rank {
                NotExistRank,
                ProxyRank,
                DirectRank
            };
            Error bestErr = Error::make(Error::Code::NotFound, u"no proxies"_s);
            Rank bestRank = NotExistRank;
            bool found = false;
            for (const ProxyList::Entry &e : list->entries()) {
                Error err;
                bool isDirect = false;
                switch (e.kind) {
                case ProxyList::Entry::Kind::NoProxy:
                    err = Error::make(Error::Code::NotFound,
                                      u"path does not match GOPRIVATE/GONOPROXY"_s);
                    break;
                case ProxyList::Entry::Kind::Direct:
                case ProxyList::Entry::Kind::Off:
                    isDirect = e.kind == ProxyList::Entry::Kind::Direct;
                    err = Error::make(Error::Code::NotFound, u"proxy off"_s);
                    break;
                case ProxyList::Entry::Kind::Proxy: {
                    const QString supported
                        = joinUrl(e.url, u"sumdb/"_s + name() + u"/supported"_s);
                    const Expected<QByteArray> got = call.fetcher().get(supported);
                    if (got) {
                        base = joinUrl(e.url, u"sumdb/"_s + name());
                        found = true;
                    } else {
                        err = got.error();
                    }
                    break;
                }
                }
                if (found)
                    break;
                if (err.code == Error::Code::Cancelled) {
                    bestErr = err;
                    bestRank = ProxyRank;
                    break;
                }
                const bool notExist = err.code == Error::Code::NotFound;
                if (isDirect) {
                    bestErr = err;
                    bestRank = DirectRank;
                } else if (bestRank <= ProxyRank && !notExist) {
                    bestErr = err;
                    bestRank = ProxyRank;
                } else if (bestRank == NotExistRank) {
                    bestErr = err;
                }
                if (!e.fallBackOnError && !notExist)
                    break;
            }
            if (!found) {
                if (bestErr.code == Error::Code::NotFound)
                    base = u"https://"_s + name(); // no proxy helps: connect directly
                else
                    baseError = bestErr;
            }
        }
    }
    QMutexLocker lock(&m_mutex);
    if (baseError.code == Error::Code::Cancelled)
        return baseError; // not remembered: a later call may try again
    if (!m_baseResolved) {
        m_baseResolved = true;
        m_base = base;
        m_baseError = baseError;
    }
    return m_baseError.isError() ? Status(m_baseError) : Status();
}

Expected<QByteArray> SumDbClient::readRemote(Call &call, const QString &path)
{
    if (Status st = resolveBase(call); !st)
        return st.error();
    return call.fetcher().get(joinUrl(baseUrl(), path));
}

// ---- the client algorithm (sumdb.Client) -------------------------------------------------

Status SumDbClient::init(Call &call)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_initDone)
            return m_initError.isError() ? Status(m_initError) : Status();
    }
    Status st;
    const Expected<QByteArray> data = readConfig(latestFile());
    if (!data)
        st = data.error();
    else
        st = mergeLatest(call, *data);
    QMutexLocker lock(&m_mutex);
    if (!st && st.error().code == Error::Code::Cancelled)
        return st;
    if (!m_initDone) {
        m_initDone = true;
        if (!st)
            m_initError = withPrefix(st.error(), u"initializing sumdb.Client: "_s);
    }
    return m_initError.isError() ? Status(m_initError) : Status();
}

Status SumDbClient::mergeLatest(Call &call, const QByteArray &msg)
{
    const Expected<int> when = mergeLatestMem(call, msg);
    if (!when)
        return when.error();
    if (*when != MsgFuture)
        return {}; // msg matched our present or was in the past: nothing to write

    // Flush the extended timeline to the config file, merging updates made there meanwhile
    // (writeConfig is a compare-and-swap).
    for (int attempt = 0; attempt < 100; ++attempt) {
        const Expected<QByteArray> stored = readConfig(latestFile());
        if (!stored)
            return stored.error();
        const Expected<int> w = mergeLatestMem(call, *stored);
        if (!w)
            return w.error();
        if (*w != MsgPast)
            return {};
        QByteArray latestMsg;
        {
            QMutexLocker lock(&m_mutex);
            latestMsg = m_latestMsg;
        }
        const Status st = writeConfig(latestFile(), *stored, latestMsg);
        if (st || st.error().code != Error::Code::Busy || st.error().message != writeConflict)
            return st;
    }
    return Error::make(Error::Code::Busy, writeConflict, m_options.sumdbDir + u'/' + latestFile());
}

Expected<int> SumDbClient::mergeLatestMem(Call &call, const QByteArray &msg)
{
    if (msg.isEmpty()) {
        // The unsigned, empty timeline.
        QMutexLocker lock(&m_mutex);
        return m_latest.n == 0 ? int(MsgNow) : int(MsgPast);
    }
    const Expected<SumDbNote> note = SumDbNote::open(msg, {m_key});
    if (!note) {
        Error e = note.error();
        e.message = u"reading tree note: %1\nnote:\n%2"_s.arg(e.message, QString::fromUtf8(msg));
        return e;
    }
    const Expected<TlogTree> tree = TlogTree::parse(note->text());
    if (!tree) {
        Error e = tree.error();
        e.message
            = u"reading tree: %1\ntree:\n%2"_s.arg(e.message, QString::fromUtf8(note->text()));
        return e;
    }

    TlogTree latest;
    QByteArray latestMsg;
    {
        QMutexLocker lock(&m_mutex);
        latest = m_latest;
        latestMsg = m_latestMsg;
    }
    for (;;) {
        // An old-looking tree head must be on our timeline.
        if (tree->n <= latest.n) {
            if (Status st = checkTrees(call, *tree, msg, latest, latestMsg); !st)
                return st.error();
            return tree->n < latest.n ? int(MsgPast) : int(MsgNow);
        }
        // A new one: we must be on its timeline; then move ours forward.
        if (Status st = checkTrees(call, latest, latestMsg, *tree, msg); !st)
            return st.error();
        QMutexLocker lock(&m_mutex);
        if (m_latest == latest) {
            m_latest = *tree;
            m_latestMsg = msg;
            return int(MsgFuture);
        }
        latest = m_latest;
        latestMsg = m_latestMsg;
    }
}

Status SumDbClient::checkTrees(Call &call, const TlogTree &older, const QByteArray &olderNote,
                               const TlogTree &newer, const QByteArray &newerNote)
{
    TileHashReader thr(newer, call);
    const Expected<Tlog::Hash> h = Tlog::treeHash(older.n, thr.hashReader());
    if (!h) {
        if (older.n == newer.n)
            return withPrefix(h.error(), u"checking tree#%1: "_s.arg(older.n));
        return withPrefix(h.error(),
                          u"checking tree#%1 against tree#%2: "_s.arg(older.n).arg(newer.n));
    }
    if (*h == older.hash)
        return {};

    // A fork in the timeline: report both notes and the proof, which only needs the tiles
    // already read for the tree hash.
    QByteArray buf = "SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n";
    buf += "old database:\n\t" + indent(olderNote) + '\n';
    buf += "new database:\n\t" + indent(newerNote) + '\n';
    buf += "proof of misbehavior:\n\t" + Tlog::hashToString(*h).toLatin1();
    const Expected<Tlog::Proof> p = Tlog::proveTree(newer.n, older.n, thr.hashReader());
    if (!p) {
        buf += "\tinternal error: " + p.error().message.toUtf8() + '\n';
    } else if (!Tlog::checkTree(*p, newer.n, newer.hash, older.n, *h)) {
        buf += "\tinternal error: generated inconsistent proof\n";
    } else {
        for (const Tlog::Hash &ph : *p)
            buf += "\n\t" + Tlog::hashToString(ph).toLatin1();
    }
    return Error::make(Error::Code::Security, QString::fromUtf8(buf), name());
}

Status SumDbClient::checkRecord(Call &call, qint64 id, const QByteArray &data)
{
    TlogTree latest;
    {
        QMutexLocker lock(&m_mutex);
        latest = m_latest;
    }
    if (id >= latest.n)
        return Error::make(Error::Code::Security,
                           u"cannot validate record %1 in tree of size %2"_s.arg(id).arg(latest.n));
    TileHashReader thr(latest, call);
    const Expected<QList<Tlog::Hash>> hashes = thr.readHashes({Tlog::storedHashIndex(0, id)});
    if (!hashes)
        return hashes.error();
    if (hashes->at(0) == Tlog::recordHash(data))
        return {};
    return Error::make(Error::Code::Security,
                       u"cannot authenticate record data in server response"_s);
}

Expected<QByteArray> SumDbClient::readTile(Call &call, const TlogTile &tile)
{
    {
        QMutexLocker lock(&m_mutex);
        if (const auto it = m_tiles.constFind(tile); it != m_tiles.constEnd())
            return *it;
    }
    const auto remember = [this, &tile](const QByteArray &data, bool saved) {
        QMutexLocker lock(&m_mutex);
        m_tiles.insert(tile, data);
        if (saved)
            m_tileSaved.insert(tile);
        return data;
    };
    const QString cacheKey = name() + u'/' + tile.path();
    if (const std::optional<QByteArray> data = readCache(cacheKey))
        return remember(*data, true);

    // The full tile in the cache: it was authenticated when saved, so is its prefix.
    TlogTile full = tile;
    full.w = 1 << tile.h;
    const qsizetype prefixBytes = qsizetype(tile.w) * Tlog::HashSize;
    if (!(tile == full)) {
        if (const std::optional<QByteArray> data = readCache(name() + u'/' + full.path());
            data && data->size() >= prefixBytes) {
            return remember(data->left(prefixBytes), true); // do not save the partial tile later
        }
    }

    const Expected<QByteArray> remote = readRemote(call, u"/"_s + tile.path());
    if (remote)
        return remember(*remote, false);
    if (remote.error().code == Error::Code::Cancelled)
        return remote.error();
    // A partial tile that is gone should be because the tile is complete now.
    if (!(tile == full)) {
        const Expected<QByteArray> fullRemote = readRemote(call, u"/"_s + full.path());
        if (fullRemote && fullRemote->size() >= prefixBytes)
            return remember(fullRemote->left(prefixBytes), false);
    }
    // A missing tile is a broken server, never "the database does not know this version".
    Error e = remote.error();
    if (e.code == Error::Code::NotFound)
        e.code = Error::Code::Network;
    return e;
}

void SumDbClient::saveTiles(const QList<TlogTile> &tiles, const QList<QByteArray> &data)
{
    QList<qsizetype> save;
    {
        QMutexLocker lock(&m_mutex);
        for (qsizetype i = 0; i < tiles.size(); ++i) {
            if (!m_tileSaved.contains(tiles.at(i))) {
                m_tileSaved.insert(tiles.at(i));
                save.append(i);
            }
        }
    }
    for (const qsizetype i : save)
        writeCache(name() + u'/' + tiles.at(i).path(), data.at(i));
}

Expected<QStringList> SumDbClient::lookup(const QString &path, const QString &version,
                                          const CancelFn &cancelled)
{
    if (m_options.sumdb.isOff())
        return Error::make(Error::Code::Unsupported, u"checksum database disabled by GOSUMDB=off"_s,
                           path);
    if (ModulePath::matchPrefixPatterns(m_options.gonosumdb, path))
        return Error::make(Error::Code::Refused, u"skipped (listed in GONOSUMDB)"_s, path);

    const QString prefix = path + u'@' + version + u": "_s;
    Call call(*this, cancelled);
    if (Status st = init(call); !st)
        return withPrefix(st.error(), prefix);

    QString bare = version;
    if (bare.endsWith(u"/go.mod"))
        bare.chop(7);
    const Expected<QString> epath = ModulePath::escapePath(path);
    if (!epath)
        return withPrefix(epath.error(), prefix);
    const Expected<QString> evers = ModulePath::escapeVersion(bare);
    if (!evers)
        return withPrefix(evers.error(), prefix);
    const QString remotePath = u"/lookup/"_s + *epath + u'@' + *evers;
    const QString file = name() + remotePath;

    QByteArray data;
    {
        QMutexLocker lock(&m_mutex);
        data = m_records.value(file);
    }
    if (data.isEmpty()) {
        bool writeToCache = false;
        if (const std::optional<QByteArray> cached = readCache(file)) {
            data = *cached;
        } else {
            const Expected<QByteArray> remote = readRemote(call, remotePath);
            if (!remote)
                return withPrefix(remote.error(), prefix);
            data = *remote;
            writeToCache = true;
        }

        // Validate the record before using it for anything.
        const Expected<Tlog::Record> rec = Tlog::parseRecord(data);
        if (!rec)
            return withPrefix(rec.error(), prefix);
        if (Status st = mergeLatest(call, rec->rest); !st)
            return withPrefix(st.error(), prefix);
        if (Status st = checkRecord(call, rec->id, rec->text); !st)
            return withPrefix(st.error(), prefix);
        // Verified: only now does it go to the on-disk cache.
        if (writeToCache)
            writeCache(file, data);
        QMutexLocker lock(&m_mutex);
        m_records.insert(file, data);
    }

    // The lines for exactly this version and kind (with or without /go.mod).
    const QString linePrefix = path + u' ' + version + u' ';
    QStringList lines;
    for (const QString &line : QString::fromUtf8(data).split(u'\n')) {
        if (line.startsWith(linePrefix))
            lines.append(line);
    }
    return lines;
}

SumDbClient::HashCheck SumDbClient::checkHash(const QString &path, const QString &version,
                                              const QString &h1, bool isGoMod,
                                              const CancelFn &cancelled)
{
    HashCheck r;
    r.dbName = name();
    if (m_options.sumdb.isOff()) {
        r.verdict = Verdict::Disabled;
        return r;
    }
    if (ModulePath::matchPrefixPatterns(m_options.gonosumdb, path)) {
        r.verdict = Verdict::SkippedByGonosumdb;
        return r;
    }
    const QString noun = isGoMod ? u"go.mod"_s : u"module"_s;
    const QString vers = isGoMod ? version + u"/go.mod"_s : version;
    const QString versionError = path + u'@' + version + u": verifying "_s + noun + u": "_s;

    const Expected<QStringList> lines = lookup(path, vers, cancelled);
    if (!lines) {
        r.error = withPrefix(lines.error(), versionError);
        r.verdict
            = lines.error().code == Error::Code::NotFound ? Verdict::NotInDb : Verdict::Failed;
        return r;
    }
    const QString have = path + u' ' + vers + u' ' + h1;
    const QString prefix = path + u' ' + vers + u" h1:"_s;
    for (const QString &line : *lines) {
        if (line == have) {
            r.verdict = Verdict::Ok;
            r.dbLine = line;
            return r;
        }
        if (line.startsWith(prefix)) {
            r.verdict = Verdict::Mismatch;
            r.dbLine = line;
            r.error = Error::make(Error::Code::Security,
                                  versionError
                                      + u"checksum mismatch\n\tdownloaded: %1\n\t%2: %3"_s.arg(
                                          h1, name(), line.mid(prefix.size() - 3))
                                      + QString::fromUtf16(sumdbMismatch),
                                  path + u'@' + version);
            return r;
        }
    }
    r.verdict = Verdict::NotInDb;
    return r;
}

Expected<std::pair<QString, QString>> SumDbClient::knownHashes(const QString &path,
                                                               const QString &version,
                                                               const CancelFn &cancelled)
{
    if (!shouldCheck(path))
        return std::pair<QString, QString>();
    std::pair<QString, QString> out;
    for (const bool goMod : {false, true}) {
        const QString vers = goMod ? version + u"/go.mod"_s : version;
        const Expected<QStringList> lines = lookup(path, vers, cancelled);
        if (!lines)
            return lines.error();
        const QString prefix = path + u' ' + vers + u" h1:"_s;
        for (const QString &line : *lines) {
            if (line.startsWith(prefix)) {
                (goMod ? out.second : out.first) = line.mid(prefix.size() - 3);
                break;
            }
        }
    }
    return out;
}

std::function<Status(const QString &, const QString &, const QString &, bool, bool *)> SumDbClient::
    hashChecker(CancelFn cancelled)
{
    return [self = shared_from_this(), cancelled](const QString &path, const QString &version,
                                                  const QString &h1, bool goMod, bool *verified) {
        const HashCheck r = self->checkHash(path, version, h1, goMod, cancelled);
        if (verified)
            *verified = r.verified();
        return r.goStatus();
    };
}

std::function<Expected<std::pair<QString, QString>>(const QString &, const QString &)> SumDbClient::
    hashLookup(CancelFn cancelled)
{
    return [self = shared_from_this(), cancelled](const QString &path, const QString &version) {
        return self->knownHashes(path, version, cancelled);
    };
}

QFuture<SumDbClient::LookupResult> SumDbClient::lookupAsync(const QString &path,
                                                            const QString &version)
{
    return QtConcurrent::run(CorePool::instance(), [self = shared_from_this(), path,
                                                    version](QPromise<LookupResult> &promise) {
        const Expected<QStringList> r
            = self->lookup(path, version, [&promise] { return promise.isCanceled(); });
        LookupResult out;
        if (r)
            out.lines = *r;
        else
            out.error = r.error();
        promise.addResult(out);
    });
}

QFuture<SumDbClient::HashCheck> SumDbClient::checkHashAsync(const QString &path,
                                                            const QString &version,
                                                            const QString &h1, bool isGoMod)
{
    return QtConcurrent::run(CorePool::instance(), [self = shared_from_this(), path, version, h1,
                                                    isGoMod](QPromise<HashCheck> &promise) {
        promise.addResult(self->checkHash(path, version, h1, isGoMod,
                                          [&promise] { return promise.isCanceled(); }));
    });
}

} // namespace mk
