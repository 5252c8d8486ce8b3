// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxySettingsDialog.h"

#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "ProbeResultsModel.h"
#include "common/GoUrl.h"
#include "keychain/CredentialStore.h"
#include "module/ModulePath.h"
#include "proxy/ProxyVariable.h"
#include "proxy/HttpProxyEnvironment.h"
#include "proxy/ProxyEnvState.h"
#include "proxy/ProxyList.h"
#include "proxy/ProxyPresetStore.h"
#include "proxy/ProxyRoute.h"
#include "proxy/ProxySafetyCheck.h"
#include "proxy/TrustedCertificates.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

const QStringList optionalVariables = ProxyVariable::optionalNames();

constexpr int NameRole = Qt::UserRole;
constexpr int BuiltInRole = Qt::UserRole + 1;

QString variableHelp(const QString &name)
{
    if (name == u"GOPRIVATE")
        return ProxySettingsDialog::tr(
            "Module path globs that are private: fetched directly and not checked "
            "by the checksum database (the default of GONOPROXY and GONOSUMDB).");
    if (name == u"GONOPROXY")
        return ProxySettingsDialog::tr(
            "Globs fetched directly from version control, never through the proxies. "
            "\"none\" sends private modules through a private proxy.");
    if (name == u"GONOSUMDB")
        return ProxySettingsDialog::tr("Globs the checksum database does not check.");
    if (name == u"GOSUMDB")
        return ProxySettingsDialog::tr(
            "The checksum database: sum.golang.org, a key, \"name url\", or off.");
    return ProxySettingsDialog::tr(
        "Globs fetched directly over plain http or without TLS checks (direct "
        "fetches only).");
}

void setMessage(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
    label->setForegroundRole(error ? QPalette::BrightText : QPalette::WindowText);
    label->setStyleSheet(error ? u"color: #c0392b;"_s : QString());
}

QString chainSummary(const ProxyList &list)
{
    QStringList steps;
    const QList<ProxyList::Entry> &entries = list.entries();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const ProxyList::Entry &e = entries.at(i);
        switch (e.kind) {
        case ProxyList::Entry::Kind::NoProxy:
            continue;
        case ProxyList::Entry::Kind::Direct:
            steps << u"direct"_s;
            break;
        case ProxyList::Entry::Kind::Off:
            steps << u"off"_s;
            break;
        case ProxyList::Entry::Kind::Proxy:
            steps << GoUrl::redact(e.url);
            if (i + 1 < entries.size())
                steps << (e.fallBackOnError ? ProxySettingsDialog::tr("\u2192 on any error \u2192")
                                            : ProxySettingsDialog::tr("\u2192 on 404/410 \u2192"));
            break;
        }
    }
    return steps.join(u' ');
}

} // namespace

ProxySettingsDialog::ProxySettingsDialog(QWidget *parent)
    : QDialog(parent), m_inputs([] { return GoEnvInputs::current(); }),
      m_credentials(&CredentialStore::instance())
{
    setObjectName(u"proxySettingsDialog"_s);
    setWindowTitle(tr("Proxy Settings"));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"proxyTabs"_s);
    m_tabs->addTab(createPresetsPage(), tr("&Presets"));
    m_tabs->addTab(createCredentialsPage(), tr("&Credentials"));
    m_tabs->addTab(createProbePage(), tr("P&robe"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);

    connect(&m_probeWatcher, &QFutureWatcher<ProbeResult>::resultsReadyAt, this,
            &ProxySettingsDialog::onProbeResults);
    connect(&m_probeWatcher, &QFutureWatcher<ProbeResult>::finished, this,
            &ProxySettingsDialog::onProbeFinished);
    connect(&m_probeWatcher, &QFutureWatcher<ProbeResult>::progressValueChanged, this,
            [this](int done) {
                if (m_probing)
                    m_probeStatus->setText(tr("Probing\u2026 %1 of %2 answered")
                                               .arg(done)
                                               .arg(m_probeWatcher.progressMaximum()));
            });

    reloadPresets();
    reloadCredentialHosts();
    updateCredentialActions();
    // The keychain may be slow (an unlock prompt): ask once the dialog is up.
    QTimer::singleShot(0, this, &ProxySettingsDialog::checkKeychain);
    resize(900, 640);
}

ProxySettingsDialog::~ProxySettingsDialog()
{
    // Never wait: the probe ends on its own on the core pool.
    m_probeWatcher.disconnect(this);
    if (m_probeWatcher.isRunning())
        m_probeWatcher.cancel();
    for (Credential &c : m_probeCredentials)
        c.wipe();
}

void ProxySettingsDialog::setInputsProvider(InputsProvider provider)
{
    m_inputs = std::move(provider);
    updateRoute();
}

void ProxySettingsDialog::setCredentialStore(CredentialStore *store)
{
    m_credentials = store;
    checkKeychain();
}

