// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI in another language, offscreen: in Simplified Chinese (the shipped translation) and
// in a pseudo-locale whose strings are about 40 % longer, with accents and brackets (made at
// build time from every tr() string of the sources, tests/i18n). The main window's menus and
// each dialog must come up translated (no English prose left, menu titles not the English
// ones) and unclipped (no label, button or group box narrower than its text needs).
#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

#include "AboutDialog.h"
#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "CleanupDialog.h"
#include "DownloadDialog.h"
#include "GoCacheController.h"
#include "HelpBrowser.h"
#include "LanguageSettings.h"
#include "LanguageSettingsDialog.h"
#include "MainWindow.h"
#include "ProxySettingsDialog.h"
#include "SyntheticGoCache.h"
#include "Translator.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int scanTimeoutMs = 30000;

bool writeFile(const QString &path, const QByteArray &contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(contents) == contents.size();
}

/// One module version as go leaves it after `go mod download`.
bool writeVersion(const QString &gomodcache, const QString &path, const QString &version)
{
    const QString tree = gomodcache + u'/' + path + u'@' + version;
    const QString dl = gomodcache + u"/cache/download/"_s + path + u"/@v/"_s;
    bool ok = writeFile(tree + u"/x.go"_s, QByteArray("package x\n").repeated(300));
    ok = ok && writeFile(tree + u"/go.mod"_s, "module " + path.toUtf8() + "\n");
    ok = ok
         && writeFile(dl + version + u".info"_s,
                      R"({"Version":")" + version.toUtf8() + R"(","Time":"2023-06-01T10:00:00Z"})");
    ok = ok && writeFile(dl + version + u".mod"_s, "module " + path.toUtf8() + "\n");
    ok = ok && writeFile(dl + version + u".zip"_s, QByteArray(20000, 'z'));
    ok = ok
         && writeFile(dl + version + u".ziphash"_s,
                      "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    QFile list(dl + u"list"_s);
    ok = ok && list.open(QIODevice::Append) && list.write(version.toUtf8() + '\n') > 0;
    return ok;
}

QString plain(QString text)
{
    text.remove(QRegularExpression(u"<[^>]*>"_s));
    text.remove(u'&'); // shortcut markers
    return text;
}

/// English prose: two words of letters in a row, one with a lower-case letter, and no
/// character a translation brings (CJK, or the pseudo-locale's accents and brackets).
/// Paths, module paths, versions, sizes and names such as GOPROXY do not look like this.
bool looksUntranslated(const QString &rawText)
{
    const QString text = plain(rawText);
    for (const QChar c : text) {
        if (c.unicode() >= 0x2E80 || (c.unicode() >= 0xC0 && c.unicode() < 0x2000 && c.isLetter())
            || c == u'[')
            return false;
    }
    static const QRegularExpression prose(u"\\b[A-Za-z][a-z]+ [A-Za-z]?[a-z]+\\b"_s);
    return prose.match(text).hasMatch();
}

QString describe(const QWidget *w, const QString &text)
{
    return u"%1 \"%2\" (%3)"_s.arg(QString::fromLatin1(w->metaObject()->className()),
                                  w->objectName(), plain(text).simplified().left(80));
}

/// The visible texts of a window that still read as English.
QStringList untranslated(const QWidget *top)
{
    QStringList found;
    if (looksUntranslated(top->windowTitle()))
        found << u"window title \"%1\""_s.arg(top->windowTitle());
    const QList<QWidget *> widgets = top->findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        if (!w->isVisibleTo(top))
            continue;
        QStringList texts;
        if (const auto *label = qobject_cast<const QLabel *>(w))
            texts << label->text();
        else if (const auto *button = qobject_cast<const QAbstractButton *>(w))
            texts << button->text();
        else if (const auto *box = qobject_cast<const QGroupBox *>(w))
            texts << box->title();
        else if (const auto *tabs = qobject_cast<const QTabBar *>(w))
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i);
        else if (const auto *combo = qobject_cast<const QComboBox *>(w))
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
        for (const QString &text : std::as_const(texts)) {
            if (looksUntranslated(text))
                found << describe(w, text);
        }
    }
    return found;
}

