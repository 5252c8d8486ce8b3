// SPDX-License-Identifier: GPL-3.0-or-later
#include "PurgeCommand.h"

#include <optional>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/CliReport.h"
#include "cli/ProjectsCommand.h"
#include "purge/CacheGuard.h"
#include "purge/PurgeAll.h"
#include "purge/PurgeJob.h"
#include "purge/PurgePlanner.h"
#include "purge/TrashReaper.h"
#include "scan/CacheScanner.h"
#include "scan/ScanReport.h"
#include "toolchain/ToolchainLister.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

constexpr char Usage[]
    = "Usage: modkeeper-cli purge [options] PATTERN...\n"
      "       modkeeper-cli purge --all [--dry-run] [--json] [--wait]\n"
      "       modkeeper-cli purge --unused --root DIR... [--dry-run] [--json] [--wait]\n\n"
      "Removes module versions from the cache with go's own locking, so it is safe while go runs.\n"
      "PATTERN is path@version, path (every version of that module), or a glob list matched the\n"
      "way GOPRIVATE is (\"golang.org/x/*,gopkg.in\"). Policies narrow the selection; with a "
      "policy\n"
      "and no pattern every version is a candidate. Removed trees go to the trash inside the\n"
      "cache and are deleted in the background (or before returning, with --wait).\n";

// Starts `modkeeper-cli trash --empty` in the background so this command returns at once.
bool reapInBackground(const QString &modcache)
{
    return QProcess::startDetached(
        QCoreApplication::applicationFilePath(),
        {u"trash"_s, u"--empty"_s, u"--quiet"_s, u"--modcache"_s, modcache});
}

QJsonObject reapJson(const ReapProgress &p)
{
    QJsonArray issues;
    for (const ScanIssue &i : p.issues)
        issues.append(QJsonObject{{u"path"_s, i.path}, {u"error"_s, i.message}});
    return {{u"bytesFreed"_s, qint64(p.bytesFreed)},
            {u"entriesRemoved"_s, qint64(p.entriesRemoved)},
            {u"issues"_s, issues}};
}

// The command line, checked.
struct PurgeArgs
{
    PurgeCriteria criteria;
    bool all = false;
    bool dryRun = false;
    bool json = false;
    bool wait = false;
    double timeoutSeconds = 30;
    QString modcache; // --modcache; empty: the resolved GOMODCACHE
    bool unused = false;
    QStringList roots; // --root, for --unused
};

