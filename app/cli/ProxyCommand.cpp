// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyCommand.h"

#include <algorithm>

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>

#include "cli/ProxyCompareCommand.h"
#include "cli/CliMessages.h"
#include "cli/CliContext.h"
#include "cli/SecretInput.h"
#include "common/GoUrl.h"
#include "keychain/CredentialStore.h"
#include "keychain/NetrcFile.h"
#include "module/ModulePath.h"
#include "proxy/ProxyEnvState.h"
#include "proxy/ProxyList.h"
#include "proxy/ProxyPresetStore.h"
#include "proxy/TrustedCertificates.h"
#include "proxy/ProxyProbe.h"
#include "proxy/ProxyRoute.h"
#include "proxy/ProxySwitcher.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

struct Sub
{
    const char *name;
    const char *usage;
    const char *summary;
};

const Sub subcommands[] = {
    {"list", "list [--json]",
     "show the presets, the active one, and GOPROXY as stored and as go sees it"},
    {"use", "use NAME [--yes]", "write the preset to the go env file, as `go env -w` does"},
    {"add", "add NAME CHAIN [--private P] [--noproxy P] [--nosumdb P] [--sumdb V] [--insecure P]",
     "save a user preset (no secrets)"},
    {"remove", "remove NAME", "delete a user preset"},
    {"probe", "probe [--json] [--timeout S] [--module M] [--preset NAME]...",
     "check every preset's proxies"},
    {"compare", "compare [--json] [--proxies A,B,...] PATTERN...",
     "compare mirrors: missing versions, different lists, different hashes"},
    {"where", "where MODULE [--json]",
     "show where go fetches MODULE and whether the checksum database checks it"},
    {"login", "login HOST --user USER [--netrc]",
     "store a proxy credential in the keychain (secret on stdin)"},
    {"logout", "logout HOST [--netrc]", "remove a proxy credential from the keychain"},
};

void printUsage(QTextStream &s)
{
    s << "Usage: modkeeper-cli proxy <subcommand> [options]\n\n"
         "GOPROXY presets, the GOPRIVATE pattern tester, a mirror health probe, and keychain "
         "credentials\n"
         "for private proxies.\n"
      << ProxyList::separatorExplanation() << "\n\nSubcommands:\n";
    for (const Sub &c : subcommands)
        s << "  " << QString::fromLatin1(c.name).leftJustified(8) << c.summary << '\n';
    s << "\nRun 'modkeeper-cli proxy <subcommand> --help' for its options.\n"
         "Exit codes: 0 success, 1 failure, 2 usage error.\n";
}

QString prefix(const char *sub)
{
    return u"modkeeper-cli proxy "_s + QLatin1String(sub) + u": "_s;
}