/// The labels, buttons, group boxes and tabs of a shown window that are narrower (or, when
/// word-wrapped, lower) than their text needs.
QStringList clipped(const QWidget *top)
{
    QStringList found;
    const QList<QWidget *> widgets = top->findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        if (!w->isVisibleTo(top) || w->width() <= 0)
            continue;
        if (const auto *label = qobject_cast<const QLabel *>(w)) {
            if (label->text().isEmpty())
                continue;
            if (label->wordWrap()) {
                const int need = label->heightForWidth(label->width());
                if (need > label->height())
                    found << describe(w, label->text())
                                 + u": needs %1 px high, has %2"_s.arg(need).arg(label->height());
            } else if (label->sizeHint().width() > label->width()) {
                found << describe(w, label->text())
                             + u": needs %1 px, has %2"_s.arg(label->sizeHint().width())
                                   .arg(label->width());
            }
        } else if (const auto *button = qobject_cast<const QAbstractButton *>(w)) {
            if (button->text().isEmpty())
                continue;
            if (button->sizeHint().width() > button->width())
                found << describe(w, button->text())
                             + u": needs %1 px, has %2"_s.arg(button->sizeHint().width())
                                   .arg(button->width());
        } else if (const auto *box = qobject_cast<const QGroupBox *>(w)) {
            const int need = box->fontMetrics().horizontalAdvance(plain(box->title()));
            if (need > box->width())
                found << describe(w, box->title())
                             + u": needs %1 px, has %2"_s.arg(need).arg(box->width());
        } else if (const auto *tabs = qobject_cast<const QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                const int need = tabs->fontMetrics().horizontalAdvance(plain(tabs->tabText(i)));
                if (need > tabs->tabRect(i).width())
                    found << describe(w, tabs->tabText(i))
                                 + u": needs %1 px, has %2"_s.arg(need).arg(
                                     tabs->tabRect(i).width());
            }
        }
    }
    return found;
}

/// Menu titles and the actions in them, as "File > Open…" paths, in menu-bar order.
QStringList menuTexts(const QMenuBar *bar)
{
    QStringList texts;
    const QList<QAction *> titles = bar->actions();
    for (const QAction *title : titles) {
        texts << title->text();
        if (!title->menu())
            continue;
        const QList<QAction *> items = title->menu()->actions();
        for (const QAction *item : items) {
            if (!item->isSeparator() && !item->text().isEmpty())
                texts << title->text() + u" > "_s + item->text();
        }
    }
    return texts;
}

/// Lets pending layout requests run, so that sizes match the texts set last.
void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(20);
    }
}

/// untranslated() and clipped() over every page of the window's tab widgets.
void checkAllPages(QWidget *top, QStringList &english, QStringList &tight)
{
    settle();
    english << untranslated(top);
    tight << clipped(top);
    const QList<QTabWidget *> tabWidgets = top->findChildren<QTabWidget *>();
    for (QTabWidget *tabs : tabWidgets) {
        if (!tabs->isVisibleTo(top))
            continue;
        const int shown = tabs->currentIndex();
        for (int i = 0; i < tabs->count(); ++i) {
            if (i == shown || !tabs->isTabEnabled(i))
                continue;
            tabs->setCurrentIndex(i);
            settle();
            english << untranslated(top);
            tight << clipped(top);
        }
        tabs->setCurrentIndex(shown);
    }
    english.removeDuplicates();
    tight.removeDuplicates();
}

} // namespace

