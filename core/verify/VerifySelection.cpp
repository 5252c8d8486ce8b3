// SPDX-License-Identifier: GPL-3.0-or-later
#include "VerifySelection.h"

#include <QFile>

#include "module/VersionPattern.h"

using namespace Qt::StringLiterals;

namespace mk {

QList<ModuleVersionRecord> VerifySelection::select(const QList<ModuleVersionRecord> &versions,
                                                   const QStringList &patterns,
                                                   QStringList *unmatched)
{
    if (patterns.isEmpty())
        return versions;
    QList<ModuleVersionRecord> out;
    QList<bool> used(patterns.size(), false);
    for (const ModuleVersionRecord &v : versions) {
        bool any = false;
        for (qsizetype i = 0; i < patterns.size(); ++i) {
            if (VersionPattern::matches(patterns.at(i), v.path, v.version)) {
                used[i] = true;
                any = true;
            }
        }
        if (any)
            out.append(v);
    }
    if (unmatched)
        for (qsizetype i = 0; i < patterns.size(); ++i)
            if (!used.at(i))
                unmatched->append(patterns.at(i));
    return out;
}

Expected<KnownSums> VerifySelection::readGoSums(const QStringList &files)
{
    KnownSums sums;
    for (const QString &name : files) {
        QFile f(name);
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(Error::Code::NotFound, f.errorString(), name);
        if (Status s = sums.addGoSum(f.readAll(), name); !s)
            return s.error();
    }
    return sums;
}

} // namespace mk