// ---------------------------------------------------------------------------------------
// Presets

QWidget *ProxySettingsDialog::createPresetsPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QHBoxLayout(page);

    auto *left = new QVBoxLayout;
    m_presetList = new QListWidget(page);
    m_presetList->setObjectName(u"presetList"_s);
    m_presetList->setMinimumWidth(200);
    left->addWidget(m_presetList, 1);
    auto *listButtons = new QHBoxLayout;
    m_newButton = new QPushButton(tr("&New"), page);
    m_newButton->setObjectName(u"newPresetButton"_s);
    m_removeButton = new QPushButton(tr("Re&move"), page);
    m_removeButton->setObjectName(u"removePresetButton"_s);
    m_useButton = new QPushButton(tr("&Use"), page);
    m_useButton->setObjectName(u"usePresetButton"_s);
    m_useButton->setToolTip(tr("Switch go to this preset (writes the go env file)"));
    listButtons->addWidget(m_newButton);
    listButtons->addWidget(m_removeButton);
    listButtons->addWidget(m_useButton);
    left->addLayout(listButtons);
    layout->addLayout(left);

    auto *right = new QVBoxLayout;
    auto *editor = new QGroupBox(tr("Preset"), page);
    auto *form = new QFormLayout(editor);
    m_nameEdit = new QLineEdit(editor);
    m_nameEdit->setObjectName(u"presetName"_s);
    form->addRow(tr("&Name:"), m_nameEdit);
    m_descriptionEdit = new QLineEdit(editor);
    m_descriptionEdit->setObjectName(u"presetDescription"_s);
    form->addRow(tr("&Description:"), m_descriptionEdit);
    m_chainEdit = new QLineEdit(editor);
    m_chainEdit->setObjectName(u"presetChain"_s);
    m_chainEdit->setPlaceholderText(
        u"https://proxy.corp.example|https://proxy.golang.org,direct"_s);
    form->addRow(tr("GO&PROXY:"), m_chainEdit);
    auto *explanation = new QLabel(ProxyList::separatorExplanation(), editor);
    explanation->setObjectName(u"chainExplanation"_s);
    explanation->setWordWrap(true);
    explanation->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), explanation);
    m_chainValidation = new QLabel(editor);
    m_chainValidation->setObjectName(u"chainValidation"_s);
    m_chainValidation->setWordWrap(true);
    m_chainValidation->setTextFormat(Qt::PlainText);
    m_chainValidation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(QString(), m_chainValidation);

    for (const QString &name : optionalVariables) {
        auto *row = new QHBoxLayout;
        auto *check = new QCheckBox(name, editor);
        check->setObjectName(u"set_"_s + name);
        check->setToolTip(
            tr("Unticked: applying the preset leaves %1 as it is. Ticked and empty: applying "
               "removes it (go env -u).")
                .arg(name));
        auto *edit = new QLineEdit(editor);
        edit->setObjectName(u"value_"_s + name);
        edit->setToolTip(variableHelp(name));
        edit->setEnabled(false);
        row->addWidget(check);
        row->addWidget(edit, 1);
        form->addRow(row);
        m_varChecks.insert(name, check);
        m_varEdits.insert(name, edit);
        connect(check, &QCheckBox::toggled, this, [this, edit](bool on) {
            edit->setEnabled(on && m_editorEditable);
            validateEditor();
        });
        connect(edit, &QLineEdit::textChanged, this, &ProxySettingsDialog::validateEditor);
    }
    m_presetWarnings = new QLabel(editor);
    m_presetWarnings->setObjectName(u"presetWarnings"_s);
    m_presetWarnings->setWordWrap(true);
    m_presetWarnings->setTextFormat(Qt::PlainText);
    form->addRow(m_presetWarnings);
    m_presetError = new QLabel(editor);
    m_presetError->setObjectName(u"presetError"_s);
    m_presetError->setWordWrap(true);
    m_presetError->setTextFormat(Qt::PlainText);
    form->addRow(m_presetError);
    m_saveButton = new QPushButton(tr("&Save Preset"), editor);
    m_saveButton->setObjectName(u"savePresetButton"_s);
    form->addRow(QString(), m_saveButton);
    right->addWidget(editor);

    auto *tester = new QGroupBox(
        tr("Pattern tester: where go fetches a module with this preset applied"), page);
    auto *testerLayout = new QVBoxLayout(tester);
    m_routeModule = new QLineEdit(tester);
    m_routeModule->setObjectName(u"routeModule"_s);
    m_routeModule->setPlaceholderText(tr("Module path, e.g. git.corp.example.com/team/lib"));
    m_routeResult = new QLabel(tester);
    m_routeResult->setObjectName(u"routeResult"_s);
    m_routeResult->setWordWrap(true);
    m_routeResult->setTextFormat(Qt::PlainText);
    m_routeResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testerLayout->addWidget(m_routeModule);
    testerLayout->addWidget(m_routeResult);
    right->addWidget(tester);
    right->addStretch(1);
    layout->addLayout(right, 1);

    connect(m_presetList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item)
            return;
        const ProxyPresetStore store;
        if (const std::optional<ProxyPreset> p = store.find(item->data(NameRole).toString()))
            showPreset(*p, !p->builtIn);
    });
    connect(m_newButton, &QPushButton::clicked, this, &ProxySettingsDialog::newPreset);
    connect(m_removeButton, &QPushButton::clicked, this, &ProxySettingsDialog::removePreset);
    connect(m_useButton, &QPushButton::clicked, this, [this] {
        if (const QListWidgetItem *item = m_presetList->currentItem())
            Q_EMIT useRequested(item->data(NameRole).toString());
    });
    connect(m_saveButton, &QPushButton::clicked, this, &ProxySettingsDialog::savePreset);
    for (QLineEdit *edit : {m_nameEdit, m_chainEdit, m_descriptionEdit})
        connect(edit, &QLineEdit::textChanged, this, &ProxySettingsDialog::validateEditor);
    connect(m_routeModule, &QLineEdit::textChanged, this, &ProxySettingsDialog::updateRoute);
    return page;
}