class TestGuiI18n final : public QObject
{
    Q_OBJECT

public:
    TestGuiI18n() = default;
    Q_DISABLE_COPY_MOVE(TestGuiI18n)

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void shouldFindClippedAndEnglishTexts();
    void shouldResolveTheSystemLanguage();
    void shouldLoadTheEmbeddedTranslation();
    void shouldTranslateTheMenus_data() { languages(); }
    void shouldTranslateTheMenus();
    void shouldShowDialogsTranslatedAndUnclipped_data();
    void shouldShowDialogsTranslatedAndUnclipped();
    void shouldSaveTheLanguageForTheNextStart();
    void shouldOpenTheGuideInTheUiLanguage();
    void shouldNameVersionsAndPlacesInTheAboutBox();
    void shouldSayWhereGomodcacheCameFromInTheUiLanguage();

private:
    static void languages();
    void openWindow(const QString &language);
    QWidget *openSurface(const QString &surface);

    QTemporaryDir m_dir;
    QString m_gomodcache;
    QStringList m_englishMenus;
    std::unique_ptr<mk::MainWindow> m_window;
};

void TestGuiI18n::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"ModKeeper"_s);
    QCoreApplication::setApplicationName(u"ModKeeper"_s);
    qputenv("HOME", QFile::encodeName(m_dir.filePath(u"home"_s)));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(u"home/.config"_s)));
    QVERIFY(QDir().mkpath(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
                          + u"/ModKeeper"_s));
    qputenv("GOENV", "off");
    qputenv("GOFLAGS", "");
    // A build cache with entries, so that the Summary's build cache section and its Trim
    // dialog have something to show.
    QVERIFY(mk::test::SyntheticGoCache::create(
        m_dir.filePath(u"gocache"_s), 20, QDateTime::currentSecsSinceEpoch(),
        [](int i) { return (i % 10) * 24 * 3600 + 1800; }, [](int) { return 5000; }));
    qputenv("GOCACHE", QFile::encodeName(m_dir.filePath(u"gocache"_s)));
    // Never the developer's keyring: a session bus that does not exist.
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QFile::encodeName(u"unix:path="_s + m_dir.filePath(u"no-such-bus"_s)));
    m_gomodcache = m_dir.filePath(u"modcache"_s);
    qputenv("GOMODCACHE", QFile::encodeName(m_gomodcache));
    QVERIFY(writeVersion(m_gomodcache, u"example.com/hello"_s, u"v1.0.0"_s));
    QVERIFY(writeVersion(m_gomodcache, u"example.com/hello"_s, u"v1.1.0"_s));
    QVERIFY(writeVersion(m_gomodcache, u"golang.org/x/text"_s, u"v0.14.0"_s));
    QVERIFY(writeFile(m_gomodcache + u"/cache/lock"_s, {}));

    // The English menus, to tell them from translated ones.
    QVERIFY(mk::Translator::install(u"en"_s));
    mk::MainWindow english(mk::MainWindow::StartMode::Idle);
    m_englishMenus = menuTexts(english.menuBar());
    QVERIFY(!m_englishMenus.isEmpty());
}

void TestGuiI18n::init()
{
    QSettings().clear();
}

void TestGuiI18n::cleanup()
{
    m_window.reset();
    mk::Translator::install(u"en"_s);
}

void TestGuiI18n::cleanupTestCase()
{
    QLocale::setDefault(QLocale::system());
}

void TestGuiI18n::languages()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("zh_CN") << u"zh_CN"_s;
    QTest::newRow("pseudo") << QStringLiteral(MODKEEPER_PSEUDO_QM);
}

void TestGuiI18n::openWindow(const QString &language)
{
    QVERIFY2(mk::Translator::install(language), qPrintable(language));
    m_window = std::make_unique<mk::MainWindow>(mk::MainWindow::StartMode::Idle);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy finished(m_window.get(), &mk::MainWindow::scanFinished);
    m_window->scanCache(m_gomodcache);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, scanTimeoutMs);
    QCOMPARE(m_window->model()->versionCount(), 3u);
}

