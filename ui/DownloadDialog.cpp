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
#include "DownloadReportModel.h"
#include "keychain/CredentialStore.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "proxy/ProxyPresetStore.h"
#include "proxy/TrustedCertificates.h"

using namespace Qt::StringLiterals;

namespace mk {

DownloadDialog::DownloadDialog(Purpose purpose, const QString &gomodcache, const QList<DownloadRequest> &versions,
                               QWidget *parent)
    : QDialog(parent), m_purpose(purpose), m_gomodcache(gomodcache), m_requests(versions)
{
    setObjectName(u"downloadDialog"_s);
    setWindowTitle(purpose == Purpose::Refresh ? tr("Refresh from a Proxy") : tr("Download Modules"));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    if (purpose == Purpose::Refresh) {
        intro->setText(tr("Fetches %n version(s) again and compares them with the cache. Identical versions stay as "
                          "they are; a version whose bytes differ is a security alert and the cached copy is kept.",
                          nullptr, int(versions.size())));
    } else {
        intro->setText(tr("One module@version per line, e.g. golang.org/x/text@v0.14.0. Each is checked as go checks "
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
    m_switch = new QCheckBox(tr("Also make it the GOPROXY that go uses (writes the go env file like go env -w)"), this);
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

    m_report = new DownloadReportModel(this);
    auto *sorter = new QSortFilterProxyModel(this);
    sorter->setSourceModel(m_report);
    sorter->setSortRole(DownloadReportModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(u"downloadReport"_s);
    m_table->setModel(sorter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(DownloadReportModel::VersionColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    m_report->setRequests(purpose == Purpose::Refresh ? versions : QList<DownloadRequest>());

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

    connect(&m_switchWatcher, &QFutureWatcher<ProxyApplyResult>::finished, this, [this] {
        const ProxyApplyResult r = m_switchWatcher.future().resultCount() > 0 ? m_switchWatcher.result() : ProxyApplyResult();
        if (!r.ok()) {
            fail(tr("GOPROXY was not switched: %1").arg(r.error.toString()));
            return;
        }
        m_switchNote = tr("GOPROXY switched to %1 in %2.").arg(presetName(), r.envFile);
        for (const ProxyEnvState::Override &o : r.overrides)
            m_switchNote += u' ' + tr("The %1 environment variable of this session still overrides it.").arg(o.name);
        proceedAfterSwitch();
    });
    connect(&m_prepareWatcher, &QFutureWatcher<DownloadSetup::Prepared>::finished, this, [this] {
        if (m_prepareWatcher.future().resultCount() == 0) {
            fail(tr("Not started: the download could not be prepared."));
            return;
        }
        const DownloadSetup::Prepared prepared = m_prepareWatcher.result();
        switch (prepared.failed) {
        case DownloadSetup::Prepared::Step::None:
            break;
        case DownloadSetup::Prepared::Step::Environment:
            fail(prepared.error.toString());
            return;
        case DownloadSetup::Prepared::Step::CaFile:
            fail(tr("The CA file of Settings \u25B8 Proxy\u2026: %1").arg(prepared.error.toString()));
            return;
        case DownloadSetup::Prepared::Step::ChecksumDb:
            fail(tr("GOSUMDB: %1").arg(prepared.error.toString()));
            return;
        }
        m_options = prepared.options;
        for (const QString &note : prepared.notes)
            m_switchNote += (m_switchNote.isEmpty() ? QString() : u" "_s) + note + u'.';
        startJob();
    });
    connect(&m_jobWatcher, &QFutureWatcher<DownloadResult>::resultsReadyAt, this, &DownloadDialog::onResults);
    connect(&m_jobWatcher, &QFutureWatcher<DownloadResult>::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_jobWatcher, &QFutureWatcher<DownloadResult>::finished, this, &DownloadDialog::onFinished);
    resize(760, 460);
}

DownloadDialog::~DownloadDialog()
{
    m_jobWatcher.disconnect(this);
    m_jobWatcher.cancel();
    m_jobWatcher.waitForFinished();
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
    return m_running;
}

QString DownloadDialog::summaryText() const
{
    return m_summary->text();
}

void DownloadDialog::setBusy(bool busy)
{
    m_running = busy;
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
    m_switchNote.clear();
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
            else if (req.version != u"latest" && Semver::canonicalVersion(req.version) != req.version)
                problems << tr("%1: not a canonical version (vX.Y.Z, a pre-release or a pseudo-version) or latest").arg(line);
            else
                requests.append(req);
        }
        if (!problems.isEmpty() || requests.isEmpty()) {
            m_summary->setText(problems.isEmpty() ? tr("Type at least one module@version.") : problems.join(u'\n'));
            return;
        }
        m_requests = requests;
        m_report->setRequests(requests);
    }
    if (m_requests.isEmpty()) {
        m_summary->setText(tr("Nothing to fetch."));
        return;
    }
    setBusy(true);
    m_summary->setText(tr("Preparing\u2026"));
    if (!m_switch->isChecked() || presetName().isEmpty()) {
        proceedAfterSwitch();
        return;
    }
    const ProxyPresetStore store;
    const std::optional<ProxyPreset> preset = store.find(presetName());
    if (!preset) {
        fail(tr("The preset %1 no longer exists.").arg(presetName()));
        return;
    }
    const Expected<ProxyApplyPlan> plan = ProxySwitcher::plan(*preset, GoEnvInputs::current(), CredentialStore::knownHosts());
    if (!plan) {
        fail(tr("GOPROXY was not switched: %1").arg(plan.error().toString()));
        return;
    }
    if (plan->needsConfirmation()) {
        QStringList lines;
        for (const ProxySafetyCheck::Warning &w : plan->warnings)
            lines << w.message;
        if (QMessageBox::warning(this, tr("Weaker checks"), lines.join(u"\n\n"_s) + u"\n\n"_s + tr("Switch anyway?"),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes) {
            fail(tr("Not switched; nothing was fetched."));
            return;
        }
    }
    m_switchWatcher.setFuture(ProxySwitcher::applyAsync(*plan, GoEnvInputs::current()));
}

void DownloadDialog::proceedAfterSwitch()
{
    // The one setup the CLI uses too: keychain credentials, the CA certificates go trusts plus
    // the CA file of Settings ▸ Proxy…, the checksum database. Off the GUI thread.
    DownloadSetup::Request request;
    request.proxyOverride = presetName();
    request.modcacheOverride = m_gomodcache;
    request.caFile = TrustedCertificates::savedCaFile();
    m_prepareWatcher.setFuture(DownloadSetup::prepareAsync(GoEnvironment::current(), request));
}

void DownloadDialog::startJob()
{
    m_wroteCache = false;
    m_progress->setRange(0, int(m_requests.size()));
    m_progress->setValue(0);
    m_progress->show();
    m_summary->setText(m_switchNote.isEmpty() ? tr("Fetching from %1\u2026").arg(m_options.goproxy)
                                              : m_switchNote + u' ' + tr("Fetching\u2026"));
    m_jobWatcher.setFuture(DownloadJob::start(
        m_options, m_requests, m_purpose == Purpose::Refresh ? DownloadJob::Mode::Refresh : DownloadJob::Mode::Download));
}

void DownloadDialog::onResults(int begin, int end)
{
    for (int i = begin; i < end; ++i) {
        const DownloadResult r = m_jobWatcher.resultAt(i);
        m_report->update(r);
        if (r.outcome == DownloadOutcome::Downloaded)
            m_wroteCache = true;
    }
}

void DownloadDialog::onFinished()
{
    setBusy(false);
    m_progress->hide();
    const int changed = m_report->count(DownloadOutcome::Changed);
    const int failed = m_report->count(DownloadOutcome::Failed);
    QStringList parts;
    if (const int n = m_report->count(DownloadOutcome::Identical))
        parts << tr("%n identical", nullptr, n);
    if (const int n = m_report->count(DownloadOutcome::Downloaded))
        parts << tr("%n downloaded", nullptr, n);
    if (const int n = m_report->count(DownloadOutcome::AlreadyPresent))
        parts << tr("%n already complete", nullptr, n);
    if (changed)
        parts << tr("%n CHANGED (security alert: the cached copies were kept)", nullptr, changed);
    if (failed)
        parts << tr("%n failed", nullptr, failed);
    QString text = m_jobWatcher.isCanceled() ? tr("Stopped. ") : QString();
    text += parts.isEmpty() ? tr("Nothing was fetched.") : parts.join(u", "_s) + u'.';
    text += u' ' + tr("%1 received.").arg(DisplayFormat::size(quint64(m_report->bytesReceived())));
    if (!m_switchNote.isEmpty())
        text.prepend(m_switchNote + u' ');
    m_summary->setText(text);
    if (changed)
        m_table->sortByColumn(DownloadReportModel::StatusColumn, Qt::AscendingOrder);
    if (m_wroteCache)
        Q_EMIT cacheChanged();
    Q_EMIT runFinished();
}

void DownloadDialog::cancel()
{
    m_jobWatcher.cancel();
    m_stopButton->setEnabled(false);
}

void DownloadDialog::closeEvent(QCloseEvent *event)
{
    if (isRunning()) {
        cancel();
        // Closing waits for nothing: the job stops between reads and the dialog goes when done.
        connect(this, &DownloadDialog::runFinished, this, &QDialog::close, Qt::SingleShotConnection);
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

} // namespace mk
