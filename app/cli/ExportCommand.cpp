// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExportCommand.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "bundle/ExportJob.h"
#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/CliReport.h"
#include "download/DownloadSetup.h"
#include "env/GoEnvironment.h"
#include "module/VersionPattern.h"
#include "project/ProjectNeeds.h"
#include "scan/CacheScanner.h"
#include "scan/ScanReport.h"
#include "sumdb/SumDbClient.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

constexpr auto prefix = "modkeeper-cli export: ";

QJsonObject toJson(const ExportedVersion &v)
{
    QJsonObject o{{u"path"_s, v.path}, {u"version"_s, v.version},     {u"ok"_s, v.ok()},
                  {u"zip"_s, v.zip},   {u"unchanged"_s, v.unchanged}, {u"bytes"_s, v.bytes},
                  {u"sum"_s, v.sum},   {u"goModSum"_s, v.goModSum}};
    if (v.error.isError())
        o.insert(u"error"_s, v.error.toString());
    if (!v.notes.isEmpty())
        o.insert(u"notes"_s, QJsonArray::fromStringList(v.notes));
    return o;
}

} // namespace

int ExportCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption to(
        u"to"_s, u"The directory the GOPROXY tree is written to (or a new .zip bundle)."_s,
        u"DIR"_s);
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption sumdb(
        u"sumdb"_s, u"Also the checksum database's lookups and tiles, for go to verify offline."_s);
    const QCommandLineOption root(u"root"_s,
                                  u"Export what the Go project in PROJECTDIR needs (repeatable)."_s,
                                  u"PROJECTDIR"_s);
    const QCommandLineOption modcache(u"modcache"_s,
                                      u"Read DIR instead of the resolved GOMODCACHE."_s, u"DIR"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({to, json, sumdb, root, modcache, help});
    if (!parser.parse(QStringList{u"modkeeper-cli export"_s} + ctx.args)) {
        ctx.err << prefix << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: modkeeper-cli export --to DIR|FILE.zip [--json] [--sumdb] PATTERN...\n"
                   "       modkeeper-cli export --to DIR|FILE.zip [--json] [--sumdb] --root "
                   "PROJECTDIR...\n\n"
                   "Writes module versions from the cache as a static GOPROXY tree that go reads\n"
                   "with GOPROXY=file://DIR or from any static HTTP server: <module>/@v/list,\n"
                   ".info, .mod, .zip and @latest, plus DIR/go.sum. An existing tree is merged.\n"
                   "--root exports every version the project's build list and module graph need\n"
                   "(go list -m all, go mod graph, run offline against the cache). --sumdb adds\n"
                   "the checksum database's cached lookups and tiles under DIR/sumdb/, so that\n"
                   "go verifies the tree with GOSUMDB on and no network. --to FILE.zip writes\n"
                   "the same tree as one bundle file (for a USB stick) that import reads.\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList patterns = parser.positionalArguments();
    const QStringList roots = parser.values(root);
    if (!parser.isSet(to) || parser.value(to).isEmpty()) {
        ctx.err << prefix << "name the target directory with --to DIR\n";
        return UsageError;
    }
    if (patterns.isEmpty() == roots.isEmpty()) {
        ctx.err << prefix << "give either PATTERN... or --root PROJECTDIR...\n";
        return UsageError;
    }
    for (const QString &p : patterns)
        if (Status st = VersionPattern::check(p); !st) {
            ctx.err << prefix << st.error().toString() << "\n";
            return UsageError;
        }
    const Expected<QString> cache = ctx.modcache(parser.value(modcache));
    if (!cache) {
        ctx.err << prefix << cache.error().toString() << "\n";
        return Failure;
    }
    const GoEnvironment env = GoEnvironment::resolve(ctx.envInputs);
    ExportOptions options;
    options.gomodcache = *cache;
    options.target = QFileInfo(parser.value(to)).absoluteFilePath();
    if (Status st = ExportJob::checkTarget(options.gomodcache, options.target); !st) {
        ctx.err << prefix << st.error().toString() << "\n";
        return Failure;
    }
    if (parser.isSet(sumdb)) {
        const Expected<SumDbClient::Options> db = SumDbClient::Options::fromEnvironment(env);
        if (!db) {
            ctx.err << prefix << "GOSUMDB: " << db.error().toString() << "\n";
            return Failure;
        }
        if (db->sumdb.isOff() || db->sumdb.name().isEmpty()) {
            ctx.err << prefix
                    << "--sumdb: GOSUMDB is off: there is no checksum database to export\n";
            return Failure;
        }
        options.sumdb = true;
        options.sumdbName = db->sumdb.name();
        options.sumdbDir = db->sumdbDir;
    }

    CacheScanner::Options scanOptions;
    scanOptions.gomodcache = options.gomodcache;
    scanOptions.sizeTrees = false;
    const ScanResult scan = CacheScanner::run(scanOptions);
    if (scan.error.isError()) {
        ctx.err << prefix << scan.error.toString() << "\n";
        return Failure;
    }
    QHash<QString, const ModuleVersionRecord *> inCache;
    for (const ModuleVersionRecord &r : scan.versions)
        inCache.insert(r.id(), &r);
    QStringList notes;
    QStringList unmatched;
    if (!roots.isEmpty()) {
        ProjectNeeds::Options needsOptions;
        needsOptions.gomodcache = options.gomodcache;
        needsOptions.environment = ctx.envInputs.environment;
        needsOptions.goBinary = DownloadSetup::goCommand(env, ctx.envInputs.environment);
        for (const QString &dir : roots) {
            const Expected<ProjectNeeds::Result> needs = ProjectNeeds::find(dir, needsOptions);
            if (!needs) {
                ctx.err << prefix << needs.error().toString() << "\n";
                return Failure;
            }
            notes += needs->notes;
            for (const ProjectNeeds::Version &v : needs->versions) {
                const ModuleVersionRecord *r = inCache.value(v.id());
                // The graph names go.mod files go may never have fetched (pruned graphs).
                if (v.modOnly && (!r || !(r->pieces & HasMod)))
                    continue;
                options.versions.append({v.path, v.version, v.modOnly});
            }
        }
    } else {
        for (const ModuleVersionRecord &r : scan.versions)
            if (VersionPattern::matchesAny(patterns, r.path, r.version))
                options.versions.append(
                    {r.path, r.version, !((r.pieces & HasZip) && (r.pieces & HasZiphash))});
        unmatched = CliReport::unmatched(scan.versions, patterns);
    }

    const ExportReport report = ExportJob::run(options);
    notes += report.notes;
    const int failed = report.failed();
    if (parser.isSet(json)) {
        QJsonArray versions;
        for (const ExportedVersion &v : report.versions)
            versions.append(toJson(v));
        QJsonObject doc{
            {u"target"_s, report.target},   {u"versions"_s, versions},
            {u"modules"_s, report.modules}, {u"sumdbFiles"_s, report.sumdbFiles},
            {u"failed"_s, failed},          {u"notes"_s, QJsonArray::fromStringList(notes)}};
        if (report.error.isError())
            doc.insert(u"error"_s, report.error.toString());
        CliReport::addUnmatched(doc, unmatched);
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        qint64 bytes = 0;
        for (const ExportedVersion &v : report.versions) {
            bytes += v.bytes;
            if (!v.ok()) {
                ctx.err << "failed          " << v.id() << "\n    " << v.error.toString() << "\n";
                continue;
            }
            ctx.out << (v.unchanged ? u"unchanged       "_s : u"exported        "_s) << v.id()
                    << (v.zip ? QString() : u"  (go.mod only)"_s) << "\n";
        }
        for (const QString &n : std::as_const(notes))
            ctx.err << "note: " << n << "\n";
        CliReport::printUnmatched(ctx.err, u"export"_s, unmatched);
        if (report.error.isError())
            ctx.err << prefix << report.error.toString() << "\n";
        ctx.out << CliReport::summary(report.versions.size(), failed) << " in " << report.modules
                << (report.modules == 1 ? " module, " : " modules, ")
                << ScanReport::formatBytes(quint64(bytes)) << " written to " << report.target;
        if (options.sumdb)
            ctx.out << ", " << report.sumdbFiles << " checksum-database files";
        ctx.out << "\n";
    }
    return report.ok() && unmatched.isEmpty() ? Success : Failure;
}

} // namespace mk::cli
