/** The encrypted workspace's and the encrypted export archive's strings (issue 15), spread into en.ts as `security`. */
export const security = {
  "lock": {
    "title": "“{{name}}” is locked",
    "titleUnnamed": "This workspace is locked",
    "intro": "This workspace is encrypted. Enter its passphrase to open it.",
    "passphrase": "Passphrase",
    "recoveryKey": "Recovery key",
    "recoveryKeyHint": "The key shown once when the workspace was encrypted. Spaces and dashes do not matter.",
    "useRecovery": "Use the recovery key instead",
    "usePassphrase": "Use the passphrase instead",
    "remember": "Remember on this computer",
    "rememberHint": "This computer's key store keeps the key, so Localyst opens this workspace without asking. Anyone who can sign in to your account on this computer can then open it.",
    "unlock": "Unlock",
    "wrongPassphrase": "That passphrase does not open this workspace. Nothing was changed; check it and try again.",
    "wrongRecoveryKey": "That recovery key does not open this workspace. Nothing was changed; check it and try again.",
    "failed": "Could not unlock the workspace",
    "lost": "If both the passphrase and the recovery key are lost, nobody can open this workspace again: not you, not Localyst's makers, not anyone. There is no back door.",
    "openAnother": "Open another workspace"
  },
  "passphrase": {
    "label": "Passphrase",
    "confirm": "Passphrase again",
    "mismatch": "The two passphrases differ.",
    "tooShort": "At least {{min}} characters.",
    "strength": {
      "weak": "Weak",
      "fair": "Fair",
      "good": "Good",
      "strong": "Strong"
    },
    "strengthHint": "{{length}} characters, {{kinds}} of 4 kinds (lower case, upper case, digits, symbols). Length matters most: four unrelated words make a good passphrase."
  },
  "create": {
    "encrypt": "Encrypt this workspace",
    "encryptHint": "The database, its journal and its backups are encrypted on disk. Localyst asks for the passphrase to open it.",
    "remember": "Remember on this computer",
    "rememberHint": "Open it here without typing the passphrase (this computer's key store keeps the key)."
  },
  "recovery": {
    "title": "Save your recovery key",
    "intro": "This key is the only way back into “{{name}}” if the passphrase is lost. It is shown this once and Localyst does not keep it.",
    "where": "Write it down or store it in a password manager, away from this computer.",
    "copy": "Copy",
    "copied": "Copied",
    "saved": "I have saved it"
  },
  "settings": {
    "title": "Security",
    "subtitle": "How this workspace is protected on disk.",
    "state": "Encryption",
    "encrypted": "Encrypted",
    "plain": "Not encrypted",
    "cipher": "Cipher",
    "cipherValue": "ChaCha20-Poly1305, random 256-bit key",
    "cipherOther": "{{cipher}}",
    "kdf": "Passphrase protection",
    "kdfValue": "Argon2id: {{memory}} of memory, {{iterations}} passes, parallelism {{parallelism}}",
    "remembered": "Remembered on this computer",
    "recoveryKey": "Recovery key",
    "recoveryMade": "Made (shown once, not stored)",
    "recoveryNone": "None",
    "plainExplain": "Anyone who copies this folder can read the database with any SQLite tool. Encrypt it so that a copy is useless without the passphrase.",
    "encryptedExplain": "Every page of the database, its journal and its backups is encrypted and checked for tampering. The passphrase unlocks the key through Argon2id, which makes each guess cost an attacker that memory and time. Without the passphrase or the recovery key nobody can read the data: lose both and it is gone for good.",
    "encrypt": "Encrypt this workspace…",
    "decrypt": "Decrypt…",
    "change": "Change passphrase…",
    "unavailable": "The security settings could not be read",
    "plainFilesTitle": "Files that are not encrypted",
    "plainFiles": "These files are outside the encrypted database and are not encrypted:",
    "plainFilesHint": "Delete exports you no longer need, or export as an encrypted archive.",
    "encryptTitle": "Encrypt this workspace",
    "encryptIntro": "Localyst rewrites the whole database encrypted. Other work waits until it has finished; you can cancel, which leaves the workspace as it was.",
    "encryptStart": "Encrypt",
    "encryptDone": "The workspace is encrypted ({{size}} in {{seconds}} s).",
    "decryptTitle": "Decrypt this workspace",
    "decryptWarn": "The database will be stored in plain again: anyone who copies this folder can read every customer in it. Enter the passphrase to confirm.",
    "decryptStart": "Decrypt",
    "decryptDone": "The workspace is no longer encrypted ({{size}} in {{seconds}} s).",
    "changeTitle": "Change passphrase",
    "changeIntro": "The key that encrypts the data stays the same, so nothing is re-encrypted; the recovery key keeps working.",
    "current": "Current passphrase",
    "next": "New passphrase",
    "changeStart": "Change passphrase",
    "changed": "Passphrase changed."
  },
  "archive": {
    "notEncrypted": "The exported file is not encrypted: anyone who gets hold of it can read it.",
    "option": "Encrypted archive (AES-256 zip)",
    "optionHint": "Packs the export into a zip locked with a passphrase (7-Zip, WinZip and Keka open it). Localyst keeps no plain copy.",
    "passphrase": "Archive passphrase",
    "passphraseHint": "At least 8 characters. Localyst does not keep it: give it to the recipient another way than the file.",
    "done": "Encrypted with AES-256: it opens with the archive passphrase."
  },
  "upload": {
    "notice": "A file you choose here is copied into this workspace's incoming folder, not encrypted, and kept only until its import ends: a successful import deletes it."
  }
} as const;
