// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsFile.h"

#include <cerrno>
#include <cstring>

#include <QFile>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int maxBackups = 1000;

} // namespace

QString SettingsFile::defaultFileName()
{
    return QSettings().fileName();
}

Status SettingsFile::check(const QString &fileName)
{
    const QString file = fileName.isEmpty() ? defaultFileName() : fileName;
    const QFileInfo info(file);
    if (!info.exists() && !info.isSymLink())
        return {};
    {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            const int err = errno;
            return Error::make(
                f.error() == QFileDevice::PermissionsError ? Error::Code::Permission
                                                           : Error::Code::Io,
                u"cannot read the settings file (%1); nothing was changed"_s.arg(
                    err ? QString::fromLocal8Bit(std::strerror(err)) : f.errorString()),
                file);
        }
    }
    QSettings settings(file, QSettings::IniFormat);
    (void)settings.allKeys();
    switch (settings.status()) {
    case QSettings::NoError:
        return {};
    case QSettings::AccessError:
        return Error::make(Error::Code::Permission,
                           u"cannot read the settings file; nothing was changed"_s, file);
    case QSettings::FormatError:
        break;
    }
    // Corrupt: keep it aside under a name no earlier backup has (QFile::rename never replaces
    // an existing file), so the next write starts from defaults without destroying it.
    for (int i = 0; i < maxBackups; ++i) {
        const QString backup = file + (i == 0 ? u".bak"_s : u".bak.%1"_s.arg(i));
        if (QFileInfo::exists(backup) || QFileInfo(backup).isSymLink())
            continue;
        QFile f(file);
        if (f.rename(backup))
            return Error::make(
                Error::Code::Io,
                u"the settings file is corrupt and could not be read; it was moved to %1 and the defaults apply from now on"_s
                    .arg(backup),
                file);
        if (QFileInfo::exists(backup))
            continue; // someone made that backup meanwhile: take the next name
        return Error::make(
            Error::Code::Io,
            u"the settings file is corrupt and could not be read, and moving it to %1 failed (%2); nothing was changed"_s
                .arg(backup, f.errorString()),
            file);
    }
    return Error::make(
        Error::Code::Io,
        u"the settings file is corrupt and could not be read; too many backups exist already, nothing was changed"_s,
        file);
}

} // namespace mk
