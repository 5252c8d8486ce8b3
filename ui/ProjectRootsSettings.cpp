// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectRootsSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace mk {

namespace {

const QString rootsKey = u"projects/roots"_s;
// The Toolchains dialog's list before the Projects setting existed: read once as the choice.
const QString legacyKey = u"toolchains/projectRoots"_s;

} // namespace

QStringList ProjectRootsSettings::roots()
{
    QSettings settings;
    if (settings.contains(rootsKey))
        return settings.value(rootsKey).toStringList();
    if (settings.contains(legacyKey))
        return settings.value(legacyKey).toStringList();
    return {};
}

void ProjectRootsSettings::setRoots(const QStringList &roots)
{
    QStringList clean;
    for (const QString &root : roots) {
        const QString dir = QDir::cleanPath(root);
        if (!dir.isEmpty() && !clean.contains(dir))
            clean << dir;
    }
    QSettings settings;
    settings.setValue(rootsKey, clean);
    settings.remove(legacyKey);
}

bool ProjectRootsSettings::isConfigured()
{
    QSettings settings;
    return settings.contains(rootsKey) || settings.contains(legacyKey);
}

QStringList ProjectRootsSettings::proposals(const QString &home)
{
    const QDir base(home.isEmpty() ? QDir::homePath() : home);
    QStringList out;
    for (const QString &name : {u"go/src"_s, u"src"_s, u"code"_s, u"projects"_s, u"work"_s}) {
        const QString dir = QDir::cleanPath(base.filePath(name));
        if (QFileInfo(dir).isDir())
            out << dir;
    }
    return out;
}

} // namespace mk
