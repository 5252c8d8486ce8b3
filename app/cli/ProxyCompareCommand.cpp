// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyCompareCommand.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/CliReport.h"
#include "download/DownloadSetup.h"
#include "module/Semver.h"
#include "module/VersionPattern.h"
#include "proxy/ProxyCompare.h"
#include "proxy/ProxyPresetStore.h"
#include "proxy/ProxyProbe.h"
#include "proxy/TrustedCertificates.h"
#include "scan/CacheScanner.h"
#include "sumdb/SumDbClient.h"
#include "env/GoEnvironment.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

constexpr auto prefix = "modkeeper-cli proxy compare: ";

QJsonObject toJson(const ProxyCompare::Finding &f)
{
    QJsonObject o{{u"kind"_s, ProxyCompare::toString(f.kind)},
                  {u"path"_s, f.path},
                  {u"security"_s, f.security()},
                  {u"proxy"_s, f.proxyA},
                  {u"message"_s, f.message}};
    if (!f.version.isEmpty())
        o.insert(u"version"_s, f.version);
    if (!f.proxyB.isEmpty())
        o.insert(u"otherProxy"_s, f.proxyB);
    if (!f.what.isEmpty())
        o.insert(u"what"_s, f.what);
    if (f.byChecksumDb)
        o.insert(u"checksumDb"_s, true);
    if (!f.valueA.isEmpty() || !f.valueB.isEmpty()) {
        o.insert(u"value"_s, f.valueA);
        o.insert(u"otherValue"_s, f.valueB);
    }
    return o;
}

} // namespace

int ProxyCompareCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption proxies(
        u"proxies"_s, u"The mirrors to compare, comma-separated (default: every preset's)."_s,
        u"A,B,..."_s);
    const QCommandLineOption noZips(u"no-zips"_s,
                                    u"Compare lists, .info and go.mod only, not the zips."_s);
    const QCommandLineOption cacert(u"cacert"_s, u"Also trust the CA certificates in FILE (PEM)."_s,
                                    u"FILE"_s);
    const QCommandLineOption modcache(
        u"modcache"_s, u"Match patterns against DIR instead of GOMODCACHE."_s, u"DIR"_s);
    const QCommandLineOption noSumdb(
        u"no-sumdb"_s, u"Do not ask the checksum database (GOSUMDB) which hash is right."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({json, proxies, noZips, cacert, modcache, noSumdb, help});
    if (!parser.parse(QStringList{u"modkeeper-cli proxy compare"_s} + ctx.args.mid(1))) {
        ctx.err << prefix << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: modkeeper-cli proxy compare [--json] [--proxies A,B,...] [--no-zips] "
                   "PATTERN...\n\n"
                   "Fetches @v/list, .info, go.mod and the zip of the chosen versions from each\n"
                   "mirror and reports where they disagree: a missing version, a different list,\n"
                   "a different go.mod or zip hash (a security finding naming both mirrors).\n"
                   "PATTERN is path@version (cached or not) or a pattern matched against the\n"
                   "cached versions. With GOSUMDB on, the checksum database says which hash\n"
                   "is right, and a mirror that disagrees with it is named. Nothing is written\n"
                   "to the cache.\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList patterns = parser.positionalArguments();
    if (patterns.isEmpty()) {
        ctx.err << prefix << "name the versions to compare (PATTERN...)\n";
        return UsageError;
    }
    ProxyCompare::Options options;
    options.compareZips = !parser.isSet(noZips);
    if (parser.isSet(proxies)) {
        for (const QString &p : parser.value(proxies).split(u',', Qt::SkipEmptyParts))
            options.proxies.append(p.trimmed());
    } else {
        for (const ProxyProbe::Target &t : ProxyProbe::targetsFor(ProxyPresetStore().presets()))
            if (t.url.startsWith(u"http"_s) && !options.proxies.contains(t.url))
                options.proxies.append(t.url);
    }
    if (options.proxies.size() < 2) {
        ctx.err << prefix << "name at least two mirrors (--proxies A,B)\n";
        return UsageError;
    }
    if (parser.isSet(cacert)) {
        const Expected<QList<QSslCertificate>> certs
            = TrustedCertificates::readPemFile(parser.value(cacert));
        if (!certs) {
            ctx.err << prefix << "--cacert " << certs.error().toString() << "\n";
            return UsageError;
        }
        options.caCertificates = certs.value();
    }

    // path@version is taken as given; anything else is matched against the cache.
    QStringList cachePatterns;
    for (const QString &p : patterns) {
        if (Status st = VersionPattern::check(p); !st) {
            ctx.err << prefix << st.error().toString() << "\n";
            return UsageError;
        }
        const qsizetype at = p.lastIndexOf(u'@');
        if (at > 0 && !VersionPattern::isGlobList(p))
            options.versions.append({p.left(at), p.mid(at + 1)});
        else
            cachePatterns.append(p);
    }
    QStringList unmatched;
    if (!cachePatterns.isEmpty()) {
        const Expected<QString> cache = ctx.modcache(parser.value(modcache));
        if (!cache) {
            ctx.err << prefix << cache.error().toString() << "\n";
            return Failure;
        }
        CacheScanner::Options scanOptions;
        scanOptions.gomodcache = *cache;
        scanOptions.sizeTrees = false;
        const ScanResult scan = CacheScanner::run(scanOptions);
        for (const ModuleVersionRecord &r : scan.versions)
            if (VersionPattern::matchesAny(cachePatterns, r.path, r.version))
                options.versions.append({r.path, r.version});
        unmatched = CliReport::unmatched(scan.versions, cachePatterns);
    }
    DownloadOptions chain;
    chain.goproxy = options.proxies.join(u',');
    options.credentials = DownloadSetup::readCredentials(chain).byHost;
    // The checksum database as referee: a mirror that disagrees with it is named as the one
    // at fault, even when no other mirror has the version.
    std::shared_ptr<SumDbClient> sumdb;
    if (!parser.isSet(noSumdb)) {
        Expected<SumDbClient::Options> db
            = SumDbClient::Options::fromEnvironment(GoEnvironment::resolve(ctx.envInputs));
        if (db && !db->sumdb.isOff()) {
            SumDbClient::Options o = db.value();
            o.credentials = options.credentials;
            o.caCertificates = options.caCertificates;
            Expected<std::shared_ptr<SumDbClient>> client = SumDbClient::create(o);
            if (client) {
                sumdb = client.value();
                options.checksumDb = sumdb->hashLookup();
                options.checksumDbName = sumdb->name();
            }
        }
    }

    const ProxyCompare::Report report = ProxyCompare::run(options);
    int security = 0;
    for (const ProxyCompare::Finding &f : report.findings)
        security += f.security() ? 1 : 0;
    if (parser.isSet(json)) {
        QJsonArray findings;
        for (const ProxyCompare::Finding &f : report.findings)
            findings.append(toJson(f));
        QJsonArray rows;
        for (const ProxyCompare::Row &r : report.rows) {
            QJsonArray answers;
            for (int i = 0; i < r.answers.size(); ++i) {
                const ProxyCompare::Answer &a = r.answers[i];
                QJsonObject o{{u"proxy"_s, report.proxies.value(i)},
                              {u"present"_s, a.present},
                              {u"goModSum"_s, a.modSum},
                              {u"sum"_s, a.zipSum}};
                if (a.error.isError())
                    o.insert(u"error"_s, a.error.toString());
                answers.append(o);
            }
            QJsonObject row{
                {u"path"_s, r.path}, {u"version"_s, r.version}, {u"answers"_s, answers}};
            if (!r.dbZipSum.isEmpty() || !r.dbModSum.isEmpty())
                row.insert(u"checksumDb"_s,
                           QJsonObject{{u"sum"_s, r.dbZipSum}, {u"goModSum"_s, r.dbModSum}});
            rows.append(row);
        }
        QJsonObject doc{{u"proxies"_s, QJsonArray::fromStringList(report.proxies)},
                        {u"versions"_s, rows},
                        {u"findings"_s, findings},
                        {u"security"_s, security}};
        if (report.error.isError())
            doc.insert(u"error"_s, report.error.toString());
        CliReport::addUnmatched(doc, unmatched);
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        for (const ProxyCompare::Finding &f : report.findings)
            (f.security() ? ctx.err : ctx.out)
                << ProxyCompare::toString(f.kind).leftJustified(16) << f.message << "\n";
        CliReport::printUnmatched(ctx.err, u"proxy compare"_s, unmatched);
        if (report.error.isError())
            ctx.err << prefix << report.error.toString() << "\n";
        ctx.out << CliReport::versions(report.rows.size()) << " compared across "
                << report.proxies.size() << " mirrors: "
                << (report.findings.isEmpty()
                        ? u"all agree"_s
                        : u"%1 findings, %2 security"_s.arg(report.findings.size()).arg(security))
                << "\n";
    }
    if (report.error.isError() || !unmatched.isEmpty())
        return Failure;
    return report.findings.isEmpty() ? Success : Failure;
}

} // namespace mk::cli