// Parses the arguments of one subcommand; returns -1 to go on, else the exit code.
int parse(CliContext &ctx, QCommandLineParser &parser, const Sub &sub, const QString &details,
          int minPositional, int maxPositional)
{
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOption(help);
    if (!parser.parse(QStringList{u"modkeeper-cli proxy "_s + QLatin1String(sub.name)}
                      + ctx.args.mid(1))) {
        ctx.err << prefix(sub.name) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: modkeeper-cli proxy " << sub.usage << "\n\n" << sub.summary << ".\n";
        if (!details.isEmpty())
            ctx.out << details << "\n";
        ctx.out << "\n" << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const qsizetype n = parser.positionalArguments().size();
    if (n < minPositional) {
        ctx.err << prefix(sub.name) << "missing argument; usage: modkeeper-cli proxy " << sub.usage
                << "\n";
        return UsageError;
    }
    if (n > maxPositional) {
        ctx.err << prefix(sub.name) << "unexpected argument \""
                << parser.positionalArguments().at(maxPositional) << "\"\n";
        return UsageError;
    }
    return -1;
}

void printJson(CliContext &ctx, const QJsonObject &o)
{
    ctx.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
    ctx.out.flush();
}

CredentialResult waitFor(QFuture<CredentialResult> future)
{
    future.waitForFinished(); // the store's own timeout guarantees an end
    return future.resultCount() > 0 ? future.result() : CredentialResult();
}

QString originNote(const ProxyEnvState::Variable &v, const ProxyEnvState &state)
{
    if (v.origin == EnvOrigin::EnvFile)
        return toString(v.origin) + u": "_s + state.envFile();
    if ((v.name == u"GONOPROXY" || v.name == u"GONOSUMDB") && v.origin == EnvOrigin::Default
        && !v.effective.isEmpty())
        return u"from GOPRIVATE"_s;
    return toString(v.origin);
}

int runList(CliContext &ctx, const Sub &sub)
{
    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    parser.addOption(json);
    if (const int rc = parse(ctx, parser, sub, {}, 0, 0); rc >= 0)
        return rc;

    const ProxyPresetStore store;
    const ProxyEnvState state = ProxyEnvState::read(ctx.envInputs);
    const std::optional<ProxyPreset> active = store.activePreset(state.effective());
    const QList<ProxyPreset> presets = store.presets();
    if (parser.isSet(json)) {
        QJsonArray list;
        for (const ProxyPreset &p : presets) {
            QJsonObject o = p.toJson();
            o.insert(u"active"_s, active && active->name == p.name);
            list.append(o);
        }
        printJson(ctx, QJsonObject{{u"presets"_s, list},
                                   {u"active"_s, active ? QJsonValue(active->name)
                                                        : QJsonValue(QJsonValue::Null)},
                                   {u"environment"_s, state.toJson()}});
        return Success;
    }

    ctx.out << "go env file: "
            << (state.envFileDisabled() ? u"disabled (GOENV=off)"_s : state.envFile()) << "\n";
    for (const ProxyEnvState::Variable &v : state.variables()) {
        if (v.effective.isEmpty() && !v.stored)
            continue;
        ctx.out << "  " << v.name << '=' << v.effective << "    (" << originNote(v, state) << ")\n";
    }
    ctx.out << "\nPresets (* = active):\n";
    qsizetype width = 0;
    for (const ProxyPreset &p : presets)
        width = std::max(width, p.name.size());
    for (const ProxyPreset &p : presets) {
        ctx.out << (active && active->name == p.name ? "* " : "  ")
                << p.name.leftJustified(width + 2) << p.goproxy;
        for (const auto &[name, value] : p.values()) {
            if (name != u"GOPROXY")
                ctx.out << "  " << name << '=' << value;
        }
        ctx.out << (p.builtIn ? QString() : u"  (user)"_s) << "\n";
    }
    if (!active)
        ctx.out << "  (the current settings match no preset)\n";
    for (const ProxyEnvState::Override &o : state.overrides())
        ctx.err << "note: " << o.explanation << "\n";
    return Success;
}

int runUse(CliContext &ctx, const Sub &sub)
{
    QCommandLineParser parser;
    const QCommandLineOption yes(u"yes"_s, u"Apply even when the preset weakens go's checks."_s);
    parser.addOption(yes);
    if (const int rc
        = parse(ctx, parser, sub,
                u"Writes GOPROXY (and the preset's other variables) to the go env file exactly as\n"
                "`go env -w` would, atomically, keeping every unrelated line."_s,
                1, 1);
        rc >= 0)
        return rc;
    const QString name = parser.positionalArguments().first();
    const ProxyPresetStore store;
    const std::optional<ProxyPreset> preset = store.find(name);
    if (!preset) {
        ctx.err << prefix(sub.name) << name << ": no such preset (see modkeeper-cli proxy list)\n";
        return Failure;
    }
    const Expected<ProxyApplyPlan> plan
        = ProxySwitcher::plan(*preset, ctx.envInputs, CredentialStore::knownHosts());
    if (!plan) {
        ctx.err << prefix(sub.name) << plan.error().toString() << "\n";
        return Failure;
    }
    for (const ProxySafetyCheck::Warning &w : plan->warnings)
        ctx.err << "warning: " << w.message << "\n";
    if (plan->needsConfirmation() && !parser.isSet(yes)) {
        ctx.err << prefix(sub.name) << name
                << ": not applied because it weakens go's checks; run again with --yes to apply it "
                   "anyway\n";
        return Failure;
    }
    const ProxyApplyResult result = ProxySwitcher::apply(*plan, ctx.envInputs);
    if (!result.ok()) {
        ctx.err << prefix(sub.name) << result.error.toString() << "\n";
        return Failure;
    }
    ctx.out << (result.changed ? "switched to " : "already using ") << name << ": "
            << result.envFile << "\n";
    for (const GoEnvFile::Assignment &a : plan->set)
        ctx.out << "  " << a.first << '=' << QString::fromUtf8(a.second) << "\n";
    for (const QString &k : plan->unset)
        ctx.out << "  " << k << " removed\n";
    for (const ProxyEnvState::Override &o : result.overrides) {
        ctx.err << "warning: " << o.name << ": stored "
                << (o.storedValue ? *o.storedValue : u"(nothing)"_s) << ", effective "
                << o.environmentValue << "\n  " << o.explanation << "\n";
    }
    return Success;
}

int runAdd(CliContext &ctx, const Sub &sub)
{
    QCommandLineParser parser;
    const QCommandLineOption priv(u"private"_s,
                                  u"GOPRIVATE patterns (\"\" removes GOPRIVATE when applied)."_s,
                                  u"PATTERNS"_s);
    const QCommandLineOption noproxy(u"noproxy"_s, u"GONOPROXY patterns."_s, u"PATTERNS"_s);
    const QCommandLineOption nosumdb(u"nosumdb"_s, u"GONOSUMDB patterns."_s, u"PATTERNS"_s);
    const QCommandLineOption sumdb(u"sumdb"_s, u"GOSUMDB value."_s, u"VALUE"_s);
    const QCommandLineOption insecure(u"insecure"_s, u"GOINSECURE patterns."_s, u"PATTERNS"_s);
    const QCommandLineOption description(u"description"_s, u"A note shown in lists."_s, u"TEXT"_s);
    const QCommandLineOption replace(u"replace"_s, u"Replace a user preset of the same name."_s);
    parser.addOptions({priv, noproxy, nosumdb, sumdb, insecure, description, replace});
    if (const int rc = parse(
            ctx, parser, sub,
            u"CHAIN is a GOPROXY value: URLs joined by ',' (next only on 404/410) or '|' (next on\n"
            "any error), optionally ending in direct or off. Variables not given are left alone\n"
            "when the preset is applied. Credentials never go here: use proxy login."_s,
            2, 2);
        rc >= 0)
        return rc;
    ProxyPreset p;
    p.name = parser.positionalArguments().at(0);
    p.goproxy = parser.positionalArguments().at(1);
    p.description = parser.value(description);
    const std::pair<const QCommandLineOption *, QString> map[] = {{&priv, u"GOPRIVATE"_s},
                                                                  {&noproxy, u"GONOPROXY"_s},
                                                                  {&nosumdb, u"GONOSUMDB"_s},
                                                                  {&sumdb, u"GOSUMDB"_s},
                                                                  {&insecure, u"GOINSECURE"_s}};
    for (const auto &[option, var] : map) {
        if (parser.isSet(*option))
            p.setValue(var, parser.value(*option));
    }
    ProxyPresetStore store;
    if (Status st
        = ProxySafetyCheck::checkCredentialTransport(p.goproxy, CredentialStore::knownHosts());
        !st) {
        ctx.err << prefix(sub.name) << st.error().toString() << "\n";
        return Failure;
    }
    if (Status st = store.add(p, parser.isSet(replace)); !st) {
        ctx.err << prefix(sub.name) << st.error().toString() << "\n";
        return st.error().code == Error::Code::InvalidArgument
                       || st.error().code == Error::Code::Refused
                   ? UsageError
                   : Failure;
    }
    for (const ProxySafetyCheck::Warning &w : ProxySafetyCheck::check(p.values()))
        ctx.err << "warning: " << w.message << "\n";
    ctx.out << "added preset " << p.name << "\n";
    return Success;
}

int runRemove(CliContext &ctx, const Sub &sub)
{
    QCommandLineParser parser;
    if (const int rc = parse(ctx, parser, sub, {}, 1, 1); rc >= 0)
        return rc;
    ProxyPresetStore store;
    if (Status st = store.remove(parser.positionalArguments().first()); !st) {
        ctx.err << prefix(sub.name) << st.error().toString() << "\n";
        return Failure;
    }
    ctx.out << "removed preset " << parser.positionalArguments().first() << "\n";
    return Success;
}

int runWhere(CliContext &ctx, const Sub &sub)
{
    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    parser.addOption(json);
    if (const int rc
        = parse(ctx, parser, sub,
                u"Applies go's rules to the effective GOPROXY, GOPRIVATE, GONOPROXY, GONOSUMDB,\n"
                "GOSUMDB and GOINSECURE (environment, go env file, defaults)."_s,
                1, 1);
        rc >= 0)
        return rc;
    const QString module = parser.positionalArguments().first();
    const ProxyEnvState state = ProxyEnvState::read(ctx.envInputs);
    const Expected<ProxyRoute> route = ProxyRoute::forModule(module, state.effective());
    if (!route) {
        ctx.err << prefix(sub.name) << route.error().toString() << "\n";
        return UsageError;
    }
    if (parser.isSet(json))
        printJson(ctx, route->toJson());
    else
        ctx.out << route->describe() << "\n";
    return route->kind == ProxyRoute::Kind::Invalid ? Failure : Success;
}

int runProbe(CliContext &ctx, const Sub &sub)
{
    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption timeout(u"timeout"_s, u"Seconds per proxy (default 10)."_s, u"S"_s,
                                     u"10"_s);
    const QCommandLineOption module(u"module"_s, u"Module whose @v/list is fetched."_s, u"M"_s,
                                    u"golang.org/x/text"_s);
    const QCommandLineOption presetOpt(u"preset"_s, u"Probe only this preset (repeatable)."_s,
                                       u"NAME"_s);
    const QCommandLineOption cacert(u"cacert"_s, u"Also trust the CA certificates in FILE (PEM)."_s,
                                    u"FILE"_s);
    parser.addOptions({json, timeout, module, presetOpt, cacert});
    if (const int rc = parse(
            ctx, parser, sub,
            u"Fetches <proxy>/<module>/@v/list from every proxy of every preset in parallel and\n"
            "ranks them by latency. Stored credentials are sent only over https to their host.\n"
            "Requests honour HTTPS_PROXY, HTTP_PROXY and NO_PROXY as go does."_s,
            0, 0);
        rc >= 0)
        return rc;
    bool okNumber = false;
    const double seconds = parser.value(timeout).toDouble(&okNumber);
    if (!okNumber || seconds <= 0 || seconds > 600) {
        ctx.err << prefix(sub.name) << "--timeout " << parser.value(timeout)
                << ": expected seconds between 0 and 600\n";
        return UsageError;
    }
    ProxyProbe::Options options;
    options.timeoutMs = int(seconds * 1000);
    options.module = parser.value(module);
    if (Status st = ModulePath::checkPath(options.module); !st) {
        ctx.err << prefix(sub.name) << "--module " << options.module << ": " << st.error().message
                << "\n";
        return UsageError;
    }
    if (parser.isSet(cacert)) {
        const Expected<QList<QSslCertificate>> certs
            = TrustedCertificates::readPemFile(parser.value(cacert));
        if (!certs) {
            ctx.err << prefix(sub.name) << "--cacert " << certs.error().toString() << "\n";
            return UsageError;
        }
        options.caCertificates = certs.value();
    }

    const ProxyPresetStore store;
    QList<ProxyPreset> presets;
    if (parser.isSet(presetOpt)) {
        for (const QString &name : parser.values(presetOpt)) {
            const std::optional<ProxyPreset> p = store.find(name);
            if (!p) {
                ctx.err << prefix(sub.name) << "--preset " << name << ": no such preset\n";
                return UsageError;
            }
            presets.append(*p);
        }
    } else {
        presets = store.presets();
    }
    const QList<ProxyProbe::Target> targets = ProxyProbe::targetsFor(presets);

    // Credentials for the hosts among the targets, if the keychain has any; all requests
    // first, so that a hung keychain costs one timeout.
    const QStringList known = CredentialStore::knownHosts();
    QHash<QString, QFuture<CredentialResult>> reads;
    for (const ProxyProbe::Target &t : targets) {
        for (const QString &key : CredentialStore::keysForUrl(t.url)) {
            if (known.contains(key) && !reads.contains(key))
                reads.insert(key, CredentialStore::instance().read(key));
        }
    }
    for (auto it = reads.begin(); it != reads.end(); ++it) {
        const CredentialResult r = waitFor(it.value());
        if (r.ok())
            options.credentials.insert(it.key(), r.credential);
        else
            ctx.err << "note: " << r.error.toString() << "; probing " << it.key()
                    << " without it\n";
    }

    QFuture<ProbeResult> future = ProxyProbe::start(targets, options);
    future.waitForFinished();
    const QList<ProbeResult> results = ProxyProbe::ranked(future.results());
    for (Credential &c : options.credentials)
        c.wipe();

    if (parser.isSet(json)) {
        QJsonArray list;
        for (const ProbeResult &r : results)
            list.append(r.toJson());
        printJson(ctx, QJsonObject{{u"module"_s, options.module}, {u"results"_s, list}});
    } else {
        qsizetype width = 0;
        for (const ProbeResult &r : results)
            width = std::max(width, r.preset.size());
        for (const ProbeResult &r : results) {
            ctx.out << (r.fastest ? "* " : "  ") << r.preset.leftJustified(width + 2)
                    << ProbeResult::statusName(r.status).leftJustified(14)
                    << (r.latencyMs >= 0 ? u"%1 ms"_s.arg(r.latencyMs) : u"-"_s).leftJustified(10)
                    << r.url << "\n";
            if (!r.error.isEmpty() && r.status != ProbeResult::Status::Ok)
                ctx.out << "      " << QString(r.error).replace(u"\n"_s, u"\n      "_s) << "\n";
            if (!r.credentialNote.isEmpty())
                ctx.out << "      " << r.credentialNote << "\n";
            if (!r.viaProxy.isEmpty())
                ctx.out << "      through " << r.viaProxy << " (HTTPS_PROXY/HTTP_PROXY, as go)\n";
        }
        if (!results.isEmpty() && results.first().fastest)
            ctx.out << "\nfastest: " << results.first().preset << " (" << results.first().latencyMs
                    << " ms)\n";
    }
    const bool anyHealthy = std::any_of(results.begin(), results.end(),
                                        [](const ProbeResult &r) { return r.healthy(); });
    return anyHealthy ? Success : Failure;
}

int runLogin(CliContext &ctx, const Sub &sub)
{
    QCommandLineParser parser;
    const QCommandLineOption user(u"user"_s, u"User name for basic authentication."_s, u"USER"_s);
    const QCommandLineOption netrc(
        u"netrc"_s, u"ALSO write a PLAIN-TEXT .netrc entry for go 1.19-1.23 (0600)."_s);
    parser.addOptions({user, netrc});
    if (const int rc
        = parse(ctx, parser, sub,
                u"The password or token is read from standard input (prompted without echo on a\n"
                "terminal), never from the command line. It is stored only in the OS keychain\n"
                "(service \"ModKeeper GOPROXY\"); without a keychain nothing is stored."_s,
                1, 1);
        rc >= 0)
        return rc;
    const Expected<QString> host
        = CredentialStore::normalizeHost(parser.positionalArguments().first());
    if (!host) {
        ctx.err << prefix(sub.name) << host.error().toString() << "\n";
        return UsageError;
    }
    if (!parser.isSet(user) || parser.value(user).isEmpty()) {
        ctx.err << prefix(sub.name) << "--user is required\n";
        return UsageError;
    }
    Expected<QString> secret = SecretInput::read(u"Password or token for %1: "_s.arg(*host));
    if (!secret) {
        ctx.err << prefix(sub.name) << secret.error().toString() << "\n";
        return Failure;
    }
    Credential credential{parser.value(user), *secret};
    secret = QString();
    if (Status st = credential.validate(); !st) {
        credential.wipe();
        ctx.err << prefix(sub.name) << st.error().toString() << "\n";
        return Failure;
    }
    const CredentialResult r = waitFor(CredentialStore::instance().write(*host, credential));
    if (!r.ok()) {
        credential.wipe();
        ctx.err << prefix(sub.name) << r.error.toString() << "\n";
        return Failure;
    }
    ctx.out << "stored the credential for " << *host << " in the keychain (service \""
            << CredentialStore::serviceName() << "\")\n";
    int rc = Success;
    if (parser.isSet(netrc)) {
        const QString path = NetrcFile::defaultPath(ctx.envInputs.environment);
        ctx.err << "warning: " << NetrcFile::plaintextWarning() << "\n";
        if (path.isEmpty()) {
            ctx.err << prefix(sub.name) << "--netrc: neither NETRC nor HOME is set\n";
            rc = Failure;
        } else if (Status st = NetrcFile::store(path, *host, credential); !st) {
            ctx.err << prefix(sub.name) << "--netrc: " << st.error().toString() << "\n";
            rc = Failure;
        } else {
            const QStringList machines = NetrcFile::machinesFor(*host);
            ctx.out << "wrote the .netrc entry for " << machines.join(u" and "_s) << ": " << path
                    << "\n";
            if (machines.size() > 1)
                ctx.err << "note: go 1.19 matches .netrc by host name only, so it will send this "
                           "credential to "
                        << machines.last() << " on any https port\n";
        }
    }
    credential.wipe();
    return rc;
}

int runLogout(CliContext &ctx, const Sub &sub)
{
    QCommandLineParser parser;
    const QCommandLineOption netrc(u"netrc"_s, u"Also remove the host's .netrc entry."_s);
    parser.addOption(netrc);
    if (const int rc = parse(ctx, parser, sub, {}, 1, 1); rc >= 0)
        return rc;
    const Expected<QString> host
        = CredentialStore::normalizeHost(parser.positionalArguments().first());
    if (!host) {
        ctx.err << prefix(sub.name) << host.error().toString() << "\n";
        return UsageError;
    }
    int rc = Success;
    if (parser.isSet(netrc)) {
        const QString path = NetrcFile::defaultPath(ctx.envInputs.environment);
        if (!path.isEmpty()) {
            if (Status st = NetrcFile::erase(path, *host); !st) {
                ctx.err << prefix(sub.name) << "--netrc: " << st.error().toString() << "\n";
                rc = Failure;
            }
        }
    }
    const CredentialResult r = waitFor(CredentialStore::instance().remove(*host));
    if (!r.ok()) {
        ctx.err << prefix(sub.name) << r.error.toString() << "\n";
        return Failure;
    }
    ctx.out << "removed the credential for " << *host << " from the keychain\n";
    return rc;
}

} // namespace

int ProxyCommand::run(CliContext &ctx)
{
    if (ctx.args.isEmpty()) {
        printUsage(ctx.err);
        return UsageError;
    }
    const QString name = ctx.args.first();
    if (name == u"--help" || name == u"-h" || name == u"help") {
        printUsage(ctx.out);
        return Success;
    }
    if (name == u"compare")
        return ProxyCompareCommand::run(ctx);
    using Runner = int (*)(CliContext &, const Sub &);
    const std::pair<const char *, Runner> runners[] = {
        {"list", &runList},   {"use", &runUse},     {"add", &runAdd},     {"remove", &runRemove},
        {"probe", &runProbe}, {"where", &runWhere}, {"login", &runLogin}, {"logout", &runLogout},
    };
    for (const auto &[n, runner] : runners) {
        if (name != QLatin1String(n))
            continue;
        for (const Sub &s : subcommands) {
            if (qstrcmp(s.name, n) == 0) {
                const int rc = runner(ctx, s);
                ctx.out.flush();
                ctx.err.flush();
                return rc;
            }
        }
    }
    ctx.err << "modkeeper-cli proxy: unknown subcommand \"" << name << "\"\n\n";
    printUsage(ctx.err);
    return UsageError;
}

} // namespace mk::cli
