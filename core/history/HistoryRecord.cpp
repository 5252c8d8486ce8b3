// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryRecord.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace mk {

namespace {

// Sizes go through JSON doubles: exact up to 2^53 bytes (8 PiB).
bool readCount(const QJsonObject &o, const QString &key, quint64 *out)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != double(qint64(v.toDouble())))
        return false;
    *out = quint64(v.toDouble());
    return true;
}

} // namespace

HistoryRecord HistoryRecord::fromScan(const QString &gomodcache, const ScanTotals &totals,
                                      const QList<OtherEntry> &others, const QDateTime &time)
{
    HistoryRecord r;
    r.time = time.toUTC();
    r.gomodcache = gomodcache;
    r.versions = totals.versions;
    r.diskBytes = totals.diskBytes;
    r.addOthers(others);
    return r;
}

HistoryRecord HistoryRecord::fromScan(const ScanResult &result)
{
    return fromScan(result.gomodcache, result.totals, result.others,
                    QDateTime::currentDateTimeUtc());
}

void HistoryRecord::addOthers(const QList<OtherEntry> &others)
{
    for (const OtherEntry &e : others) {
        const int k = int(e.kind);
        if (k >= 0 && k < KindCount)
            otherBytes[size_t(k)] += e.diskBytes;
    }
}

QByteArray HistoryRecord::toJsonLine() const
{
    QJsonObject o;
    o.insert(u"time"_s, time.toUTC().toString(Qt::ISODate));
    o.insert(u"gomodcache"_s, gomodcache);
    o.insert(u"versions"_s, double(versions));
    o.insert(u"diskBytes"_s, double(diskBytes));
    QJsonObject kinds;
    for (int k = 0; k < KindCount; ++k)
        kinds.insert(toString(OtherKind(k)), double(otherBytes[size_t(k)]));
    o.insert(u"others"_s, kinds);
    if (gocacheBytes)
        o.insert(u"gocacheBytes"_s, double(*gocacheBytes));
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<HistoryRecord> HistoryRecord::fromJsonLine(const QByteArray &line)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    HistoryRecord r;
    r.time = QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODate);
    r.gomodcache = o.value(u"gomodcache"_s).toString();
    if (!r.time.isValid() || r.gomodcache.isEmpty() || !readCount(o, u"versions"_s, &r.versions)
        || !readCount(o, u"diskBytes"_s, &r.diskBytes))
        return std::nullopt;
    r.time = r.time.toUTC();
    const QJsonObject kinds = o.value(u"others"_s).toObject();
    for (int k = 0; k < KindCount; ++k) {
        quint64 bytes = 0;
        if (readCount(kinds, toString(OtherKind(k)), &bytes))
            r.otherBytes[size_t(k)] = bytes;
    }
    if (quint64 bytes = 0; readCount(o, u"gocacheBytes"_s, &bytes))
        r.gocacheBytes = bytes;
    return r;
}

} // namespace mk
