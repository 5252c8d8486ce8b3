// SPDX-License-Identifier: GPL-3.0-or-later
// The proxy GUI, offscreen: the toolbar's preset selector over a go env file in a temporary
// GOENV (read back by the real go 1.19 and 1.23), the confirmation for weakening values, the
// OS-override notice, and the Proxy settings dialog: chain validation with go's own text, user
// presets, the pattern tester, the "no secure storage" state, and the probe table filled from
// loopback servers while the GUI thread keeps running.
#include <algorithm>
#include <memory>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

#include "GoTool.h"
#include "MainWindow.h"
#include "ProbeResultsModel.h"
#include "ProxyPresetSelector.h"
#include "ProxySettingsDialog.h"
#include "ScratchDir.h"
#include "keychain/CredentialStore.h"
#include "keychain/KeychainBackend.h"
#include "proxy/ProxyPresetStore.h"
#include "proxytest/LoopbackServerThread.h"

using namespace Qt::StringLiterals;
using mk::MainWindow;
using mk::ProbeResult;
using mk::ProbeResultsModel;
using mk::ProxyPresetSelector;
using mk::ProxySettingsDialog;
using mk::test::GoTool;

namespace {

using Response = mk::test::LoopbackHttpServer::Response;
using ServerThread = mk::test::LoopbackServerThread;

const QByteArray initialContent = "# my go settings\nGOFLAGS=-modcacherw\n";
const QStringList proxyVariables
    = {u"GOPROXY"_s, u"GOPRIVATE"_s, u"GONOPROXY"_s, u"GONOSUMDB"_s, u"GOSUMDB"_s, u"GOINSECURE"_s};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QString builtInChain(const QString &name)
{
    for (const mk::ProxyPreset &p : mk::ProxyPreset::builtIns()) {
        if (p.name == name)
            return p.goproxy;
    }
    return {};
}

int comboIndexOf(const QComboBox *combo, const QString &presetName)
{
    return combo->findData(presetName);
}

// A keychain that is never there: the "no secure storage" state, deterministically.
class AbsentKeychain final : public mk::KeychainBackend
{
public:
    void read(const QString &, const QString &, Done done) override { done(unavailable()); }
    void write(const QString &, const QString &, const QByteArray &, Done done) override
    {
        done(unavailable());
    }
    void remove(const QString &, const QString &, Done done) override { done(unavailable()); }

private:
    static Reply unavailable()
    {
        Reply r;
        r.outcome = Outcome::Unavailable;
        r.detail = QStringLiteral("No keychain service available");
        return r;
    }
};

// Sets an environment variable for one test, then puts the old state back.
class ScopedEnv final
{
public:
    ScopedEnv(const char *name, const QByteArray &value)
        : m_name(name), m_wasSet(qEnvironmentVariableIsSet(name)), m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_wasSet)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    const char *m_name;
    bool m_wasSet;
    QByteArray m_old;
};

} // namespace

class TestGuiProxy final : public QObject
{
    Q_OBJECT

public:
    TestGuiProxy() = default;
    Q_DISABLE_COPY_MOVE(TestGuiProxy)

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void shouldShowTheActivePreset();
    void shouldSwitchInOneClickAndGoReadsItBack();
    void shouldConfirmWeakeningValuesBeforeWriting();
    void shouldShowStoredAndEffectiveValueWhenTheEnvironmentOverrides();
    void shouldRefuseToSwitchWithGoEnvOff();
    void shouldRejectABadChainWithGoTextBeforeWriting_data();
    void shouldRejectABadChainWithGoTextBeforeWriting();
    void shouldStoreAUserPresetAddedInTheDialog();
    void shouldShowWhereGoFetchesAModule();
    void shouldShowNoSecureStorageAndDisableSaving();
    void shouldFillSortAndHighlightTheProbeTableWithoutBlocking();

private:
    void openWindow();
    [[nodiscard]] QString goEnv(const QString &go, const QString &name,
                                const QStringList &extraEnv = {}) const;
    [[nodiscard]] bool activate(const QString &presetName) const;
    [[nodiscard]] QMessageBox *waitForBox(const QString &name) const;

