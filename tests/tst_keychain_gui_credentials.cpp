// SPDX-License-Identifier: GPL-3.0-or-later
// The Proxy settings dialog's credentials against a REAL gnome-keyring (CTest runs this through
// tests/with-keyring.sh: a private D-Bus session and a throw-away keyring). A credential typed
// into the dialog is read back through CredentialStore; the secret field forgets it at once;
// and the secret appears nowhere else: not in any file under the test's HOME (QSettings, the go
// env file), not in any widget, not in anything Qt or ModKeeper logged.
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMutex>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "ProxySettingsDialog.h"
#include "ScratchDir.h"
#include "keychain/CredentialStore.h"

using namespace Qt::StringLiterals;
using mk::Credential;
using mk::CredentialResult;
using mk::CredentialStore;
using mk::ProxySettingsDialog;

namespace {

const QString testSecret = u"Gui-Secret-5e81-token"_s;
const QString testHost = u"proxy.corp.example:8443"_s;

// Everything logged through Qt's message handler during the run.
QMutex logMutex;
QStringList logged;
QtMessageHandler previousHandler = nullptr;

void recordingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        logged.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(it.next());
    return out;
}

// The first file under dir holding needle, or an empty string.
QString fileContaining(const QString &dir, const QByteArray &needle)
{
    for (const QString &path : filesUnder(dir)) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            return path;
    }
    return {};
}

// Every text a widget of the dialog shows or keeps (labels, fields, tooltips, list items).
QStringList textsOf(const QWidget &root)
{
    QStringList texts;
    for (const QLineEdit *e : root.findChildren<QLineEdit *>())
        texts << e->text() << e->placeholderText() << e->toolTip();
    for (const QLabel *l : root.findChildren<QLabel *>())
        texts << l->text() << l->toolTip();
    for (const QComboBox *c : root.findChildren<QComboBox *>()) {
        for (int i = 0; i < c->count(); ++i)
            texts << c->itemText(i);
    }
    for (const QListWidget *list : root.findChildren<QListWidget *>()) {
        for (int i = 0; i < list->count(); ++i)
            texts << list->item(i)->text() << list->item(i)->toolTip();
    }
    return texts;
}

CredentialResult await(QFuture<CredentialResult> f)
{
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, 20000) || f.resultCount() == 0)
        return {};
    return f.result();
}

} // namespace

class KeychainGuiCredentialsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldSaveACredentialFromTheDialogIntoTheKeychain();
    void shouldRefusePlainHttpHostsAndStoreNothing();
    void shouldRemoveTheCredentialFromTheDialog();
    void cleanupTestCase();

private:
    void checkSecretNowhere(const QWidget &dialog);

    mk::test::ScratchDir m_home{u"keychain-gui"_s};
};

void KeychainGuiCredentialsTest::initTestCase()
{
    // Never against a real user's keyring: only inside with-keyring.sh's private session.
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    QVERIFY2(runtime.contains("with-keyring.") && !qgetenv("DBUS_SESSION_BUS_ADDRESS").isEmpty(),
             "run this test through tests/with-keyring.sh (ctest does)");
    previousHandler = qInstallMessageHandler(recordingHandler);
    QVERIFY(m_home.isValid());
    QStandardPaths::setTestModeEnabled(true);
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
    qputenv("GOENV", QFile::encodeName(m_home.filePath(u"goenv/env"_s)));
    qputenv("NETRC", QFile::encodeName(m_home.filePath(u"netrc"_s)));
    // QtKeychain picks its backend from the desktop; make it the Secret Service (libsecret).
    for (const char *v :
         {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "DISPLAY", "QT_NO_GLIB"})
        qunsetenv(v);
    QCoreApplication::setOrganizationName(u"ModKeeper"_s);
    QCoreApplication::setApplicationName(u"ModKeeper"_s);
    QVERIFY(QDir().mkpath(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
                          + u"/ModKeeper"_s));
}

void KeychainGuiCredentialsTest::checkSecretNowhere(const QWidget &dialog)
{
    for (const QByteArray &needle : {testSecret.toUtf8(), testSecret.toUtf8().toBase64(),
                                     Credential{u"alice"_s, testSecret}.basicAuthorization()}) {
        const QString file = fileContaining(m_home.path(), needle);
        QVERIFY2(file.isEmpty(), qPrintable(u"the secret is in "_s + file));
    }
    for (const QString &text : textsOf(dialog))
        QVERIFY2(!text.contains(testSecret), "the secret is shown in the dialog");
    QMutexLocker lock(&logMutex);
    for (const QString &line : std::as_const(logged))
        QVERIFY2(!line.contains(testSecret), "the secret was logged");
}

