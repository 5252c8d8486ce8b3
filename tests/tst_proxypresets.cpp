// SPDX-License-Identifier: GPL-3.0-or-later
// Presets: the built-ins, the user's (QSettings in a temporary XDG_CONFIG_HOME), validation,
// which one is active, weakening warnings, the apply plan, and the `modkeeper-cli proxy`
// subcommands around them (exit codes, --help, confirmation, errors naming the value).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include "GoTool.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "proxy/ProxyPresetStore.h"
#include "proxy/ProxySafetyCheck.h"
#include "proxy/ProxySwitcher.h"

using namespace Qt::StringLiterals;
using mk::ProxyPreset;
using mk::ProxyPresetStore;
using mk::ProxySafetyCheck;
using mk::ProxySettings;

namespace {

ProxySettings effective(const QString &goproxy, const QString &goprivate = {})
{
    ProxySettings s;
    s.goproxy = goproxy;
    s.goprivate = goprivate;
    s.gosumdb = u"sum.golang.org"_s;
    return s;
}

} // namespace

class ProxyPresetsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldShipTheBuiltInPresets();
    void shouldStoreUserPresetsWithoutSecrets();
    void shouldValidatePresets_data();
    void shouldValidatePresets();
    void shouldFindTheActivePreset();
    void shouldWarnAboutWeakenedChecks_data();
    void shouldWarnAboutWeakenedChecks();
    void shouldRefuseHttpForHostsWithCredentials();
    void shouldPlanTheGoEnvEdit();
    void shouldDriveItAllFromTheCli();

private:
    mk::test::ProcessResult cli(const QStringList &args);

    mk::test::ScratchDir m_home{u"proxypresets"_s};
    QProcessEnvironment m_env;
};

void ProxyPresetsTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    QStandardPaths::setTestModeEnabled(true);
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
    QCoreApplication::setOrganizationName(u"ModKeeper"_s);
    QCoreApplication::setApplicationName(u"ModKeeper"_s);
    m_env = mk::test::GoTool::isolatedEnvironment(mk::test::GoTool::go123(), m_home.path(),
                                                  m_home.filePath(u"modcache"_s), QString());
    for (const QString &k : {u"GOENV"_s, u"GOPROXY"_s, u"GOSUMDB"_s, u"GONOSUMDB"_s, u"GONOPROXY"_s,
                             u"GOPRIVATE"_s, u"GOINSECURE"_s})
        m_env.remove(k);
    m_env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
    // No keychain for these runs: nothing here may need one.
    m_env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + m_home.filePath(u"no-bus"_s));
}

mk::test::ProcessResult ProxyPresetsTest::cli(const QStringList &args)
{
    return mk::test::Subprocess::run(QStringLiteral(MODKEEPER_CLI), args, m_env, m_home.path());
}

void ProxyPresetsTest::shouldShipTheBuiltInPresets()
{
    QStringList got;
    for (const ProxyPreset &p : ProxyPreset::builtIns()) {
        got.append(p.name + u'=' + p.goproxy);
        QVERIFY(p.builtIn);
        QCOMPARE(p.specificity(), 0); // switching mirrors keeps the user's GOPRIVATE
        QVERIFY(ProxyPresetStore::validate(p).ok());
    }
    QCOMPARE(got, (QStringList{u"proxy.golang.org=https://proxy.golang.org,direct"_s,
                               u"goproxy.cn=https://goproxy.cn,direct"_s,
                               u"goproxy.io=https://goproxy.io,direct"_s,
                               u"aliyun=https://mirrors.aliyun.com/goproxy/,direct"_s,
                               u"direct=direct"_s, u"off=off"_s}));
}

void ProxyPresetsTest::shouldStoreUserPresetsWithoutSecrets()
{
    const QString file = m_home.filePath(u"store-test.ini"_s);
    QSettings settings(file, QSettings::IniFormat);
    ProxyPresetStore store(&settings);
    ProxyPreset corp;
    corp.name = u"corp"_s;
    corp.goproxy = u"https://proxy.corp.example|https://proxy.golang.org,direct"_s;
    corp.goprivate = u"*.corp.example"_s;
    corp.gonosumdb = QString(); // explicitly: remove GONOSUMDB when applied
    corp.description = u"work"_s;
    QVERIFY(store.add(corp).ok());
    QCOMPARE(store.add(corp).error().subject, u"corp"_s); // exists
    QVERIFY(store.add(corp, true).ok());

    ProxyPresetStore reread(&settings);
    const std::optional<ProxyPreset> back = reread.find(u"corp"_s);
    QVERIFY(back.has_value());
    QCOMPARE(back->goproxy, corp.goproxy);
    QCOMPARE(back->goprivate, corp.goprivate);
    QVERIFY(back->gonosumdb.has_value() && back->gonosumdb->isEmpty());
    QVERIFY(!back->gonoproxy.has_value());
    QVERIFY(!back->builtIn);
    QCOMPARE(reread.presets().size(), ProxyPreset::builtIns().size() + 1);

    // A URL with a password never gets in.
    ProxyPreset leaky = corp;
    leaky.name = u"leaky"_s;
    leaky.goproxy = u"https://alice:hunter2@proxy.corp.example"_s;
    QVERIFY(!store.add(leaky).ok());
    settings.sync();
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("hunter2"));

    QCOMPARE(store.remove(u"goproxy.cn"_s).error().code, mk::Error::Code::Refused);
    QCOMPARE(store.remove(u"nope"_s).error().code, mk::Error::Code::NotFound);
    QVERIFY(store.remove(u"corp"_s).ok());
    QVERIFY(!ProxyPresetStore(&settings).find(u"corp"_s).has_value());
}