    mk::test::ScratchDir m_dir{u"gui-proxy"_s};
    QString m_envFile;
    std::unique_ptr<MainWindow> m_window;
};

void TestGuiProxy::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(!m_dir.mkpath(u"home/.config"_s).isEmpty());
    QVERIFY(!m_dir.mkpath(u"gohome"_s).isEmpty());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"ModKeeper"_s);
    QCoreApplication::setApplicationName(u"ModKeeper"_s);
    qputenv("HOME", QFile::encodeName(m_dir.filePath(u"home"_s)));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(u"home/.config"_s)));
    // QSettings locks its file next to it: the folder must exist.
    QVERIFY(QDir().mkpath(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
                          + u"/ModKeeper"_s));
    m_envFile = m_dir.filePath(u"goenv/env"_s);
    qputenv("GOENV", QFile::encodeName(m_envFile));
    // ctest exports GOPROXY=off: this test needs the go env file to decide.
    for (const QString &v : proxyVariables)
        qunsetenv(v.toLatin1().constData());
    for (const char *v : {"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy",
                          "no_proxy", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION"})
        qunsetenv(v);
    // Never the developer's keyring: a session bus that does not exist.
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QFile::encodeName(u"unix:path="_s + m_dir.filePath(u"no-such-bus"_s)));
}

void TestGuiProxy::init()
{
    QSettings().clear();
    QVERIFY(writeFile(m_envFile, initialContent));
}

void TestGuiProxy::cleanup()
{
    m_window.reset();
}

void TestGuiProxy::openWindow()
{
    m_window = std::make_unique<MainWindow>(MainWindow::StartMode::Idle);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

QString TestGuiProxy::goEnv(const QString &go, const QString &name,
                            const QStringList &extraEnv) const
{
    // "A new shell": the real go with only HOME, PATH and GOENV pointing at our file.
    const QString home = m_dir.filePath(u"gohome"_s);
    QProcessEnvironment env
        = GoTool::isolatedEnvironment(go, home, home + u"/modcache"_s, QString());
    for (const QString &k : proxyVariables + QStringList{u"GOFLAGS"_s, u"GOENV"_s})
        env.remove(k);
    env.insert(u"GOENV"_s, m_envFile);
    for (const QString &kv : extraEnv)
        env.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    const mk::test::ProcessResult r = GoTool::run(go, {u"env"_s, name}, env, home);
    return r.succeeded() ? QString::fromUtf8(r.stdOut).trimmed()
                         : u"<go failed: "_s + r.describe() + u'>';
}

bool TestGuiProxy::activate(const QString &presetName) const
{
    // One click: what QComboBox emits when the user picks an item.
    QComboBox *combo = m_window->proxySelector()->comboBox();
    const int index = comboIndexOf(combo, presetName);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
    return true;
}

QMessageBox *TestGuiProxy::waitForBox(const QString &name) const
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        box = m_window->findChild<QMessageBox *>(name);
        return box && box->isVisible();
    });
    return shown ? box : nullptr;
}

void TestGuiProxy::shouldShowTheActivePreset()
{
    QVERIFY(writeFile(m_envFile, initialContent + "GOPROXY=goproxy.cn,direct\n"));
    openWindow();
    ProxyPresetSelector *selector = m_window->proxySelector();
    QVERIFY(selector);
    // In the main toolbar, next to the Proxy… action, which is also in a menu.
    auto *bar = m_window->findChild<QToolBar *>(u"proxyToolBar"_s);
    QVERIFY(bar);
    QVERIFY(bar->isAncestorOf(selector));
    auto *action = m_window->findChild<QAction *>(u"proxySettingsAction"_s);
    QVERIFY(action);
    bool inMenu = false;
    for (QAction *menuAction : m_window->menuBar()->actions()) {
        if (menuAction->menu() && menuAction->menu()->actions().contains(action))
            inMenu = true;
    }
    QVERIFY(inMenu);

    // "goproxy.cn" is go's spelling of https://goproxy.cn: the built-in preset is active.
    QCOMPARE(selector->activePresetName(), u"goproxy.cn"_s);
    QCOMPARE(selector->comboBox()->currentData().toString(), u"goproxy.cn"_s);
    QVERIFY(!m_window->findChild<QToolButton *>(u"proxyOverrideBadge"_s)->isVisible());

    // A value no preset has: "custom", not a wrong name.
    QVERIFY(
        writeFile(m_envFile, initialContent + "GOPROXY=https://mirror.example.test/go,direct\n"));
    selector->refresh();
    QVERIFY(selector->activePresetName().isEmpty());
    QCOMPARE(selector->comboBox()->currentText(), u"custom"_s);
    QVERIFY(selector->comboBox()->currentData().toString().isEmpty());

    // Nothing in the file: go's default is proxy.golang.org.
    QVERIFY(writeFile(m_envFile, initialContent));
    selector->refresh();
    QCOMPARE(selector->comboBox()->currentData().toString(), u"proxy.golang.org"_s);
}

