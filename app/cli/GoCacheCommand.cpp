// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoCacheCommand.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "gocache/ByteSize.h"
#include "gocache/GoCacheCleaner.h"
#include "gocache/GoCacheFiles.h"
#include "gocache/GoCacheStats.h"
#include "gocache/GoCacheTrimmer.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

QJsonValue isoFromNs(std::optional<qint64> ns)
{
    if (!ns)
        return QJsonValue::Null;
    return ScanReport::isoUtc(QDateTime::fromMSecsSinceEpoch(*ns / 1000000, Qt::UTC));
}

QString textTime(std::optional<qint64> ns)
{
    if (!ns)
        return u"never"_s;
    return QDateTime::fromMSecsSinceEpoch(*ns / 1000000, Qt::UTC)
        .toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
}

std::optional<qint64> secondsToNs(std::optional<qint64> s)
{
    if (!s)
        return std::nullopt;
    return *s * 1000000000LL;
}

QJsonArray issuesJson(const QStringList &issues)
{
    QJsonArray a;
    for (const QString &i : issues)
        a.append(i);
    return a;
}

Expected<QString> resolveGocache(const CliContext &ctx, const QString &explicitDir)
{
    if (!explicitDir.isEmpty())
        return QDir::cleanPath(QFileInfo(explicitDir).absoluteFilePath());
    const Expected<QString> resolved = GoEnvironment::resolve(ctx.envInputs).gocache();
    if (!resolved.ok()) {
        Error e = resolved.error();
        e.message = u"GOCACHE: "_s + e.message;
        return e;
    }
    return resolved.value();
}

int showStats(CliContext &ctx, const QString &dir, int days, bool json, bool named)
{
    GoCacheStats s = GoCacheStatsJob::run(dir);
    if (!named && s.error.code == Error::Code::NotFound && s.issues.isEmpty()) {
        // go creates GOCACHE on its first build: the configured cache not being there yet means
        // empty, as go clean -cache sees it. A folder named with --gocache must exist.
        ctx.err << "note: " << dir << " does not exist yet (go has built nothing here)\n";
        s.error = Error();
    }
    if (s.error.isError()) {
        ctx.err << "modkeeper-cli gocache: " << s.error.toString() << "\n";
        return Failure;
    }
    const GoCacheStats::Estimate est = s.trimAt(days);
    const QList<GoCacheStats::Bucket> buckets = s.histogram();
    if (json) {
        QJsonArray ages;
        for (const GoCacheStats::Bucket &b : buckets)
            ages.append(QJsonObject{{u"fromDays"_s, b.fromDays},
                                    {u"toDays"_s, b.toDays < 0 ? QJsonValue() : b.toDays},
                                    {u"entries"_s, qint64(b.entries)},
                                    {u"diskBytes"_s, qint64(b.diskBytes)}});
        ctx.out << QJsonDocument(QJsonObject{
                                     {u"gocache"_s, dir},
                                     {u"diskBytes"_s, qint64(s.diskBytes)},
                                     {u"apparentBytes"_s, qint64(s.apparentBytes)},
                                     {u"files"_s, qint64(s.files)},
                                     {u"directories"_s, qint64(s.directories)},
                                     {u"entries"_s, qint64(s.entries())},
                                     {u"actionEntries"_s, qint64(s.actionEntries)},
                                     {u"outputEntries"_s, qint64(s.outputEntries)},
                                     {u"entryDiskBytes"_s, qint64(s.entryDiskBytes)},
                                     {u"lastUsedAges"_s, ages},
                                     {u"lastTrim"_s, isoFromNs(secondsToNs(s.lastTrimUnix))},
                                     {u"testCacheExpiry"_s, isoFromNs(s.testExpireNs)},
                                     {u"trimEstimate"_s,
                                      QJsonObject{{u"olderThanDays"_s, days},
                                                  {u"cutoff"_s, isoFromNs(est.cutoffNs)},
                                                  {u"entries"_s, qint64(est.entries())},
                                                  {u"actions"_s, qint64(est.actions)},
                                                  {u"outputs"_s, qint64(est.outputs)},
                                                  {u"diskBytes"_s, qint64(est.diskBytes)}}},
                                     {u"issues"_s, issuesJson(s.issues)},
                                 })
                       .toJson(QJsonDocument::Indented);
    } else {
        ctx.out << "GOCACHE " << dir << "\n"
                << "  size on disk   " << ScanReport::formatBytes(s.diskBytes) << " ("
                << s.diskBytes << " bytes, " << s.files << " files)\n"
                << "  entries        " << s.entries() << " (" << s.actionEntries << " actions, "
                << s.outputEntries << " outputs)\n"
                << "  last used:\n";
        for (const GoCacheStats::Bucket &b : buckets) {
            const QString range = b.toDays < 0 ? u">= %1 days"_s.arg(b.fromDays)
                                               : u"%1-%2 days"_s.arg(b.fromDays).arg(b.toDays);
            ctx.out << "    " << range.leftJustified(12)
                    << QString::number(b.entries).rightJustified(9) << "  "
                    << ScanReport::formatBytes(b.diskBytes) << "\n";
        }
        ctx.out << "  last go trim   " << textTime(secondsToNs(s.lastTrimUnix)) << "\n"
                << "  test cache     "
                << (s.testExpireNs ? u"results before "_s + textTime(s.testExpireNs) + u" ignored"_s
                                   : u"no expiry set"_s)
                << "\n"
                << "  trim --older-than " << days << " would free "
                << ScanReport::formatBytes(est.diskBytes) << " (" << est.entries() << " entries)\n";
        for (const QString &i : s.issues)
            ctx.err << "warning: " << i << "\n";
    }
    return s.issues.isEmpty() ? Success : Failure;
}