void ProxySettingsDialog::reloadPresets(const QString &select)
{
    const QString keep = select.isEmpty() && m_presetList->currentItem()
                             ? m_presetList->currentItem()->data(NameRole).toString()
                             : select;
    const ProxyPresetStore store;
    const QList<ProxyPreset> presets = store.presets();
    m_presetList->clear();
    QListWidgetItem *current = nullptr;
    for (const ProxyPreset &p : presets) {
        auto *item = new QListWidgetItem(p.builtIn ? tr("%1 (built-in)").arg(p.name) : p.name,
                                         m_presetList);
        item->setData(NameRole, p.name);
        item->setData(BuiltInRole, p.builtIn);
        item->setToolTip(GoUrl::redact(p.goproxy)
                         + (p.description.isEmpty() ? QString() : u"\n"_s + p.description));
        if (p.builtIn) {
            QFont f = item->font();
            f.setItalic(true);
            item->setFont(f);
        }
        if (p.name == keep)
            current = item;
    }
    if (current)
        m_presetList->setCurrentItem(current);
    else if (m_presetList->count() > 0)
        m_presetList->setCurrentRow(0);
}

void ProxySettingsDialog::selectPreset(const QString &name)
{
    for (int i = 0; i < m_presetList->count(); ++i) {
        if (m_presetList->item(i)->data(NameRole).toString() == name) {
            m_presetList->setCurrentRow(i);
            return;
        }
    }
}

void ProxySettingsDialog::showPreset(const ProxyPreset &preset, bool editable)
{
    m_editorEditable = editable;
    m_editingName = editable ? preset.name : QString();
    m_nameEdit->setText(preset.name);
    m_descriptionEdit->setText(preset.description);
    m_chainEdit->setText(preset.goproxy);
    for (QLineEdit *edit : {m_nameEdit, m_descriptionEdit, m_chainEdit})
        edit->setReadOnly(!editable);
    for (const QString &name : optionalVariables) {
        const std::optional<QString> v = preset.value(name);
        m_varChecks.value(name)->setChecked(v.has_value());
        m_varChecks.value(name)->setEnabled(editable);
        m_varEdits.value(name)->setText(v.value_or(QString()));
        m_varEdits.value(name)->setEnabled(editable && v.has_value());
    }
    m_removeButton->setEnabled(editable);
    m_useButton->setEnabled(true);
    setMessage(m_presetError,
               editable
                   ? QString()
                   : tr("Built-in presets cannot be changed; New starts a preset of your own."),
               false);
    validateEditor();
}

void ProxySettingsDialog::newPreset()
{
    const QSignalBlocker block(m_presetList);
    m_presetList->clearSelection();
    m_presetList->setCurrentItem(nullptr);
    ProxyPreset blank;
    blank.goproxy = u"https://proxy.golang.org,direct"_s;
    showPreset(blank, true);
    m_editingName.clear();
    m_useButton->setEnabled(false);
    m_removeButton->setEnabled(false);
    m_nameEdit->setFocus();
}

ProxyPreset ProxySettingsDialog::editedPreset() const
{
    ProxyPreset p;
    p.name = m_nameEdit->text().trimmed();
    p.description = m_descriptionEdit->text();
    p.goproxy = m_chainEdit->text();
    for (const QString &name : optionalVariables) {
        if (m_varChecks.value(name)->isChecked())
            p.setValue(name, m_varEdits.value(name)->text());
    }
    return p;
}

ProxySettings ProxySettingsDialog::effectiveSettings() const
{
    return ProxyEnvState::read(m_inputs()).effective();
}

