// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportDialog.h"

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

using namespace Qt::StringLiterals;

namespace mk {

ImportDialog::ImportDialog(const QString &gomodcache, QWidget *parent, const GoEnvInputs &inputs)
    : QDialog(parent), m_gomodcache(gomodcache), m_inputs(inputs),
      m_controller(new BundleController(this))
{
    setWindowTitle(tr("Import Modules"));
    setObjectName(u"importDialog"_s);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Loads a GOPROXY folder (what Export writes) into the module cache. Every version is "
           "checked as a download is: go's zip rules, the folder's go.sum and the checksum "
           "database. A version that fails a check leaves nothing in the cache."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    auto *row = new QHBoxLayout;
    m_source = new QLineEdit(this);
    m_source->setObjectName(u"importSource"_s);
    auto *browse = new QPushButton(tr("Browse\u2026"), this);
    connect(browse, &QPushButton::clicked, this, &ImportDialog::chooseSource);
    row->addWidget(m_source, 1);
    row->addWidget(browse);
    form->addRow(tr("Folder:"), row);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"importProgress"_s);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_report = new QPlainTextEdit(this);
    m_report->setObjectName(u"importReport"_s);
    m_report->setReadOnly(true);
    m_report->setPlaceholderText(tr("The report appears here."));
    layout->addWidget(m_report, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_startButton = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_startButton->setObjectName(u"importStart"_s);
    m_stopButton = buttons->addButton(tr("&Stop"), QDialogButtonBox::ActionRole);
    m_stopButton->setObjectName(u"importStop"_s);
    m_stopButton->setEnabled(false);
    layout->addWidget(buttons);
    connect(m_startButton, &QPushButton::clicked, this, &ImportDialog::start);
    connect(m_stopButton, &QPushButton::clicked, m_controller, &BundleController::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    connect(m_controller, &BundleController::progressRangeChanged, m_progress,
            &QProgressBar::setRange);
    connect(m_controller, &BundleController::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_controller, &BundleController::importFinished, this, &ImportDialog::onFinished);
    connect(m_controller, &BundleController::failed, this, &ImportDialog::onFailed);
    resize(560, 420);
}

void ImportDialog::setSource(const QString &dir)
{
    m_source->setText(dir);
}

QString ImportDialog::reportText() const
{
    return m_report->toPlainText();
}

void ImportDialog::chooseSource()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import from Folder"),
                                                          m_source->text());
    if (!dir.isEmpty())
        m_source->setText(dir);
}

void ImportDialog::setBusy(bool busy)
{
    m_startButton->setEnabled(!busy);
    m_stopButton->setEnabled(busy);
    m_source->setEnabled(!busy);
    m_progress->setVisible(busy);
}

void ImportDialog::start()
{
    const QString source = m_source->text().trimmed();
    if (source.isEmpty() || !QFileInfo::exists(source)) {
        m_report->setPlainText(tr("Choose a folder (or a .zip bundle) that holds an export."));
        return;
    }
    if (!m_controller->startImport(QFileInfo(source).absoluteFilePath(), m_gomodcache, m_inputs))
        return;
    m_report->setPlainText(tr("Importing\u2026"));
    m_progress->setRange(0, 0);
    setBusy(true);
}

void ImportDialog::onFailed(const QString &message)
{
    setBusy(false);
    m_report->setPlainText(tr("Nothing was imported: %1").arg(message));
    Q_EMIT runFinished();
}

void ImportDialog::onFinished(const ImportReport &report)
{
    setBusy(false);
    QStringList lines;
    if (report.error.isError())
        lines << tr("Nothing was imported: %1").arg(report.error.toString());
    bool wrote = false;
    int imported = 0;
    for (const DownloadResult &r : report.versions) {
        if (r.outcome == DownloadOutcome::Downloaded) {
            wrote = true;
            ++imported;
        }
    }
    const int present = int(std::count_if(
        report.versions.cbegin(), report.versions.cend(),
        [](const DownloadResult &r) { return r.outcome == DownloadOutcome::AlreadyPresent; }));
    if (!report.error.isError()) {
        lines << (imported == 1 ? tr("1 version imported")
                                : tr("%n versions imported", nullptr, imported));
        if (present > 0)
            lines << (present == 1 ? tr("1 version already in the cache")
                                   : tr("%n versions already in the cache", nullptr, present));
    }
    if (report.failed() > 0)
        lines << (report.failed() == 1
                      ? tr("1 version refused (nothing of it reached the cache):")
                      : tr("%n versions refused (nothing of them reached the cache):", nullptr,
                           report.failed()));
    for (const DownloadResult &r : report.versions) {
        if (!r.ok())
            lines << u"  "_s + r.id() + u": "_s + r.error.toString();
        for (const QString &note : r.notes)
            if (note.startsWith(u"checksum database unreachable"_s))
                lines << u"  "_s + r.id() + u": "_s
                             + tr("the checksum database could not be reached; checked against "
                                  "the folder's go.sum only");
    }
    if (!report.skipped.isEmpty())
        lines << (report.skipped.size() == 1
                      ? tr("1 version has only .info/.mod in the folder and was skipped")
                      : tr("%n versions have only .info/.mod in the folder and were skipped",
                           nullptr, int(report.skipped.size())));
    if (report.cancelled)
        lines << tr("Stopped before the end.");
    m_report->setPlainText(lines.join(u'\n'));
    if (wrote)
        Q_EMIT cacheChanged();
    Q_EMIT runFinished();
}

void ImportDialog::closeEvent(QCloseEvent *event)
{
    if (m_controller->isRunning()) {
        m_controller->cancel();
        connect(this, &ImportDialog::runFinished, this, &QDialog::close, Qt::SingleShotConnection);
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

} // namespace mk
