// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExportDialog.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "BundleController.h"
#include "sumdb/SumDbClient.h"

using namespace Qt::StringLiterals;

namespace mk {

ExportDialog::ExportDialog(const QString &gomodcache, const QList<ModuleVersionRecord> &versions,
                           const GoEnvironment &env, QWidget *parent)
    : QDialog(parent),
      m_gomodcache(gomodcache),
      m_versions(versions),
      m_env(env),
      m_controller(new BundleController(this))
{
    setWindowTitle(tr("Export Modules"));
    setObjectName(u"exportDialog"_s);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        versions.size() == 1
            ? tr("Writes 1 version as a static GOPROXY folder: go reads it with "
                 "GOPROXY=file://FOLDER, or from any web server that serves the folder.")
            : tr("Writes %n versions as a static GOPROXY folder: go reads it with "
                 "GOPROXY=file://FOLDER, or from any web server that serves the folder.",
                 nullptr, int(versions.size())),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    auto *row = new QHBoxLayout;
    m_target = new QLineEdit(this);
    m_target->setObjectName(u"exportTarget"_s);
    auto *browse = new QPushButton(tr("Browse\u2026"), this);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseTarget);
    row->addWidget(m_target, 1);
    row->addWidget(browse);
    form->addRow(tr("Folder:"), row);
    m_sumdb = new QCheckBox(tr("Include the checksum database, so go can verify offline"), this);
    m_sumdb->setObjectName(u"exportSumDb"_s);
    form->addRow(QString(), m_sumdb);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"exportProgress"_s);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_report = new QPlainTextEdit(this);
    m_report->setObjectName(u"exportReport"_s);
    m_report->setReadOnly(true);
    m_report->setPlaceholderText(tr("The report appears here."));
    layout->addWidget(m_report, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_startButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_startButton->setObjectName(u"exportStart"_s);
    m_stopButton = m_buttons->addButton(tr("&Stop"), QDialogButtonBox::ActionRole);
    m_stopButton->setObjectName(u"exportStop"_s);
    m_stopButton->setEnabled(false);
    layout->addWidget(m_buttons);
    // Wired by hand: Export must not close the dialog.
    connect(m_startButton, &QPushButton::clicked, this, &ExportDialog::start);
    connect(m_stopButton, &QPushButton::clicked, m_controller, &BundleController::cancel);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    m_startButton->setEnabled(!versions.isEmpty());

    connect(m_controller, &BundleController::progressRangeChanged, m_progress,
            &QProgressBar::setRange);
    connect(m_controller, &BundleController::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_controller, &BundleController::exportFinished, this, &ExportDialog::onFinished);
    resize(560, 420);
}

void ExportDialog::setTarget(const QString &dir)
{
    m_target->setText(dir);
}

void ExportDialog::setIncludeChecksumDb(bool on)
{
    m_sumdb->setChecked(on);
}

QString ExportDialog::reportText() const
{
    return m_report->toPlainText();
}

void ExportDialog::chooseTarget()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export to Folder"),
                                                          m_target->text());
    if (!dir.isEmpty())
        m_target->setText(dir);
}

void ExportDialog::setBusy(bool busy)
{
    m_startButton->setEnabled(!busy);
    m_stopButton->setEnabled(busy);
    m_target->setEnabled(!busy);
    m_sumdb->setEnabled(!busy);
    m_progress->setVisible(busy);
}

void ExportDialog::start()
{
    if (m_controller->isRunning())
        return;
    const QString target = m_target->text().trimmed();
    if (target.isEmpty()) {
        m_report->setPlainText(tr("Choose the folder to export to."));
        return;
    }
    ExportOptions options;
    options.gomodcache = m_gomodcache;
    options.target = QFileInfo(target).absoluteFilePath();
    if (Status st = ExportJob::checkTarget(options.gomodcache, options.target); !st) {
        m_report->setPlainText(tr("Cannot export there: %1").arg(st.error().toString()));
        return;
    }
    for (const ModuleVersionRecord &r : std::as_const(m_versions))
        options.versions.append(
            {r.path, r.version, !((r.pieces & HasZip) && (r.pieces & HasZiphash))});
    if (m_sumdb->isChecked()) {
        const Expected<SumDbClient::Options> db = SumDbClient::Options::fromEnvironment(m_env);
        if (!db || db->sumdb.isOff()) {
            m_report->setPlainText(
                tr("GOSUMDB is off: there is no checksum database to include."));
            return;
        }
        options.sumdb = true;
        options.sumdbName = db->sumdb.name();
        options.sumdbDir = db->sumdbDir;
    }
    m_report->setPlainText(tr("Exporting\u2026"));
    setBusy(true);
    m_progress->setRange(0, int(options.versions.size()));
    m_progress->setValue(0);
    m_controller->startExport(options);
}

void ExportDialog::onFinished(const ExportReport &report)
{
    setBusy(false);
    QStringList lines;
    if (report.error.isError())
        lines << tr("The export failed: %1").arg(report.error.toString());
    int written = 0;
    for (const ExportedVersion &v : report.versions)
        if (v.ok())
            ++written;
    lines << (written == 1 ? tr("1 version exported to %1")
                           : tr("%n versions exported to %1", nullptr, written))
                 .arg(report.target);
    if (report.failed() > 0)
        lines << (report.failed() == 1 ? tr("1 version failed:")
                                       : tr("%n versions failed:", nullptr, report.failed()));
    for (const ExportedVersion &v : report.versions)
        if (!v.ok())
            lines << u"  "_s + v.id() + u": "_s + v.error.toString();
    if (report.sumdbFiles > 0)
        lines << (report.sumdbFiles == 1
                      ? tr("1 checksum-database file included")
                      : tr("%n checksum-database files included", nullptr, report.sumdbFiles));
    for (const QString &note : report.notes)
        lines << u"  "_s + note;
    if (report.cancelled)
        lines << tr("Stopped before the end.");
    m_report->setPlainText(lines.join(u'\n'));
    Q_EMIT runFinished(report);
}

void ExportDialog::closeEvent(QCloseEvent *event)
{
    if (m_controller->isRunning()) {
        m_controller->cancel();
        connect(this, &ExportDialog::runFinished, this, &QDialog::close, Qt::SingleShotConnection);
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

} // namespace mk