void ProxySettingsDialog::validateEditor()
{
    const ProxyPreset p = editedPreset();
    // The chain, as go parses it: go's own words when it does not.
    const Expected<ProxyList> list = ProxyList::parseStrict(p.goproxy);
    m_chainValid = list.ok();
    if (!list)
        setMessage(m_chainValidation, list.error().message, true);
    else
        setMessage(m_chainValidation, u"\u2713 "_s + chainSummary(*list), false);
    m_chainValidation->setToolTip(list ? QString() : list.error().toString());

    QStringList warnings;
    for (const ProxySafetyCheck::Warning &w : ProxySafetyCheck::check(p.values()))
        warnings << u"\u26a0 "_s + w.message;
    setMessage(m_presetWarnings, warnings.join(u'\n'), false);

    if (m_editorEditable) {
        const Status st = ProxyPresetStore::validate(p);
        setMessage(m_presetError, st ? QString() : st.error().toString(), !st.ok());
        m_saveButton->setEnabled(st.ok());
    } else {
        m_saveButton->setEnabled(false);
    }
    updateRoute();
}

void ProxySettingsDialog::savePreset()
{
    if (!m_editorEditable)
        return;
    const ProxyPreset p = editedPreset();
    // Checked again here: nothing reaches QSettings that go would reject.
    if (Status st = ProxyPresetStore::validate(p); !st) {
        setMessage(m_presetError, st.error().toString(), true);
        return;
    }
    if (Status st
        = ProxySafetyCheck::checkCredentialTransport(p.goproxy, CredentialStore::knownHosts());
        !st) {
        setMessage(m_presetError, st.error().toString(), true);
        return;
    }
    ProxyPresetStore store;
    const bool renamed = !m_editingName.isEmpty() && m_editingName != p.name;
    if (const std::optional<ProxyPreset> existing = store.find(p.name);
        existing && (existing->builtIn || m_editingName != p.name)) {
        setMessage(m_presetError, tr("%1: a preset of that name exists already").arg(p.name), true);
        return;
    }
    if (Status st = store.add(p, !m_editingName.isEmpty() && !renamed); !st) {
        setMessage(m_presetError, st.error().toString(), true);
        return;
    }
    if (renamed)
        (void)store.remove(m_editingName);
    m_editingName = p.name;
    setMessage(m_presetError, tr("Saved %1.").arg(p.name), false);
    reloadPresets(p.name);
    Q_EMIT presetsChanged();
}

void ProxySettingsDialog::removePreset()
{
    const QListWidgetItem *item = m_presetList->currentItem();
    if (!item || item->data(BuiltInRole).toBool())
        return;
    const QString name = item->data(NameRole).toString();
    ProxyPresetStore store;
    if (Status st = store.remove(name); !st) {
        setMessage(m_presetError, st.error().toString(), true);
        return;
    }
    reloadPresets();
    Q_EMIT presetsChanged();
}

void ProxySettingsDialog::updateRoute()
{
    const QString module = m_routeModule->text().trimmed();
    if (module.isEmpty()) {
        setMessage(m_routeResult, tr("Type a module path to see where go fetches it."), false);
        return;
    }
    // What go would use once this preset is applied: its values over the effective ones.
    ProxySettings settings = effectiveSettings();
    const ProxyPreset p = editedPreset();
    for (const auto &[name, value] : p.values())
        settings.setValue(name, value);
    const Expected<ProxyRoute> route = ProxyRoute::forModule(module, settings);
    if (!route) {
        setMessage(m_routeResult, route.error().toString(), true);
        return;
    }
    // describe() already says whether the checksum database checks it.
    setMessage(m_routeResult, route->describe(), route->kind == ProxyRoute::Kind::Invalid);
}

// ---------------------------------------------------------------------------------------
// Credentials

