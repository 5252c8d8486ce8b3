// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QDialog>
#include <QFutureWatcher>
#include <QHash>

#include "env/GoEnvironment.h"
#include "keychain/Credential.h"
#include "proxy/ProbeResult.h"
#include "proxy/ProxyPreset.h"
#include "proxy/ProxyProbe.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace mk {

class CredentialStore;
class ProbeResultsModel;

/// Proxy settings: the presets (built-ins read-only, the user's added, edited and removed),
/// a GOPROXY chain editor validated live with go's own error text, the private-module and
/// checksum variables, a pattern tester (where go fetches a module, whether the checksum
/// database checks it), per-host credentials kept only in the OS keychain, and a probe of the
/// presets' proxies with a sortable results table, and a CA file downloads also trust. Every
/// keychain call and the probe run off the GUI thread; nothing here waits for them.
class ProxySettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxySettingsDialog)

public:
    using InputsProvider = std::function<GoEnvInputs()>;

    /// Which presets the probe checks.
    enum class ProbeScope {
        AllPresets,
        UserPresets,
        SelectedPreset
    };
    Q_ENUM(ProbeScope)

    explicit ProxySettingsDialog(QWidget *parent = nullptr);
    ~ProxySettingsDialog() override;

    /// Where the go environment comes from (the pattern tester's base settings).
    void setInputsProvider(InputsProvider provider);
    /// The keychain to use (tests: a fake backend); CredentialStore::instance() by default.
    /// Checks it again at once.
    void setCredentialStore(CredentialStore *store);

    [[nodiscard]] ProbeResultsModel *probeModel() const { return m_probeModel; }
    [[nodiscard]] QSortFilterProxyModel *probeSortModel() const { return m_probeSort; }
    [[nodiscard]] bool isProbing() const { return m_probing; }
    /// Unknown until the first check ends.
    [[nodiscard]] bool keychainAvailable() const { return m_keychainAvailable; }
    /// The preset as the editor's fields describe it.
    [[nodiscard]] ProxyPreset editedPreset() const;

public Q_SLOTS:
    /// Selects a preset in the list (and shows it in the editor).
    void selectPreset(const QString &name);
    /// Empties the editor for a new user preset.
    void newPreset();
    /// Validates and stores the edited user preset; nothing is written when it is invalid.
    void savePreset();
    /// Removes the selected user preset.
    void removePreset();
    /// Stores the credential of the Credentials tab in the keychain; the secret field is
    /// cleared at once and never filled again.
    void saveCredential();
    void removeCredential();
    /// Stores the CA file field (checked to hold a PEM certificate; empty removes the setting).
    void saveCaFile();
    /// Starts the probe of the chosen presets; returns at once.
    void startProbe();
    void cancelProbe();
    void setProbeScope(ProbeScope scope);

Q_SIGNALS:
    /// A user preset was added, changed or removed.
    void presetsChanged();
    /// "Use" was pressed for a preset: the toolbar selector switches to it.
    void useRequested(const QString &presetName);
    void keychainChecked(bool available);
    void credentialSaved(bool ok);
    void credentialRemoved(bool ok);
    void caFileSaved(bool ok);
    void probeFinished();

private:
    QWidget *createPresetsPage();
    QWidget *createCredentialsPage();
    QWidget *createProbePage();

    void reloadPresets(const QString &select = {});
    void showPreset(const ProxyPreset &preset, bool editable);
    void validateEditor();
    void updateRoute();
    [[nodiscard]] ProxySettings effectiveSettings() const;

    void checkKeychain();
    void updateCredentialActions();
    void reloadCredentialHosts();
    void setCredentialMessage(const QString &text, bool error);

    void launchProbe(const QList<ProxyProbe::Target> &targets, ProxyProbe::Options options);
    void onProbeResults(int begin, int end);
    void onProbeFinished();

    InputsProvider m_inputs;
    CredentialStore *m_credentials;
    bool m_keychainAvailable = false;
    bool m_keychainChecked = false;
    int m_keychainGeneration = 0;
    int m_credentialBusy = 0;

    QString m_editingName; ///< the user preset being edited; empty for a new one
    bool m_editorEditable = true;
    bool m_chainValid = false;

    bool m_probing = false;
    int m_probeGeneration = 0;
    QHash<QString, Credential> m_probeCredentials;
    QFutureWatcher<ProbeResult> m_probeWatcher;

    QTabWidget *m_tabs = nullptr;
    // Presets
    QListWidget *m_presetList = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_useButton = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLineEdit *m_descriptionEdit = nullptr;
    QLineEdit *m_chainEdit = nullptr;
    QLabel *m_chainValidation = nullptr;
    QHash<QString, QCheckBox *> m_varChecks;
    QHash<QString, QLineEdit *> m_varEdits;
    QLabel *m_presetWarnings = nullptr;
    QLabel *m_presetError = nullptr;
    QPushButton *m_saveButton = nullptr;
    QLineEdit *m_routeModule = nullptr;
    QLabel *m_routeResult = nullptr;
    // Credentials
    QLabel *m_keychainStatus = nullptr;
    QComboBox *m_credentialHost = nullptr;
    QLineEdit *m_credentialUser = nullptr;
    QLineEdit *m_credentialSecret = nullptr;
    QPushButton *m_saveCredentialButton = nullptr;
    QPushButton *m_removeCredentialButton = nullptr;
    QLabel *m_credentialResult = nullptr;
    QListWidget *m_credentialHosts = nullptr;
    QLineEdit *m_caFileEdit = nullptr;
    QPushButton *m_caFileSaveButton = nullptr;
    QLabel *m_caFileResult = nullptr;
    // Probe
    QComboBox *m_probeScope = nullptr;
    QLineEdit *m_probeModule = nullptr;
    QSpinBox *m_probeTimeout = nullptr;
    QPushButton *m_probeButton = nullptr;
    QPushButton *m_cancelProbeButton = nullptr;
    QLabel *m_probeStatus = nullptr;
    QLabel *m_outboundNote = nullptr;
    QTableView *m_probeTable = nullptr;
    ProbeResultsModel *m_probeModel = nullptr;
    QSortFilterProxyModel *m_probeSort = nullptr;
};

} // namespace mk