void ProxyPresetsTest::shouldValidatePresets_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("goproxy");
    QTest::addColumn<QString>("goprivate");
    QTest::addColumn<QString>("gosumdb");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty name") << QString() << u"direct"_s << QString() << QString() << u"name"_s
                                << u"a preset needs a name"_s;
    QTest::newRow("built-in name")
        << u"GoProxy.CN"_s << u"direct"_s << QString() << QString() << u"GoProxy.CN"_s
        << u"this name belongs to a built-in preset"_s;
    QTest::newRow("padded name") << u" corp"_s << u"direct"_s << QString() << QString()
                                 << u" corp"_s
                                 << u"a preset name cannot start or end with white space"_s;
    QTest::newRow("empty chain")
        << u"x"_s << u","_s << QString() << QString() << u"GOPROXY"_s
        << u"GOPROXY list is not the empty string, but contains no entries"_s;
    QTest::newRow("bare directory")
        << u"x"_s << u"/srv/mods"_s << QString() << QString() << u"GOPROXY"_s
        << u"invalid proxy URL missing scheme: /srv/mods (a directory needs a file:// URL: "
           "file:///srv/mods)"_s;
    QTest::newRow("newline") << u"x"_s << u"direct"_s << u"a.example\nGOSUMDB=off"_s << QString()
                             << u"GOPRIVATE"_s << u"invalid newline in GOPRIVATE=... value"_s;
    QTest::newRow("NUL") << u"x"_s << QString::fromUtf16(u"https://a.example\0", 18) << QString()
                         << QString() << u"GOPROXY"_s << u"invalid NUL in GOPROXY=... value"_s;
    QTest::newRow("bad sumdb") << u"x"_s << u"direct"_s << QString() << u"sum.example.com"_s
                               << u"GOSUMDB"_s << u"invalid GOSUMDB: malformed verifier id"_s;
}

void ProxyPresetsTest::shouldValidatePresets()
{
    QFETCH(QString, name);
    QFETCH(QString, goproxy);
    QFETCH(QString, goprivate);
    QFETCH(QString, gosumdb);
    QFETCH(QString, subject);
    QFETCH(QString, message);
    ProxyPreset p;
    p.name = name;
    p.goproxy = goproxy;
    if (!goprivate.isEmpty())
        p.goprivate = goprivate;
    if (!gosumdb.isEmpty())
        p.gosumdb = gosumdb;
    const mk::Status st = ProxyPresetStore::validate(p);
    QVERIFY(!st.ok());
    QCOMPARE(st.error().subject, subject);
    QCOMPARE(st.error().message, message);
}

void ProxyPresetsTest::shouldFindTheActivePreset()
{
    QSettings settings(m_home.filePath(u"active-test.ini"_s), QSettings::IniFormat);
    ProxyPresetStore store(&settings);
    ProxyPreset corp;
    corp.name = u"corp-cn"_s;
    corp.goproxy = u"https://goproxy.cn,direct"_s;
    corp.goprivate = u"*.corp.example"_s;
    QVERIFY(store.add(corp).ok());

    QCOMPARE(store.activePreset(effective(u"https://proxy.golang.org,direct"_s))->name,
             u"proxy.golang.org"_s);
    // Spelled without the scheme, go means the same chain.
    QCOMPARE(store.activePreset(effective(u"goproxy.cn,direct"_s))->name, u"goproxy.cn"_s);
    // The more specific preset wins when its private patterns match too.
    QCOMPARE(
        store.activePreset(effective(u"https://goproxy.cn,direct"_s, u"*.corp.example"_s))->name,
        u"corp-cn"_s);
    QCOMPARE(
        store.activePreset(effective(u"https://goproxy.cn,direct"_s, u"other.example"_s))->name,
        u"goproxy.cn"_s);
    QVERIFY(!store.activePreset(effective(u"https://goproxy.cn|direct"_s))
                 .has_value()); // '|' is another chain
    QVERIFY(!store.activePreset(effective(u"https://mirror.example"_s)).has_value());
    QCOMPARE(store.activePreset(effective(u"off"_s))->name, u"off"_s);
}

