/** The English catalogue. Another language is another file of the same shape. */
export const en = {
  "app": {
    "name": "Localyst"
  },
  "common": {
    "cancel": "Cancel",
    "comingNext": "Coming next",
    "copied": "Copied",
    "copy": "Copy",
    "no": "No",
    "none": "—",
    "refresh": "Refresh",
    "yes": "Yes"
  },
  "api": {
    "timedOut": "The engine did not answer “{{channel}}” within {{seconds}} seconds. It may be busy or stuck; try again, and restart Localyst if it keeps happening.",
    "unreachable": "Localyst could not reach its engine for {{seconds}} seconds, so “{{channel}}” was not sent. Check that Localyst is still running, then try again.",
    "droppedInFlight": "The connection to the engine dropped while “{{channel}}” was in progress, so its answer was lost. Try again once Localyst has reconnected.",
    "badReply": "The engine sent an answer to “{{channel}}” that this version of the app does not understand.",
    "bridgeFailed": "The app could not pass “{{channel}}” to the engine: {{reason}}",
    "badInput": "“{{channel}}” was given a value it cannot use ({{reason}})."
  },
  "errors": {
    "title": "Something went wrong",
    "pageCrashed": "This page ran into a problem",
    "code": "Error code",
    "retry": "Try again",
    "withCode": "{{message}} (code: {{code}})"
  },
  "connection": {
    "reconnecting": "Reconnecting to the Localyst engine…",
    "detail_one": "Your work is safe; requests continue once the connection is back.",
    "detail_other": "Still trying (attempt {{count}}). Your work is safe; requests continue once the connection is back."
  },
  "engine": {
    "restarting": "The Localyst engine is restarting…",
    "restarted": "The Localyst engine restarted. Work that was running when it stopped has to be started again.",
    "down": "The Localyst engine has stopped. Restart Localyst to continue."
  },
  "shell": {
    "goTo": "{{section}} ({{shortcut}})",
    "sectionsLabel": "Sections",
    "skipToContent": "Skip to content"
  },
  "theme": {
    "switchToDark": "Switch to dark theme",
    "switchToLight": "Switch to light theme"
  },
  "sections": {
    "dashboard": {
      "nav": "Dashboard",
      "title": "Dashboard"
    },
    "customers": {
      "nav": "Customers",
      "title": "Customers",
      "subtitle": "Every customer with their orders, value and risk of leaving.",
      "heading": "Know each customer",
      "description": "A searchable table of every customer in the workspace, with what they bought, when, and what they are likely to do next.",
      "points": [
        "Sort and filter by orders, revenue, last purchase and country",
        "Open a customer to see their order history, returns and reviews",
        "See predicted lifetime value and churn risk once a model is trained"
      ]
    },
    "segments": {
      "nav": "Segments",
      "title": "Segments",
      "subtitle": "Audiences built from rules, counted as you type.",
      "heading": "Build audiences from rules",
      "description": "Describe an audience in plain rules, such as “ordered in the last 90 days and spent over 200”, see how many customers match while you edit, and save it for campaigns.",
      "points": [
        "Combine rules on orders, revenue, products, recency and country",
        "Live count of matching customers as you edit",
        "Saved segments stay up to date when new data arrives"
      ]
    },
    "campaigns": {
      "nav": "Campaigns",
      "title": "Campaigns",
      "subtitle": "Plan campaigns for a segment and measure the ones you sent.",
      "heading": "Plan and measure campaigns",
      "description": "Pick a segment, plan an email or SMS campaign, and compare past campaigns by opens, clicks, conversions and revenue per recipient.",
      "points": [
        "Results of past campaigns, side by side",
        "Revenue per recipient and conversion, by segment",
        "Export an audience list for your sending tool"
      ]
    },
    "copy": {
      "nav": "Copy studio",
      "title": "Copy studio",
      "subtitle": "Subject lines and messages, grounded in what worked before.",
      "heading": "Write copy that fits your customers",
      "description": "Draft subject lines and message text for a segment, generate variants on this computer, and compare them with what worked in your past campaigns.",
      "points": [
        "Variants of a subject line or message, generated locally",
        "Compare with the best-performing past campaigns",
        "Use the words customers use in their reviews"
      ]
    },
    "models": {
      "nav": "Models",
      "title": "Models",
      "subtitle": "Predictions trained on your own data, on this computer.",
      "heading": "Predict who will buy again",
      "description": "Train models on your order history, on this computer: who is likely to buy again, expected customer lifetime value and churn risk. Each model shows how well it predicts before you rely on it.",
      "points": [
        "Repeat-purchase and lifetime-value predictions per customer",
        "Churn risk, with the factors behind it",
        "Accuracy measured on a held-out period before you use a model"
      ],
      "backendTitle": "Training will run on"
    },
    "data": {
      "nav": "Data",
      "title": "Data",
      "subtitle": "What is in this workspace, and how to bring in your own records."
    },
    "settings": {
      "nav": "Settings",
      "title": "Settings",
      "subtitle": "This workspace, the app and the machine-learning engine."
    }
  },
  "records": {
    "customers": "Customers",
    "orders": "Orders",
    "products": "Products",
    "reviews": "Reviews",
    "campaigns": "Campaigns",
    "campaignResults": "Campaign results"
  },
  "placeholder": {
    "notYetBuilt": "In development",
    "needs": "What it needs",
    "optional": "optional",
    "have": "{{formatted}} in this workspace",
    "none": "None yet",
    "ready": "This workspace has what this section needs. The section itself arrives in a coming version.",
    "missing": "Load demo data to explore, or prepare your own files for the import wizard.",
    "loadDemo": "Load demo data",
    "importFormats": "See import formats"
  },
  "jobs": {
    "untitled": "Background job",
    "cancel": "Cancel",
    "cancelledDetail": "Cancelled. Nothing it was writing was kept.",
    "finishedAt": "Finished {{when}}",
    "percent": "{{value}}%",
    "progressLabel": "Progress of {{title}}",
    "rowsPerSecond": "{{value}} rows/s",
    "timeLeft": "about {{value}} left",
    "status": {
      "running": "Running",
      "done": "Done",
      "failed": "Failed",
      "cancelled": "Cancelled"
    },
    "tray": {
      "idle": "Jobs",
      "running_one": "{{count}} job running",
      "running_other": "{{count}} jobs running",
      "title": "Background jobs",
      "subtitle": "Long work runs here while you keep working.",
      "empty": "No jobs yet. Generating demo data, imports and model training will show their progress here."
    },
    "notify": {
      "doneTitle": "Finished",
      "cancelledTitle": "Cancelled",
      "failedTitle": "{{title}} failed",
      "cancelFailedTitle": "Could not cancel the job"
    }
  },
  "workspace": {
    "loading": "Opening…",
    "switcherLabel": "Workspace: {{name}}. Switch workspace",
    "current": "Current workspace",
    "recent": "Recent workspaces",
    "noRecent": "No other workspaces opened yet.",
    "lastOpened": "Last opened {{when}}",
    "openOrCreate": "New or open workspace…",
    "switched": "Opened workspace “{{name}}”.",
    "switchFailed": "Could not open that workspace",
    "listFailed": "Could not list recent workspaces",
    "loadFailed": "Could not read the workspace",
    "modal": {
      "title": "New or open workspace",
      "intro": "A workspace is a folder holding one Localyst database: your customers, orders, segments and models. Open one you already have, or create a new, empty one.",
      "pathLabel": "Folder",
      "pathHint": "The full path of the folder, for example /Users/ana/Localyst/spring-shop",
      "pathPlaceholder": "/path/to/folder",
      "createLabel": "Create it if it does not exist yet",
      "createHint": "Creates the folder and an empty workspace inside it. Leave unticked to open only an existing workspace.",
      "privacy": "Everything stays in that folder on this computer. Copy the folder to move or back up the workspace.",
      "errorTitle": "Could not open the workspace",
      "submitCreate": "Open or create",
      "submitOpen": "Open"
    }
  },
  "welcome": {
    "title": "Welcome to Localyst",
    "intro": "Localyst turns your shop’s customers and orders into segments, campaigns and predictions. Start with a demo shop to look around, or prepare your own data.",
    "privacy": "Everything runs on this computer. Your data is never uploaded.",
    "demo": {
      "title": "Explore with demo data",
      "body": "Generate a realistic, fictional shop: customers, products, orders, returns, reviews and past campaigns. Every figure you then see is computed from it, so you can try each feature safely.",
      "sizeLabel": "Shop size, in customers",
      "sizeHint": "Larger shops take longer to generate. You can cancel at any time; nothing is kept.",
      "advanced": "Advanced",
      "seedLabel": "Seed",
      "seedHint": "The same seed and size always give the same shop.",
      "start": "Generate a shop with {{formatted}} customers",
      "cancelled": "Generation cancelled. Nothing was kept: the workspace is still empty.",
      "failedTitle": "Demo data could not be generated",
      "startFailedTitle": "Could not start generating demo data"
    },
    "import": {
      "title": "Import your data",
      "body": "Bring in your own records, exported from your shop, CRM or email tool:",
      "point1": "Customers and their orders (required)",
      "point2": "Products and reviews (optional)",
      "point3": "Past campaigns and their results (optional)",
      "notYet": "The import wizard is the next feature we are building and is not available yet. The Data section lists the files and columns it will accept, so you can prepare your exports now.",
      "action": "See which files to prepare"
    }
  },
  "dashboard": {
    "emptySubtitle": "This workspace is empty. Choose how to begin.",
    "loadingPeriod": "Loading figures…",
    "period": "Orders from {{from}} to {{to}}",
    "noPeriod": "No orders yet",
    "loadFailed": "Could not load the dashboard",
    "kpi": {
      "customers": "Customers",
      "customersCaption": "In this workspace",
      "orders": "Orders",
      "ordersCaption": "Sales, without returns",
      "revenue": "Revenue",
      "revenueCaption": "Gross, before returns",
      "aov": "Avg. order value",
      "aovCaption": "Revenue ÷ orders",
      "returns": "Returns",
      "returnsCaption": "{{share}} of orders",
      "returnsCaptionNone": "No orders yet"
    },
    "chart": {
      "title": "Revenue by month",
      "subtitle": "Sales per calendar month, in {{currency}}. Hover a month for its figures.",
      "revenue": "Revenue",
      "orders": "Orders",
      "buyers": "Buying customers",
      "empty": "No sales yet.",
      "ariaLabel": "Revenue and orders by month"
    }
  },
  "data": {
    "tryDemo": "Try demo data instead",
    "contents": {
      "title": "In this workspace",
      "subtitle": "Records stored in the open workspace",
      "rows": {
        "customers": "Customers",
        "products": "Products",
        "orders": "Orders, with returns",
        "orderLines": "Order lines",
        "returns": "Returns",
        "linesWithoutCustomer": "Lines with no customer",
        "reviews": "Reviews",
        "campaigns": "Campaigns",
        "campaignResults": "Campaign results",
        "revenue": "Revenue (gross sales)"
      }
    },
    "files": {
      "title": "Files the import wizard will accept",
      "subtitle": "Prepare these exports now; the wizard is the next feature being built.",
      "intro": "One file per kind of record: CSV, Excel (.xlsx) or JSON Lines, also gzip-compressed. Only customers and orders are needed to start; the rest adds detail. Your column names do not need to match: the wizard suggests which column fills which field, and recognises exports from Shopify, WooCommerce and Stripe.",
      "columns": {
        "file": "File",
        "required": "Needs",
        "optional": "Can also have"
      },
      "kinds": {
        "customers": {
          "name": "Customers",
          "example": "customers.csv",
          "required": "Customer ID or e-mail",
          "optional": "Name (first and last, or full), phone, country, city, sign-up date, accepts marketing"
        },
        "orders": {
          "name": "Orders",
          "example": "orders.csv",
          "required": "Order ID, order date",
          "optional": "One row per item: customer ID or e-mail, SKU, item name, category, quantity, unit price or order total, currency, country. A negative quantity marks a return."
        },
        "products": {
          "name": "Products",
          "example": "products.csv",
          "required": "SKU",
          "optional": "Name, category, price"
        },
        "reviews": {
          "name": "Reviews",
          "example": "reviews.csv",
          "required": "Review date",
          "optional": "Review ID, customer ID, SKU, stars (1–5), title, text"
        },
        "campaignResults": {
          "name": "Campaign results",
          "example": "campaign-results.csv",
          "required": "Campaign ID, customer ID",
          "optional": "Campaign name, channel, sent date, subject, opened, clicked, converted, revenue"
        }
      },
      "note": "Before anything is written, the wizard previews the file and lists every row it cannot read, with its row and column. An import can be undone afterwards."
    }
  },
  "settings": {
    "workspace": {
      "title": "Workspace",
      "subtitle": "The open workspace is one folder on this computer.",
      "name": "Name",
      "folder": "Folder",
      "file": "Database file",
      "schema": "Schema version",
      "schemaLatest": "up to date",
      "schemaOlder": "latest is {{latest}}"
    },
    "currency": {
      "label": "Currency",
      "hint": "Money in this workspace is shown in this currency. Amounts are not converted.",
      "nothingFound": "No currency matches",
      "search": "Type a code or a name, e.g. USD or dollar",
      "saved": "Currency set to {{currency}}.",
      "saveFailed": "Could not change the currency"
    },
    "appearance": {
      "title": "Appearance"
    },
    "theme": {
      "label": "Theme",
      "light": "Light",
      "dark": "Dark",
      "auto": "Match system",
      "hint": "Remembered on this computer. “Match system” follows your operating system’s setting."
    },
    "tf": {
      "title": "Machine learning",
      "subtitle": "TensorFlow.js, used to train and run the models.",
      "backend": "Backend",
      "versionLabel": "TensorFlow.js version",
      "version": "version {{version}}",
      "simd": "SIMD",
      "threads": "Threads",
      "threadsAuto": "Chosen by TensorFlow",
      "notApplicable": "Not applicable",
      "fallbackTitle": "Why this backend",
      "backends": {
        "tensorflow": "Native TensorFlow",
        "wasm": "WebAssembly",
        "cpu": "Plain JavaScript (CPU)"
      },
      "explain": {
        "tensorflow": "The fastest option: the native TensorFlow library for this machine.",
        "wasm": "A portable, fast backend used when the native TensorFlow library is not available on this machine.",
        "cpu": "The slowest backend, used when neither native TensorFlow nor WebAssembly could start. Training works but takes longer."
      }
    },
    "about": {
      "title": "About",
      "app": "Localyst",
      "shell": "Running in",
      "electron": "Desktop app (Electron {{version}})",
      "browserMode": "Browser mode",
      "node": "Node.js",
      "sqlite": "SQLite",
      "platform": "Platform",
      "connection": "Connection to the engine",
      "ipc": "In-app (IPC)",
      "websocket": "Local WebSocket"
    }
  }
} as const;
