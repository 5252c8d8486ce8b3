// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper: the desktop application. Setup and option parsing only; the window is in ui/.
#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QPixmap>
#include <QTimer>

#include "MainWindow.h"
#include "Translator.h"
#include "common/SettingsFile.h"

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"ModKeeper"_s);
    QApplication::setOrganizationName(u"ModKeeper"_s);
    QApplication::setApplicationVersion(QStringLiteral(MODKEEPER_VERSION));
    QApplication::setDesktopFileName(u"modkeeper"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/modkeeper.png"_s));
    // Before anything reads the settings: a corrupt file is kept aside (never rewritten as
    // empty), and the user is told once.
    const mk::Status settings = mk::SettingsFile::check();
    // The language follows the system locale unless Settings ▸ Language says otherwise; set
    // before the first translated string, including --help's.
    mk::Translator::install(mk::Translator::startupLanguage());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop manager for the Go module cache."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption modcacheOption(
        u"modcache"_s,
        QApplication::translate("main", "Show the module cache in <dir> instead of GOMODCACHE."),
        u"dir"_s);
    const QCommandLineOption grabOption(
        u"grab"_s,
        QApplication::translate("main",
                                "Save a PNG of the window to <file> once the first scan has "
                                "finished, then exit (for screenshots)."),
        u"file"_s);
    parser.addOption(modcacheOption);
    parser.addOption(grabOption);
    parser.process(app);

    mk::MainWindow window(mk::MainWindow::StartMode::Idle);
    window.show();
    if (!settings) {
        std::fprintf(stderr, "modkeeper: %s\n", qPrintable(settings.error().toString()));
        if (!parser.isSet(grabOption)) {
            auto *box = new QMessageBox(
                QMessageBox::Warning, QApplication::translate("main", "ModKeeper Settings"),
                QApplication::translate("main", "ModKeeper could not read its settings file."),
                QMessageBox::Ok, &window);
            box->setInformativeText(settings.error().toString());
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    }

    if (parser.isSet(grabOption)) {
        const QString file = parser.value(grabOption);
        const auto grab = [&window, file] {
            const bool saved = window.grab().save(file, "PNG");
            if (!saved)
                std::fprintf(stderr, "modkeeper: cannot write %s\n", qPrintable(file));
            QCoreApplication::exit(saved ? 0 : 1);
        };
        // Let the last rows and the status bar paint before taking the picture.
        QObject::connect(
            &window, &mk::MainWindow::scanFinished, &window,
            [grab, &window] { QTimer::singleShot(300, &window, grab); }, Qt::SingleShotConnection);
        // A scan that never ends still gets its picture.
        QTimer::singleShot(120000, &window, grab);
    }

    if (parser.isSet(modcacheOption))
        window.scanCache(QDir(parser.value(modcacheOption)).absolutePath(),
                         QApplication::translate("main", "--modcache"));
    else
        window.scanDefaultCache();

    return app.exec();
}
