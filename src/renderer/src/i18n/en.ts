/** The English catalogue. Another language is another file of the same shape. */
export const en = {
  "app": {
    "name": "Localyst"
  },
  "common": {
    "cancel": "Cancel",
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
      "subtitle": "Bring in your own records, see what came in, and check that the data can be trusted."
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
    "importFormats": "Import your data"
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
    "intro": "Localyst turns your shop’s customers and orders into segments, campaigns and predictions. Start with a demo shop to look around, or import your own data.",
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
      "notYet": "The import wizard reads CSV, Excel and JSON Lines files, suggests which column fills which field, and shows every row it cannot read before anything is written.",
      "action": "Open the import wizard"
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
    "tabs": {
      "import": "Import a file",
      "history": "Import history",
      "health": "Data health"
    },
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
      "title": "Files you can import",
      "subtitle": "What each kind of file needs, and what else it can hold.",
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
      "note": "Before anything is written, the wizard previews the file and lists every row it cannot read, with its row and column. The newest import can be undone from the import history."
    }
  },
  "explorer": {
    "subtitle": "Figures as of {{date}} · money in {{currency}} · click a customer, or press Enter, for the full picture",
    "total_one": "{{formatted}} customer",
    "total_other": "{{formatted}} customers",
    "totalMatching_one": "{{formatted}} customer matches",
    "totalMatching_other": "{{formatted}} customers match",
    "search": {
      "label": "Search customers",
      "placeholder": "Search ID, name, e-mail or city",
      "clear": "Clear the search"
    },
    "showing": "Showing customers where",
    "searchFor": "search “{{text}}”",
    "clearFilters": "Clear filters and search",
    "untranslated": "Some filters cannot be applied and are ignored: {{columns}}. Use one condition per column.",
    "loadFailed": "Could not load customers",
    "noMatch": {
      "title": "No customer matches",
      "text": "Change the filters or the search, or clear them to see everyone."
    },
    "columnsButton_one": "{{count}} column",
    "columnsButton_other": "{{count}} columns",
    "columnsTitle": "Show columns",
    "columnsReset": "Default",
    "columns": {
      "customerId": "Customer ID",
      "name": "Name",
      "email": "E-mail",
      "phone": "Phone",
      "country": "Country",
      "city": "City",
      "signupDate": "Signed up",
      "firstOrderDate": "First order",
      "lastOrderDate": "Last order",
      "orders": "Orders",
      "revenue": "Revenue",
      "avgOrderValue": "Avg. order",
      "recencyDays": "Days since order",
      "tenureDays": "Days as buyer",
      "returns": "Returns",
      "topCategory": "Top category"
    },
    "columnHints": {
      "customerId": "Your own id for the customer",
      "name": "Masked: open the customer and choose Reveal identity to see it",
      "email": "Masked: open the customer and choose Reveal identity to see it",
      "phone": "Masked: open the customer and choose Reveal identity to see it",
      "country": "Country of the customer or of their orders",
      "city": "City of the customer",
      "signupDate": "When the customer signed up",
      "firstOrderDate": "Date of the first order",
      "lastOrderDate": "Date of the latest order",
      "orders": "Orders placed, returns not counted",
      "revenue": "Gross sales, before returns",
      "avgOrderValue": "Revenue ÷ orders",
      "recencyDays": "Days between the last order and the newest order in the workspace",
      "tenureDays": "Days between the first order and the newest order in the workspace",
      "returns": "Orders returned",
      "topCategory": "The category they spent most on"
    },
    "ops": {
      "contains": "{{column}} contains {{value}}",
      "notContains": "{{column}} does not contain {{value}}",
      "equals": "{{column}} = {{value}}",
      "notEqual": "{{column}} ≠ {{value}}",
      "startsWith": "{{column}} starts with {{value}}",
      "endsWith": "{{column}} ends with {{value}}",
      "lessThan": "{{column}} < {{value}}",
      "lessThanOrEqual": "{{column}} ≤ {{value}}",
      "greaterThan": "{{column}} > {{value}}",
      "greaterThanOrEqual": "{{column}} ≥ {{value}}",
      "inRange": "{{column}} from {{from}} to {{to}}",
      "blank": "{{column}} is empty",
      "notBlank": "{{column}} is not empty"
    },
    "views": {
      "button": "Views",
      "showing": "View: {{name}}",
      "title": "Saved views",
      "empty": "No saved views yet. Set up columns, sort, filters and search, then save them here.",
      "saveCurrent": "Save the current view…",
      "saveTitle": "Save this view",
      "saveExplain": "Saves what the explorer shows now ({{what}}) under a name, to come back to it in one click.",
      "name": "Name",
      "namePlaceholder": "e.g. Big spenders in the Netherlands",
      "replaces": "A view with this name exists: saving replaces it.",
      "save": "Save view",
      "saved": "Saved the view “{{name}}”.",
      "delete": "Delete view",
      "deleteNamed": "Delete the view {{name}}",
      "deleted": "Deleted the view “{{name}}”.",
      "deleteFailed": "Could not delete the view",
      "columns_one": "{{count}} column",
      "columns_other": "{{count}} columns",
      "sortedBy": "sorted by {{column}}",
      "filters_one": "1 filter",
      "filters_other": "{{count}} filters",
      "search": "search “{{text}}”"
    },
    "export": {
      "button": "Export view",
      "title": "Export the current view",
      "what_one": "Writes the customer of this view ({{columns}} columns, with its filters, sort and search) to a CSV file in the workspace’s exports folder.",
      "what_other": "Writes the {{customers}} customers of this view ({{columns}} columns, with its filters, sort and search) to a CSV file in the workspace’s exports folder.",
      "reveal": "Include real names, e-mails and phone numbers",
      "revealHint": "Otherwise they are written masked, as shown here. An export with them is recorded in the audit log.",
      "start": "Export",
      "failed": "Could not export",
      "done_one": "Exported {{rows}} customer",
      "done_other": "Exported {{rows}} customers",
      "savedTo": "Saved to this file on this computer:",
      "download": "Download {{file}}",
      "close": "Close"
    },
    "empty": {
      "title": "No customers yet",
      "text": "The explorer lists every customer with their orders, revenue and last purchase, and opens each one’s full history. Import a customers or orders file to fill it, or look around with demo data.",
      "import": "Import customers or orders"
    }
  },
  "customer360": {
    "title": "Customer",
    "close": "Close (Escape)",
    "loadFailed": "Could not load this customer",
    "id": "ID {{id}}",
    "pseudonymised": "Pseudonymised",
    "noEmail": "No e-mail",
    "noPhone": "No phone",
    "days_one": "{{formatted}} day",
    "days_other": "{{formatted}} days",
    "figures": {
      "orders": "Orders",
      "revenue": "Revenue",
      "aov": "Avg. order",
      "recency": "Since last order",
      "lastOrder": "{{date}}",
      "tenure": "Buyer for",
      "firstOrder": "since {{date}}",
      "returns": "Returns",
      "topCategory": "Top category",
      "reviews": "Reviews",
      "avgRating": "{{rating}} ★ on average"
    },
    "spend": {
      "title": "Spend by month",
      "series": "Spend",
      "aria": "The customer's spend by month",
      "empty": "No purchases yet."
    },
    "categories": {
      "title": "Categories",
      "empty": "No purchases with a category."
    },
    "timeline": {
      "title": "Timeline",
      "empty": "Nothing has happened with this customer yet.",
      "more": "The newest {{shown}} of {{total}} events.",
      "campaigns": "Campaigns: {{sent}} sent · {{opened}} opened · {{clicked}} clicked · {{converted}} converted",
      "stars_one": "{{count}} star",
      "stars_other": "{{count}} stars"
    },
    "reveal": {
      "button": "Reveal identity",
      "shown": "Identity shown",
      "pseudonymised": "Pseudonymised on import: the real values were never stored",
      "title": "Reveal this customer’s identity?",
      "text": "Shows the real name, e-mail and phone of customer <id>{{id}}</id>. This is recorded in the audit log (who, which customer, when).",
      "confirm": "Reveal identity"
    },
    "erase": {
      "button": "Erase customer",
      "title": "Erase customer {{id}}?",
      "text": "This deletes customer <id>{{id}}</id> and everything about them from this workspace: their identity, {{orders}} orders and {{returns}} returns with their order lines, {{reviews}} reviews and {{campaigns}} campaign results. Shop totals drop accordingly.",
      "permanent": "It cannot be undone, not even by undoing an import.",
      "confirm": "Erase for good",
      "doneTitle": "Customer {{id}} erased",
      "doneText": "Deleted {{orders}} orders ({{lines}} lines), {{reviews}} reviews and {{campaigns}} campaign results."
    }
  },
  "importWizard": {
    "kinds": {
      "customers": "Customers",
      "orders": "Orders (line items)",
      "products": "Products",
      "reviews": "Reviews",
      "campaign_results": "Campaign results"
    },
    "steps": {
      "file": { "label": "File", "description": "Choose and check" },
      "mapping": { "label": "Columns", "description": "Map to fields" },
      "preview": { "label": "Preview", "description": "First 100 rows" },
      "validate": { "label": "Check", "description": "Whole file, no writing" },
      "import": { "label": "Import", "description": "Write and report" }
    },
    "nav": {
      "back": "Back",
      "backToPreview": "Back to the preview",
      "next": {
        "file": "Next: map the columns",
        "mapping": "Next: preview"
      },
      "check": "Check the whole file",
      "mapRequired": "Map the required fields first."
    },
    "guide": {
      "title": "Good to know",
      "formats": "CSV or TSV (any delimiter, also .gz), Excel .xlsx and JSON Lines. Exports from Shopify, WooCommerce and Stripe are recognised.",
      "safe": "Nothing is written until you have seen the preview and the check of the whole file.",
      "undo": "The newest import can be undone from the import history.",
      "local": "Your file stays on this computer: Localyst reads it here and never sends it anywhere."
    },
    "file": {
      "dropLabel": "Choose a file to import",
      "dropTitle": "Drop a file here, or click to choose one",
      "dropHint": "CSV, TSV, Excel (.xlsx) or JSON Lines, also gzip-compressed",
      "uploading": "Copying the file into the workspace…",
      "reading": "Reading the file…",
      "or": "or",
      "pathLabel": "Path on this computer",
      "pathHint": "The full path of the file, for example /Users/ana/Downloads/orders.csv",
      "pathPlaceholder": "/path/to/file.csv",
      "readPath": "Read this file",
      "desktopNote": "Choosing a file with the system's file dialog is coming to the desktop app; until then, paste the file's path.",
      "replace": "Choose another file",
      "errorTitle": "Could not read that file",
      "uploadUnavailable": "Picking a file this way only works in the browser. Type the file's path instead.",
      "uploadFailed": "The file could not be handed to Localyst: {{reason}}"
    },
    "format": {
      "formats": { "csv": "CSV", "xlsx": "Excel workbook", "jsonl": "JSON Lines" },
      "kind": "Records in this file",
      "kindSuggested": "Suggested from the column names",
      "kindChosen": "Chosen by you",
      "encoding": "Encoding",
      "encodingHint": "Odd accents (Ã©)? Try another",
      "encodings": {
        "utf-8": "UTF-8",
        "windows-1252": "Windows-1252",
        "utf-16le": "UTF-16 LE",
        "utf-16be": "UTF-16 BE"
      },
      "delimiter": "Delimiter",
      "delimiterHint": "What separates the columns",
      "delimiters": { "comma": "Comma  ,", "semicolon": "Semicolon  ;", "tab": "Tab", "pipe": "Pipe  |" },
      "numbers": "Numbers",
      "numbersHint": "Decimal comma or point",
      "decimalComma": "1.234,56",
      "decimalPoint": "1,234.56",
      "dates": "Date format",
      "datesHint": "How dates are written",
      "dateExample": "3 February 2024 is {{example}}",
      "datesNone": "No date column",
      "sheet": "Worksheet",
      "sheetHint": "The sheet to import",
      "firstRows": "First rows as read",
      "firstRowsHint": "Check the accents and that each value sits in its own column.",
      "summary": {
        "lead_one": "Read {{count}} column: {{parts}}.",
        "lead_other": "Read {{count}} columns: {{parts}}.",
        "delimiters": {
          "comma": "comma-separated",
          "semicolon": "semicolon-separated",
          "tab": "tab-separated",
          "pipe": "pipe-separated"
        },
        "decimalComma": "decimal comma",
        "decimalPoint": "decimal point",
        "sheet": "sheet “{{sheet}}”",
        "dates": "dates as {{format}}",
        "noDates": "no dates recognised"
      }
    },
    "mapping": {
      "presetUsed": "Recognised as “{{name}}”: the columns are mapped for you. Check them, then continue.",
      "savedUsed": "These columns match your saved mapping “{{name}}”, so it is used. Check it, then continue.",
      "suggested": "Each column is matched to a field by its name and values. Change any that are wrong; columns left as “Not imported” are ignored.",
      "needs": "Needs:",
      "filledBy": "{{field}} ← {{column}}",
      "column": "Column in your file",
      "samples": "Sample values",
      "field": "Imported as",
      "fieldFor": "Field for the column {{column}}",
      "unnamed": "Column {{n}} (no name)",
      "emptyColumn": "Empty in the first rows",
      "notImported": "Not imported",
      "required": "Required",
      "requiredLabel": "{{label}} *",
      "pii": "Personal data",
      "piiTooltip": "Personal data: shown masked in Localyst, and can be pseudonymised on import",
      "takenFrom": "Now filled by the column “{{column}}”; choosing it here moves it.",
      "unused": "Fields this file does not fill: {{fields}}.",
      "missing_one": "{{fields}} is required: choose the column that holds it.",
      "missing_other": "{{fields}} are required: choose the columns that hold them.",
      "saveTitle": "Reuse this mapping",
      "saveExplain": "The next file with the same columns is mapped this way automatically.",
      "saveAs": "Save this mapping as…",
      "saveName": "Name of the mapping",
      "saveNameNeeded": "Give the mapping a name",
      "defaultName": "{{kind}} from {{file}}"
    },
    "privacy": {
      "title": "Pseudonymise personal data",
      "explain": "A pseudonymised value is replaced by a keyed code before it is stored: the customer stays recognisable across imports and in every figure, but the real value is never saved and cannot be revealed later.",
      "kinds": { "email": "E-mail", "phone": "Phone", "name": "Name" },
      "notMapped": "No column mapped"
    },
    "preview": {
      "title_one": "The first row, as it will be stored",
      "title_other": "The first {{formatted}} rows, as they will be stored",
      "explain": "Numbers and dates are shown the way Localyst understood them. Hover a column title for the file’s column name.",
      "allGood": "Every row shown can be imported",
      "someBad_one": "1 row cannot be imported",
      "someBad_other": "{{formatted}} rows cannot be imported",
      "row": "Row",
      "status": "Status",
      "ready": "Ready",
      "notImported": "Not imported: {{codes}}",
      "problemsTitle": "Problems in these rows",
      "onlyFirst": "Only the first 100 rows are shown here. The next step checks the whole file.",
      "failed": "Could not preview the file"
    },
    "errors": {
      "row": "Row",
      "column": "Column",
      "code": "Code",
      "problem": "Problem",
      "wholeRow": "Whole row",
      "total_one": "{{code}}: {{formatted}} problem",
      "total_other": "{{code}}: {{formatted}} problems"
    },
    "counts": {
      "rows": "Rows read",
      "rowsCaption": "In the file",
      "inserted": "New",
      "insertedCaption": "Not in the workspace yet",
      "updated": "Updated",
      "updatedCaption": "Changed since last time",
      "unchanged": "Unchanged",
      "unchangedCaption": "Already there, the same",
      "rejected": "Rejected",
      "rejectedCaption": "Rows with a problem"
    },
    "job": {
      "starting": "Starting…",
      "underASecond": "under a second"
    },
    "validate": {
      "allGood_one": "The row can be imported",
      "allGood_other": "All {{formatted}} rows can be imported",
      "someBad_one": "1 of {{total}} rows cannot be imported",
      "someBad_other": "{{formatted}} of {{total}} rows cannot be imported",
      "nothingWritten": "Checked in {{took}}. Nothing has been written yet.",
      "alreadyImported": "This exact file was imported before. Importing it again will change nothing.",
      "problems": "Rows that cannot be imported",
      "problemsFirst": "Rows that cannot be imported (the first {{shown}} of {{total}} problems)",
      "rejectTitle": "Reject the file",
      "rejectText": "Import nothing. Fix the rows above in the file (or in the export settings of your shop), then import it again.",
      "reject": "Reject the file",
      "skipTitle": "Skip bad rows",
      "skipText_one": "Import the {{good}} good rows now and leave out the row with a problem. You can import it later once fixed.",
      "skipText_other": "Import the {{good}} good rows now and leave out the {{bad}} rows with problems. You can import them later once fixed.",
      "skip": "Skip bad rows and import the rest",
      "import_one": "Import the row",
      "import_other": "Import {{formatted}} rows",
      "running": "Checking {{file}}: nothing is written yet",
      "cancelled": "The check was cancelled. Nothing was written.",
      "failed": "The file could not be checked",
      "again": "Check again"
    },
    "run": {
      "running": "Importing {{file}}",
      "cancelled": "The import was cancelled. Nothing was written: the workspace is as it was.",
      "failed": "The import failed",
      "again": "Check the file again"
    },
    "outcome": {
      "inserted_one": "Imported 1 new row",
      "inserted_other": "Imported {{count}} new rows",
      "updatedFirst_one": "Updated 1 row",
      "updatedFirst_other": "Updated {{count}} rows",
      "updated_one": "updated 1 row",
      "updated_other": "updated {{count}} rows",
      "skipped_one": "skipped 1 bad row",
      "skipped_other": "skipped {{count}} bad rows",
      "alreadyImported": "This file was already imported — nothing changed",
      "nothingNew": "Every row is already in the workspace — nothing changed",
      "rejected_one": "Rejected: 1 row has problems",
      "rejected_other": "Rejected: {{count}} rows have problems",
      "rejectedDetail": "Nothing was imported. Fix the rows below in the file and import it again, or skip them and import the rest.",
      "unchangedDetail": "The workspace is exactly as it was.",
      "importedDetail": "Done in {{took}}. Customer figures are up to date. This is import #{{id}}: it can be undone from the import history.",
      "openExplorer": "Open the customer explorer",
      "another": "Import another file",
      "history": "See the import history"
    }
  },
  "history": {
    "title": "Import history",
    "subtitle": "Every file imported into this workspace, newest first.",
    "columns": {
      "date": "Imported",
      "file": "File",
      "kind": "Records",
      "inserted": "New",
      "updated": "Updated",
      "skipped": "Skipped",
      "status": "Status"
    },
    "status": {
      "done": "Imported",
      "undone": "Undone"
    },
    "undoneAt": "Undone {{when}}",
    "undo": "Undo",
    "undoOrder": "Only the newest import can be undone: later imports may build on earlier ones. Undo them newest first.",
    "confirmTitle": "Undo import #{{id}}?",
    "confirmText": "Everything “{{file}}” brought in on {{when}} is taken out again: its {{inserted}} new rows, and the customers, orders and products they created.",
    "confirmUpdated": "The {{updated}} rows it changed get their earlier values back.",
    "confirmAfter": "Customer figures are recomputed. You can import the file again later.",
    "confirm": "Undo the import",
    "undoneTitle": "Import #{{id}} undone",
    "undoneMessage": "Removed {{removed}} records.",
    "undoneMessageRestored": "Removed {{removed}} records and restored {{restored}} to their earlier values.",
    "empty": {
      "title": "Nothing imported yet",
      "textEmpty": "Files you import show up here, with what each one added. This workspace is still empty: import your customers and orders, or look around with demo data first.",
      "textDemo": "Files you import show up here, with what each one added and a way to undo the newest. The records in this workspace so far came from the demo generator.",
      "import": "Import a file"
    }
  },
  "mappings": {
    "title": "Saved mappings",
    "subtitle": "Column mappings saved in the wizard. A file with the same columns is mapped with them automatically.",
    "empty": "No saved mappings. In the wizard’s column step, tick “Save this mapping as…” to reuse a mapping for your next export.",
    "columns": {
      "name": "Name",
      "kind": "Records",
      "columns": "Columns",
      "updated": "Saved"
    },
    "delete": "Delete",
    "deleteNamed": "Delete the mapping {{name}}",
    "deleted": "Deleted the mapping “{{name}}”.",
    "confirmTitle": "Delete this mapping?",
    "confirmText": "“{{name}}” will no longer be suggested for files with its columns. Data already imported stays as it is."
  },
  "health": {
    "subtitle": "Checks on what is in this workspace, and what to do about each finding.",
    "recheck": "Check again",
    "checks": "Checks",
    "severity": {
      "problem": "Problem",
      "warning": "Warning",
      "info": "Note",
      "ok": "Passed"
    },
    "severityCount": {
      "problem_one": "1 problem",
      "problem_other": "{{count}} problems",
      "warning_one": "1 warning",
      "warning_other": "{{count}} warnings",
      "info_one": "1 note",
      "info_other": "{{count}} notes"
    },
    "whatToDo": "What to do:",
    "allPassed": "Every check passed.",
    "passed": "Passed",
    "passedCount_one": "{{formatted}} check found nothing to fix.",
    "passedCount_other": "{{formatted}} checks found nothing to fix.",
    "tables": "Tables",
    "columns": {
      "table": "Table",
      "rows": "Rows",
      "dates": "Dates",
      "missing": "Missing values",
      "duplicates": "Duplicates",
      "outliers": "Outliers"
    },
    "range": "{{from}} – {{to}}",
    "noneMissing": "None",
    "noOutliers": "None",
    "missingValue_one": "{{formatted}} missing ({{share}})",
    "missingValue_other": "{{formatted}} missing ({{share}})",
    "outlier": "{{formatted}} {{rule}}"
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
