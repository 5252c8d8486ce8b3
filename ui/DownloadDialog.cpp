// SPDX-License-Identifier: GPL-3.0-or-later
#include "DownloadDialog.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "DisplayFormat.h"
#include "DownloadController.h"
#include "DownloadReportModel.h"
#include "keychain/CredentialStore.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "proxy/ProxyPresetStore.h"
#include "proxy/TrustedCertificates.h"

using namespace Qt::StringLiterals;

namespace mk {

DownloadDialog::DownloadDialog(Purpose purpose, const QString &gomodcache,
                               const QList<DownloadRequest> &versions, QWidget *parent)
    : QDialog(parent), m_purpose(purpose), m_gomodcache(gomodcache), m_requests(versions),
      m_controller(new DownloadController(this))
{
    setObjectName(u"downloadDialog"_s);
    setWindowTitle(purpose == Purpose::Refresh ? tr("Refresh from a Proxy")
                                               : tr("Download Modules"));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    if (purpose == Purpose::Refresh) {
        intro->setText(tr("Fetches %n version(s) again and compares them with the cache. Identical "
                          "versions stay as "
                          "they are; a version whose bytes differ is a security alert and the "
                          "cached copy is kept.",
                          nullptr, int(versions.size())));
    } else {
        intro->setText(
            tr("One module@version per line, e.g. golang.org/x/text@v0.14.0. Each is checked as go "
               "checks "
               "it (zip rules, go.sum hash, checksum database) before it enters the cache."));
    }
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_preset = new QComboBox(this);
    m_preset->setObjectName(u"downloadPreset"_s);
    const GoEnvironment env = GoEnvironment::current();
    m_preset->addItem(tr("Active GOPROXY (%1)").arg(env.value(u"GOPROXY"_s)), QString());
    const ProxyPresetStore store;
    for (const ProxyPreset &p : store.presets())
        m_preset->addItem(p.name + u" \u2014 "_s + p.goproxy, p.name);
    form->addRow(tr("Fetch from:"), m_preset);
    m_switch = new QCheckBox(
        tr("Also make it the GOPROXY that go uses (writes the go env file like go env -w)"), this);
    m_switch->setObjectName(u"switchGoProxy"_s);
    m_switch->setEnabled(false);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        m_switch->setEnabled(!presetName().isEmpty() && !isRunning());
        if (presetName().isEmpty())
            m_switch->setChecked(false);
    });
    form->addRow(QString(), m_switch);
    layout->addLayout(form);

    if (purpose == Purpose::Download) {
        m_input = new QPlainTextEdit(this);
        m_input->setObjectName(u"downloadInput"_s);
        m_input->setPlaceholderText(u"golang.org/x/text@v0.14.0"_s);
        m_input->setMaximumHeight(fontMetrics().height() * 6);
        layout->addWidget(m_input);
    }

    auto *sorter = new QSortFilterProxyModel(this);
    sorter->setSourceModel(report());
    sorter->setSortRole(DownloadReportModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(u"downloadReport"_s);
    m_table->setModel(sorter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(DownloadReportModel::VersionColumn,
                                                      QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    report()->setRequests(purpose == Purpose::Refresh ? versions : QList<DownloadRequest>());

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"downloadProgress"_s);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"downloadSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto *buttons = new QDialogButtonBox(this);
    m_startButton = buttons->addButton(purpose == Purpose::Refresh ? tr("Refresh") : tr("Download"),
                                       QDialogButtonBox::AcceptRole);
    m_startButton->setObjectName(u"downloadStart"_s);
    m_stopButton = buttons->addButton(tr("Stop"), QDialogButtonBox::ActionRole);
    m_stopButton->setObjectName(u"downloadStop"_s);
    m_stopButton->setEnabled(false);
    buttons->addButton(QDialogButtonBox::Close);
    connect(m_startButton, &QPushButton::clicked, this, &DownloadDialog::start);
    connect(m_stopButton, &QPushButton::clicked, this, &DownloadDialog::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(buttons);

    connect(m_controller, &DownloadController::fetching, this, [this](const QString &goproxy) {
        m_progress->setValue(0);
        m_progress->show();
        const QString notes = m_controller->notes();
        m_summary->setText(notes.isEmpty() ? tr("Fetching from %1\u2026").arg(goproxy)
                                           : notes + u' ' + tr("Fetching\u2026"));
    });
    connect(m_controller, &DownloadController::progressRangeChanged, m_progress,
            &QProgressBar::setRange);
    connect(m_controller, &DownloadController::progressChanged, m_progress,
            &QProgressBar::setValue);
    connect(m_controller, &DownloadController::failed, this, &DownloadDialog::fail);
    connect(m_controller, &DownloadController::finished, this, &DownloadDialog::onFinished);
    resize(760, 460);
}

DownloadDialog::~DownloadDialog()
{
    // The controller (a child) stops and waits for its job; it must not call back into the
    // half-destroyed dialog.
    m_controller->disconnect(this);
}

DownloadReportModel *DownloadDialog::report() const
{
    return m_controller->report();
}

QString DownloadDialog::presetName() const
{
    return m_preset->currentData().toString();
}

void DownloadDialog::choosePreset(const QString &name)
{
    const int i = m_preset->findData(name);
    if (i >= 0)
        m_preset->setCurrentIndex(i);
}

void DownloadDialog::setSwitchGoProxy(bool on)
{
    m_switch->setChecked(on && m_switch->isEnabled());
}

void DownloadDialog::setInputText(const QString &text)
{
    if (m_input)
        m_input->setPlainText(text);
}

bool DownloadDialog::isRunning() const
{
    return m_controller->isRunning();
}

QString DownloadDialog::summaryText() const
{
    return m_summary->text();
}

void DownloadDialog::setBusy(bool busy)
{
    m_startButton->setEnabled(!busy);
    m_stopButton->setEnabled(busy);
    m_preset->setEnabled(!busy);
    m_switch->setEnabled(!busy && !presetName().isEmpty());
    if (m_input)
        m_input->setReadOnly(busy);
}

void DownloadDialog::fail(const QString &message)
{
    setBusy(false);
    m_progress->hide();
    m_summary->setText(message);
    Q_EMIT runFinished();
}

void DownloadDialog::start()
{
    if (isRunning())
        return;
    if (m_purpose == Purpose::Download) {
        // Parse what was typed; every bad line is named before anything starts.
        QList<DownloadRequest> requests;
        QStringList problems;
        const QStringList lines = m_input->toPlainText().split(u'\n', Qt::SkipEmptyParts);
        for (const QString &raw : lines) {
            const QString line = raw.trimmed();
            if (line.isEmpty())
                continue;
            const qsizetype at = line.lastIndexOf(u'@');
            const DownloadRequest req{line.left(at), at > 0 ? line.mid(at + 1) : QString()};
            if (at <= 0)
                problems << tr("%1: give module@version").arg(line);
            else if (Status st = ModulePath::checkPath(req.path); !st)
                problems << tr("%1: %2").arg(line, st.error().message);
            else if (req.version != u"latest"
                     && Semver::canonicalVersion(req.version) != req.version)
                problems << tr("%1: not a canonical version (vX.Y.Z, a pre-release or a "
                               "pseudo-version) or latest")
                                .arg(line);
            else
                requests.append(req);
        }
        if (!problems.isEmpty() || requests.isEmpty()) {
            m_summary->setText(problems.isEmpty() ? tr("Type at least one module@version.")
                                                  : problems.join(u'\n'));
            return;
        }
        m_requests = requests;
    }
    if (m_requests.isEmpty()) {
        m_summary->setText(tr("Nothing to fetch."));
        return;
    }
    DownloadController::Run run;
    run.mode
        = m_purpose == Purpose::Refresh ? DownloadJob::Mode::Refresh : DownloadJob::Mode::Download;
    run.versions = m_requests;
    run.gomodcache = m_gomodcache;
    run.preset = presetName();
    // The CA file of Settings ▸ Proxy… on top of the certificates go trusts.
    run.caFile = TrustedCertificates::savedCaFile();
    if (m_switch->isChecked() && !presetName().isEmpty()) {
        if (std::optional<ProxyApplyPlan> plan = switchPlan())
            run.switchTo = std::move(*plan);
        else
            return;
    }
    if (!m_controller->start(run))
        return;
    setBusy(true);
    m_summary->setText(tr("Preparing\u2026"));
}

std::optional<ProxyApplyPlan> DownloadDialog::switchPlan()
{
    const ProxyPresetStore store;
    const std::optional<ProxyPreset> preset = store.find(presetName());
    if (!preset) {
        fail(tr("The preset %1 no longer exists.").arg(presetName()));
        return std::nullopt;
    }
    Expected<ProxyApplyPlan> plan
        = ProxySwitcher::plan(*preset, GoEnvInputs::current(), CredentialStore::knownHosts());
    if (!plan) {
        fail(tr("GOPROXY was not switched: %1").arg(plan.error().toString()));
        return std::nullopt;
    }
    if (plan->needsConfirmation()) {
        QStringList lines;
        for (const ProxySafetyCheck::Warning &w : plan->warnings)
            lines << w.message;
        if (QMessageBox::warning(this, tr("Weaker checks"),
                                 lines.join(u"\n\n"_s) + u"\n\n"_s + tr("Switch anyway?"),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes) {
            fail(tr("Not switched; nothing was fetched."));
            return std::nullopt;
        }
    }
    return std::move(plan.value());
}

void DownloadDialog::onFinished(bool stopped)
{
    setBusy(false);
    m_progress->hide();
    const int changed = report()->count(DownloadOutcome::Changed);
    const int failed = report()->count(DownloadOutcome::Failed);
    QStringList parts;
    if (const int n = report()->count(DownloadOutcome::Identical))
        parts << tr("%n identical", nullptr, n);
    if (const int n = report()->count(DownloadOutcome::Downloaded))
        parts << tr("%n downloaded", nullptr, n);
    if (const int n = report()->count(DownloadOutcome::AlreadyPresent))
        parts << tr("%n already complete", nullptr, n);
    if (changed)
        parts << tr("%n CHANGED (security alert: the cached copies were kept)", nullptr, changed);
    if (failed)
        parts << tr("%n failed", nullptr, failed);
    QString text = stopped ? tr("Stopped. ") : QString();
    text += parts.isEmpty() ? tr("Nothing was fetched.") : parts.join(u", "_s) + u'.';
    text += u' ' + tr("%1 received.").arg(DisplayFormat::size(quint64(report()->bytesReceived())));
    if (const QString notes = m_controller->notes(); !notes.isEmpty())
        text.prepend(notes + u' ');
    m_summary->setText(text);
    if (changed)
        m_table->sortByColumn(DownloadReportModel::StatusColumn, Qt::AscendingOrder);
    if (m_controller->wroteCache())
        Q_EMIT cacheChanged();
    Q_EMIT runFinished();
}

void DownloadDialog::cancel()
{
    m_controller->cancel();
    m_stopButton->setEnabled(false);
}

void DownloadDialog::closeEvent(QCloseEvent *event)
{
    if (isRunning()) {
        cancel();
        // Closing waits for nothing: the job stops between reads and the dialog goes when done.
        connect(this, &DownloadDialog::runFinished, this, &QDialog::close,
                Qt::SingleShotConnection);
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

} // namespace mk