void TestGuiProxy::shouldSwitchInOneClickAndGoReadsItBack()
{
    openWindow();
    ProxyPresetSelector *selector = m_window->proxySelector();
    QSignalSpy finished(selector, &ProxyPresetSelector::applyFinished);
    auto *header = m_window->findChild<QLabel *>(u"goproxyValue"_s);
    QVERIFY(header);

    for (const QString &preset : {u"aliyun"_s, u"goproxy.cn"_s, u"direct"_s}) {
        finished.clear();
        QVERIFY(activate(preset));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.first().first().toBool(), true);
        const QString chain = builtInChain(preset);
        const QByteArray content = readAll(m_envFile);
        QVERIFY2(content.contains(QByteArray("GOPROXY=" + chain.toUtf8() + "\n")),
                 content.constData());
        // Every unrelated line kept, where it was.
        QVERIFY2(content.startsWith(initialContent), content.constData());
        // The window shows it: selector and env header.
        QCOMPARE(selector->comboBox()->currentData().toString(), preset);
        QCOMPARE(header->text(), chain);
        // And go reads it back, old and new.
        QCOMPARE(goEnv(GoTool::go119(), u"GOPROXY"_s), chain);
        QCOMPARE(goEnv(GoTool::go123(), u"GOPROXY"_s), chain);
        QCOMPARE(goEnv(GoTool::go123(), u"GOFLAGS"_s), u"-modcacherw"_s);
    }
}

void TestGuiProxy::shouldConfirmWeakeningValuesBeforeWriting()
{
    mk::ProxyPreset weak;
    weak.name = u"no-sumdb"_s;
    weak.goproxy = u"https://goproxy.cn,direct"_s;
    weak.gosumdb = u"off"_s;
    {
        mk::ProxyPresetStore store;
        const mk::Status added = store.add(weak);
        QVERIFY2(added.ok(), qPrintable(added.error().toString()));
    }
    openWindow();
    ProxyPresetSelector *selector = m_window->proxySelector();
    QSignalSpy finished(selector, &ProxyPresetSelector::applyFinished);

    QVERIFY(activate(weak.name));
    QMessageBox *box = waitForBox(u"proxyWeakenConfirmation"_s);
    QVERIFY(box);
    QVERIFY2(box->informativeText().contains(u"GOSUMDB"_s), qPrintable(box->informativeText()));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    // Nothing is written while the question is open.
    QCOMPARE(readAll(m_envFile), initialContent);
    box->button(QMessageBox::Cancel)->click();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(readAll(m_envFile), initialContent);
    QCOMPARE(selector->comboBox()->currentData().toString(), u"proxy.golang.org"_s);

    finished.clear();
    QVERIFY(activate(weak.name));
    box = waitForBox(u"proxyWeakenConfirmation"_s);
    QVERIFY(box);
    auto *apply = box->findChild<QPushButton *>(u"confirmSwitchButton"_s);
    QVERIFY(apply);
    apply->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(goEnv(GoTool::go119(), u"GOSUMDB"_s), u"off"_s);
    QCOMPARE(goEnv(GoTool::go123(), u"GOSUMDB"_s), u"off"_s);
    QCOMPARE(goEnv(GoTool::go123(), u"GOPROXY"_s), weak.goproxy);
    QCOMPARE(selector->activePresetName(), weak.name);
}

