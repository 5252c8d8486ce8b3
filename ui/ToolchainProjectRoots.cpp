// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainProjectRoots.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mk {

namespace {

const QString key = u"toolchains/projectRoots"_s;

} // namespace

QStringList ToolchainProjectRoots::load()
{
    return QSettings().value(key).toStringList();
}

void ToolchainProjectRoots::save(const QStringList &roots)
{
    QSettings().setValue(key, roots);
}

} // namespace mk