void ProxyPresetsTest::shouldWarnAboutWeakenedChecks_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("warns");
    QTest::newRow("GOSUMDB=off") << u"GOSUMDB"_s << u"off"_s << true;
    QTest::newRow("GOSUMDB default") << u"GOSUMDB"_s << u"sum.golang.org"_s << false;
    QTest::newRow("GONOSUMDB *") << u"GONOSUMDB"_s << u"*"_s << true;
    QTest::newRow("GONOSUMDB *.com") << u"GONOSUMDB"_s << u"corp.example,*.com"_s << true;
    QTest::newRow("GONOSUMDB github.com") << u"GONOSUMDB"_s << u"github.com"_s << true;
    QTest::newRow("GONOSUMDB own org") << u"GONOSUMDB"_s << u"github.com/myorg"_s << false;
    QTest::newRow("GONOSUMDB corp") << u"GONOSUMDB"_s << u"*.corp.example.com"_s << false;
    QTest::newRow("GOPRIVATE *") << u"GOPRIVATE"_s << u"*"_s << true;
    QTest::newRow("GOINSECURE narrow") << u"GOINSECURE"_s << u"git.corp.example.com"_s << true;
    QTest::newRow("GOPROXY http") << u"GOPROXY"_s << u"http://mirror.example,direct"_s << true;
    QTest::newRow("GOPROXY https") << u"GOPROXY"_s << u"https://mirror.example,direct"_s << false;
    QTest::newRow("removal") << u"GOSUMDB"_s << QString() << false;
}

void ProxyPresetsTest::shouldWarnAboutWeakenedChecks()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(bool, warns);
    const QList<ProxySafetyCheck::Warning> w = ProxySafetyCheck::check({{name, value}});
    QCOMPARE(!w.isEmpty(), warns);
    if (warns) {
        QCOMPARE(w.first().name, name);
        QVERIFY(!w.first().message.isEmpty());
    }
}

void ProxyPresetsTest::shouldRefuseHttpForHostsWithCredentials()
{
    QVERIFY(
        ProxySafetyCheck::checkCredentialTransport(u"http://proxy.corp.example,direct"_s, {}).ok());
    const mk::Status st = ProxySafetyCheck::checkCredentialTransport(
        u"http://proxy.corp.example,direct"_s, {u"proxy.corp.example"_s});
    QVERIFY(!st.ok());
    QVERIFY(st.error().message.contains(u"use https://proxy.corp.example"_s));
    QVERIFY(ProxySafetyCheck::checkCredentialTransport(u"https://proxy.corp.example"_s,
                                                       {u"proxy.corp.example"_s})
                .ok());
    QVERIFY(!ProxySafetyCheck::checkCredentialTransport(u"http://proxy.corp.example:8080"_s,
                                                        {u"proxy.corp.example:8080"_s})
                 .ok());
}

void ProxyPresetsTest::shouldPlanTheGoEnvEdit()
{
    QHash<QString, QString> env;
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"plan-config"_s));
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    const mk::GoEnvInputs inputs = mk::GoEnvInputs::fromEnvironment(env, mk::Platform::Linux);
    ProxyPreset p;
    p.name = u"lax"_s;
    p.goproxy = u"https://goproxy.cn,direct"_s;
    p.gosumdb = u"off"_s;
    p.gonosumdb = QString();
    const mk::Expected<mk::ProxyApplyPlan> plan = mk::ProxySwitcher::plan(p, inputs);
    QVERIFY(plan.ok());
    QCOMPARE(plan->envFile, m_home.filePath(u"plan-config/go/env"_s));
    QCOMPARE(plan->set.size(), 2);
    QCOMPARE(plan->set.at(0).first, u"GOPROXY"_s);
    QCOMPARE(plan->set.at(1), (mk::GoEnvFile::Assignment{u"GOSUMDB"_s, "off"}));
    QCOMPARE(plan->unset, QStringList{u"GONOSUMDB"_s});
    QVERIFY(plan->needsConfirmation());
    QVERIFY(!QFile::exists(plan->envFile)); // planning writes nothing

    QFuture<mk::ProxyApplyResult> f = mk::ProxySwitcher::applyAsync(*plan, inputs);
    QVERIFY(QTest::qWaitFor([&] { return f.isFinished(); }, 10000));
    QVERIFY2(f.result().ok(), qPrintable(f.result().error.toString()));
    QFile written(plan->envFile);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), QByteArray("GOPROXY=https://goproxy.cn,direct\nGOSUMDB=off\n"));
}