void TestGuiProxy::shouldShowStoredAndEffectiveValueWhenTheEnvironmentOverrides()
{
    const QString fromEnv = u"https://env.example.test,direct"_s;
    const ScopedEnv env("GOPROXY", fromEnv.toUtf8());
    openWindow();
    ProxyPresetSelector *selector = m_window->proxySelector();
    auto *badge = m_window->findChild<QToolButton *>(u"proxyOverrideBadge"_s);
    QVERIFY(badge);
    QVERIFY(badge->isVisible());
    QVERIFY2(badge->toolTip().contains(u"stored in the go env file: (not set there)"_s),
             qPrintable(badge->toolTip()));
    QVERIFY2(badge->toolTip().contains(u"effective (OS environment): "_s + fromEnv),
             qPrintable(badge->toolTip()));
    QCOMPARE(selector->comboBox()->currentText(), u"custom"_s);

    QSignalSpy finished(selector, &ProxyPresetSelector::applyFinished);
    QVERIFY(activate(u"goproxy.cn"_s));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.first().first().toBool(), true);
    // Written, but this environment still overrides it: said plainly, with both values and why.
    QMessageBox *notice = waitForBox(u"proxyOverrideNotice"_s);
    QVERIFY(notice);
    const QString details = notice->informativeText();
    QVERIFY2(details.contains(u"stored in the go env file: https://goproxy.cn,direct"_s),
             qPrintable(details));
    QVERIFY2(details.contains(u"effective (OS environment): "_s + fromEnv), qPrintable(details));
    QVERIFY2(details.contains(u"unset GOPROXY"_s), qPrintable(details));
    QVERIFY2(notice->text().contains(m_envFile), qPrintable(notice->text()));
    notice->button(QMessageBox::Close)->click();
    // The selector keeps telling the truth: go here still uses the environment's value.
    QCOMPARE(selector->comboBox()->currentText(), u"custom"_s);
    QCOMPARE(m_window->findChild<QLabel *>(u"goproxyValue"_s)->text(), fromEnv);
    // A new shell without the variable gets the preset; one with it keeps the variable.
    QCOMPARE(goEnv(GoTool::go119(), u"GOPROXY"_s), builtInChain(u"goproxy.cn"_s));
    QCOMPARE(goEnv(GoTool::go123(), u"GOPROXY"_s, {u"GOPROXY="_s + fromEnv}), fromEnv);
}

void TestGuiProxy::shouldRefuseToSwitchWithGoEnvOff()
{
    const ScopedEnv off("GOENV", "off");
    openWindow();
    ProxyPresetSelector *selector = m_window->proxySelector();
    QSignalSpy finished(selector, &ProxyPresetSelector::applyFinished);
    QVERIFY(activate(u"goproxy.cn"_s));
    QMessageBox *box = waitForBox(u"proxySwitchError"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"GOENV=off"_s), qPrintable(box->text()));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(readAll(m_envFile), initialContent);
    QCOMPARE(selector->comboBox()->currentData().toString(), u"proxy.golang.org"_s);
}

void TestGuiProxy::shouldRejectABadChainWithGoTextBeforeWriting_data()
{
    QTest::addColumn<QString>("chain");
    QTest::newRow("bare directory") << u"/srv/mods"_s;
    QTest::newRow("space in host") << u"https://a b,direct"_s;
    QTest::newRow("empty list") << u" , "_s;
}