void TestGuiI18n::shouldFindClippedAndEnglishTexts()
{
    // The checks themselves: a label squeezed below its text, a button with English prose.
    QDialog dialog;
    auto *label = new QLabel(u"[Ŧĥîš ŧéẋŧ îš ŵàý ŧöö ļöñĝ ƒöŕ îŧš ŵîđŧĥ ·····]"_s, &dialog);
    label->setObjectName(u"squeezed"_s);
    label->setGeometry(0, 0, 40, 20);
    auto *button = new QPushButton(u"Keep the zips"_s, &dialog);
    button->setObjectName(u"english"_s);
    button->setGeometry(0, 30, 400, 30);
    auto *fine = new QLabel(u"golang.org/x/text v0.14.0 /tmp/模块缓存"_s, &dialog);
    fine->setGeometry(0, 70, 400, 30);
    dialog.resize(420, 120);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QStringList tight = clipped(&dialog);
    QCOMPARE(tight.size(), 1);
    QVERIFY2(tight.first().contains(u"squeezed"_s), qPrintable(tight.first()));
    const QStringList english = untranslated(&dialog);
    QCOMPARE(english.size(), 1);
    QVERIFY2(english.first().contains(u"Keep the zips"_s), qPrintable(english.first()));
}

void TestGuiI18n::shouldResolveTheSystemLanguage()
{
    using mk::LanguageSettings;
    QCOMPARE(LanguageSettings::resolve(u"system"_s, QLocale(u"zh_CN"_s)), u"zh_CN"_s);
    QCOMPARE(LanguageSettings::resolve(u"system"_s, QLocale(u"zh_SG"_s)), u"zh_CN"_s);
    QCOMPARE(LanguageSettings::resolve(u"system"_s, QLocale(u"zh_TW"_s)), u"en"_s);
    QCOMPARE(LanguageSettings::resolve(u"system"_s, QLocale(u"de_DE"_s)), u"en"_s);
    QCOMPARE(LanguageSettings::resolve(u"system"_s, QLocale(u"en_GB"_s)), u"en"_s);
    QCOMPARE(LanguageSettings::resolve(u"en"_s, QLocale(u"zh_CN"_s)), u"en"_s);
    QCOMPARE(LanguageSettings::resolve(u"zh_CN"_s, QLocale(u"de_DE"_s)), u"zh_CN"_s);

    QCOMPARE(LanguageSettings::choice(), u"system"_s);
    LanguageSettings::setChoice(u"zh_CN"_s);
    QCOMPARE(LanguageSettings::choice(), u"zh_CN"_s);
    qputenv("MODKEEPER_LANGUAGE", "en");
    QCOMPARE(mk::Translator::startupLanguage(), u"en"_s);
    qunsetenv("MODKEEPER_LANGUAGE");
    QCOMPARE(mk::Translator::startupLanguage(), u"zh_CN"_s);
    LanguageSettings::setChoice(u"klingon"_s);
    QCOMPARE(LanguageSettings::choice(), u"system"_s);
}

void TestGuiI18n::shouldLoadTheEmbeddedTranslation()
{
    // The .qm is inside the program, and Qt's own Chinese is found beside Qt.
    QVERIFY(QFile::exists(u":/i18n/modkeeper_zh_CN.qm"_s));
    QVERIFY(mk::Translator::install(u"zh_CN"_s));
    QCOMPARE(mk::Translator::current(), u"zh_CN"_s);
    QCOMPARE(QLocale().language(), QLocale::Chinese);
    // The standard buttons' words come from Qt's own translation.
    QVERIFY2(QCoreApplication::translate("QPlatformTheme", "Cancel") != u"Cancel"_s,
             "qtbase_zh_CN.qm (Debian qt6-translations-l10n) was not loaded");
    QVERIFY(mk::Translator::install(u"en"_s));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
    QCOMPARE(mk::Translator::current(), u"en"_s);
    // English gets its plural forms from modkeeper_en.qm.
    QCOMPARE(QCoreApplication::translate("DisplayFormat", "%n days ago", nullptr, 1),
             u"1 day ago"_s);
    QCOMPARE(QCoreApplication::translate("DisplayFormat", "%n days ago", nullptr, 3),
             u"3 days ago"_s);
    QCOMPARE(QCoreApplication::translate("mk::PurgeController",
                                         "Completed %n interrupted purge(s)", nullptr, 1),
             u"Completed 1 interrupted purge"_s);
    QCOMPARE(QCoreApplication::translate("mk::PurgeController",
                                         "Completed %n interrupted purge(s)", nullptr, 2),
             u"Completed 2 interrupted purges"_s);
}