void ProxyPresetsTest::shouldDriveItAllFromTheCli()
{
    const QString envFile = m_home.filePath(u"config/go/env"_s);
    for (const QString &sub : {u"list"_s, u"use"_s, u"add"_s, u"remove"_s, u"probe"_s, u"where"_s,
                               u"login"_s, u"logout"_s}) {
        const mk::test::ProcessResult help = cli({u"proxy"_s, sub, u"--help"_s});
        QVERIFY2(
            help.exitCode == 0
                && help.stdOut.startsWith(QByteArray("Usage: modkeeper-cli proxy " + sub.toUtf8())),
            qPrintable(help.describe()));
    }
    QCOMPARE(cli({u"proxy"_s, u"--help"_s}).exitCode, 0);
    QCOMPARE(cli({u"goauth"_s, u"--help"_s}).exitCode, 0);
    QCOMPARE(cli({u"proxy"_s}).exitCode, 2);
    QCOMPARE(cli({u"proxy"_s, u"frobnicate"_s}).exitCode, 2);
    QCOMPARE(cli({u"proxy"_s, u"use"_s}).exitCode, 2);
    QCOMPARE(cli({u"proxy"_s, u"probe"_s, u"--timeout"_s, u"soon"_s}).exitCode, 2);

    const mk::test::ProcessResult bad = cli({u"proxy"_s, u"add"_s, u"x"_s, u"/srv/mods"_s});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.stdErr.contains("/srv/mods"), bad.stdErr.constData());

    const mk::test::ProcessResult add
        = cli({u"proxy"_s, u"add"_s, u"lax"_s, u"goproxy.cn,direct"_s, u"--nosumdb"_s, u"*"_s});
    QVERIFY2(add.succeeded(), qPrintable(add.describe()));
    QVERIFY(add.stdErr.contains("warning:"));

    // Weakening values need an explicit --yes; without it nothing is written.
    const mk::test::ProcessResult refused = cli({u"proxy"_s, u"use"_s, u"lax"_s});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.stdErr.contains("--yes"));
    QVERIFY(!QFile::exists(envFile));
    const mk::test::ProcessResult used = cli({u"proxy"_s, u"use"_s, u"lax"_s, u"--yes"_s});
    QVERIFY2(used.succeeded(), qPrintable(used.describe()));
    QFile f(envFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("GONOSUMDB=*\nGOPROXY=goproxy.cn,direct\n"));
    f.close();

    const mk::test::ProcessResult list = cli({u"proxy"_s, u"list"_s, u"--json"_s});
    QVERIFY(list.succeeded());
    const QJsonObject json = QJsonDocument::fromJson(list.stdOut).object();
    QCOMPARE(json.value(u"active"_s).toString(), u"lax"_s);
    QCOMPARE(json.value(u"presets"_s).toArray().size(), ProxyPreset::builtIns().size() + 1);
    QCOMPARE(json.value(u"environment"_s)
                 .toObject()
                 .value(u"variables"_s)
                 .toObject()
                 .value(u"GOPROXY"_s)
                 .toObject()
                 .value(u"stored"_s)
                 .toString(),
             u"goproxy.cn,direct"_s);

    const mk::test::ProcessResult where
        = cli({u"proxy"_s, u"where"_s, u"golang.org/x/text"_s, u"--json"_s});
    QVERIFY(where.succeeded());
    const QJsonObject route = QJsonDocument::fromJson(where.stdOut).object();
    QCOMPARE(route.value(u"route"_s).toString(), u"proxies"_s);
    QCOMPARE(route.value(u"steps"_s).toArray().first().toObject().value(u"url"_s).toString(),
             u"https://goproxy.cn"_s);
    QVERIFY(!route.value(u"checksumDb"_s).toObject().value(u"checked"_s).toBool());
    const mk::test::ProcessResult badModule = cli({u"proxy"_s, u"where"_s, u"not a module"_s});
    QCOMPARE(badModule.exitCode, 2);
    QVERIFY(badModule.stdErr.contains("not a module"));

    QCOMPARE(cli({u"proxy"_s, u"remove"_s, u"goproxy.cn"_s}).exitCode, 1);
    QVERIFY(cli({u"proxy"_s, u"remove"_s, u"lax"_s}).succeeded());
    const mk::test::ProcessResult gone = cli({u"proxy"_s, u"use"_s, u"lax"_s});
    QCOMPARE(gone.exitCode, 1);
    QVERIFY(gone.stdErr.contains("lax: no such preset"));
}

QTEST_GUILESS_MAIN(ProxyPresetsTest)
#include "tst_proxypresets.moc"