void TestGuiProxy::shouldRejectABadChainWithGoTextBeforeWriting()
{
    QFETCH(QString, chain);
    // go's own complaint about this GOPROXY, from both versions.
    QStringList goTexts;
    for (const QString &go : {GoTool::go119(), GoTool::go123()}) {
        const QString home = m_dir.filePath(u"gohome"_s);
        QProcessEnvironment env
            = GoTool::isolatedEnvironment(go, home, home + u"/modcache"_s, chain);
        const mk::test::ProcessResult r
            = GoTool::run(go, {u"list"_s, u"-m"_s, u"golang.org/x/text@latest"_s}, env, home);
        QVERIFY(!r.succeeded());
        const QString err = QString::fromUtf8(r.stdErr).trimmed();
        const QString prefix = u"go: golang.org/x/text@latest: "_s;
        QVERIFY2(err.startsWith(prefix), qPrintable(err));
        goTexts << err.mid(prefix.size());
    }
    QCOMPARE(goTexts.at(0), goTexts.at(1));

    ProxySettingsDialog dialog;
    dialog.show();
    QSignalSpy changed(&dialog, &ProxySettingsDialog::presetsChanged);
    dialog.newPreset();
    dialog.findChild<QLineEdit *>(u"presetName"_s)->setText(u"broken"_s);
    dialog.findChild<QLineEdit *>(u"presetChain"_s)->setText(chain);
    auto *validation = dialog.findChild<QLabel *>(u"chainValidation"_s);
    // go's text, word for word (ModKeeper may add a hint after it).
    QVERIFY2(validation->text().startsWith(goTexts.first()), qPrintable(validation->text()));
    auto *save = dialog.findChild<QPushButton *>(u"savePresetButton"_s);
    QVERIFY(!save->isEnabled());
    // Even when asked directly, nothing is stored.
    dialog.savePreset();
    QVERIFY(!mk::ProxyPresetStore().find(u"broken"_s));
    QVERIFY(dialog.findChild<QLabel *>(u"presetError"_s)->text().contains(goTexts.first()));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(readAll(m_envFile), initialContent);

    // Fixing the chain enables saving.
    dialog.findChild<QLineEdit *>(u"presetChain"_s)
        ->setText(u"https://goproxy.cn|https://proxy.golang.org,direct"_s);
    QVERIFY(validation->text().startsWith(u"\u2713"_s));
    QVERIFY2(validation->text().contains(u"on any error"_s), qPrintable(validation->text()));
    QVERIFY(save->isEnabled());
}

void TestGuiProxy::shouldStoreAUserPresetAddedInTheDialog()
{
    openWindow();
    m_window->showProxySettings();
    ProxySettingsDialog *dialog = m_window->proxySettingsDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // The separator's meaning is spelled out next to the chain.
    QVERIFY(dialog->findChild<QLabel *>(u"chainExplanation"_s)->text().contains(u"404"_s));

    // Built-ins are read-only.
    dialog->selectPreset(u"goproxy.cn"_s);
    QVERIFY(dialog->findChild<QLineEdit *>(u"presetChain"_s)->isReadOnly());
    QVERIFY(!dialog->findChild<QPushButton *>(u"savePresetButton"_s)->isEnabled());
    QVERIFY(!dialog->findChild<QPushButton *>(u"removePresetButton"_s)->isEnabled());

    QSignalSpy changed(dialog, &ProxySettingsDialog::presetsChanged);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"newPresetButton"_s), Qt::LeftButton);
    const QString chain = u"https://proxy.corp.example|https://proxy.golang.org,direct"_s;
    dialog->findChild<QLineEdit *>(u"presetName"_s)->setText(u"corp"_s);
    dialog->findChild<QLineEdit *>(u"presetChain"_s)->setText(chain);
    dialog->findChild<QCheckBox *>(u"set_GOPRIVATE"_s)->setChecked(true);
    dialog->findChild<QLineEdit *>(u"value_GOPRIVATE"_s)->setText(u"*.corp.example"_s);
    dialog->findChild<QCheckBox *>(u"set_GONOPROXY"_s)->setChecked(true);
    dialog->findChild<QLineEdit *>(u"value_GONOPROXY"_s)->setText(u"none"_s);
    auto *save = dialog->findChild<QPushButton *>(u"savePresetButton"_s);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(changed.count(), 1);

    const std::optional<mk::ProxyPreset> stored = mk::ProxyPresetStore().find(u"corp"_s);
    QVERIFY(stored);
    QCOMPARE(stored->goproxy, chain);
    QCOMPARE(stored->goprivate, std::optional<QString>(u"*.corp.example"_s));
    QCOMPARE(stored->gonoproxy, std::optional<QString>(u"none"_s));
    QVERIFY(!stored->gonosumdb); // not ticked: left alone when applied
    QVERIFY(!stored->builtIn);
    // The selector in the toolbar offers it at once.
    QVERIFY(comboIndexOf(m_window->proxySelector()->comboBox(), u"corp"_s) >= 0);

    // "Use" switches through the toolbar's selector: go sees all of the preset.
    QSignalSpy applied(m_window->proxySelector(), &ProxyPresetSelector::applyFinished);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"usePresetButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 10000);
    QCOMPARE(applied.first().first().toBool(), true);
    QCOMPARE(m_window->proxySelector()->activePresetName(), u"corp"_s);
    QCOMPARE(goEnv(GoTool::go123(), u"GOPROXY"_s), chain);
    QCOMPARE(goEnv(GoTool::go123(), u"GOPRIVATE"_s), u"*.corp.example"_s);
    QCOMPARE(goEnv(GoTool::go119(), u"GONOPROXY"_s), u"none"_s);
    QCOMPARE(goEnv(GoTool::go119(), u"GONOSUMDB"_s), u"*.corp.example"_s); // follows GOPRIVATE

    // Edit and remove it again.
    dialog->selectPreset(u"corp"_s);
    dialog->findChild<QLineEdit *>(u"presetDescription"_s)->setText(u"the company proxy"_s);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(mk::ProxyPresetStore().find(u"corp"_s)->description, u"the company proxy"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"removePresetButton"_s), Qt::LeftButton);
    QVERIFY(!mk::ProxyPresetStore().find(u"corp"_s));
    QVERIFY(comboIndexOf(m_window->proxySelector()->comboBox(), u"corp"_s) < 0);
    QCOMPARE(changed.count(), 3);
}

