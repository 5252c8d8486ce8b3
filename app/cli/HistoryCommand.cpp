// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryCommand.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "history/ScanHistory.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

QString signedBytes(qint64 delta)
{
    if (delta == 0)
        return u"0"_s;
    const QString size = ScanReport::formatBytes(quint64(delta < 0 ? -delta : delta));
    return (delta < 0 ? u"-"_s : u"+"_s) + size;
}

QJsonObject recordJson(const HistoryRecord &r)
{
    QJsonObject o;
    o.insert(u"time"_s, ScanReport::isoUtc(r.time));
    o.insert(u"versions"_s, double(r.versions));
    o.insert(u"diskBytes"_s, double(r.diskBytes));
    QJsonObject kinds;
    for (int k = 0; k < HistoryRecord::KindCount; ++k)
        kinds.insert(toString(OtherKind(k)), double(r.otherBytes[size_t(k)]));
    o.insert(u"others"_s, kinds);
    o.insert(u"gocacheBytes"_s,
             r.gocacheBytes ? QJsonValue(double(*r.gocacheBytes)) : QJsonValue(QJsonValue::Null));
    return o;
}

} // namespace

int HistoryCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Show how the module cache grew: the totals every completed scan recorded."_s);
    const QCommandLineOption jsonOption(u"json"_s, CliMessages::jsonOption());
    const QCommandLineOption modcacheOption(
        u"modcache"_s, u"The history of DIR instead of the resolved GOMODCACHE."_s, u"DIR"_s);
    const QCommandLineOption limitOption(u"limit"_s, u"Show only the newest N scans."_s, u"N"_s);
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({jsonOption, modcacheOption, limitOption, helpOption});
    if (!parser.parse(QStringList{u"modkeeper-cli history"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"history"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(helpOption)) {
        ctx.out << CliMessages::usage(u"history"_s, u"[--json] [--modcache DIR] [--limit N]"_s)
                << "\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        ctx.err << CliMessages::prefix(u"history"_s)
                << CliMessages::unexpectedArgument(parser.positionalArguments().first()) << "\n";
        return UsageError;
    }
    qsizetype limit = -1;
    if (parser.isSet(limitOption)) {
        bool ok = false;
        limit = parser.value(limitOption).toInt(&ok);
        if (!ok || limit <= 0) {
            ctx.err << CliMessages::prefix(u"history"_s)
                    << "--limit: not a positive number: " << parser.value(limitOption) << "\n";
            return UsageError;
        }
    }

    // A cache that is gone still has its history: the folder need not exist.
    QString gomodcache;
    if (parser.isSet(modcacheOption)) {
        gomodcache = QDir::cleanPath(QFileInfo(parser.value(modcacheOption)).absoluteFilePath());
    } else {
        const Expected<QString> resolved = GoEnvironment::resolve(ctx.envInputs).gomodcache();
        if (!resolved.ok()) {
            ctx.err << CliMessages::prefix(u"history"_s)
                    << "GOMODCACHE: " << resolved.error().toString() << "\n";
            return Failure;
        }
        gomodcache = resolved.value();
    }

    const ScanHistory history;
    const Expected<HistoryRead> read = history.read(gomodcache);
    if (!read.ok()) {
        ctx.err << CliMessages::prefix(u"history"_s) << read.error().toString() << "\n";
        return Failure;
    }
    for (int line : read->damagedLines)
        ctx.err << CliMessages::warning() << history.path() << ":" << line
                << ": not a history record, skipped\n";
    QList<HistoryRecord> records = read->records;
    if (limit > 0 && records.size() > limit)
        records = records.mid(records.size() - limit);

    if (parser.isSet(jsonOption)) {
        QJsonArray list;
        for (const HistoryRecord &r : records)
            list.append(recordJson(r));
        QJsonObject root;
        root.insert(u"gomodcache"_s, gomodcache);
        root.insert(u"file"_s, history.path());
        root.insert(u"records"_s, list);
        ctx.out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return Success;
    }
    if (records.isEmpty()) {
        ctx.out << "No scans of " << gomodcache << " recorded yet.\n";
        return Success;
    }
    ctx.out << u"DATE (UTC)"_s.leftJustified(18) << u"VERSIONS"_s.rightJustified(9)
            << u"SIZE"_s.rightJustified(12) << u"CHANGE"_s.rightJustified(12) << "\n";
    // The change of the first shown record is against the one before it, when there is one.
    const qsizetype first = read->records.size() - records.size();
    for (qsizetype i = 0; i < records.size(); ++i) {
        const HistoryRecord &r = records[i];
        const qsizetype at = first + i;
        const QString change
            = at == 0 ? u"-"_s
                      : signedBytes(qint64(r.diskBytes) - qint64(read->records[at - 1].diskBytes));
        ctx.out << r.time.toString(u"yyyy-MM-dd HH:mm"_s).leftJustified(18)
                << QString::number(r.versions).rightJustified(9)
                << ScanReport::formatBytes(r.diskBytes).rightJustified(12)
                << change.rightJustified(12) << "\n";
    }
    return Success;
}

} // namespace mk::cli