QWidget *ProxySettingsDialog::createCredentialsPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_keychainStatus = new QLabel(tr("Checking the OS keychain\u2026"), page);
    m_keychainStatus->setObjectName(u"keychainStatus"_s);
    m_keychainStatus->setWordWrap(true);
    layout->addWidget(m_keychainStatus);

    auto *form = new QFormLayout;
    m_credentialHost = new QComboBox(page);
    m_credentialHost->setObjectName(u"credentialHost"_s);
    m_credentialHost->setEditable(true);
    m_credentialHost->setInsertPolicy(QComboBox::NoInsert);
    m_credentialHost->setToolTip(
        tr("The proxy's host (and port, unless 443). Credentials are only ever sent "
           "over https, to this host."));
    form->addRow(tr("&Host:"), m_credentialHost);
    m_credentialUser = new QLineEdit(page);
    m_credentialUser->setObjectName(u"credentialUser"_s);
    form->addRow(tr("&User name:"), m_credentialUser);
    m_credentialSecret = new QLineEdit(page);
    m_credentialSecret->setObjectName(u"credentialSecret"_s);
    m_credentialSecret->setEchoMode(QLineEdit::Password);
    m_credentialSecret->setPlaceholderText(
        tr("password or token: stored in the keychain, never shown again"));
    form->addRow(tr("Pass&word or token:"), m_credentialSecret);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_saveCredentialButton = new QPushButton(tr("Save to &Keychain"), page);
    m_saveCredentialButton->setObjectName(u"saveCredentialButton"_s);
    m_removeCredentialButton = new QPushButton(tr("Remove from Keychain"), page);
    m_removeCredentialButton->setObjectName(u"removeCredentialButton"_s);
    buttons->addWidget(m_saveCredentialButton);
    buttons->addWidget(m_removeCredentialButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_credentialResult = new QLabel(page);
    m_credentialResult->setObjectName(u"credentialResult"_s);
    m_credentialResult->setWordWrap(true);
    m_credentialResult->setTextFormat(Qt::PlainText);
    layout->addWidget(m_credentialResult);

    layout->addWidget(new QLabel(tr("Hosts with a stored credential:"), page));
    m_credentialHosts = new QListWidget(page);
    m_credentialHosts->setObjectName(u"credentialHosts"_s);
    layout->addWidget(m_credentialHosts, 1);
    auto *note = new QLabel(
        tr("go itself does not read the keychain: go 1.24 and later can use "
           "`modkeeper-cli goauth` as GOAUTH; for older go, `modkeeper-cli proxy login "
           "--netrc` writes a plain-text .netrc entry."),
        page);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(note);

    // A private proxy whose certificate a company CA signs: trusted here as go trusts it
    // through SSL_CERT_FILE, for downloads, refreshes and repairs.
    auto *ca = new QGroupBox(tr("Certificate authority"), page);
    auto *caLayout = new QVBoxLayout(ca);
    auto *caRow = new QHBoxLayout;
    m_caFileEdit = new QLineEdit(TrustedCertificates::savedCaFile(), ca);
    m_caFileEdit->setObjectName(u"caFileEdit"_s);
    m_caFileEdit->setPlaceholderText(
        tr("PEM file of CA certificates to trust besides the system's"));
    m_caFileEdit->setToolTip(
        tr("Downloads, refreshes and repairs trust the system's certificate authorities, "
           "those of SSL_CERT_FILE and SSL_CERT_DIR (as go does), and the ones in this file."));
    auto *browse = new QPushButton(tr("&Browse…"), ca);
    browse->setObjectName(u"caFileBrowseButton"_s);
    m_caFileSaveButton = new QPushButton(tr("Sa&ve"), ca);
    m_caFileSaveButton->setObjectName(u"caFileSaveButton"_s);
    caRow->addWidget(m_caFileEdit, 1);
    caRow->addWidget(browse);
    caRow->addWidget(m_caFileSaveButton);
    caLayout->addLayout(caRow);
    m_caFileResult = new QLabel(ca);
    m_caFileResult->setObjectName(u"caFileResult"_s);
    m_caFileResult->setWordWrap(true);
    m_caFileResult->setTextFormat(Qt::PlainText);
    m_caFileResult->hide();
    caLayout->addWidget(m_caFileResult);
    layout->addWidget(ca);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file
            = QFileDialog::getOpenFileName(this, tr("CA Certificates"), m_caFileEdit->text(),
                                           tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFileEdit->setText(file);
    });
    connect(m_caFileSaveButton, &QPushButton::clicked, this, &ProxySettingsDialog::saveCaFile);
    connect(m_caFileEdit, &QLineEdit::returnPressed, this, &ProxySettingsDialog::saveCaFile);

    connect(m_saveCredentialButton, &QPushButton::clicked, this,
            &ProxySettingsDialog::saveCredential);
    connect(m_removeCredentialButton, &QPushButton::clicked, this,
            &ProxySettingsDialog::removeCredential);
    connect(m_credentialHosts, &QListWidget::currentTextChanged, this, [this](const QString &host) {
        if (!host.isEmpty())
            m_credentialHost->setCurrentText(host);
    });
    for (QLineEdit *edit : {m_credentialUser, m_credentialSecret})
        connect(edit, &QLineEdit::textChanged, this, &ProxySettingsDialog::updateCredentialActions);
    connect(m_credentialHost, &QComboBox::currentTextChanged, this,
            &ProxySettingsDialog::updateCredentialActions);
    return page;
}

void ProxySettingsDialog::saveCaFile()
{
    const QString file = m_caFileEdit->text().trimmed();
    if (const Status st = TrustedCertificates::setSavedCaFile(file); !st) {
        setMessage(m_caFileResult, tr("Not saved: %1").arg(st.error().toString()), true);
        Q_EMIT caFileSaved(false);
        return;
    }
    m_caFileEdit->setText(TrustedCertificates::savedCaFile());
    setMessage(m_caFileResult,
               file.isEmpty()
                   ? tr("No CA file: the system's certificate authorities (and SSL_CERT_FILE, "
                        "SSL_CERT_DIR) only.")
                   : tr("Downloads, refreshes and repairs also trust the certificates in %1.")
                         .arg(m_caFileEdit->text()),
               false);
    Q_EMIT caFileSaved(true);
}

