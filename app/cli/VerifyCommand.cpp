// SPDX-License-Identifier: GPL-3.0-or-later
#include "VerifyCommand.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/CliReport.h"
#include "module/VersionPattern.h"
#include "scan/CacheScanner.h"
#include "scan/ScanReport.h"
#include "sumdb/SumDbClient.h"
#include "verify/VerifyJob.h"
#include "verify/VerifySelection.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int VerifyCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption sumdb(
        u"sumdb"_s, u"Also check the hashes against the checksum database (GOSUMDB)."_s);
    const QCommandLineOption goSum(
        u"go-sum"_s, u"Also check against the hashes of this go.sum file (repeatable)."_s,
        u"FILE"_s);
    const QCommandLineOption modcacheOption(u"modcache"_s, CliMessages::modcacheOption(), u"DIR"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({json, sumdb, goSum, modcacheOption, help});
    if (!parser.parse(QStringList{u"modkeeper-cli verify"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"verify"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: modkeeper-cli verify [--json] [--sumdb] [--go-sum FILE] [--modcache "
                   "DIR] [PATTERN...]\n\n"
                   "Checks every module version (or those PATTERN selects, as for purge) the way\n"
                   "go mod verify does: the zip and the extracted tree against .ziphash, the .mod\n"
                   "against go.sum, and names the files that were modified, added or removed.\n"
                   "Nothing is changed. Exit status 0 when everything is ok, 1 when problems are "
                   "found.\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList patterns = parser.positionalArguments();
    for (const QString &p : patterns) {
        if (Status st = VersionPattern::check(p); !st) {
            ctx.err << CliMessages::prefix(u"verify"_s) << st.error().toString() << "\n";
            return UsageError;
        }
    }
    const Expected<KnownSums> known = VerifySelection::readGoSums(parser.values(goSum));
    if (!known.ok()) {
        ctx.err << CliMessages::prefix(u"verify"_s) << known.error().toString() << "\n";
        return Failure;
    }
    const Expected<QString> modcache = ctx.modcache(parser.value(modcacheOption));
    if (!modcache.ok()) {
        ctx.err << CliMessages::prefix(u"verify"_s) << modcache.error().toString() << "\n";
        return Failure;
    }
    CacheScanner::Options scanOptions;
    scanOptions.gomodcache = modcache.value();
    scanOptions.sizeTrees = false; // verify reads every file itself; the sizes would be wasted work
    const ScanResult scan = CacheScanner::run(scanOptions);
    if (scan.error.isError()) {
        ctx.err << CliMessages::prefix(u"verify"_s) << scan.error.toString() << "\n";
        return Failure;
    }
    QStringList unmatched;
    const QList<ModuleVersionRecord> selected
        = VerifySelection::select(scan.versions, patterns, &unmatched);
    VerifyJob::Options options;
    options.gomodcache = modcache.value();
    options.known = known.value();
    if (parser.isSet(sumdb)) {
        // The go environment's GOSUMDB, GOPROXY and GONOSUMDB/GOPRIVATE decide where and what
        // is asked; lookups and tiles are cached where go caches them.
        const GoEnvironment env = GoEnvironment::resolve(ctx.envInputs);
        Expected<SumDbClient::Options> sumOptions = SumDbClient::Options::fromEnvironment(env);
        if (!sumOptions.ok()) {
            ctx.err << CliMessages::prefix(u"verify"_s)
                    << "--sumdb: " << sumOptions.error().toString() << "\n";
            return Failure;
        }
        SumDbClient::Options o = sumOptions.value();
        o.gomodcache = modcache.value();
        if (o.sumdb.isOff()) {
            ctx.err << CliMessages::prefix(u"verify"_s)
                    << "--sumdb: GOSUMDB=off, so there is no checksum "
                       "database to ask\n";
            return Failure;
        }
        const Expected<std::shared_ptr<SumDbClient>> client = SumDbClient::create(o);
        if (!client.ok()) {
            ctx.err << CliMessages::prefix(u"verify"_s) << "--sumdb: " << client.error().toString()
                    << "\n";
            return Failure;
        }
        const auto lookup = client.value()->hashLookup();
        options.sumLookup = [lookup](const QString &path,
                                     const QString &version) -> Expected<VerifyJob::SumdbHashes> {
            const Expected<std::pair<QString, QString>> r = lookup(path, version);
            if (!r.ok())
                return r.error();
            return VerifyJob::SumdbHashes{r.value().first, r.value().second};
        };
    }
    const QList<VersionVerifyResult> results = VerifyJob::run(options, selected);

    int bad = 0;
    quint64 bytes = 0;
    QJsonArray versions;
    for (const VersionVerifyResult &r : results) {
        bytes += r.bytesRead;
        if (!r.ok)
            ++bad;
        if (parser.isSet(json)) {
            QJsonObject o{{u"path"_s, r.path},
                          {u"version"_s, r.version},
                          {u"ok"_s, r.ok},
                          {u"status"_s, toString(r.status)},
                          {u"problems"_s, QJsonArray::fromStringList(r.problems)}};
            QJsonArray checked; // what was actually hashed and compared
            if (r.checked & CheckedZip)
                checked.append(u"zip"_s);
            if (r.checked & CheckedTree)
                checked.append(u"tree"_s);
            if (r.checked & CheckedMod)
                checked.append(u"mod"_s);
            if (r.checked & CheckedKnown)
                checked.append(u"known-hash"_s);
            o.insert(u"checked"_s, checked);
            if (!r.ziphash.isEmpty())
                o.insert(u"ziphash"_s, r.ziphash);
            if (!r.zipHash.isEmpty())
                o.insert(u"zipHash"_s, r.zipHash);
            if (!r.dirHash.isEmpty())
                o.insert(u"dirHash"_s, r.dirHash);
            if (!r.ok)
                o.insert(u"repair"_s, r.treeRepairable ? u"reextract"_s : u"redownload"_s);
            versions.append(o);
        } else if (r.ok) {
            ctx.out << "ok            " << r.id() << "\n";
        } else {
            ctx.out << toString(r.status).leftJustified(13) << ' ' << r.id() << "\n";
            for (const QString &p : r.problems)
                ctx.out << "    " << p << "\n";
        }
    }
    CliReport::printUnmatched(ctx.err, u"verify"_s, unmatched);
    if (parser.isSet(json)) {
        QJsonObject doc{{u"gomodcache"_s, modcache.value()}, {u"versions"_s, versions}};
        CliReport::addUnmatched(doc, unmatched);
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else if (!results.isEmpty() || unmatched.isEmpty()) {
        // "all ok" only when nothing at all went wrong: an unmatched pattern is an error too.
        ctx.out << CliReport::versions(results.size()) << " checked ("
                << ScanReport::formatBytes(bytes) << "), "
                << (bad                   ? QString::number(bad) + u" with problems"_s
                    : unmatched.isEmpty() ? u"all ok"_s
                                          : u"no problems found"_s)
                << "\n";
        if (bad)
            ctx.out << "modkeeper-cli repair PATTERN re-extracts damaged trees from their zips.\n";
    }
    return bad || !unmatched.isEmpty() ? Failure : Success;
}

} // namespace mk::cli
