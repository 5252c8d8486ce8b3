// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectCache.h"

#include <sys/stat.h>

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include "common/AtomicFile.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int formatVersion = 1;

QCborMap needToCbor(const ProjectNeed &n)
{
    return QCborMap{{u"p"_s, n.path}, {u"v"_s, n.version}, {u"c"_s, n.how == NeedHow::Code}};
}

ProjectNeed needFromCbor(const QCborValue &v)
{
    return {v[u"p"_s].toString(), v[u"v"_s].toString(),
            v[u"c"_s].toBool() ? NeedHow::Code : NeedHow::GoMod};
}

} // namespace

QString ProjectCache::defaultFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/projects.cbor"_s;
}

QList<ProjectCache::Stamp> ProjectCache::stampsOf(const QStringList &files)
{
    QList<Stamp> out;
    out.reserve(files.size());
    for (const QString &f : files) {
        Stamp s{f};
        struct stat st;
        if (::stat(QFile::encodeName(f).constData(), &st) == 0) {
            s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
            s.size = st.st_size;
        }
        out.append(s);
    }
    return out;
}

ProjectCache::ProjectCache(QString file, QString key)
    : m_file(std::move(file)), m_key(std::move(key))
{ }

void ProjectCache::load()
{
    m_loaded.clear();
    const Expected<std::optional<QByteArray>> data = AtomicFile::read(m_file);
    if (!data || !*data)
        return;
    const QCborValue root = QCborValue::fromCbor(**data);
    if (root[u"format"_s].toInteger() != formatVersion || root[u"key"_s].toString() != m_key)
        return; // another cache, another go: read everything again
    for (const QCborValue &e : root[u"projects"_s].toArray()) {
        Entry entry;
        entry.info.dir = e[u"dir"_s].toString();
        entry.info.module = e[u"module"_s].toString();
        entry.info.goVersion = e[u"go"_s].toString();
        entry.info.toolchain = e[u"toolchain"_s].toString();
        for (const QCborValue &n : e[u"needs"_s].toArray())
            entry.info.needs.append(needFromCbor(n));
        for (const QCborValue &s : e[u"stamps"_s].toArray())
            entry.stamps.append({s[0].toString(), s[1].toInteger(), s[2].toInteger()});
        m_loaded.insert(entry.info.dir, entry);
    }
}

std::optional<ProjectInfo> ProjectCache::lookup(const QString &dir,
                                                const QList<Stamp> &stamps) const
{
    const auto it = m_loaded.constFind(dir);
    if (it == m_loaded.cend() || it->stamps != stamps)
        return std::nullopt;
    m_used.insert(dir, *it);
    return it->info;
}

void ProjectCache::store(const ProjectInfo &info, const QList<Stamp> &stamps)
{
    if (!info.error.isEmpty() || !info.missing.isEmpty())
        return; // read again next time: the cache may have been filled
    Entry e{info, stamps};
    e.info.missing.clear(); // the cache's content changes: missing is checked on every run
    m_kept.insert(info.dir, e);
}

bool ProjectCache::save() const
{
    QCborArray projects;
    QHash<QString, Entry> all = m_used;
    all.insert(m_kept);
    for (const Entry &e : std::as_const(all)) {
        QCborArray needs;
        for (const ProjectNeed &n : e.info.needs)
            needs.append(needToCbor(n));
        QCborArray stamps;
        for (const Stamp &s : e.stamps)
            stamps.append(QCborArray{s.file, s.mtimeNs, s.size});
        projects.append(QCborMap{{u"dir"_s, e.info.dir},
                                 {u"module"_s, e.info.module},
                                 {u"go"_s, e.info.goVersion},
                                 {u"toolchain"_s, e.info.toolchain},
                                 {u"needs"_s, needs},
                                 {u"stamps"_s, stamps}});
    }
    const QCborMap root{{u"format"_s, formatVersion}, {u"key"_s, m_key}, {u"projects"_s, projects}};
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    return bool(AtomicFile::write(m_file, root.toCborValue().toCbor()));
}

} // namespace mk