void TestGuiI18n::shouldTranslateTheMenus()
{
    QFETCH(QString, language);
    openWindow(language);
    const QStringList menus = menuTexts(m_window->menuBar());
    QCOMPARE(menus.size(), m_englishMenus.size());
    QStringList same;
    for (qsizetype i = 0; i < menus.size(); ++i) {
        // Each part of the path: the title and the item.
        const QStringList parts = menus.at(i).split(u" > "_s);
        const QStringList english = m_englishMenus.at(i).split(u" > "_s);
        for (qsizetype p = 0; p < parts.size(); ++p) {
            static const QRegularExpression letters(u"[a-z]"_s);
            if (parts.at(p) == english.value(p) && plain(parts.at(p)).contains(letters))
                same << m_englishMenus.at(i);
        }
    }
    same.removeDuplicates();
    QVERIFY2(same.isEmpty(), qPrintable(u"untranslated menu texts:\n  "_s + same.join(u"\n  "_s)));
    QStringList english;
    QStringList tight;
    checkAllPages(m_window.get(), english, tight);
    QVERIFY2(english.isEmpty(), qPrintable(u"English left in the main window:\n  "_s
                                           + english.join(u"\n  "_s)));
    QVERIFY2(tight.isEmpty(),
             qPrintable(u"clipped in the main window:\n  "_s + tight.join(u"\n  "_s)));
}

void TestGuiI18n::shouldShowDialogsTranslatedAndUnclipped_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("surface");
    const QStringList surfaces{u"proxySettingsDialog"_s, u"cleanupDialog"_s,
                               u"downloadDialog"_s,      u"aboutDialog"_s,
                               u"languageDialog"_s,      u"helpBrowser"_s,
                               u"purgeConfirmation"_s,   u"purgeAllConfirmation"_s,
                               u"exportDialog"_s,        u"importDialog"_s,
                               u"compareMirrorsDialog"_s, u"toolchainDialog"_s,
                               u"projectsDialog"_s,      u"projectRootsDialog"_s,
                               u"goCacheTrimDialog"_s,   u"otherEntriesDialog"_s,
                               // Parts of the main window, checked on their own with their
                               // content shown: the docks and the Summary's Growth box.
                               u"detailsDock"_s,         u"treemapDock"_s,
                               u"historyBox"_s};
    for (const QString &surface : surfaces) {
        QTest::addRow("zh_CN %s", qPrintable(surface)) << u"zh_CN"_s << surface;
        QTest::addRow("pseudo %s", qPrintable(surface))
            << QStringLiteral(MODKEEPER_PSEUDO_QM) << surface;
    }
}