void TestGuiProxy::shouldShowWhereGoFetchesAModule()
{
    ProxySettingsDialog dialog;
    dialog.show();
    dialog.newPreset();
    dialog.findChild<QLineEdit *>(u"presetName"_s)->setText(u"corp"_s);
    dialog.findChild<QLineEdit *>(u"presetChain"_s)
        ->setText(u"https://proxy.corp.example,direct"_s);
    dialog.findChild<QCheckBox *>(u"set_GOPRIVATE"_s)->setChecked(true);
    dialog.findChild<QLineEdit *>(u"value_GOPRIVATE"_s)->setText(u"*.corp.example"_s);
    auto *module = dialog.findChild<QLineEdit *>(u"routeModule"_s);
    auto *result = dialog.findChild<QLabel *>(u"routeResult"_s);

    // Private: direct from version control, and not checked by the checksum database.
    module->setText(u"git.corp.example/team/lib"_s);
    QVERIFY2(result->text().contains(u"*.corp.example"_s), qPrintable(result->text()));
    QVERIFY2(result->text().contains(u"NOT checked"_s), qPrintable(result->text()));
    const QString direct = result->text();

    // GONOPROXY=none: private modules go through the proxy after all, still unchecked.
    dialog.findChild<QCheckBox *>(u"set_GONOPROXY"_s)->setChecked(true);
    dialog.findChild<QLineEdit *>(u"value_GONOPROXY"_s)->setText(u"none"_s);
    QVERIFY2(result->text().contains(u"https://proxy.corp.example"_s), qPrintable(result->text()));
    QVERIFY(result->text() != direct);
    QVERIFY2(result->text().contains(u"NOT checked"_s), qPrintable(result->text()));

    // Public: through the chain, checked.
    module->setText(u"golang.org/x/text"_s);
    QVERIFY2(result->text().contains(u"https://proxy.corp.example"_s), qPrintable(result->text()));
    QVERIFY2(result->text().contains(u"Checksum database: checked"_s), qPrintable(result->text()));
    QCOMPARE(result->text().count(u"Checksum database"_s), 1); // said once, not twice

    // Not a module path: go's complaint.
    module->setText(u"nodot/x"_s);
    QVERIFY2(result->text().contains(u"nodot/x"_s), qPrintable(result->text()));
}