// Reads ctx.args into args; an exit status when the command ends here (help, a usage error).
std::optional<int> parseArgs(CliContext &ctx, PurgeArgs &args)
{
    QCommandLineParser parser;
    const QCommandLineOption dryRun(u"dry-run"_s,
                                    u"Show exactly what would be removed, and remove nothing."_s);
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption light(
        u"light"_s,
        u"Drop only the extracted trees; keep zip, ziphash, info and mod (restore brings them back offline)."_s);
    const QCommandLineOption olderThan(
        u"older-than"_s,
        u"Only versions last used (or, where that is unknown, downloaded) more than DAYS days ago."_s,
        u"DAYS"_s);
    const QCommandLineOption keepLatest(
        u"keep-latest"_s, u"Keep the newest N versions of each module and major version."_s,
        u"N"_s);
    const QCommandLineOption state(
        u"state"_s,
        u"Only versions in STATE: complete, partial, archive-only, metadata-only (repeatable)."_s,
        u"STATE"_s);
    const QCommandLineOption all(
        u"all"_s,
        u"Remove everything, like go clean -modcache (the cache is moved aside at once)."_s);
    const QCommandLineOption wait(
        u"wait"_s, u"Empty the trash before returning instead of in the background."_s);
    const QCommandLineOption lockTimeout(
        u"lock-timeout"_s, u"Seconds to wait for a version go is using (default 30)."_s,
        u"SECONDS"_s, u"30"_s);
    const QCommandLineOption modcacheOption(u"modcache"_s, CliMessages::modcacheOption(), u"DIR"_s);
    const QCommandLineOption unused(
        u"unused"_s,
        u"Keep exactly what the Go projects under --root need: purge versions none needs, clean versions only their go.mod is needed of down to .info/.mod."_s);
    const QCommandLineOption root(
        u"root"_s, u"A folder with Go projects, for --unused (repeatable)."_s, u"DIR"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({dryRun, json, light, olderThan, keepLatest, state, all, wait, lockTimeout,
                       modcacheOption, unused, root, help});
    if (!parser.parse(QStringList{u"modkeeper-cli purge"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"purge"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << Usage << '\n' << parser.helpText().section(u'\n', 2);
        return Success;
    }
    auto usage = [&](const QString &message) {
        ctx.err << CliMessages::prefix(u"purge"_s) << message << "\n";
        return UsageError;
    };

    PurgeCriteria &criteria = args.criteria;
    criteria.patterns = parser.positionalArguments();
    criteria.light = parser.isSet(light);
    bool ok = true;
    if (parser.isSet(olderThan)) {
        criteria.olderThanDays = parser.value(olderThan).toInt(&ok);
        if (!ok || *criteria.olderThanDays < 0)
            return usage(
                u"--older-than takes a number of days, not \"%1\""_s.arg(parser.value(olderThan)));
    }
    if (parser.isSet(keepLatest)) {
        criteria.keepLatest = parser.value(keepLatest).toInt(&ok);
        if (!ok || *criteria.keepLatest < 0)
            return usage(
                u"--keep-latest takes a count, not \"%1\""_s.arg(parser.value(keepLatest)));
    }
    for (const QString &s : parser.values(state)) {
        const std::optional<VersionState> st = versionStateFromString(s);
        if (!st)
            return usage(
                u"unknown state \"%1\" (complete, partial, archive-only, metadata-only)"_s.arg(s));
        criteria.states.append(*st);
    }
    const double timeoutSeconds = parser.value(lockTimeout).toDouble(&ok);
    if (!ok || timeoutSeconds < 0)
        return usage(u"--lock-timeout takes seconds, not \"%1\""_s.arg(parser.value(lockTimeout)));
    args.unused = parser.isSet(unused);
    args.roots = parser.values(root);
    if (args.unused != !args.roots.isEmpty())
        return usage(args.unused ? u"--unused needs at least one --root DIR"_s
                                 : u"--root goes with --unused"_s);
    const bool selecting = !criteria.patterns.isEmpty() || criteria.olderThanDays
                           || criteria.keepLatest || !criteria.states.isEmpty() || criteria.light;
    if (args.unused && (selecting || parser.isSet(all)))
        return usage(
            u"--unused is a policy of its own: no pattern, other policy or --all with it"_s);
    if (args.unused)
        ; // the projects select
    else if (parser.isSet(all) && selecting)
        return usage(
            u"--all removes everything; it cannot be combined with patterns or policies"_s);
    else if (!parser.isSet(all) && !selecting)
        return usage(u"name what to purge (PATTERN or a policy), or use --all"_s);

    args.all = parser.isSet(all);
    args.dryRun = parser.isSet(dryRun);
    args.json = parser.isSet(json);
    args.wait = parser.isSet(wait);
    args.timeoutSeconds = timeoutSeconds;
    args.modcache = parser.value(modcacheOption);
    return std::nullopt;
}

// Empties the trash now (--wait) or starts the reaper in the background; says so in out.
void finishReap(CliContext &ctx, const PurgeArgs &args, const QString &dir, QJsonObject &out)
{
    const bool asJson = args.json;
    if (args.dryRun)
        return;
    if (args.wait) {
        const ReapProgress reaped = TrashReaper::run(dir);
        out.insert(u"reaped"_s, reapJson(reaped));
        if (!asJson) {
            ctx.out << "trash emptied: " << ScanReport::formatBytes(reaped.bytesFreed)
                    << " freed\n";
            for (const ScanIssue &i : reaped.issues)
                ctx.err << CliMessages::warning() << i.path << ": " << i.message << "\n";
        }
    } else {
        const bool started = reapInBackground(dir);
        out.insert(u"reaped"_s, QJsonValue(QJsonValue::Null));
        if (!asJson)
            ctx.out << (started ? "the trash is being emptied in the background\n"
                                : "could not start the background reaper; run: modkeeper-cli trash "
                                  "--empty\n");
    }
}

// --all: the whole cache is moved aside at once, like go clean -modcache.
int purgeAll(CliContext &ctx, const PurgeArgs &args, const QString &dir)
{
    const bool asJson = args.json;
    QJsonObject out{{u"gomodcache"_s, dir}, {u"dryRun"_s, args.dryRun}, {u"all"_s, true}};
    if (Status st = PurgeAll::check(dir); !st) {
        ctx.err << CliMessages::prefix(u"purge"_s) << st.error().toString() << "\n";
        return Failure;
    }
    out.insert(u"skipped"_s, QJsonArray());
    if (args.dryRun) {
        const ScanResult scan = CacheScanner::run({dir});
        QJsonArray all;
        for (const ModuleVersionRecord &v : scan.versions)
            all.append(QJsonObject{{u"path"_s, v.path},
                                   {u"version"_s, v.version},
                                   {u"mode"_s, toString(PurgeMode::Full)},
                                   {u"bytes"_s, qint64(v.diskBytes)}});
        out.insert(u"bytes"_s, qint64(scan.totals.diskBytes));
        out.insert(u"versions"_s, all);
        if (asJson)
            ctx.out << QJsonDocument(out).toJson(QJsonDocument::Indented);
        else
            ctx.out << "would remove everything in " << dir << ": " << scan.versions.size()
                    << " versions, " << ScanReport::formatBytes(scan.totals.diskBytes) << "\n";
        return Success;
    }
    const Expected<PurgeAll::Result> moved = PurgeAll::moveAside(dir);
    if (!moved.ok()) {
        ctx.err << CliMessages::prefix(u"purge"_s) << moved.error().toString() << "\n";
        return Failure;
    }
    out.insert(u"moved"_s, QJsonArray::fromStringList(moved.value().moved));
    // Moving aside does not enumerate versions; what was freed is in "reaped".
    out.insert(u"versions"_s, QJsonArray());
    out.insert(u"bytes"_s, 0);
    if (!asJson)
        ctx.out << "moved " << moved.value().moved.size() << " entries of " << dir
                << " to the trash\n";
    finishReap(ctx, args, dir, out);
    if (asJson)
        ctx.out << QJsonDocument(out).toJson(QJsonDocument::Indented);
    return Success;
}

// --dry-run: what the plan would remove, one entry per version.
QJsonArray listPlanned(CliContext &ctx, const PurgePlan &plan, bool asJson)
{
    QJsonArray versions;
    for (const PurgeItem &item : plan.items) {
        versions.append(QJsonObject{{u"path"_s, item.version.path},
                                    {u"version"_s, item.version.version},
                                    {u"mode"_s, toString(item.mode)},
                                    {u"bytes"_s, qint64(item.bytes)}});
        if (!asJson)
            ctx.out << "would remove  " << item.version.id()
                    << (item.mode == PurgeMode::Light     ? "  (tree only)  "
                        : item.mode == PurgeMode::ModOnly ? "  (zip and tree; .info/.mod kept)  "
                                                          : "  ")
                    << ScanReport::formatBytes(item.bytes) << "\n";
    }
    return versions;
}

QList<PurgeItemResult> removePlanned(const QString &dir, const PurgeArgs &args,
                                     const PurgePlan &plan)
{
    // Nothing selected: not even the trash folder is made.
    QList<PurgeItemResult> results
        = plan.items.isEmpty() ? QList<PurgeItemResult>()
                               : PurgeJob::run({dir, int(args.timeoutSeconds * 1000)}, plan);
    // A failure before the first version (the cache could not be opened) stands for every
    // planned version: each entry names its path and version.
    if (results.size() == 1 && results.first().path.isEmpty()
        && results.first().outcome == PurgeOutcome::Failed) {
        const PurgeItemResult all = results.takeFirst();
        for (const PurgeItem &item : plan.items) {
            PurgeItemResult r = all;
            r.path = item.version.path;
            r.version = item.version.version;
            r.mode = item.mode;
            results.append(r);
        }
    }
    return results;
}

// One entry, and one line, per version removed, gone, skipped or failed; adds up failed and freed.
QJsonArray reportRemoved(CliContext &ctx, const QList<PurgeItemResult> &results, bool asJson,
                         int *failed, quint64 *freed)
{
    QJsonArray versions;
    for (const PurgeItemResult &r : results) {
        QJsonObject o{{u"path"_s, r.path},
                      {u"version"_s, r.version},
                      {u"mode"_s, toString(r.mode)},
                      {u"bytes"_s, qint64(r.bytes)},
                      {u"outcome"_s, toString(r.outcome)}};
        if (r.error.isError())
            o.insert(u"error"_s, r.error.toString());
        versions.append(o);
        *freed += r.bytes;
        if (r.outcome == PurgeOutcome::Failed)
            ++*failed;
        if (asJson)
            continue;
        const QString id = r.path.isEmpty() ? QString() : r.path + u'@' + r.version;
        switch (r.outcome) {
        case PurgeOutcome::Removed:
            ctx.out << "removed  " << id << "  " << ScanReport::formatBytes(r.bytes) << "\n";
            break;
        case PurgeOutcome::AlreadyGone:
            ctx.out << "gone     " << id << "  (removed by someone else meanwhile)\n";
            break;
        case PurgeOutcome::Skipped:
        case PurgeOutcome::Restored: // not produced by a purge
            ctx.out << "skipped  " << id << ": " << r.error.message << "\n";
            break;
        case PurgeOutcome::Failed:
            ctx.err << CliMessages::prefix(u"purge"_s) << (id.isEmpty() ? QString() : id + u": "_s)
                    << r.error.toString() << "\n";
            break;
        }
    }
    return versions;
}

// Patterns and policies: scan, plan, remove (or list), report.
int purgeSelected(CliContext &ctx, const PurgeArgs &args, const QString &dir)
{
    const PurgeCriteria &criteria = args.criteria;
    const bool asJson = args.json;

    // Before anything else: a mistyped --modcache must not get even a trash folder.
    if (Status guard = CacheGuard::checkModuleCache(dir); !guard) {
        ctx.err << CliMessages::prefix(u"purge"_s) << guard.error().toString() << "\n";
        return Failure;
    }
    const ScanResult scan = CacheScanner::run({dir});
    if (scan.error.isError()) {
        ctx.err << CliMessages::prefix(u"purge"_s) << scan.error.toString() << "\n";
        return Failure;
    }
    QJsonObject unusedParts;
    Expected<PurgePlan> plan = Error::make(Error::Code::InvalidArgument, u"no plan"_s);
    if (args.unused) {
        const ProjectsResult projects
            = ProjectsJob::run(args.roots, ProjectsCommand::options(ctx, dir));
        // Toolchains: the running go's is never planned (golang/go#62718).
        ToolchainLister::Options tl;
        tl.gomodcache = dir;
        tl.environment = ctx.envInputs.environment;
        const ToolchainListing listing = ToolchainLister::run(tl);
        QSet<QString> running;
        for (const ToolchainRecord &t : listing.toolchains)
            if (t.running)
                running.insert(t.module.id());
        plan = PurgePlanner::planUnused(scan, projects, running);
        if (plan) {
            quint64 full = 0, modOnly = 0;
            for (const PurgeItem &i : plan->items)
                (i.mode == PurgeMode::ModOnly ? modOnly : full) += i.bytes;
            unusedParts = QJsonObject{{u"purgeBytes"_s, qint64(full)},
                                      {u"modOnlyBytes"_s, qint64(modOnly)},
                                      {u"projects"_s, projects.projects.size()}};
            if (!asJson)
                ctx.out << projects.projects.size()
                        << " projects read; unused versions: " << ScanReport::formatBytes(full)
                        << ", go.mod-only versions (zip and tree): "
                        << ScanReport::formatBytes(modOnly) << "\n";
            for (const ProjectInfo &p : projects.projects)
                for (const ProjectNeed &n : p.missing)
                    ctx.err << CliMessages::warning() << p.dir << ": " << n.id()
                            << " is needed but not in the cache\n";
        }
    } else {
        plan = PurgePlanner::plan(scan, criteria);
    }
    if (!plan.ok()) {
        ctx.err << CliMessages::prefix(u"purge"_s) << plan.error().toString() << "\n";
        return plan.error().code == Error::Code::InvalidArgument ? UsageError : Failure;
    }
    // A pattern that names nothing is most likely a typo: said, and the exit status is 1.
    const QStringList unmatched = CliReport::unmatched(scan.versions, criteria.patterns);

    QJsonArray versions;
    QJsonArray skipped;
    for (const PurgePlan::Skip &s : plan.value().skipped)
        skipped.append(QJsonObject{{u"path"_s, s.version.path},
                                   {u"version"_s, s.version.version},
                                   {u"reason"_s, s.reason}});
    int failed = 0;
    quint64 freed = 0;
    if (args.dryRun) {
        versions = listPlanned(ctx, plan.value(), asJson);
        freed = plan.value().bytes;
    } else {
        versions
            = reportRemoved(ctx, removePlanned(dir, args, plan.value()), asJson, &failed, &freed);
    }
    if (!asJson) {
        for (const PurgePlan::Skip &s : plan.value().skipped)
            ctx.out << "skipped  " << s.version.id() << ": " << s.reason << "\n";
        CliReport::printUnmatched(ctx.err, u"purge"_s, unmatched);
        ctx.out << CliReport::summary(versions.size(), failed) << ", "
                << ScanReport::formatBytes(freed)
                << (args.dryRun ? " would be freed\n" : " freed\n");
    }
    QJsonObject out{{u"gomodcache"_s, dir},  {u"dryRun"_s, args.dryRun},
                    {u"all"_s, false},       {u"versions"_s, versions},
                    {u"skipped"_s, skipped}, {u"bytes"_s, qint64(freed)}};
    if (args.unused)
        out.insert(u"unused"_s, unusedParts);
    CliReport::addUnmatched(out, unmatched);
    if (asJson)
        CliReport::printUnmatched(ctx.err, u"purge"_s, unmatched);
    if (plan.value().items.isEmpty() && !args.wait && !args.dryRun)
        out.insert(u"reaped"_s, QJsonValue(QJsonValue::Null)); // nothing moved: no reaper to start
    else
        finishReap(ctx, args, dir, out);
    if (asJson)
        ctx.out << QJsonDocument(out).toJson(QJsonDocument::Indented);
    return failed || !unmatched.isEmpty() ? Failure : Success;
}

} // namespace

int PurgeCommand::run(CliContext &ctx)
{
    PurgeArgs args;
    if (const std::optional<int> exit = parseArgs(ctx, args))
        return *exit;
    const Expected<QString> modcache = ctx.modcache(args.modcache);
    if (!modcache.ok()) {
        ctx.err << CliMessages::prefix(u"purge"_s) << modcache.error().toString() << "\n";
        return Failure;
    }
    const QString dir = modcache.value();
    return args.all ? purgeAll(ctx, args, dir) : purgeSelected(ctx, args, dir);
}

} // namespace mk::cli
