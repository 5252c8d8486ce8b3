// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliReport.h"

#include <algorithm>

#include <QJsonArray>

#include "module/VersionPattern.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

QString CliReport::versions(qsizetype n)
{
    return n == 1 ? u"1 version"_s : u"%1 versions"_s.arg(n);
}

QString CliReport::summary(qsizetype total, qsizetype failed)
{
    return failed > 0 ? versions(total) + u", %1 failed"_s.arg(failed) : versions(total);
}

QStringList CliReport::unmatched(const QList<ModuleVersionRecord> &versions,
                                 const QStringList &patterns)
{
    QStringList out;
    for (const QString &p : patterns) {
        if (std::none_of(versions.begin(), versions.end(), [&](const ModuleVersionRecord &v) {
                return VersionPattern::matches(p, v.path, v.version);
            }))
            out.append(p);
    }
    return out;
}

QString CliReport::unmatchedMessage(const QString &pattern)
{
    return u"no version in the cache matches "_s + pattern;
}

void CliReport::printUnmatched(QTextStream &err, const QString &command,
                               const QStringList &unmatched)
{
    for (const QString &p : unmatched)
        err << "modkeeper-cli " << command << ": " << unmatchedMessage(p) << "\n";
}

void CliReport::addUnmatched(QJsonObject &doc, const QStringList &unmatched)
{
    if (unmatched.isEmpty())
        return;
    QStringList messages;
    for (const QString &p : unmatched)
        messages.append(unmatchedMessage(p));
    doc.insert(u"error"_s, messages.join(u'\n'));
    doc.insert(u"unmatched"_s, QJsonArray::fromStringList(unmatched));
}

} // namespace mk::cli