void TestGuiProxy::shouldShowNoSecureStorageAndDisableSaving()
{
    for (const bool fake : {true, false}) {
        ProxySettingsDialog dialog;
        QSignalSpy checked(&dialog, &ProxySettingsDialog::keychainChecked);
        std::unique_ptr<mk::CredentialStore> absent;
        if (fake) {
            absent = std::make_unique<mk::CredentialStore>(std::make_shared<AbsentKeychain>(),
                                                           u"ModKeeper Test"_s);
            dialog.setCredentialStore(absent.get());
        }
        // fake == false: the real store over a session bus that does not exist.
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, 20000);
        QCOMPARE(checked.last().first().toBool(), false);
        QVERIFY(!dialog.keychainAvailable());
        auto *status = dialog.findChild<QLabel *>(u"keychainStatus"_s);
        QVERIFY2(status->text().startsWith(u"No secure storage"_s), qPrintable(status->text()));
        QVERIFY2(status->text().contains(u"never keeps them in plain text"_s),
                 qPrintable(status->text()));

        dialog.findChild<QComboBox *>(u"credentialHost"_s)->setCurrentText(u"proxy.corp.example"_s);
        dialog.findChild<QLineEdit *>(u"credentialUser"_s)->setText(u"alice"_s);
        QVERIFY(!dialog.findChild<QLineEdit *>(u"credentialSecret"_s)->isEnabled());
        QVERIFY(!dialog.findChild<QPushButton *>(u"saveCredentialButton"_s)->isEnabled());
        QVERIFY(!dialog.findChild<QPushButton *>(u"removeCredentialButton"_s)->isEnabled());
        QVERIFY(mk::CredentialStore::knownHosts().isEmpty());
    }
}