QWidget *TestGuiI18n::openSurface(const QString &surface)
{
    mk::MainWindow &w = *m_window;
    const auto trigger = [&w](const QString &action) {
        if (auto *a = w.findChild<QAction *>(action))
            a->trigger();
    };
    if (surface == u"proxySettingsDialog") {
        w.showProxySettings();
    } else if (surface == u"cleanupDialog") {
        w.showCleanupDialog();
    } else if (surface == u"downloadDialog") {
        w.showDownloadDialog();
    } else if (surface == u"aboutDialog") {
        trigger(u"aboutAction"_s);
    } else if (surface == u"languageDialog") {
        trigger(u"languageAction"_s);
    } else if (surface == u"helpBrowser") {
        trigger(u"userGuideAction"_s);
    } else if (surface == u"exportDialog") {
        w.exportSelection();
    } else if (surface == u"importDialog") {
        w.showImportDialog();
    } else if (surface == u"compareMirrorsDialog") {
        w.compareMirrorsForSelection();
    } else if (surface == u"toolchainDialog") {
        w.showToolchains();
    } else if (surface == u"projectsDialog") {
        w.showProjects();
    } else if (surface == u"projectRootsDialog") {
        trigger(u"projectRootsAction"_s);
    } else if (surface == u"goCacheTrimDialog") {
        auto *goCache = w.findChild<mk::GoCacheController *>(u"goCacheController"_s);
        if (!goCache
            || !QTest::qWaitFor([goCache] { return goCache->hasStats() && !goCache->isBusy(); },
                                scanTimeoutMs))
            return nullptr;
        if (auto *trim = w.findChild<QPushButton *>(u"goCacheTrimButton"_s))
            trim->click();
    } else if (surface == u"otherEntriesDialog") {
        // A click on a Summary legend entry: go's own metadata (cache/lock, @v/list...).
        if (auto *legend = w.findChild<QAbstractButton *>(u"summaryMetadataButton"_s))
            legend->click();
    } else if (surface == u"detailsDock" || surface == u"treemapDock"
               || surface == u"historyBox") {
        // A version selected, so that the details pane shows its fields.
        QTreeView *tree = w.treeView();
        tree->expandAll();
        const QModelIndex version = w.proxy()->index(0, 0, w.proxy()->index(0, 0));
        tree->selectionModel()->setCurrentIndex(version, QItemSelectionModel::ClearAndSelect
                                                             | QItemSelectionModel::Rows);
        QWidget *part = w.findChild<QWidget *>(surface);
        if (auto *dock = qobject_cast<QDockWidget *>(part); dock && !dock->isVisible())
            dock->toggleViewAction()->trigger();
        settle();
        return part && part->isVisible() ? part : nullptr;
    } else if (surface == u"purgeConfirmation" || surface == u"purgeAllConfirmation") {
        QTreeView *tree = w.treeView();
        tree->expandAll();
        const QModelIndex module = w.proxy()->index(0, 0);
        const QModelIndex version = w.proxy()->index(0, 0, module);
        tree->selectionModel()->select(version, QItemSelectionModel::ClearAndSelect
                                                    | QItemSelectionModel::Rows);
        if (surface == u"purgeConfirmation")
            w.deleteSelection();
        else
            w.purgeEverything();
    }
    QWidget *found = nullptr;
    const QList<QWidget *> tops = w.findChildren<QWidget *>(surface);
    for (QWidget *t : tops) {
        if (t->isWindow() && t->isVisible())
            found = t;
    }
    return found;
}

void TestGuiI18n::shouldShowDialogsTranslatedAndUnclipped()
{
    QFETCH(QString, language);
    QFETCH(QString, surface);
    openWindow(language);
    QWidget *dialog = openSurface(surface);
    QVERIFY2(dialog, qPrintable(surface + u" did not open"_s));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));

    // For a look by eye: MODKEEPER_I18N_GRABS=<dir> saves each dialog as a PNG.
    if (const QString dir = qEnvironmentVariable("MODKEEPER_I18N_GRABS"); !dir.isEmpty()) {
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_');
        dialog->grab().save(dir + u'/' + tag + u".png"_s);
    }
    QStringList english;
    QStringList tight;
    checkAllPages(dialog, english, tight);
    QVERIFY2(english.isEmpty(),
             qPrintable(u"English left in %1:\n  "_s.arg(surface) + english.join(u"\n  "_s)));
    QVERIFY2(tight.isEmpty(),
             qPrintable(u"clipped in %1:\n  "_s.arg(surface) + tight.join(u"\n  "_s)));
    dialog->close();
}

