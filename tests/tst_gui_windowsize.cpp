// SPDX-License-Identifier: GPL-3.0-or-later
// The main window fits a small laptop screen: its minimum size (which the Summary, Details
// and Space Map docks decide) leaves room for a title bar at 1280x720, and a geometry saved on
// a larger screen opens fully on a 1366x768 one. The offscreen screen is made that size.
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>

#include "MainWindow.h"

using namespace Qt::StringLiterals;
using namespace mk;

namespace {

constexpr int screenWidth = 1366;
constexpr int screenHeight = 768;
constexpr int titleBarAllowance = 40; // a title bar and a frame at the smallest target

QString describe(QSize s)
{
    return u"%1x%2"_s.arg(s.width()).arg(s.height());
}

} // namespace

class TestGuiWindowSize final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        const QRect screen = QGuiApplication::primaryScreen()->geometry();
        QCOMPARE(screen.size(), QSize(screenWidth, screenHeight));
    }

    void minimumSizeFits720p()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QSize minimum = w.minimumSizeHint().expandedTo(w.minimumSize());
        const QSize target(1280, 720 - titleBarAllowance);
        qInfo("minimum size %s", qPrintable(describe(minimum)));
        QVERIFY2(minimum.width() <= target.width() && minimum.height() <= target.height(),
                 qPrintable(u"minimum %1 does not fit %2"_s.arg(describe(minimum),
                                                                describe(target))));
        // And the window really goes that small, all docks still shown.
        w.resize(1280, 720 - titleBarAllowance);
        QTRY_VERIFY(w.height() <= 720 - titleBarAllowance);
        for (const char *dock : {"summaryDock", "detailsDock", "treemapDock"}) {
            auto *d = w.findChild<QDockWidget *>(QString::fromLatin1(dock));
            QVERIFY2(d, dock);
            QVERIFY2(d->isVisible(), dock);
        }
    }

    void restoredGeometryFitsTheScreen()
    {
        QSettings().clear();
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        {
            MainWindow big(MainWindow::StartMode::Idle);
            big.setGeometry(available.x(), available.y(), 2560, 1600);
            big.show();
            QVERIFY(QTest::qWaitForWindowExposed(&big));
            big.close(); // saves the geometry
        }
        QVERIFY(!QSettings().value(u"MainWindow/geometry"_s).toByteArray().isEmpty());
        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect frame = w.frameGeometry();
        QVERIFY2(available.contains(frame),
                 qPrintable(u"frame %1 at %2,%3 is not within the %4 screen"_s.arg(
                     describe(frame.size())).arg(frame.x()).arg(frame.y()).arg(
                     describe(available.size()))));
    }
};

int main(int argc, char *argv[])
{
    // A laptop-sized offscreen screen (the default one is 800x800), with window frames.
    QTemporaryDir config;
    const QString file = config.filePath(u"screens.json"_s);
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(R"({"windowFrameMargins": true, "screens": [{"name": "laptop", "x": 0, "y": 0,
                "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96,
                "dpr": 1}]})");
    }
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(file));
    QApplication app(argc, argv);
    TestGuiWindowSize test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_windowsize.moc"