void ProxySettingsDialog::checkKeychain()
{
    const int generation = ++m_keychainGeneration;
    m_keychainChecked = false;
    m_keychainAvailable = false;
    m_keychainStatus->setText(tr("Checking the OS keychain\u2026"));
    updateCredentialActions();
    m_credentials->checkAvailable().then(this, [this, generation](const CredentialResult &r) {
        if (generation != m_keychainGeneration)
            return; // a newer check (another store) decides
        m_keychainChecked = true;
        m_keychainAvailable = r.ok();
        if (r.ok()) {
            m_keychainStatus->setText(
                tr("Credentials are kept in the OS keychain only (service \"%1\"), "
                   "never in ModKeeper's settings or the go env file.")
                    .arg(CredentialStore::serviceName()));
            m_keychainStatus->setStyleSheet(QString());
        } else {
            // Explicit: no keychain means nothing is stored, never a plain-text fallback.
            m_keychainStatus->setText(
                tr("No secure storage: %1. Saving credentials is disabled; ModKeeper "
                   "never keeps them in plain text.")
                    .arg(r.error.message));
            m_keychainStatus->setStyleSheet(u"color: #c0392b;"_s);
        }
        updateCredentialActions();
        Q_EMIT keychainChecked(r.ok());
    });
}

void ProxySettingsDialog::updateCredentialActions()
{
    const bool idle = m_keychainAvailable && m_credentialBusy == 0;
    const bool hostGiven = !m_credentialHost->currentText().trimmed().isEmpty();
    m_saveCredentialButton->setEnabled(idle && hostGiven && !m_credentialUser->text().isEmpty()
                                       && !m_credentialSecret->text().isEmpty());
    m_removeCredentialButton->setEnabled(idle && hostGiven);
    m_credentialSecret->setEnabled(m_keychainAvailable);
}

void ProxySettingsDialog::reloadCredentialHosts()
{
    const QStringList known = CredentialStore::knownHosts();
    m_credentialHosts->clear();
    m_credentialHosts->addItems(known);
    // Offer the https hosts of the presets too.
    QStringList offered = known;
    const ProxyPresetStore store;
    for (const ProxyPreset &p : store.presets()) {
        const Expected<ProxyList> list = ProxyList::parse(p.goproxy);
        if (!list)
            continue;
        for (const QString &url : list->proxyUrls()) {
            if (const Expected<QString> host = CredentialStore::normalizeHost(url);
                host && !offered.contains(*host))
                offered << *host;
        }
    }
    const QString text = m_credentialHost->currentText();
    const QSignalBlocker block(m_credentialHost);
    m_credentialHost->clear();
    m_credentialHost->addItems(offered);
    m_credentialHost->setCurrentText(text);
}

void ProxySettingsDialog::setCredentialMessage(const QString &text, bool error)
{
    setMessage(m_credentialResult, text, error);
}

void ProxySettingsDialog::saveCredential()
{
    if (!m_keychainAvailable) {
        setCredentialMessage(tr("No secure storage: nothing was saved."), true);
        return;
    }
    const Expected<QString> host
        = CredentialStore::normalizeHost(m_credentialHost->currentText().trimmed());
    Credential credential{m_credentialUser->text(), m_credentialSecret->text()};
    // The field forgets the secret at once, whatever happens next.
    m_credentialSecret->clear();
    if (!host) {
        credential.wipe();
        setCredentialMessage(host.error().toString(), true);
        Q_EMIT credentialSaved(false);
        return;
    }
    if (Status st = credential.validate(); !st) {
        credential.wipe();
        setCredentialMessage(st.error().toString(), true);
        Q_EMIT credentialSaved(false);
        return;
    }
    ++m_credentialBusy;
    updateCredentialActions();
    setCredentialMessage(tr("Saving the credential for %1\u2026").arg(*host), false);
    const QString key = *host;
    m_credentials->write(key, credential).then(this, [this, key](const CredentialResult &r) {
        --m_credentialBusy;
        if (r.ok())
            setCredentialMessage(tr("Saved the credential for %1 in the keychain.").arg(key),
                                 false);
        else
            setCredentialMessage(r.error.toString(), true);
        reloadCredentialHosts();
        updateCredentialActions();
        Q_EMIT credentialSaved(r.ok());
    });
    credential.wipe();
}

