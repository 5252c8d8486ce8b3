// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliContext.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace mk::cli {

Expected<QString> CliContext::modcache(const QString &explicitDir) const
{
    QString dir;
    if (!explicitDir.isEmpty()) {
        dir = QDir::cleanPath(QFileInfo(explicitDir).absoluteFilePath());
    } else {
        const Expected<QString> resolved = GoEnvironment::resolve(envInputs).gomodcache();
        if (!resolved.ok()) {
            Error e = resolved.error();
            e.message = u"GOMODCACHE: "_s + e.message;
            return e;
        }
        dir = resolved.value();
    }
    if (!QFileInfo(dir).isDir())
        return Error::make(Error::Code::NotFound, u"no such directory (GOMODCACHE)"_s, dir);
    return dir;
}

} // namespace mk::cli
