// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrashMove.h"

#include <atomic>
#include <cerrno>
#include <cstdio> // renameat2
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDateTime>
#include <QFile>

#include "common/SafeFs.h"
#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

std::pair<std::string, std::string> splitParent(const std::string &rel)
{
    const size_t slash = rel.rfind('/');
    if (slash == std::string::npos)
        return {std::string(), rel};
    return {rel.substr(0, slash), rel.substr(slash + 1)};
}

} // namespace

TrashMove::TrashMove(int rootFd, int trashFd, const QString &gomodcache)
    : m_root(rootFd), m_trash(trashFd), m_gomodcache(gomodcache)
{ }

QString TrashMove::absolute(const std::string &rel) const
{
    return m_gomodcache + u'/' + QFile::decodeName(QByteArray::fromStdString(rel));
}

bool TrashMove::moveInAt(int parentFd, const std::string &name, const std::string &trashName) const
{
    return SafeFs::makeWritable(parentFd, name.c_str())
           && ::renameat(parentFd, name.c_str(), m_trash, trashName.c_str()) == 0;
}

Status TrashMove::moveIn(const std::string &rel, const std::string &trashName,
                         const QString &what) const
{
    const auto [parentRel, name] = splitParent(rel);
    const UniqueFd parent = parentRel.empty() ? UniqueFd(::fcntl(m_root, F_DUPFD_CLOEXEC, 0))
                                              : SafeFs::openDirBeneath(m_root, parentRel.c_str());
    if (!parent.isValid() || !moveInAt(parent.get(), name, trashName))
        return Error::fromErrno(errno, absolute(rel), what);
    return {};
}

bool TrashMove::moveBackAt(const std::string &trashName, int parentFd, const std::string &name,
                           mode_t mode) const
{
    if (!SafeFs::makeWritable(m_trash, trashName.c_str())
        || ::renameat2(m_trash, trashName.c_str(), parentFd, name.c_str(), RENAME_NOREPLACE) != 0)
        return false;
    if (mode != 0)
        (void)::fchmodat(parentFd, name.c_str(), mode & 07777, 0);
    return true;
}

Status TrashMove::moveBack(const std::string &trashName, const std::string &rel, mode_t mode) const
{
    const auto [parentRel, name] = splitParent(rel);
    if (!parentRel.empty() && !SafeFs::makeDirsBeneath(m_root, parentRel.c_str()))
        return Error::fromErrno(errno, absolute(parentRel));
    const UniqueFd parent = parentRel.empty() ? UniqueFd(::fcntl(m_root, F_DUPFD_CLOEXEC, 0))
                                              : SafeFs::openDirBeneath(m_root, parentRel.c_str());
    if (!parent.isValid())
        return Error::fromErrno(errno, absolute(parentRel));
    if (!moveBackAt(trashName, parent.get(), name, mode))
        return Error::fromErrno(errno, absolute(rel),
                                u"cannot move the tree back from the trash"_s);
    return {};
}

std::string TrashMove::uniqueName(const std::string &purpose)
{
    static std::atomic<unsigned> counter{0};
    return purpose + '-' + std::to_string(::getpid()) + '-'
           + std::to_string(QDateTime::currentMSecsSinceEpoch()) + '-'
           + std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
}

} // namespace mk