void ProxySettingsDialog::removeCredential()
{
    const Expected<QString> host
        = CredentialStore::normalizeHost(m_credentialHost->currentText().trimmed());
    if (!host) {
        setCredentialMessage(host.error().toString(), true);
        Q_EMIT credentialRemoved(false);
        return;
    }
    ++m_credentialBusy;
    updateCredentialActions();
    const QString key = *host;
    m_credentials->remove(key).then(this, [this, key](const CredentialResult &r) {
        --m_credentialBusy;
        if (r.ok())
            setCredentialMessage(tr("Removed the credential for %1.").arg(key), false);
        else
            setCredentialMessage(r.error.toString(), true);
        reloadCredentialHosts();
        updateCredentialActions();
        Q_EMIT credentialRemoved(r.ok());
    });
}

// ---------------------------------------------------------------------------------------
// Probe

QWidget *ProxySettingsDialog::createProbePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *controls = new QHBoxLayout;
    m_probeScope = new QComboBox(page);
    m_probeScope->setObjectName(u"probeScope"_s);
    m_probeScope->addItem(tr("All presets"), int(ProbeScope::AllPresets));
    m_probeScope->addItem(tr("My presets"), int(ProbeScope::UserPresets));
    m_probeScope->addItem(tr("The selected preset"), int(ProbeScope::SelectedPreset));
    controls->addWidget(m_probeScope);
    controls->addWidget(new QLabel(tr("Module:"), page));
    m_probeModule = new QLineEdit(u"golang.org/x/text"_s, page);
    m_probeModule->setObjectName(u"probeModule"_s);
    m_probeModule->setToolTip(tr("The probe fetches <proxy>/<module>/@v/list from every proxy"));
    controls->addWidget(m_probeModule, 1);
    controls->addWidget(new QLabel(tr("Timeout:"), page));
    m_probeTimeout = new QSpinBox(page);
    m_probeTimeout->setObjectName(u"probeTimeout"_s);
    m_probeTimeout->setRange(1, 120);
    m_probeTimeout->setValue(10);
    m_probeTimeout->setSuffix(tr(" s"));
    controls->addWidget(m_probeTimeout);
    m_probeButton = new QPushButton(tr("&Probe"), page);
    m_probeButton->setObjectName(u"probeButton"_s);
    m_cancelProbeButton = new QPushButton(tr("Cancel"), page);
    m_cancelProbeButton->setObjectName(u"cancelProbeButton"_s);
    m_cancelProbeButton->setEnabled(false);
    controls->addWidget(m_probeButton);
    controls->addWidget(m_cancelProbeButton);
    layout->addLayout(controls);

    m_outboundNote = new QLabel(page);
    m_outboundNote->setObjectName(u"outboundProxyNote"_s);
    m_outboundNote->setWordWrap(true);
    m_outboundNote->setTextFormat(Qt::PlainText);
    const HttpProxyEnvironment outbound = HttpProxyEnvironment::fromProcess();
    if (!outbound.isEmpty()) {
        QStringList vars;
        if (!outbound.httpsProxy().isEmpty())
            vars << u"HTTPS_PROXY=%1"_s.arg(GoUrl::redact(outbound.httpsProxy()));
        if (!outbound.httpProxy().isEmpty())
            vars << u"HTTP_PROXY=%1"_s.arg(GoUrl::redact(outbound.httpProxy()));
        if (!outbound.noProxy().isEmpty())
            vars << u"NO_PROXY=%1"_s.arg(outbound.noProxy());
        m_outboundNote->setText(
            tr("Requests leave through %1, as go's do.").arg(vars.join(u", "_s)));
    }
    m_outboundNote->setVisible(!outbound.isEmpty());
    layout->addWidget(m_outboundNote);

    m_probeModel = new ProbeResultsModel(this);
    m_probeSort = new QSortFilterProxyModel(this);
    m_probeSort->setSourceModel(m_probeModel);
    m_probeSort->setSortRole(ProbeResultsModel::SortRole);
    m_probeTable = new QTableView(page);
    m_probeTable->setObjectName(u"probeTable"_s);
    m_probeTable->setModel(m_probeSort);
    m_probeTable->setSortingEnabled(true);
    m_probeTable->sortByColumn(ProbeResultsModel::LatencyColumn, Qt::AscendingOrder);
    m_probeTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_probeTable->setWordWrap(false);
    m_probeTable->verticalHeader()->setVisible(false);
    m_probeTable->horizontalHeader()->setStretchLastSection(true);
    m_probeTable->horizontalHeader()->setSectionResizeMode(ProbeResultsModel::UrlColumn,
                                                           QHeaderView::ResizeToContents);
    layout->addWidget(m_probeTable, 1);
    m_probeStatus = new QLabel(page);
    m_probeStatus->setObjectName(u"probeStatus"_s);
    m_probeStatus->setTextFormat(Qt::PlainText);
    layout->addWidget(m_probeStatus);

    connect(m_probeButton, &QPushButton::clicked, this, &ProxySettingsDialog::startProbe);
    connect(m_cancelProbeButton, &QPushButton::clicked, this, &ProxySettingsDialog::cancelProbe);
    return page;
}

void ProxySettingsDialog::setProbeScope(ProbeScope scope)
{
    m_probeScope->setCurrentIndex(m_probeScope->findData(int(scope)));
}

