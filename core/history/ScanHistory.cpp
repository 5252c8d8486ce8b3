// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScanHistory.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStandardPaths>

#include "common/AtomicFile.h"
#include "common/FileLock.h"
#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int LockTimeoutMs = 5000;
// A record line is well over this many bytes: a smaller file cannot need compaction.
constexpr qint64 MinLineBytes = 64;

Status writeAll(int fd, const QByteArray &data, const QString &path)
{
    // One write for the whole line: O_APPEND places it atomically after any other appender's.
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error::fromErrno(errno, path, u"write"_s);
        }
        done += n;
    }
    return {};
}

} // namespace

ScanHistory::ScanHistory(const QString &path) : m_path(path.isEmpty() ? defaultPath() : path) { }

QString ScanHistory::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + u"/scan-history.jsonl"_s;
}

Status ScanHistory::append(const HistoryRecord &record) const
{
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir))
        return Error::make(Error::Code::Io, u"cannot create the folder"_s, dir);
    // The lock keeps a compaction (a rename over the file) from swallowing a parallel append.
    const UniqueFd dirFd(
        ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dirFd.isValid())
        return Error::fromErrno(errno, dir, u"open"_s);
    const Expected<FileLock> lock = FileLock::acquire(
        dirFd.get(), QFile::encodeName(QFileInfo(m_path).fileName() + u".lock"_s).toStdString(),
        m_path, LockTimeoutMs);
    if (!lock.ok())
        return lock.error();

    const QByteArray name = QFile::encodeName(m_path);
    UniqueFd fd(::open(name.constData(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
    if (!fd.isValid())
        return Error::fromErrno(errno, m_path, u"open"_s);
    struct stat st{};
    if (::fstat(fd.get(), &st) != 0)
        return Error::fromErrno(errno, m_path, u"stat"_s);
    QByteArray line = record.toJsonLine();
    if (st.st_size > 0) {
        // A crash mid-append left a torn last line: end it, so this record stays whole.
        char last = '\n';
        if (::pread(fd.get(), &last, 1, st.st_size - 1) == 1 && last != '\n')
            line.prepend('\n');
    }
    if (Status s = writeAll(fd.get(), line, m_path); !s)
        return s;
    if (::fsync(fd.get()) != 0)
        return Error::fromErrno(errno, m_path, u"fsync"_s);
    return compactIfNeeded(qint64(st.st_size) + line.size());
}

Status ScanHistory::compactIfNeeded(qint64 fileSize) const
{
    const qint64 slack = m_maxPerCache + m_maxPerCache / 4;
    if (fileSize <= slack * MinLineBytes)
        return {};
    const Expected<HistoryRead> all = read();
    if (!all.ok())
        return all.error();
    QHash<QString, int> count;
    bool over = false;
    for (const HistoryRecord &r : all->records)
        over |= ++count[r.gomodcache] > slack;
    if (!over)
        return {};
    // Keep the newest m_maxPerCache of each cache, in file order; damaged lines go.
    QHash<QString, int> skip;
    for (auto it = count.cbegin(); it != count.cend(); ++it)
        skip.insert(it.key(), std::max(0, it.value() - m_maxPerCache));
    QByteArray content;
    for (const HistoryRecord &r : all->records) {
        int &s = skip[r.gomodcache];
        if (s > 0) {
            --s;
            continue;
        }
        content += r.toJsonLine();
    }
    return AtomicFile::write(m_path, content);
}

Expected<HistoryRead> ScanHistory::read(const QString &gomodcache) const
{
    const Expected<std::optional<QByteArray>> data = AtomicFile::read(m_path);
    if (!data.ok())
        return data.error();
    HistoryRead out;
    if (!data->has_value())
        return out;
    const QList<QByteArray> lines = data.value()->split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        const std::optional<HistoryRecord> r = HistoryRecord::fromJsonLine(lines[i]);
        if (!r)
            out.damagedLines.append(int(i + 1));
        else if (gomodcache.isEmpty() || r->gomodcache == gomodcache)
            out.records.append(*r);
    }
    return out;
}

} // namespace mk