void KeychainGuiCredentialsTest::shouldSaveACredentialFromTheDialogIntoTheKeychain()
{
    ProxySettingsDialog dialog;
    QSignalSpy checked(&dialog, &ProxySettingsDialog::keychainChecked);
    QSignalSpy saved(&dialog, &ProxySettingsDialog::credentialSaved);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, 20000);
    QCOMPARE(checked.last().first().toBool(), true);
    auto *status = dialog.findChild<QLabel *>(u"keychainStatus"_s);
    QVERIFY2(status->text().contains(CredentialStore::serviceName()), qPrintable(status->text()));

    auto *host = dialog.findChild<QComboBox *>(u"credentialHost"_s);
    auto *user = dialog.findChild<QLineEdit *>(u"credentialUser"_s);
    auto *secret = dialog.findChild<QLineEdit *>(u"credentialSecret"_s);
    auto *save = dialog.findChild<QPushButton *>(u"saveCredentialButton"_s);
    QVERIFY(host && user && secret && save);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    host->setCurrentText(u"https://Proxy.Corp.Example:8443"_s);
    QTest::keyClicks(user, u"alice"_s);
    QTest::keyClicks(secret, testSecret);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    // The field forgets the secret at once, before the keychain has even answered.
    QVERIFY(secret->text().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
    QCOMPARE(saved.first().first().toBool(), true);
    const QString message = dialog.findChild<QLabel *>(u"credentialResult"_s)->text();
    QVERIFY2(message.contains(testHost), qPrintable(message));
    QVERIFY(secret->text().isEmpty());

    // Read back through the store, from the real keyring.
    const CredentialResult read = await(CredentialStore::instance().read(testHost));
    QVERIFY2(read.ok(), qPrintable(read.error.toString()));
    QCOMPARE(read.credential.username, u"alice"_s);
    QVERIFY(read.credential.secret == testSecret);
    QVERIFY(CredentialStore::knownHosts().contains(testHost));
    auto *hosts = dialog.findChild<QListWidget *>(u"credentialHosts"_s);
    QVERIFY(!hosts->findItems(testHost, Qt::MatchExactly).isEmpty());

    checkSecretNowhere(dialog);
}

void KeychainGuiCredentialsTest::shouldRefusePlainHttpHostsAndStoreNothing()
{
    ProxySettingsDialog dialog;
    QSignalSpy checked(&dialog, &ProxySettingsDialog::keychainChecked);
    QSignalSpy saved(&dialog, &ProxySettingsDialog::credentialSaved);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, 20000);
    dialog.findChild<QComboBox *>(u"credentialHost"_s)
        ->setCurrentText(u"http://plain.corp.example"_s);
    dialog.findChild<QLineEdit *>(u"credentialUser"_s)->setText(u"alice"_s);
    auto *secret = dialog.findChild<QLineEdit *>(u"credentialSecret"_s);
    QTest::keyClicks(secret, testSecret);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"saveCredentialButton"_s), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(saved.first().first().toBool(), false);
    QVERIFY(secret->text().isEmpty());
    const QString message = dialog.findChild<QLabel *>(u"credentialResult"_s)->text();
    QVERIFY2(message.contains(u"http"_s), qPrintable(message));
    QVERIFY(!CredentialStore::knownHosts().contains(u"plain.corp.example"_s));
    QCOMPARE(await(CredentialStore::instance().read(u"plain.corp.example"_s)).state,
             CredentialResult::State::NotFound);
    checkSecretNowhere(dialog);
}

void KeychainGuiCredentialsTest::shouldRemoveTheCredentialFromTheDialog()
{
    ProxySettingsDialog dialog;
    QSignalSpy checked(&dialog, &ProxySettingsDialog::keychainChecked);
    QSignalSpy removed(&dialog, &ProxySettingsDialog::credentialRemoved);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, 20000);
    auto *hosts = dialog.findChild<QListWidget *>(u"credentialHosts"_s);
    const QList<QListWidgetItem *> items = hosts->findItems(testHost, Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    hosts->setCurrentItem(items.first());
    QCOMPARE(dialog.findChild<QComboBox *>(u"credentialHost"_s)->currentText(), testHost);
    auto *remove = dialog.findChild<QPushButton *>(u"removeCredentialButton"_s);
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 20000);
    QCOMPARE(removed.first().first().toBool(), true);
    QCOMPARE(await(CredentialStore::instance().read(testHost)).state,
             CredentialResult::State::NotFound);
    QVERIFY(!CredentialStore::knownHosts().contains(testHost));
    QVERIFY(hosts->findItems(testHost, Qt::MatchExactly).isEmpty());
    checkSecretNowhere(dialog);
}

void KeychainGuiCredentialsTest::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    QMutexLocker lock(&logMutex);
    for (const QString &line : std::as_const(logged))
        QVERIFY2(!line.contains(testSecret), "the secret was logged");
}

QTEST_MAIN(KeychainGuiCredentialsTest)
#include "tst_keychain_gui_credentials.moc"