void ProxySettingsDialog::startProbe()
{
    if (m_probing)
        return;
    const QString module = m_probeModule->text().trimmed();
    if (Status st = ModulePath::checkPath(module); !st) {
        m_probeStatus->setText(tr("Module %1: %2").arg(module, st.error().message));
        return;
    }
    const ProxyPresetStore store;
    QList<ProxyPreset> presets;
    switch (ProbeScope(m_probeScope->currentData().toInt())) {
    case ProbeScope::AllPresets:
        presets = store.presets();
        break;
    case ProbeScope::UserPresets:
        presets = store.userPresets();
        break;
    case ProbeScope::SelectedPreset:
        if (const QListWidgetItem *item = m_presetList->currentItem()) {
            if (const std::optional<ProxyPreset> p = store.find(item->data(NameRole).toString()))
                presets << *p;
        }
        break;
    }
    const QList<ProxyProbe::Target> targets = ProxyProbe::targetsFor(presets);
    if (targets.isEmpty()) {
        m_probeStatus->setText(tr("Nothing to probe: no preset in this selection."));
        return;
    }
    ProxyProbe::Options options;
    options.module = module;
    options.timeoutMs = m_probeTimeout->value() * 1000;

    m_probing = true;
    const int generation = ++m_probeGeneration;
    m_probeButton->setEnabled(false);
    m_cancelProbeButton->setEnabled(true);
    m_probeModel->clear();

    // Credentials of the hosts among the targets, read in parallel; the probe starts when the
    // last read has answered (each one times out on its own).
    QSet<QString> keys;
    if (m_keychainAvailable) {
        const QStringList known = CredentialStore::knownHosts();
        for (const ProxyProbe::Target &t : targets) {
            for (const QString &key : CredentialStore::keysForUrl(t.url)) {
                if (known.contains(key))
                    keys.insert(key);
            }
        }
    }
    if (keys.isEmpty()) {
        launchProbe(targets, options);
        return;
    }
    m_probeStatus->setText(tr("Reading %1 credential(s) from the keychain\u2026").arg(keys.size()));
    auto pending = std::make_shared<int>(int(keys.size()));
    for (const QString &key : std::as_const(keys)) {
        m_credentials->read(key).then(
            this, [this, generation, pending, key, targets, options](const CredentialResult &r) {
                if (generation != m_probeGeneration)
                    return; // cancelled meanwhile
                if (r.ok())
                    m_probeCredentials.insert(key, r.credential);
                if (--*pending == 0) {
                    ProxyProbe::Options withCredentials = options;
                    withCredentials.credentials = m_probeCredentials;
                    launchProbe(targets, withCredentials);
                }
            });
    }
}

void ProxySettingsDialog::launchProbe(const QList<ProxyProbe::Target> &targets,
                                      ProxyProbe::Options options)
{
    m_probeStatus->setText(tr("Probing %1 proxies\u2026").arg(targets.size()));
    m_probeWatcher.setFuture(ProxyProbe::start(targets, options));
    for (Credential &c : options.credentials)
        c.wipe();
    for (Credential &c : m_probeCredentials)
        c.wipe();
    m_probeCredentials.clear();
}

void ProxySettingsDialog::cancelProbe()
{
    if (!m_probing)
        return;
    ++m_probeGeneration; // a credential phase still running must not launch
    if (m_probeWatcher.isRunning()) {
        m_probeWatcher.cancel(); // finished follows
    } else {
        m_probing = false;
        m_probeButton->setEnabled(true);
        m_cancelProbeButton->setEnabled(false);
        m_probeStatus->setText(tr("Cancelled."));
        Q_EMIT probeFinished();
    }
}

void ProxySettingsDialog::onProbeResults(int begin, int end)
{
    for (int i = begin; i < end; ++i)
        m_probeModel->addResult(m_probeWatcher.resultAt(i));
}

void ProxySettingsDialog::onProbeFinished()
{
    if (!m_probing)
        return;
    m_probing = false;
    m_probeButton->setEnabled(true);
    m_cancelProbeButton->setEnabled(false);
    const QFuture<ProbeResult> f = m_probeWatcher.future();
    const QList<ProbeResult> ranked = ProxyProbe::ranked(f.results());
    m_probeModel->setResults(ranked);
    if (f.isCanceled()) {
        m_probeStatus->setText(tr("Cancelled; %1 answered.").arg(ranked.size()));
    } else if (!ranked.isEmpty() && ranked.first().fastest) {
        m_probeStatus->setText(tr("Fastest: %1, %2 (%3 ms)")
                                   .arg(ranked.first().preset, ranked.first().url)
                                   .arg(ranked.first().latencyMs));
    } else {
        m_probeStatus->setText(tr("No proxy answered with the module list."));
    }
    Q_EMIT probeFinished();
}

} // namespace mk
