// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScratchDir.h"

#include <linux/magic.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <QDir>
#include <QTemporaryDir>

#include "TreeRemover.h"

using namespace Qt::StringLiterals;

namespace mk::test {

namespace {

QString baseFor(ScratchDir::Location location)
{
    if (location == ScratchDir::Location::Memory) {
        struct statfs fs;
        if (::statfs("/dev/shm", &fs) == 0 && fs.f_type == TMPFS_MAGIC
            && ::access("/dev/shm", W_OK | X_OK) == 0)
            return u"/dev/shm"_s;
    }
    return QDir::tempPath();
}

} // namespace

ScratchDir::ScratchDir(const QString &name, Location location)
{
    QTemporaryDir dir(baseFor(location) + u'/' + name + u"-XXXXXX"_s);
    if (!dir.isValid())
        return;
    dir.setAutoRemove(false);
    // Canonical: /tmp may be a symlink, and scanners report canonical paths.
    m_path = QDir(dir.path()).canonicalPath();
    if (qEnvironmentVariableIsSet("MODKEEPER_KEEP_TEST_DIRS"))
        m_autoRemove = false;
}

ScratchDir::~ScratchDir()
{
    if (m_autoRemove && !m_path.isEmpty())
        TreeRemover::removeAll(m_path);
}

QString ScratchDir::filePath(const QString &relative) const
{
    return m_path + u'/' + relative;
}

QString ScratchDir::mkpath(const QString &relative) const
{
    const QString p = filePath(relative);
    return QDir().mkpath(p) ? p : QString();
}

} // namespace mk::test
