// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScanReport.h"

#include <algorithm>
#include <map>

#include <QJsonArray>
#include <QLocale>

#include "module/Semver.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

QList<ModuleVersionRecord> sortedVersions(const ScanResult &result)
{
    QList<ModuleVersionRecord> versions = result.versions;
    std::sort(versions.begin(), versions.end(),
              [](const ModuleVersionRecord &a, const ModuleVersionRecord &b) {
                  if (a.path != b.path)
                      return a.path < b.path;
                  return Semver::compare(a.version, b.version) < 0;
              });
    return versions;
}

QJsonValue jsonTime(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(ScanReport::isoUtc(t)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString ScanReport::formatBytes(quint64 bytes)
{
    static const QLocale c(QLocale::C);
    return c.formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

QString ScanReport::isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QJsonObject ScanReport::toJson(const ScanResult &result)
{
    QJsonArray versions;
    for (const ModuleVersionRecord &r : sortedVersions(result)) {
        versions.append(QJsonObject{
            {u"path"_s, r.path},
            {u"version"_s, r.version},
            {u"state"_s, toString(r.state)},
            {u"diskBytes"_s, qint64(r.diskBytes)},
            {u"apparentBytes"_s, qint64(r.apparentBytes)},
            {u"files"_s, qint64(r.files)},
            {u"downloaded"_s, jsonTime(r.downloaded)},
            {u"lastUsed"_s, jsonTime(r.lastUsed)},
        });
    }
    QList<OtherEntry> others = result.others;
    std::sort(others.begin(), others.end(), [](const OtherEntry &a, const OtherEntry &b) {
        return a.kind != b.kind ? a.kind < b.kind : a.path < b.path;
    });
    QJsonArray other;
    for (const OtherEntry &e : others) {
        QJsonObject o{
            {u"kind"_s, toString(e.kind)},         {u"path"_s, e.path},
            {u"diskBytes"_s, qint64(e.diskBytes)}, {u"apparentBytes"_s, qint64(e.apparentBytes)},
            {u"files"_s, qint64(e.files)},
        };
        if (!e.detail.isEmpty())
            o.insert(u"detail"_s, e.detail);
        other.append(o);
    }
    QJsonArray issues;
    for (const ScanIssue &i : result.issues)
        issues.append(QJsonObject{{u"path"_s, i.path}, {u"error"_s, i.message}});

    return QJsonObject{
        {u"gomodcache"_s, result.gomodcache},
        {u"totalDiskBytes"_s, qint64(result.totals.diskBytes)},
        {u"totalApparentBytes"_s, qint64(result.totals.apparentBytes)},
        {u"totalFiles"_s, qint64(result.totals.files)},
        {u"atimeMode"_s, toString(result.atimeMode)},
        {u"versions"_s, versions},
        {u"other"_s, other},
        {u"issues"_s, issues},
    };
}

QString ScanReport::toTable(const ScanResult &result)
{
    const QList<ModuleVersionRecord> versions = sortedVersions(result);
    const QStringList header = {u"MODULE"_s, u"VERSION"_s,    u"STATE"_s,    u"SIZE"_s,
                                u"FILES"_s,  u"DOWNLOADED"_s, u"LAST USED"_s};
    const QString approx = result.atimeMode == AtimeMode::Relatime ? u"~"_s : QString();
    auto date = [](const QDateTime &t) {
        return t.isValid() ? t.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) : u"-"_s;
    };

    QList<QStringList> rows;
    rows.reserve(versions.size());
    for (const ModuleVersionRecord &r : versions) {
        rows.append({r.path, r.version, toString(r.state), formatBytes(r.diskBytes),
                     QString::number(r.files), date(r.downloaded),
                     r.lastUsed.isValid() ? approx + date(r.lastUsed) : u"-"_s});
    }
    QList<qsizetype> widths(header.size());
    for (qsizetype c = 0; c < header.size(); ++c)
        widths[c] = header[c].size();
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());

    QString out;
    auto line = [&](const QStringList &cells) {
        QString l;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const bool numeric = c == 3 || c == 4;
            l += numeric ? cells[c].rightJustified(widths[c]) : cells[c].leftJustified(widths[c]);
            if (c + 1 < cells.size())
                l += u"  "_s;
        }
        out += l.trimmed() + u'\n';
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);

    quint64 versionBytes = 0;
    for (const ModuleVersionRecord &r : versions)
        versionBytes += r.diskBytes;
    std::map<OtherKind, std::pair<int, quint64>> kinds;
    for (const OtherEntry &e : result.others) {
        kinds[e.kind].first += 1;
        kinds[e.kind].second += e.diskBytes;
    }
    out += u"\n%1 versions in %2 modules: %3\n"_s.arg(versions.size())
               .arg([&] {
                   QSet<QString> modules;
                   for (const ModuleVersionRecord &r : versions)
                       modules.insert(r.path);
                   return modules.size();
               }())
               .arg(formatBytes(versionBytes));
    for (const auto &[kind, count] : kinds)
        out += u"%1: %2 (%3)\n"_s.arg(toString(kind))
                   .arg(count.first)
                   .arg(formatBytes(count.second));
    out += u"total on disk: %1 (%2 bytes) in %3\n"_s.arg(formatBytes(result.totals.diskBytes))
               .arg(result.totals.diskBytes)
               .arg(result.gomodcache);
    if (result.atimeMode == AtimeMode::Relatime)
        out += u"last used: approximate, about a day (the filesystem is mounted relatime)\n"_s;
    else if (result.atimeMode == AtimeMode::NoAtime)
        out += u"last used: not tracked (the filesystem is mounted noatime)\n"_s;
    return out;
}

} // namespace mk