void TestGuiProxy::shouldFillSortAndHighlightTheProbeTableWithoutBlocking()
{
    ServerThread server(QHostAddress::LocalHost, std::nullopt);
    QVERIFY(server.listening());
    server->route("/fast/", Response{});
    Response slow;
    slow.delayMs = 1200;
    server->route("/slow/", slow);
    Response missing;
    missing.code = 404;
    missing.reason = "Not Found";
    missing.body = "not found: golang.org/x/text\n";
    server->route("/missing/", missing);
    Response broken;
    broken.code = 500;
    broken.reason = "Internal Server Error";
    broken.body = "upstream exploded\n";
    server->route("/broken/", broken);
    QTcpServer dead;
    QVERIFY(dead.listen(QHostAddress::LocalHost, 0));
    const quint16 deadPort = dead.serverPort();
    dead.close();

    {
        mk::ProxyPresetStore store;
        for (const QString &name : {u"fast"_s, u"slow"_s, u"missing"_s, u"broken"_s}) {
            mk::ProxyPreset p;
            p.name = name;
            p.goproxy = server.base() + u'/' + name + u",direct"_s;
            const mk::Status added = store.add(p);
            QVERIFY2(added.ok(), qPrintable(added.error().toString()));
        }
        mk::ProxyPreset refused;
        refused.name = u"refused"_s;
        refused.goproxy = u"http://127.0.0.1:%1,direct"_s.arg(deadPort);
        QVERIFY(store.add(refused).ok());
    }

    ProxySettingsDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setProbeScope(ProxySettingsDialog::ProbeScope::UserPresets);
    dialog.findChild<QSpinBox *>(u"probeTimeout"_s)->setValue(5);
    QSignalSpy finished(&dialog, &ProxySettingsDialog::probeFinished);

    // A timer on the GUI thread measures how long the event loop ever stalls.
    QTimer ticker;
    ticker.setInterval(10);
    int ticks = 0;
    qint64 longestGapMs = 0;
    QElapsedTimer gap;
    connect(&ticker, &QTimer::timeout, this, [&] {
        ++ticks;
        longestGapMs = std::max(longestGapMs, gap.restart());
    });
    gap.start();
    ticker.start();

    QElapsedTimer click;
    click.start();
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"probeButton"_s), Qt::LeftButton);
    QVERIFY2(click.elapsed() < 1000, qPrintable(QString::number(click.elapsed())));
    QVERIFY(dialog.isProbing());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    ticker.stop();
    // The probe took over 1.2 s (the slow proxy); the GUI thread kept ticking through it. A
    // probe run on this thread would stall it for all of that (bounds loose for busy machines).
    QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks)));
    QVERIFY2(longestGapMs < 1000, qPrintable(QString::number(longestGapMs)));
    qInfo("probe: %d ticks of a 10 ms timer, longest gap %lld ms", ticks, longestGapMs);

    ProbeResultsModel *model = dialog.probeModel();
    QCOMPARE(model->rowCount(), 5);
    QHash<QString, ProbeResult> byPreset;
    for (const ProbeResult &r : model->results())
        byPreset.insert(r.preset, r);
    QCOMPARE(byPreset.value(u"fast"_s).status, ProbeResult::Status::Ok);
    QCOMPARE(byPreset.value(u"slow"_s).status, ProbeResult::Status::Ok);
    QVERIFY(byPreset.value(u"slow"_s).latencyMs >= 1000);
    QCOMPARE(byPreset.value(u"missing"_s).status, ProbeResult::Status::NotFound);
    QCOMPARE(byPreset.value(u"missing"_s).httpCode, 404);
    QCOMPARE(byPreset.value(u"broken"_s).status, ProbeResult::Status::HttpError);
    QCOMPARE(byPreset.value(u"broken"_s).httpCode, 500);
    QVERIFY(byPreset.value(u"broken"_s).error.contains(u"server response: upstream exploded"_s));
    QCOMPARE(byPreset.value(u"refused"_s).status, ProbeResult::Status::NetworkError);

    // The fastest healthy proxy is flagged and highlighted; nothing else is.
    const int fastest = model->fastestRow();
    QVERIFY(fastest >= 0);
    QCOMPARE(model->results().at(fastest).preset, u"fast"_s);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex status = model->index(row, ProbeResultsModel::StatusColumn);
        const bool isFastest = row == fastest;
        QCOMPARE(status.data(ProbeResultsModel::FastestRole).toBool(), isFastest);
        QCOMPARE(status.data(Qt::BackgroundRole).isValid(), isFastest);
        QCOMPARE(status.data(Qt::FontRole).value<QFont>().bold(), isFastest);
    }
    QVERIFY(model->index(fastest, ProbeResultsModel::StatusColumn)
                .data()
                .toString()
                .contains(u"fastest"_s));

    // Sorted by the raw latency (ms), not by its text ("1203 ms" < "4 ms" as strings); no
    // answer at all comes last.
    QSortFilterProxyModel *sorted = dialog.probeSortModel();
    sorted->sort(ProbeResultsModel::LatencyColumn, Qt::AscendingOrder);
    QStringList order;
    qint64 previous = -1;
    for (int row = 0; row < sorted->rowCount(); ++row) {
        const QModelIndex latency = sorted->index(row, ProbeResultsModel::LatencyColumn);
        const qint64 value = latency.data(ProbeResultsModel::SortRole).toLongLong();
        QVERIFY2(value >= previous, qPrintable(QString::number(value)));
        previous = value;
        order << sorted->index(row, ProbeResultsModel::PresetColumn).data().toString();
    }
    QVERIFY2(order.indexOf(u"fast"_s) < order.indexOf(u"slow"_s), qPrintable(order.join(u' ')));
    QCOMPARE(order.last(), u"refused"_s);
    sorted->sort(ProbeResultsModel::LatencyColumn, Qt::DescendingOrder);
    QCOMPARE(sorted->index(0, ProbeResultsModel::PresetColumn).data().toString(), u"refused"_s);
    QCOMPARE(sorted->index(1, ProbeResultsModel::PresetColumn).data().toString(), u"slow"_s);
    // The status column sorts healthy first.
    sorted->sort(ProbeResultsModel::StatusColumn, Qt::AscendingOrder);
    QCOMPARE(sorted->index(0, ProbeResultsModel::StatusColumn)
                 .data(ProbeResultsModel::StatusRole)
                 .toInt(),
             int(ProbeResult::Status::Ok));
}

QTEST_MAIN(TestGuiProxy)
#include "tst_gui_proxy.moc"