void TestGuiI18n::shouldSaveTheLanguageForTheNextStart()
{
    QVERIFY(mk::Translator::install(u"en"_s));
    mk::MainWindow w(mk::MainWindow::StartMode::Idle);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.findChild<QAction *>(u"languageAction"_s)->trigger();
    auto *dialog = w.findChild<mk::LanguageSettingsDialog *>(u"languageDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(dialog->selectedChoice(), u"system"_s);
    auto *combo = dialog->findChild<QComboBox *>(u"languageCombo"_s);
    QVERIFY(combo);
    // System, English and Chinese; never the pseudo-locale.
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->itemText(2), u"简体中文"_s);
    dialog->setSelectedChoice(u"zh_CN"_s);
    dialog->accept();
    QCOMPARE(mk::LanguageSettings::choice(), u"zh_CN"_s);
    QCOMPARE(mk::Translator::startupLanguage(), u"zh_CN"_s);
    // The window keeps its language until the next start, and says so.
    QTRY_VERIFY(w.findChild<QMessageBox *>(u"languageRestartNote"_s));
    QVERIFY(w.findChild<QMessageBox *>(u"languageRestartNote"_s)->text().contains(u"简体中文"_s));
}

void TestGuiI18n::shouldOpenTheGuideInTheUiLanguage()
{
    // English is the fallback for every language without a guide of its own.
    QCOMPARE(mk::HelpBrowser::guideUrl(u"en"_s), QUrl(u"qrc:/help/guide_en.html"_s));
    QCOMPARE(mk::HelpBrowser::guideUrl(u"xx"_s), QUrl(u"qrc:/help/guide_en.html"_s));
    QCOMPARE(mk::HelpBrowser::guideUrl(u"zh_CN"_s), QUrl(u"qrc:/help/guide_zh_CN.html"_s));

    openWindow(u"zh_CN"_s);
    m_window->findChild<QAction *>(u"userGuideAction"_s)->trigger();
    auto *browser = m_window->findChild<mk::HelpBrowser *>();
    QVERIFY(browser);
    QCOMPARE(browser->source(), QUrl(u"qrc:/help/guide_zh_CN.html"_s));
    QVERIFY(browser->browser()->toPlainText().size() > 100);
    // Asked again: the same window.
    m_window->findChild<QAction *>(u"userGuideAction"_s)->trigger();
    QCOMPARE(m_window->findChildren<mk::HelpBrowser *>().size(), 1);
}

void TestGuiI18n::shouldNameVersionsAndPlacesInTheAboutBox()
{
    mk::AboutDialog about(u"/srv/go/mod"_s);
    const QString text = about.text();
    QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
    QVERIFY2(text.contains(u"OpenSSL 3"_s), qPrintable(text));
    // QtKeychain 0.x and libzip 1.x, as numbers.
    QVERIFY2(text.contains(QRegularExpression(u"\\b0\\.\\d+\\.\\d+"_s)), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(u"\\b1\\.\\d+\\.\\d+"_s)), qPrintable(text));
    QVERIFY2(text.contains(u"GNU General Public License"_s), qPrintable(text));
    QVERIFY2(text.contains(QSettings().fileName()), qPrintable(text));
    QVERIFY2(text.contains(u"/srv/go/mod/.modkeeper-trash"_s), qPrintable(text));
}

void TestGuiI18n::shouldSayWhereGomodcacheCameFromInTheUiLanguage()
{
    // The default cache: GOMODCACHE comes from the environment, said in Chinese, not in
    // core's English name for it.
    QVERIFY(mk::Translator::install(u"zh_CN"_s));
    m_window = std::make_unique<mk::MainWindow>(mk::MainWindow::StartMode::Idle);
    QSignalSpy finished(m_window.get(), &mk::MainWindow::scanFinished);
    m_window->scanDefaultCache();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, scanTimeoutMs);
    auto *origin = m_window->findChild<QLabel *>(u"gomodcacheOrigin"_s);
    QVERIFY(origin);
    QVERIFY2(origin->text().contains(u"环境变量"_s), qPrintable(origin->text()));
}

QTEST_MAIN(TestGuiI18n)
#include "tst_gui_i18n.moc"