int trim(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption olderThan(
        u"older-than"_s, u"Remove entries go last used more than DAYS days ago (go's Trim)."_s,
        u"DAYS"_s);
    const QCommandLineOption maxSize(
        u"max-size"_s,
        u"Then remove least recently used entries until GOCACHE is under SIZE (5G, 512MiB)."_s,
        u"SIZE"_s);
    const QCommandLineOption dryRun(u"dry-run"_s, u"Only report what would be removed."_s);
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption gocacheOption(
        u"gocache"_s, u"Work on DIR instead of the resolved GOCACHE."_s, u"DIR"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({olderThan, maxSize, dryRun, json, gocacheOption, help});
    if (!parser.parse(QStringList{u"modkeeper-cli gocache trim"_s} + args)) {
        ctx.err << "modkeeper-cli gocache trim: " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: modkeeper-cli gocache trim (--older-than DAYS | --max-size SIZE) "
                   "[--dry-run] [--json]\n\n"
                   "--older-than removes exactly what go's own trim removes with that limit: the\n"
                   "action and output entries last used (mtime) before now - DAYS days - 1 hour,\n"
                   "then writes trim.txt like go. --max-size removes the least recently used\n"
                   "entries first, never one used within the last hour. Safe while go runs.\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        ctx.err << "modkeeper-cli gocache trim: unexpected argument \""
                << parser.positionalArguments().first() << "\"\n";
        return UsageError;
    }
    GoCacheTrimmer::Options options;
    if (parser.isSet(olderThan)) {
        bool ok = false;
        const int days = parser.value(olderThan).toInt(&ok);
        if (!ok || days < 0) {
            ctx.err << "modkeeper-cli gocache trim: --older-than wants a number of days, not \""
                    << parser.value(olderThan) << "\"\n";
            return UsageError;
        }
        options.olderThanDays = days;
    }
    if (parser.isSet(maxSize)) {
        const Expected<quint64> size = ByteSize::parse(parser.value(maxSize));
        if (!size.ok()) {
            ctx.err << "modkeeper-cli gocache trim: --max-size: " << size.error().toString()
                    << "\n";
            return UsageError;
        }
        options.maxBytes = size.value();
    }
    if (!options.olderThanDays && !options.maxBytes) {
        ctx.err << "modkeeper-cli gocache trim: give --older-than DAYS or --max-size SIZE\n";
        return UsageError;
    }
    const Expected<QString> dir = resolveGocache(ctx, parser.value(gocacheOption));
    if (!dir.ok()) {
        ctx.err << "modkeeper-cli gocache trim: " << dir.error().toString() << "\n";
        return Failure;
    }
    options.gocache = dir.value();
    options.dryRun = parser.isSet(dryRun);
    const GoCacheTrimResult r = GoCacheTrimmer::run(options);
    if (r.error.isError()) {
        ctx.err << "modkeeper-cli gocache trim: " << r.error.toString() << "\n";
        return Failure;
    }
    if (parser.isSet(json)) {
        QJsonObject o{
            {u"gocache"_s, r.dir},
            {u"dryRun"_s, r.dryRun},
            {u"olderThanDays"_s, r.olderThanDays ? QJsonValue(*r.olderThanDays) : QJsonValue()},
            {u"maxBytes"_s, r.maxBytes ? QJsonValue(qint64(*r.maxBytes)) : QJsonValue()},
            {u"cutoff"_s, r.cutoffNs ? isoFromNs(r.cutoffNs) : QJsonValue()},
            {u"entriesBefore"_s, qint64(r.entriesBefore)},
            {u"entriesRemoved"_s, qint64(r.entriesRemoved())},
            {u"actionsRemoved"_s, qint64(r.actionsRemoved)},
            {u"outputsRemoved"_s, qint64(r.outputsRemoved)},
            {u"keptInUse"_s, qint64(r.keptInUse)},
            {u"bytesFreed"_s, qint64(r.bytesFreed)},
            {u"diskBytesBefore"_s, qint64(r.diskBytesBefore)},
            {u"diskBytesAfter"_s, qint64(r.diskBytesAfter)},
            {u"capReached"_s, r.capReached},
            {u"trimFileWritten"_s, r.trimFileWritten},
            {u"issues"_s, issuesJson(r.issues)}};
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
    } else {
        ctx.out << (r.dryRun ? "would remove " : "removed ") << r.entriesRemoved() << " of "
                << r.entriesBefore << " entries (" << r.actionsRemoved << " actions, "
                << r.outputsRemoved << " outputs), " << ScanReport::formatBytes(r.bytesFreed)
                << (r.dryRun ? "" : " freed") << "; GOCACHE "
                << ScanReport::formatBytes(r.diskBytesBefore) << " -> "
                << ScanReport::formatBytes(r.diskBytesAfter) << "\n";
        if (r.keptInUse)
            ctx.out << r.keptInUse << " entries were kept: go used them during the trim\n";
        if (r.maxBytes && !r.capReached)
            ctx.out << "GOCACHE is still over " << ScanReport::formatBytes(*r.maxBytes)
                    << ": the rest was used within the last hour\n";
        for (const QString &i : r.issues)
            ctx.err << "warning: " << i << "\n";
    }
    return r.issues.isEmpty() && !r.cancelled ? Success : Failure;
}

int clean(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption test(u"test"_s,
                                  u"Expire cached test results only, like go clean -testcache."_s);
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption gocacheOption(
        u"gocache"_s, u"Work on DIR instead of the resolved GOCACHE."_s, u"DIR"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({test, json, gocacheOption, help});
    if (!parser.parse(QStringList{u"modkeeper-cli gocache clean"_s} + args)) {
        ctx.err << "modkeeper-cli gocache clean: " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: modkeeper-cli gocache clean [--test] [--json]\n\n"
                   "Without --test, removes what go clean -cache removes (the 00..ff\n"
                   "subdirectories and log.txt; README, trim.txt and testexpire.txt stay).\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        ctx.err << "modkeeper-cli gocache clean: unexpected argument \""
                << parser.positionalArguments().first() << "\"\n";
        return UsageError;
    }
    const Expected<QString> dir = resolveGocache(ctx, parser.value(gocacheOption));
    if (!dir.ok()) {
        ctx.err << "modkeeper-cli gocache clean: " << dir.error().toString() << "\n";
        return Failure;
    }
    const GoCacheCleanResult r = parser.isSet(test) ? GoCacheCleaner::cleanTestCache(dir.value())
                                                    : GoCacheCleaner::cleanCache(dir.value());
    if (r.error.isError()) {
        ctx.err << "modkeeper-cli gocache clean: " << r.error.toString() << "\n";
        return Failure;
    }
    if (parser.isSet(json)) {
        ctx.out << QJsonDocument(QJsonObject{{u"gocache"_s, r.dir},
                                             {u"testCacheOnly"_s, r.testCacheOnly},
                                             {u"filesRemoved"_s, qint64(r.filesRemoved)},
                                             {u"bytesFreed"_s, qint64(r.bytesFreed)},
                                             {u"testCacheExpiry"_s, isoFromNs(r.testExpireNs)},
                                             {u"issues"_s, issuesJson(r.issues)}})
                       .toJson(QJsonDocument::Indented);
    } else if (r.testCacheOnly) {
        ctx.out << "test results cached before " << textTime(r.testExpireNs)
                << " will be ignored\n";
    } else {
        ctx.out << "build cache cleaned: " << r.filesRemoved << " files, "
                << ScanReport::formatBytes(r.bytesFreed) << " freed\n";
        for (const QString &i : r.issues)
            ctx.err << "warning: " << i << "\n";
    }
    return r.ok() ? Success : Failure;
}

} // namespace

int GoCacheCommand::run(CliContext &ctx)
{
    const QString sub = ctx.args.isEmpty() ? QString() : ctx.args.first();
    if (sub == u"trim")
        return trim(ctx, ctx.args.mid(1));
    if (sub == u"clean")
        return clean(ctx, ctx.args.mid(1));

    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption days(
        u"days"_s, u"Estimate what trim --older-than DAYS would free (default 5, go's)."_s,
        u"DAYS"_s, QString::number(GoCacheFiles::TrimLimitDays));
    const QCommandLineOption gocacheOption(
        u"gocache"_s, u"Work on DIR instead of the resolved GOCACHE."_s, u"DIR"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({json, days, gocacheOption, help});
    if (!parser.parse(QStringList{u"modkeeper-cli gocache"_s} + ctx.args)) {
        ctx.err << "modkeeper-cli gocache: " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: modkeeper-cli gocache [--json] [--days N]\n"
                   "       modkeeper-cli gocache trim (--older-than DAYS | --max-size SIZE) "
                   "[--dry-run] [--json]\n"
                   "       modkeeper-cli gocache clean [--test] [--json]\n\n"
                   "The go build cache (GOCACHE): size (as du -s -B1), entries, how long ago go\n"
                   "last used them, go's last trim (trim.txt) and the test cache expiry\n"
                   "(testexpire.txt).\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        ctx.err << "modkeeper-cli gocache: unknown subcommand \""
                << parser.positionalArguments().first() << "\" (trim, clean)\n";
        return UsageError;
    }
    bool ok = false;
    const int n = parser.value(days).toInt(&ok);
    if (!ok || n < 0) {
        ctx.err << "modkeeper-cli gocache: --days wants a number of days\n";
        return UsageError;
    }
    const Expected<QString> dir = resolveGocache(ctx, parser.value(gocacheOption));
    if (!dir.ok()) {
        ctx.err << "modkeeper-cli gocache: " << dir.error().toString() << "\n";
        return Failure;
    }
    return showStats(ctx, dir.value(), n, parser.isSet(json), parser.isSet(gocacheOption));
}

} // namespace mk::cli
