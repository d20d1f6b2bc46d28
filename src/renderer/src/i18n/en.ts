import { security } from './en-security';

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
    "insights": {
      "nav": "Insights",
      "title": "Insights",
      "subtitle": "Who your customers are, how each month’s new customers keep buying, and where sales are heading."
    },
    "reviews": {
      "nav": "Reviews",
      "title": "Reviews",
      "subtitle": "What customers say in their reviews: how they feel, and about what."
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
      "subtitle": "Plan a campaign step by step, export it for your sending tool, and measure what it changed."
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
  "placeholder": {
    "loadDemo": "Load demo data"
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
    "inline": {
      "starting": "Starting…",
      "cancelled": "Stopped before it finished. Nothing was changed.",
      "again": "Start again"
    },
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
      "nameLabel": "Workspace name",
      "nameHint": "Workspaces opened by name live in {{home}}",
      "namePlaceholder": "spring-shop",
      "chooseFolder": "Choose a folder…",
      "chooseFolderHint": "Or pick any folder on this computer with the system's dialog; a new workspace is made there if it has none.",
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
      "health": "Data health",
      "synth": "Synthetic twin"
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
    "totalMatchingAtLeast": "{{formatted}}+ customers match",
    "countAll": "Count all",
    "countAllHint": "The search stopped counting at {{formatted}}. Count every match (a moment on a large workspace).",
    "countFailed": "Could not count the customers",
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
      "topCategory": "Top category",
      "rfmSegment": "RFM segment",
      "churnRisk": "Churn risk",
      "pAlive": "P(alive)",
      "expectedPurchases": "Expected orders",
      "clv": "Predicted CLV"
    },
    "columnGroups": {
      "customer": "Customer",
      "predictions": "Scores and predictions"
    },
    "noScore": {
      "rfmSegment": "No sale orders yet, so no RFM segment",
      "churnRisk": "Train a churn model in the Model lab",
      "pAlive": "Fit a lifetime-value model in the Model lab",
      "expectedPurchases": "Fit a lifetime-value model in the Model lab",
      "clv": "Fit a lifetime-value model in the Model lab"
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
      "topCategory": "The category they spent most on",
      "rfmSegment": "Named group by recency, frequency and money spent (Champions, At risk, …)",
      "churnRisk": "Chance of no order within the active churn model’s horizon. Filter in percent, e.g. ≥ 50",
      "pAlive": "Chance the customer is still an active buyer, from the lifetime-value model. Filter in percent",
      "expectedPurchases": "Orders expected within the lifetime-value model’s horizon",
      "clv": "Discounted value expected within the lifetime-value model’s horizon, in the workspace currency"
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
    "segments": {
      "title": "Segments",
      "summary": "in {{members}} of {{total}} saved segments"
    },
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
      "avgRating": "{{rating}} ★ on average",
      "avgSentiment": "sentiment {{score}}"
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
    "predictions": {
      "title": "Predictions",
      "none": "No predictions for this customer yet. Train a churn model, or fit a lifetime-value model, in the Model lab.",
      "openLab": "Open the Model lab",
      "churnRisk": "Churn risk",
      "churnCaption": "no order in {{days}} days",
      "noChurn": "Train a churn model in the Model lab to see the churn risk and its reasons.",
      "noModel": "no model yet",
      "pAlive": "P(alive)",
      "pAliveCaption": "still an active buyer",
      "pAliveNextOrder": "if active, next order ≈ {{date}}",
      "expectedPurchases": "Expected orders",
      "clv": "Predicted CLV",
      "monthsCaption": "next {{months}} months",
      "noClv": "Fit a lifetime-value model in the Model lab to see P(alive), expected orders and CLV.",
      "rfmSegment": "RFM segment",
      "reasonsTitle": "Why this churn risk",
      "raises": "Raises the risk",
      "lowers": "Lowers the risk",
      "purchaseTitle": "Chance to buy, by category"
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
      "text": "This deletes customer <id>{{id}}</id> and everything about them from this workspace: their identity, {{orders}} orders and {{returns}} returns with their order lines, {{reviews}} reviews and {{campaigns}} campaign results, saved copy and past jobs that mention them, and the same from the backups in the workspace folder. Shop totals drop accordingly.",
      "permanent": "It cannot be undone, not even by undoing an import.",
      "confirm": "Erase for good",
      "doneTitle": "Customer {{id}} erased",
      "doneText": "Deleted {{orders}} orders ({{lines}} lines), {{reviews}} reviews, {{campaigns}} campaign results, {{copy}} saved texts and {{jobs}} past jobs that mentioned them; {{backups}} backups cleaned.",
      "leftovers": {
        "title": "Files that still hold customer {{id}}",
        "text": "The customer is gone from the workspace. These files in its folder were made from it earlier (exports, uploads that were not imported) and still contain their name, e-mail, phone or id:",
        "keep": "Files you keep are yours to delete or hand on; Localyst does not touch them again.",
        "workspaceFile": "part of the workspace itself",
        "delete": "Delete these files",
        "emptyLog": "Empty the log now",
        "doneTitle": "Nothing of customer {{id}} is left",
        "doneText": "Deleted {{count}} files, and the write-ahead log is empty."
      }
    }
  },
  "recommend": {
    "section": {
      "title": "Recommendations",
      "discover": "Discover (new to them)",
      "buyAgain": "Buy again",
      "popular": "popular",
      "popularHint": "This customer was not in the data the model learnt from, so these are the shop's most bought products they have not bought yet.",
      "noneDiscover": "No new products to suggest.",
      "noneBuyAgain": "Nothing they are likely to buy again.",
      "emptyTitle": "No recommendation model yet",
      "emptyText": "Train one in the Models section (Recommendations card), or run “localyst recommend train”. It learns from every customer's purchases and then suggests products here, in segments and in copy (the “Recommended product” tokens).",
      "openModels": "Go to Models",
      "model": "Model v{{version}} ({{algorithm}}), trained {{date}}",
      "score": "score {{score}}",
      "open": "Open {{name}}"
    },
    "product": {
      "title": "Product",
      "sku": "SKU {{sku}}",
      "buyers": "Bought by {{buyers}} customers in {{orders}} orders",
      "recommendedTo": "recommended to {{customers}} customers",
      "together": "Frequently bought together",
      "togetherHint": "Pairs found in past baskets. Confidence: of the baskets with this product, the share that also held the other. Lift: how many times more often than if the two were bought independently.",
      "togetherLine": "bought together in {{baskets}} baskets, {{lift}}× more often than chance",
      "togetherLineWeak": "bought together in {{baskets}} baskets, no more often than chance",
      "confidence": "{{confidence}} of its baskets",
      "support": "in {{support}} of all baskets",
      "noneTogether": "No pair with this product is frequent enough to count. Rules need a product bought together with another in at least a few baskets.",
      "similar": "Similar products",
      "similarHint": "Bought by the same kind of customers, as the recommendation model sees it.",
      "noneSimilar": "No similar products.",
      "noModel": "Train a recommendation model (Models → Recommendations) to see similar products and what is bought together with this one.",
      "loadFailed": "Could not load the product",
      "close": "Close product"
    },
    "lab": {
      "title": "Recommendations",
      "help": "Suggests to each customer products new to them and products they are likely to buy again, learnt from purchases (returns left out). Checked honestly: trained on orders before a cutoff date, then asked to find each customer's later purchases among all products.",
      "train": "Train recommendations",
      "retrain": "Train a new version",
      "running": "Training recommendations",
      "failed": "Training recommendations failed",
      "empty": "No recommendation model yet. Train one: it takes a little while on a large shop and can be cancelled.",
      "evaluation": "Finding each customer's next purchases after {{cutoff}} among all {{products}} products",
      "metric": "Measure",
      "modelCol": "Model ({{algorithm}})",
      "popularityCol": "Most popular products",
      "hitRate": "Hit rate at 10",
      "hitRateHint": "Share of tested customers with at least one later purchase in their top 10",
      "recall": "Recall at 10",
      "recallHint": "Share of each customer's later purchases found in their top 10",
      "ndcg": "NDCG at 10",
      "ndcgHint": "Like recall, with more credit for finding them near the top",
      "versus": "{{ratio}}× the hit rate of recommending the most popular products",
      "sampled": "For comparison with papers only (sampled, flatters every model): ranked against 99 random products, hit rate at 10 is {{model}} for the model and {{popularity}} for popularity.",
      "chartAria": "Hit rate, recall and NDCG at 10: model against popularity",
      "facts": "{{tested}} customers tested · {{customers}} customers × {{products}} products learnt from · {{scored}} customers given recommendations · {{rules}} bought-together rules · {{seconds}} on {{backend}}",
      "versions": "Versions",
      "version": "v{{version}}",
      "active": "active",
      "activate": "Activate",
      "rollBack": "Roll back to this",
      "activating": "Activating recommendations",
      "activateFailed": "Activating failed",
      "products": "Browse products",
      "productsPlaceholder": "Search products by name or SKU",
      "productsEmpty": "No product matches.",
      "buyers": "{{buyers}} buyers"
    }
  },
  "modelLab": {
    "loadFailed": "Could not load the model lab",
    "kinds": {
      "churn": "Churn",
      "purchase": "Purchase",
      "clv": "Lifetime value",
      "recommend": "Recommendations",
      "sentiment": "Review sentiment"
    },
    "kindWithCategory": "Purchase: {{category}}",
    "clvModels": {
      "bgnbd": "BG/NBD",
      "pareto": "Pareto/NBD"
    },
    "outcome": {
      "churn": "Churned",
      "purchase": "Bought",
      "recommend": "Bought a recommended product",
      "sentiment": "Positive"
    },
    "headline": {
      "propensity": "AUC {{value}}",
      "clv": "Log-likelihood {{value}}",
      "sentiment": "Accuracy {{value}}"
    },
    "days_one": "{{formatted}} day",
    "days_other": "{{formatted}} days",
    "months_one": "{{formatted}} month",
    "months_other": "{{formatted}} months",
    "range": "{{from}} – {{to}}",
    "empty": {
      "title": "See who is about to stop buying",
      "text": "A churn model learns from your order history which customers stopped ordering, then gives every customer a churn risk: the chance of no order within the horizon. Reach the customers at risk before they are gone: filter the explorer by churn risk, and see the reasons behind each score in the customer’s page.",
      "points": [
        "Trained on this computer: no data leaves it",
        "Checked by cross-validation before you rely on it: AUC, lift and calibration",
        "Every training is a new version: activate it, or roll back to an earlier one"
      ],
      "train": "Train a churn model",
      "trainHint": "With a {{days}}-day horizon and 5-fold cross-validation. To change them, use the panel alongside."
    },
    "notEnough": {
      "title": "Not enough data to train",
      "next": "Import more orders (a longer history, more customers), or explore with a demo shop.",
      "import": "Import orders",
      "demo": "Create a demo shop"
    },
    "retrain": {
      "label": "Retrain after each import",
      "hint": "When an import changes your data, the active churn, purchase and lifetime-value models are trained again and customers re-scored, in the background.",
      "on": "Models will be retrained after each import.",
      "off": "Models will no longer be retrained after imports.",
      "failed": "Could not change the setting"
    },
    "train": {
      "title": "Train a model",
      "history": "Orders from {{from}} to {{to}} ({{days}} days) · {{customers}} customers with orders",
      "noHistory": "No sale orders yet.",
      "kindLabel": "What to predict",
      "explain": {
        "churn": "The chance each customer places no order within the horizon. A neural network, checked by cross-validation.",
        "purchase": "The chance each customer buys from one category within the horizon, for cross-sell campaigns.",
        "clv": "Expected orders, the chance a customer is still active, and lifetime value, from a BG/NBD or Pareto/NBD fit with Gamma-Gamma spend.",
        "recommend": "Each customer’s next products (buy again and discover), similar products and bought-together rules, measured against the bestsellers.",
        "sentiment": "Whether each review is positive or negative, learned from the star ratings. Trained when reviews are analysed."
      },
      "category": "Category",
      "categoryPlaceholder": "Pick the category to predict",
      "categoryOption": "{{name}} ({{customers}} buyers)",
      "noCategories": "No categories in the orders",
      "noCategoryMatch": "No category matches",
      "horizonDays": "Horizon (days)",
      "horizonHint": "How far ahead to predict",
      "daysRange": "From 7 to 365 days",
      "folds": "Folds",
      "foldsHint": "Cross-validation splits",
      "clvModel": "Model",
      "horizonMonths": "Horizon (months)",
      "monthsRange": "From 1 to 120 months",
      "start": {
        "churn": "Train churn model",
        "purchase": "Train purchase model",
        "clv": "Fit lifetime value",
        "recommend": "Train recommendations",
        "sentiment": "Analyse reviews"
      },
      "background": "Runs in the background; keep working meanwhile.",
      "busy": "A model is training. Wait for it, or cancel it.",
      "failed": "Could not start training"
    },
    "live": {
      "status": {
        "running": "Training",
        "done": "Training finished",
        "failed": "Training failed",
        "cancelled": "Training cancelled"
      },
      "dismiss": "Hide this training",
      "result": "{{model}} version {{version}}: {{headline}}, trained in {{seconds}}; {{scored}} customers scored.",
      "showCard": "Show its card"
    },
    "loss": {
      "title": "Loss by epoch",
      "training": "Training loss",
      "validation": "Validation loss",
      "fold": "Fold {{fold}}",
      "finalFit": "Final fit",
      "tooltip": "{{run}} · epoch {{epoch}}",
      "xAxis": "Epochs, fold after fold",
      "waiting": "The curve appears after the first epoch…",
      "explain": "Lower is better. Each fold trains on part of the customers and checks on the rest (validation); the final fit uses everyone. Validation loss rising while training loss falls means overfitting.",
      "aria": "Training and validation loss by epoch"
    },
    "versions": {
      "title": "Versions",
      "subtitle": "Every training is kept. The active version scores your customers; choose a row to see its card.",
      "tab_one": "{{kind}} ({{count}})",
      "tab_other": "{{kind}} ({{count}})",
      "columns": {
        "version": "Version",
        "category": "Category",
        "created": "Trained",
        "rows": "Customers",
        "headline": "Quality",
        "backend": "Backend",
        "status": "Status and actions"
      },
      "version": "v{{version}}",
      "active": "Active",
      "activate": "Activate",
      "rollBack": "Roll back",
      "activateNamed": "Activate {{model}} version {{version}}",
      "warnings_one": "1 warning",
      "warnings_other": "{{count}} warnings",
      "empty": {
        "churn": "No churn model yet. Train one with the panel on the left.",
        "purchase": "No purchase model yet. Pick Purchase and a category on the left.",
        "clv": "No lifetime-value model yet. Pick Lifetime value on the left.",
        "recommend": "No recommendation model yet. Train one with `localyst recommend train` or from the recommendations panel.",
        "sentiment": "No review sentiment model yet. It is trained when reviews are analysed and there are enough star ratings."
      }
    },
    "activate": {
      "title": "Activate {{model}} version {{version}}?",
      "rollBackTitle": "Roll back to {{model}} version {{version}}?",
      "text": {
        "churn": "Every customer is scored again with version {{version}}: churn risk and its reasons in the explorer and the customer pages come from it. This runs in the background.",
        "purchase": "Every customer is scored again with version {{version}}: the purchase chances for this category come from it. This runs in the background.",
        "clv": "Every customer is scored again with version {{version}}: P(alive), expected purchases and CLV come from it. This runs in the background.",
        "recommend": "Every customer’s recommendations, similar products and bought-together rules are written again with version {{version}}. This runs in the background.",
        "sentiment": "Every review is scored again with version {{version}}: review sentiment across the app comes from it. This runs in the background."
      },
      "replaces": "Version {{version}} stops being active but stays stored; you can switch back at any time.",
      "confirm": "Activate",
      "rollBack": "Roll back"
    },
    "card": {
      "loadFailed": "Could not load this model",
      "title": "{{model}} · version {{version}}",
      "titleClv": "Lifetime value ({{model}}) · version {{version}}",
      "inactive": "Not active",
      "subtitle": {
        "churn": "Predicts the chance a customer places no order within the horizon.",
        "purchase": "Predicts the chance a customer buys from the category within the horizon.",
        "clv": "Predicts repeat orders, whether a customer is still active, and their lifetime value.",
        "recommend": "Recommends products each customer is likely to buy next, from purchase histories.",
        "sentiment": "Reads whether a review is positive or negative from its words, learned from reviews with 4–5 stars (positive) and 1–2 stars (negative)."
      },
      "window": {
        "title": "Data window",
        "from": "Orders from",
        "cutoff": "Features up to",
        "cutoffHint": "The model learned from each customer’s history up to this day.",
        "calibrationEnd": "History up to",
        "calibrationEndHint": "The fit used each customer’s orders up to this day.",
        "labelEnd": "Outcome until",
        "labelEndHint": {
          "churn": "Whether each customer ordered again was observed between the cutoff and this day.",
          "purchase": "Whether each customer bought from the category was observed between the cutoff and this day.",
          "recommend": "The test period ran from the cutoff to this day.",
          "sentiment": "Reviews rated 3 stars are left out of training."
        },
        "horizon": "Horizon",
        "category": "Category",
        "reviewsFrom": "Reviews from",
        "reviewsTo": "Reviews up to"
      },
      "training": {
        "title": "Training",
        "rows": "Customers",
        "positives": {
          "churn": "Did not order again",
          "purchase": "Bought the category",
          "recommend": "Customers with purchases",
          "sentiment": "Positive (4–5 stars)"
        },
        "backend": "Backend",
        "created": "Trained on",
        "seconds": "Training time",
        "scored": "Customers scored",
        "scoredHint": "Customers scored the last time this version was activated.",
        "notScored": "Not active yet",
        "reviews": "Rated reviews learned from",
        "reviewsScored": "Reviews scored"
      },
      "quality": {
        "title": "Quality (cross-validated)",
        "auc": "AUC",
        "aucHint": "The chance the model ranks a random positive customer above a random negative one: 0.5 is guessing, 1 is perfect, above 0.7 is useful.",
        "aucCi": "95 % interval",
        "aucFolds": "AUC per fold",
        "prAuc": "PR AUC",
        "prAucHint": "Precision against recall, summed up. Compare with the base rate ({{base}}), what guessing would score.",
        "logLoss": "Log-loss",
        "logLossHint": "How far the predicted chances are from what happened; lower is better.",
        "brier": "Brier score",
        "brierHint": "The mean squared error of the predicted chances; lower is better, 0 is perfect.",
        "baseRate": {
          "churn": "Churn rate",
          "purchase": "Purchase rate"
        }
      },
      "features_one": "The {{count}} input it uses",
      "features_other": "The {{count}} inputs it uses",
      "text": {
        "title": "Quality (cross-validated)",
        "accuracy": "Accuracy",
        "accuracyHint": "The share of held-out reviews whose side (positive or negative) the model got right.",
        "auc": "AUC",
        "aucHint": "The chance the model ranks a random positive review above a random negative one: 0.5 is guessing, 1 is perfect.",
        "folds": "Accuracy per fold",
        "model": "Model kept",
        "modelHint": "Both models are checked on the same folds; the more accurate one is kept.",
        "lexicon": "Word list on the same reviews",
        "lexiconHint": "Accuracy of the built-in word list (VADER), used when there are too few star ratings. The model is used only when it beats it.",
        "terms": "Words and word pieces learned",
        "rival": "{{model}}: accuracy {{accuracy}}, AUC {{auc}}",
        "models": {
          "nb-logistic": "Naive-Bayes-weighted n-grams + logistic regression",
          "tfidf-logistic": "TF-IDF n-grams + logistic regression"
        }
      }
    },
    "lift": {
      "title": "Lift by decile",
      "hint": {
        "churn": "Customers ranked by predicted risk, in ten equal groups: how many times the average churn rate ({{base}}) each group shows.",
        "purchase": "Customers ranked by predicted chance, in ten equal groups: how many times the average purchase rate ({{base}}) each group shows.",
        "recommend": "Not used for recommendations ({{base}}).",
        "sentiment": "Reviews ranked by predicted chance of being positive, in ten equal groups: how many times the average positive rate ({{base}}) each group shows."
      },
      "decile": "Decile {{decile}}",
      "lift": "Lift",
      "times": "{{value}}×",
      "customers": "Customers",
      "ofCustomers": "{{positives}} of {{customers}}",
      "average": "Average",
      "xAxis": "Decile (1 = highest predicted)",
      "aria": "Lift by decile of predicted probability"
    },
    "calibration": {
      "title": "Calibration",
      "hint": "Predicted chance against what happened, in bins. On the diagonal, a predicted 30 % means 30 % of those customers did it.",
      "model": "This model",
      "perfect": "Perfect calibration",
      "bin": "Customers in this bin",
      "predicted": "Predicted",
      "observed": "Observed",
      "aria": "Calibration curve: predicted against observed rate, with the diagonal"
    },
    "importance": {
      "title": "What drives the prediction",
      "hint": "Permutation importance: how much the AUC drops when one input is shuffled. Longer bars matter more.",
      "drop": "Drop in AUC",
      "xAxis": "Drop in AUC when shuffled",
      "aria": "Permutation importance of each input"
    },
    "clv": {
      "fitTitle": "Fit",
      "valueTitle": "Predicted value",
      "logLikelihood": "Log-likelihood",
      "logLikelihoodHint": "How well the fitted parameters explain the orders; higher (closer to 0) is better, for the same customers.",
      "converged": "Converged",
      "convergedHint": "Whether the optimiser reached a stable optimum. If not, treat the figures with care.",
      "repeatCustomers": "Repeat customers",
      "meanPAlive": "Mean P(alive)",
      "pAliveHint": "The average chance that a customer is still an active buyer.",
      "totalClv": "Total CLV, {{months}} months",
      "spendP": "Spend p",
      "spendQ": "Spend q",
      "spendV": "Spend v",
      "spendNote": "No spend model: {{note}}"
    },
    "clvValidation": {
      "actual": "Actual",
      "model": "Model",
      "holdoutStarts": "Holdout",
      "trackingTitle": "Repeat purchases, cumulative",
      "summary": "Fitted again on the orders up to {{from}}, then compared with {{from}}–{{to}}: {{actual}} repeat purchases happened, the model predicted {{predicted}}.",
      "conditionalTitle": "Holdout purchases by past frequency",
      "conditionalHint": "Customers grouped by their repeat purchases up to {{from}}: the mean number they made from {{from}} to {{to}}, against the model's prediction.",
      "frequencyAxis": "Repeat purchases before the holdout",
      "none": "The history is too short to hold part of it out, so this fit has no holdout validation."
    },
    "fromFile": {
      "title": "Try a model on a file",
      "subtitle": "Cross-validate a propensity model on a CSV file of your own (one row per customer, a header row). Nothing is stored: you see how well the file's columns predict the outcome.",
      "file": "{{name}}: {{rows}} rows, {{columns}} columns",
      "another": "Choose another file",
      "target": "Column to predict",
      "targetPlaceholder": "Pick the outcome column",
      "noTarget": "No column has 2 to 20 values",
      "targetOption_one": "{{name}} ({{count}} value)",
      "targetOption_other": "{{name}} ({{count}} values)",
      "positive": "Outcome value",
      "positiveHint": "Rows with this value are the outcome; the others are not.",
      "positivePlaceholder": "Which value is the outcome?",
      "pickTargetFirst": "Pick the column first",
      "valueOption": "{{value}} ({{rows}} rows)",
      "train": "Cross-validate",
      "running": "Cross-validating on the file",
      "failed": "Could not train on the file",
      "result": "{{target}} = {{positive}}",
      "rows": "Rows",
      "rowsValue": "{{rows}} ({{positives}} with the outcome, {{share}})"
    }
  },
  "insights": {
    "tabs": {
      "rfm": "RFM segments",
      "cohorts": "Cohorts",
      "trends": "Trends & forecast"
    },
    "empty": {
      "title": "No sales to analyse yet",
      "text": "Insights are worked out from sale orders: RFM segments of your customers, monthly cohorts of new customers, and sales trends with a 13-week forecast. Import your orders, or create a demo shop to try them on sample data.",
      "import": "Import orders",
      "demo": "Create a demo shop"
    },
    "rfm": {
      "intro": "{{customers}} customers with at least one sale order, scored 1 to 5 (5 is best) as of {{date}}, the day of the latest sale.",
      "gridTitle": "Segments on the R × FM grid",
      "gridHelp": "Rows are the recency score R (5: bought most recently); columns are FM, the average of the frequency and monetary scores. Hover or focus a cell for its figures; choose it to highlight its segment below.",
      "axisR": "Recency score (R)",
      "axisFM": "Frequency & monetary score (FM)",
      "cellLabel": "R {{r}}, FM {{fm}}: {{segment}}. {{customers}} customers ({{share}}), {{revenue}} revenue ({{revenueShare}} of all).",
      "tooltip": {
        "customers": "Customers",
        "share": "Share of customers",
        "revenue": "Revenue",
        "revenueShare": "Share of revenue"
      },
      "scoresTitle": "What the scores mean in this workspace",
      "scoresHelp": "Quintiles by rank: each score holds about a fifth of the customers, and customers with equal figures always share a score (so a common value, such as a single order, can fill more than a fifth).",
      "scoreCols": {
        "score": "Score",
        "recency": "Days since last order",
        "frequency": "Orders",
        "monetary": "Revenue"
      },
      "noCustomers": "none",
      "tableTitle": "Segments",
      "tableHelp": "Revenue is sales revenue over the customers’ whole history; averages are per customer.",
      "columns": {
        "segment": "Segment",
        "customers": "Customers",
        "share": "Share",
        "revenue": "Revenue",
        "revenueShare": "Revenue share",
        "avgRecency": "Days since last order",
        "avgOrders": "Orders",
        "avgRevenue": "Revenue per customer"
      },
      "segments": {
        "champions": {
          "name": "Champions",
          "hint": "Bought recently, buy often and spend the most. Reward them; ask for reviews."
        },
        "loyal": {
          "name": "Loyal customers",
          "hint": "Buy often and spend well. Offer loyalty perks and new arrivals."
        },
        "potential-loyalists": {
          "name": "Potential loyalists",
          "hint": "Recent customers with a few orders. Invite them to buy again."
        },
        "new": {
          "name": "New customers",
          "hint": "Bought for the first time, very recently. Welcome them."
        },
        "promising": {
          "name": "Promising",
          "hint": "Recent first-time buyers who spent little. Build the habit."
        },
        "need-attention": {
          "name": "Need attention",
          "hint": "Average on every score and slipping. A timely, personal offer helps."
        },
        "about-to-sleep": {
          "name": "About to sleep",
          "hint": "Few orders, not recent. Remind them before they go quiet."
        },
        "at-risk": {
          "name": "At risk",
          "hint": "Bought often once, but not for a long time. Win them back."
        },
        "cant-lose": {
          "name": "Can’t lose them",
          "hint": "Your biggest spenders, gone quiet. Reach out personally."
        },
        "hibernating": {
          "name": "Hibernating",
          "hint": "Few, small orders long ago. Low-cost reactivation only."
        },
        "lost": {
          "name": "Lost",
          "hint": "Lowest on every score. Leave out of most campaigns."
        }
      }
    },
    "cohorts": {
      "intro": "Customers grouped by the month of their first order: each row is a cohort, each column a month after that first order (month 0 is the first order’s own month).",
      "metricLabel": "Show",
      "metric": {
        "retention": "Retention",
        "revenue": "Revenue",
        "revenuePerCustomer": "Revenue per customer"
      },
      "help": {
        "retention": "Share of the cohort that placed an order in each month.",
        "revenue": "The cohort’s sales revenue in each month.",
        "revenuePerCustomer": "The cohort’s sales revenue in each month, divided by the cohort’s size."
      },
      "monthsLabel": "Months shown",
      "months": "{{count}} months",
      "axisCohort": "First order in",
      "axisMonth": "Months since first order",
      "average": "All cohorts",
      "rowLabel": "{{month}} · {{size}}",
      "tooltip": {
        "cohort": "Cohort of {{month}}",
        "averageTitle": "All cohorts that reached month {{k}}",
        "monthK": "Month {{k}} after the first order",
        "size": "Customers in the cohort",
        "active": "Buying customers",
        "retention": "Retention",
        "revenue": "Revenue",
        "perCustomer": "Revenue per customer",
        "partial": "This month is still running."
      },
      "partialNote": "{{month}} is still running, so each row’s last cell covers only part of it.",
      "ariaLabel": "Cohort heat map: one row per month of first order, one column per month since then."
    },
    "trends": {
      "grainLabel": "Period",
      "grain": {
        "week": "Weekly",
        "month": "Monthly"
      },
      "metricLabel": "Measure",
      "metric": {
        "revenue": "Revenue",
        "orders": "Orders",
        "activeCustomers": "Active customers",
        "avgOrderValue": "Average order value"
      },
      "help": {
        "revenue": "Sales revenue (positive lines of sale orders), as on the dashboard.",
        "orders": "Sale orders with at least one sold line.",
        "activeCustomers": "Customers who placed at least one sale order in the period.",
        "avgOrderValue": "Revenue divided by orders."
      },
      "unit": {
        "week_one": "week",
        "week_other": "weeks",
        "month_one": "month",
        "month_other": "months"
      },
      "series": {
        "actual": "Actual",
        "forecast": "Forecast",
        "band80": "80 % interval",
        "band95": "95 % interval"
      },
      "tooltipPartial": "Still running: partial figures",
      "partialNote": "The latest {{unit}} (from {{date}}) is still running: it is shown, but the forecast is fitted on complete {{units}} only and starts there.",
      "noForecastMetric": "Forecasts are made for revenue and orders: choose one of those to see the next {{count}} {{units}}.",
      "forecastTitle": "Forecast",
      "model": {
        "holtWinters": "Holt-Winters with {{seasonality}} yearly seasonality ({{period}} {{units}}){{damped}}, fitted on {{count}} complete {{units}}.",
        "damped": " and a damped trend",
        "additive": "additive",
        "multiplicative": "multiplicative",
        "dampedTrend": "A damped trend without seasonality, fitted on {{count}} complete {{units}}: yearly seasonality needs two years of history.",
        "params": "Smoothing α {{alpha}}, trend β {{beta}}, season γ {{gamma}}, damping φ {{phi}}; one-step error σ {{sigma}}.",
        "intervals": "Shaded: the 80 % and 95 % prediction intervals, from the spread of the model’s one-step errors."
      },
      "backtestTitle": "Backtest: how it would have done",
      "backtestHelp_one": "Fitted on the history before {{first}} and scored on the {{horizon}} {{units}} that followed ({{points}} {{units}} in all), against the baseline of {{baseline}}.",
      "backtestHelp_other": "Fitted {{count}} times, each on the history before a starting point from {{first}} on, and scored on the {{horizon}} {{units}} that followed ({{points}} {{units}} in all), against the baseline of {{baseline}}.",
      "baseline": {
        "seasonal-naive": "the same {{unit}} a year earlier",
        "naive": "the last {{unit}}’s figure"
      },
      "columns": {
        "measure": "Error",
        "ours": "Our forecast",
        "baseline": "Baseline",
        "seasonal-naive": "Same {{unit}} last year",
        "naive": "Last value"
      },
      "measures": {
        "mae": "Mean absolute error (MAE)",
        "rmse": "Root mean squared error (RMSE)",
        "mape": "Mean absolute percentage error (MAPE)",
        "smape": "Symmetric MAPE (sMAPE)"
      },
      "better": "Lower is better; the better figure is in bold.",
      "ariaLabel": "{{metric}} by {{unit}}, with the forecast and its prediction intervals"
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
      "chooseDialog": "Choose a file…",
      "dialogNote": "The system's file dialog opens; Localyst reads only the file you choose there.",
      "replace": "Choose another file",
      "errorTitle": "Could not read that file",
      "uploadUnavailable": "Picking a file this way only works in the browser. Use Choose a file… instead.",
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
    "running": "Checking every table of the workspace",
    "failed": "The data health check did not finish",
    "cancelled": "The check was cancelled. Nothing was changed.",
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
  "reviews": {
    "analyse": "Analyse reviews",
    "analyseAgain": "Analyse again",
    "running": "Analysing reviews",
    "failed": "The reviews could not be analysed",
    "cancelled": "The analysis was cancelled; nothing changed.",
    "scope": "{{count}} reviews · sentiment by {{by}}",
    "scoreTitle": "Sentiment {{score}} (0 negative … 1 positive)",
    "noMatch": "No reviews match these filters.",
    "source": {
      "model": "the trained text model v{{version}}",
      "lexicon": "the word list (VADER)",
      "mixed": "the text model and the word list"
    },
    "labels": {
      "positive": "Positive",
      "neutral": "Neutral",
      "negative": "Negative"
    },
    "empty": {
      "title": "No reviews yet",
      "text": "Import a reviews file (customer, product, stars, title, text, date) or create a demo shop. The reviews are analysed as soon as they arrive.",
      "import": "Import reviews",
      "demo": "Create a demo shop"
    },
    "notAnalysed": {
      "title": "Find out what customers say",
      "text": "This workspace has {{count}} reviews that have not been analysed yet. The analysis scores each review’s sentiment and finds the themes customers write about, such as “fast delivery” or “runs small”."
    },
    "counts": {
      "title": "Sentiment",
      "mean": "Mean score (0 negative … 1 positive)",
      "stars": "Stars",
      "help": "Each review is scored from its words: neutral between 0.4 and 0.6."
    },
    "overTime": {
      "title": "Sentiment over time",
      "help": "Reviews each month by sentiment; the line is the month’s mean score.",
      "reviews": "Reviews",
      "mean": "Mean score"
    },
    "themes": {
      "title": "Themes",
      "legend": "red: complaints · grey: mixed · green: praise",
      "help": "What customers mention most, and how they feel about it. Choose a theme to read the sentences behind it.",
      "mentions": "Reviews mentioning it",
      "tooltip": "{{mentions}} reviews ({{share}}) · sentiment {{score}}",
      "none": "No themes in the reviews these filters select.",
      "listLabel": "Themes (open a theme’s quotes)"
    },
    "quotes": {
      "title": "“{{phrase}}”",
      "loading": "Quotes",
      "total_one": "{{count}} review says it",
      "total_other": "{{count}} reviews say it",
      "close": "Close the quotes",
      "orderLabel": "Order of the quotes",
      "order": {
        "newest": "Newest first",
        "negative": "Most negative first",
        "positive": "Most positive first"
      },
      "more": "Show more ({{shown}} of {{total}})"
    },
    "filters": {
      "product": "Product",
      "category": "Category",
      "segment": "Segment",
      "stars": "Stars",
      "sentiment": "Sentiment",
      "from": "From",
      "to": "To",
      "all": "All",
      "any": "Any",
      "everyone": "Everyone",
      "noSegments": "No saved segments"
    }
  },
  "segments": {
    "toolbar": {
      "new": "New segment",
      "discover": "Discover segments"
    },
    "tabs": {
      "saved": "Saved segments",
      "builder": "Rule builder",
      "builderEditing": "Editing: {{name}}",
      "profile": "Profile",
      "compare": "Compare",
      "discover": "Discover"
    },
    "empty": {
      "title": "Segments need customers",
      "text": "A segment is a group of customers described by rules, such as “in the Netherlands and ordered at least 3 times”. Import your customers and orders, or create a demo shop, and build your first one here.",
      "import": "Import data",
      "demo": "Create a demo shop"
    },
    "none": {
      "title": "No segments yet",
      "text": "Build one from rules and watch the count as you edit, start from a ready-made RFM segment such as Champions or At risk, or let Localyst discover groups of similar customers.",
      "build": "Build a segment",
      "rfm": "Use an RFM segment",
      "discover": "Discover segments"
    },
    "fieldGroups": {
      "customer": "Customer",
      "behaviour": "Behaviour",
      "scores": "Scores",
      "events": "Events"
    },
    "fields": {
      "customerId": "Customer ID",
      "country": "Country",
      "city": "City",
      "signupDate": "Signed up",
      "acceptsMarketing": "Accepts marketing",
      "firstOrderDate": "First order",
      "lastOrderDate": "Last order",
      "recencyDays": "Days since last order",
      "orders": "Orders",
      "revenue": "Revenue",
      "avgOrderValue": "Average order value",
      "tenureDays": "Days as a customer",
      "returns": "Returns",
      "topCategory": "Top category",
      "rfmSegment": "RFM segment",
      "churnRisk": "Churn risk",
      "pAlive": "Chance still active",
      "expectedPurchases": "Expected purchases",
      "clv": "Lifetime value"
    },
    "ops": {
      "eq": "is",
      "ne": "is not",
      "lt": "is less than",
      "le": "is at most",
      "gt": "is more than",
      "ge": "is at least",
      "between": "is between",
      "in": "is one of",
      "notIn": "is none of",
      "contains": "contains",
      "isNull": "is empty",
      "notNull": "has a value"
    },
    "dateOps": {
      "eq": "is on",
      "ne": "is not on",
      "lt": "is before",
      "le": "is on or before",
      "gt": "is after",
      "ge": "is on or after",
      "between": "is between",
      "in": "is one of",
      "notIn": "is none of",
      "contains": "contains",
      "isNull": "is empty",
      "notNull": "has a date"
    },
    "units": {
      "days": "days",
      "daysValue_one": "{{value}} day",
      "daysValue_other": "{{value}} days"
    },
    "events": {
      "names": {
        "purchased": "Bought",
        "received": "Was sent a campaign",
        "responded": "Responded to a campaign",
        "reviewed": "Left a review",
        "recommended": "Is recommended"
      },
      "itemMode": {
        "category": "from category",
        "product": "the product",
        "any": "anything"
      },
      "itemModeLabel": "What was bought",
      "categoryLabel": "Category",
      "productLabel": "Product SKU or exact name",
      "productPlaceholder": "SKU or exact name",
      "atLeast": "at least",
      "atMost": "at most",
      "times": "times",
      "noLimit": "no limit",
      "minTimesLabel": "At least this many times",
      "maxTimesLabel": "At most this many times",
      "withinBefore": "in the last",
      "withinLabel": "Within this many days before the latest data (empty: any time)",
      "anyTime": "any time",
      "anyCampaign": "any campaign",
      "campaignLabel": "Campaign",
      "responseLabel": "Response",
      "response": {
        "opened": "opened",
        "clicked": "clicked",
        "converted": "converted"
      },
      "reviewModeLabel": "Which reviews",
      "reviewMode": {
        "any": "any review",
        "sentiment": "with sentiment",
        "stars": "with stars",
        "theme": "mentioning a theme",
        "average": "averaging a sentiment"
      },
      "themeLabel": "Theme the review mentions",
      "themePick": "pick a theme",
      "noThemes": "analyse the reviews first (Reviews)",
      "avgFrom": "average sentiment from",
      "avgScale": "(0 negative … 1 positive)",
      "minAvgLabel": "Lowest average sentiment (0 to 1)",
      "maxAvgLabel": "Highest average sentiment (0 to 1)",
      "sentimentLabel": "Sentiment",
      "sentiment": {
        "positive": "positive",
        "neutral": "neutral",
        "negative": "negative"
      },
      "starsFrom": "from",
      "starsTo": "to",
      "stars": "stars",
      "minStarsLabel": "Lowest star rating",
      "maxStarsLabel": "Highest star rating",
      "recommendedCategoryLabel": "Category of a recommended product",
      "recommendedBefore": "a product from",
      "recommendedListLabel": "Which recommendations",
      "recommendedList": {
        "any": "in either list",
        "discover": "new to them",
        "buy-again": "to buy again"
      },
      "recommendedTopBefore": "in the top",
      "recommendedTopLabel": "Only the first this many recommendations (empty: all of them)",
      "recommendedTopAll": "all"
    },
    "builder": {
      "title": "Rule",
      "editTitle": "Rule of “{{name}}”",
      "help": "Customers who meet these conditions. Pick what to test, then how; press Enter in a value to add the next condition. The ⊘ button turns a condition or a group around (NOT).",
      "rootLabel": "The whole rule",
      "groupLabel": "Group of conditions",
      "match": "Customers who match",
      "matchNot": "Customers who do NOT match",
      "all": "all",
      "any": "any",
      "modeLabel": "Match all or any of the conditions",
      "ofThese": "of these:",
      "joinAnd": "and",
      "joinOr": "or",
      "not": "NOT",
      "notLabel": "Negate (NOT)",
      "notOn": "Negated: matches customers who do not meet this. Click to undo.",
      "notOff": "Negate: match customers who do not meet this",
      "emptyRoot": "No conditions: every customer matches. Add a condition to narrow it down.",
      "emptyGroup": "An empty group is left out. Add a condition to it.",
      "addCondition": "Add condition",
      "addGroup": "Add group",
      "removeCondition": "Remove this condition",
      "removeGroup": "Remove this group",
      "choose": "Choose what to test…",
      "whatLabel": "What the condition tests",
      "opOf": "How to compare {{field}}",
      "valueOf": "Value of {{field}}",
      "lowOf": "Lowest {{field}}",
      "highOf": "Highest {{field}}",
      "and": "and",
      "pick": "Pick one…",
      "typeValue": "Type a value",
      "listPlaceholder": "Pick or type values",
      "nothingFound": "Nothing matches",
      "incomplete": "Not counted until it has a value.",
      "ruleProblem": "The rule cannot be counted",
      "summary": "In words: {{rule}}",
      "everyone": "In words: every customer (no conditions yet).",
      "profile": "Profile these customers",
      "clear": "Start over",
      "closeEdit": "Stop editing"
    },
    "count": {
      "title": "Customers matching",
      "ofTotal_one": "of {{total}} customer",
      "ofTotal_other": "of {{total}} customers",
      "shareCustomers": "of all customers",
      "shareCustomersAria": "{{share}} of all customers",
      "shareRevenue": "Share of revenue",
      "revenue": "{{revenue}} spent in total",
      "updating": "updating…"
    },
    "save": {
      "title": "Save as a segment",
      "help": "A dynamic segment is re-counted when your data changes; a static one keeps today’s members.",
      "editTitle": "Save changes",
      "editHelp": "You are editing “{{name}}”. Save the changes, or keep it as it is and save this rule as a new segment.",
      "name": "Name",
      "namePlaceholder": "e.g. Dutch repeat buyers",
      "nameRequired": "Give the segment a name.",
      "static": "Static snapshot",
      "staticHint_one": "Keep today’s {{customers}} member, whatever happens to the data later.",
      "staticHint_other": "Keep today’s {{customers}} members, whatever happens to the data later.",
      "staticHintNoCount": "Keep today’s members, whatever happens to the data later.",
      "staticEdit": "This is a static snapshot: saving a changed rule re-takes it with the customers who match today.",
      "create": "Save segment",
      "update": "Save changes",
      "saveAsNew": "Save as new",
      "needsCondition": "Add at least one complete condition to save.",
      "createdTitle": "Saved “{{name}}”",
      "updatedTitle": "Updated “{{name}}”",
      "savedMessage_one": "{{customers}} customer in it now.",
      "savedMessage_other": "{{customers}} customers in it now."
    },
    "why": {
      "title": "Why is a customer in it?",
      "help": "Check one customer against the rule: each condition met or missed.",
      "customerId": "Customer ID",
      "customerIdPlaceholder": "as in the explorer",
      "check": "Check",
      "random": "A random member",
      "rare": "Few customers match: a random pick may not find one. Type a customer ID instead.",
      "noneFound": "None of {{tried}} randomly picked customers is in this segment. Type a customer ID from the explorer instead.",
      "unknown": "No customer has the ID “{{id}}”. Copy it from the explorer’s Customer ID column.",
      "typeId": "Type a customer ID first.",
      "stale": "The rule has changed since {{id}} was checked. Press Check to see it against the new rule.",
      "inSegment": "{{id}} is in this segment",
      "notInSegment": "{{id}} is not in this segment",
      "met": "Met",
      "missed": "Missed"
    },
    "kinds": {
      "dynamic": "Dynamic",
      "static": "Static"
    },
    "sources": {
      "rules": "Rules",
      "discovered": "Discovered",
      "rfm": "RFM"
    },
    "list": {
      "title": "Saved segments",
      "help": "Click a segment (or press Enter on it) to see its size over time and what you can do with it.",
      "name": "Name",
      "kind": "Kind",
      "source": "Source",
      "count": "Customers",
      "updated": "Updated",
      "rule": "Rule",
      "notFound": "That segment no longer exists. Pick another one above."
    },
    "detail": {
      "customers_one": "customer",
      "customers_other": "customers",
      "dynamicNote": "Dynamic: re-counted when the data changes",
      "staticNote": "Static: the members saved at the time",
      "dates": "created {{created}}, updated {{updated}}",
      "edit": "Edit rule",
      "profile": "Profile",
      "compare": "Compare with…",
      "export": "Export members",
      "useInCampaign": "Use in campaign",
      "delete": "Delete",
      "historyTitle": "Size over time",
      "historyHelp": "Members each time the segment was counted: when it was saved, edited, or the data changed.",
      "historySeries": "Customers",
      "historyReason": "Why counted",
      "historyShort_one": "{{customers}} customer since {{date}}. The chart appears once the segment has been counted again (after an edit or new data).",
      "historyShort_other": "{{customers}} customers since {{date}}. The chart appears once the segment has been counted again (after an edit or new data).",
      "historyAria": "Members of {{name}} over time"
    },
    "delete": {
      "title": "Delete “{{name}}”?",
      "text": "The segment “{{name}}” and its size history are deleted. Customers and their data stay as they are. This cannot be undone.",
      "confirm": "Delete segment",
      "doneTitle": "Deleted “{{name}}”",
      "doneText": "Customers and their data are unchanged."
    },
    "export": {
      "title": "Export “{{name}}”",
      "what_one": "Writes the {{customers}} member of this segment ({{columns}} columns) to a CSV file in the workspace’s exports folder.",
      "what_other": "Writes the {{customers}} members of this segment ({{columns}} columns) to a CSV file in the workspace’s exports folder.",
      "noIdentity": "No name, e-mail or phone column is chosen, so there is nothing to reveal."
    },
    "picker": {
      "saved": "Saved segments",
      "builder": "Rule builder",
      "draft": "The rule in the builder (not saved)",
      "draftName": "Rule in the builder",
      "option": "{{name}} · {{customers}}",
      "placeholder": "Pick a segment",
      "unknown": "Segment {{id}}"
    },
    "profile": {
      "title": "Who is in the segment",
      "help": "Each figure against all customers. Index 100 = like all customers; above 120 (green) stands out, below 80 (red) is rare here.",
      "pick": "Segment",
      "choose": "Pick a segment above to see its profile.",
      "draftEmpty": "The rule in the builder has no complete condition yet. Add one, or pick a saved segment.",
      "failed": "Could not build the profile",
      "customers": "Customers",
      "revenue": "Revenue",
      "shareOfCustomers": "{{share}} of all customers",
      "shareOfRevenue": "{{share}} of all revenue",
      "baseValue": "all customers: {{value}}",
      "missingMetrics": "Not shown yet: {{metrics}}. They appear once the model lab has trained the models behind them.",
      "base": "All customers",
      "indexHint": "Index {{index}}: 100 means the same as all customers; 150 means one and a half times as much.",
      "indexNone": "No index: the figure is missing for the segment or for all customers.",
      "highlights": "What sets it apart",
      "distributionHelp": "Share of the segment and of all customers in each range.",
      "distributionAria": "{{label}}: {{name}} against all customers",
      "noShares": "Nothing to show for this segment.",
      "shares": {
        "categories": "Top categories",
        "products": "Top products",
        "countries": "Countries",
        "rfm": "RFM segments",
        "sentiment": "Review sentiment"
      },
      "sharesHelp": {
        "categories": "Share of the segment’s spend, and of all customers’ spend.",
        "products": "Share of the segment’s spend, and of all customers’ spend.",
        "countries": "Share of the segment’s customers, and of all customers.",
        "rfm": "Share of the segment’s customers in each RFM segment, and of all customers.",
        "sentiment": "Share of reviews by stars (4–5 positive, 3 neutral, 1–2 negative)."
      },
      "columns": {
        "name": "Name",
        "segment": "Segment",
        "base": "All",
        "index": "Index"
      }
    },
    "compare": {
      "title": "Compare two segments",
      "help": "Side by side, each against all customers (index 100 = like all customers).",
      "a": "Segment A",
      "b": "Segment B",
      "swap": "Swap A and B",
      "choose": "Pick two segments above (or one and the rule in the builder) to compare them.",
      "failed": "Could not compare the segments",
      "customersShare": "customers · {{share}} of all",
      "revenueShare": "revenue · {{share}} of all",
      "metrics": "Key figures",
      "metric": "Figure",
      "indexOf": "Index {{which}}",
      "distributionAria": "{{label}}: segments A and B against all customers"
    },
    "discover": {
      "title": "Discover segments",
      "help": "Groups customers with similar behaviour (k-means on standardised recency, frequency, spend and more). Each group gets a name, what sets it apart, and a rule you can save or edit. It runs as a background job: follow it here or in the job tray.",
      "kLabelSelect": "Number of groups",
      "kAuto": "Best fit (2–8)",
      "kFixed": "{{k}} groups",
      "start": "Discover",
      "again": "Discover again",
      "failed": "Could not start discovering",
      "empty": "No discovery yet. Press Discover: it takes a few seconds on a demo shop.",
      "silhouetteTitle": "How well the groups separate",
      "silhouetteHelp": "Silhouette score for each number of groups: higher means customers are closer to their own group than to others. The marked one was used.",
      "silhouette": "Silhouette",
      "featuresUsed": "Compared on: {{features}}.",
      "silhouetteAria": "Silhouette score by number of groups; {{k}} groups chosen",
      "kAxis": "Number of groups",
      "kLabel": "{{k}} groups",
      "chosen": "Chosen",
      "chosenK": "k = {{k}}",
      "factsTitle": "This run",
      "facts": {
        "k": "Groups",
        "silhouette": "Silhouette",
        "customers": "Customers",
        "sample": "Silhouette measured on",
        "backend": "Computed on",
        "time": "Took",
        "when": "Finished"
      },
      "share": "{{share}} of customers",
      "shareAria": "{{share}} of customers",
      "feature": "Feature",
      "mean": "Average",
      "vsAverage": "vs. all customers",
      "z": "{{z}} sd",
      "zHint": "Standard deviations above (+) or below (−) the average of all customers.",
      "rule_one": "As a rule: {{rule}}. {{customers}} customer meets it.",
      "rule_other": "As a rule: {{rule}}. {{customers}} customers meet it.",
      "openInBuilder": "Open in builder",
      "save": "Save as segment",
      "savedAs": "Saved: show it"
    },
    "rfm": {
      "title": "Ready-made: RFM segments",
      "help": "The named segments of the Insights section (by recency, frequency and spend). Save one as a dynamic segment in one click, or open it in the builder to refine it.",
      "none": "No RFM segments yet: they are worked out from sale orders.",
      "segment": "Segment",
      "customers": "Customers",
      "revenueShare": "Share of revenue",
      "open": "Open in builder",
      "save": "Save",
      "saved": "Saved",
      "saveFailed": "Could not save “{{name}}”"
    },
    "describe": {
      "and": "and",
      "or": "or",
      "not": "not ({{rule}})",
      "everyone": "every customer",
      "range": "{{low}} and {{high}}",
      "within_one": "in the last {{days}} day",
      "within_other": "in the last {{days}} days",
      "anything": "anything",
      "anyCampaign": "any campaign",
      "bought": "bought {{item}}",
      "timesAtLeast_one": "at least {{min}} time",
      "timesAtLeast_other": "at least {{min}} times",
      "timesAtMost_one": "at most {{max}} time",
      "timesAtMost_other": "at most {{max}} times",
      "timesBetween": "{{min}} to {{max}} times",
      "received": "was sent {{campaign}}",
      "responded": {
        "opened": "opened {{campaign}}",
        "clicked": "clicked in {{campaign}}",
        "converted": "bought after {{campaign}}"
      },
      "reviewed": "left a review",
      "reviewedSentiment": {
        "positive": "left a positive review",
        "neutral": "left a neutral review",
        "negative": "left a negative review"
      },
      "reviewedStars": "left a {{min}}–{{max}} star review",
      "recommended": "is recommended a product from {{category}}",
      "recommendedList": {
        "any": "",
        "discover": " new to them",
        "buy-again": " to buy again"
      },
      "recommendedTop": " in the top {{top}}"
    }
  },
  "campaigns": {
    "toolbar": {
      "new": "New campaign"
    },
    "backToList": "All campaigns",
    "openReport": "Results and report",
    "tabs": {
      "list": "Campaigns",
      "calendar": "Calendar",
      "compare": "Compare"
    },
    "status": {
      "draft": "Draft",
      "exported": "Exported",
      "results": "Results in"
    },
    "sources": {
      "builder": "Built here",
      "imported": "Imported",
      "demo": "Demo"
    },
    "channels": {
      "email": "Email",
      "sms": "SMS",
      "ads": "Ads"
    },
    "units": {
      "days": "days"
    },
    "steps": {
      "goal": "Goal",
      "audience": "Audience",
      "channel": "Channel & timing",
      "content": "Content",
      "experiment": "Experiment",
      "forecast": "Forecast",
      "review": "Review & export"
    },
    "empty": {
      "noDataTitle": "No customers to send to yet",
      "noDataText": "A campaign is planned for customers in this workspace and measured against their orders. Import your customers and orders, or create a demo shop (it comes with past campaigns and their results) to try the builder.",
      "import": "Import data",
      "demo": "Create a demo shop",
      "title": "Plan your first campaign",
      "text": "The builder takes you from an idea to files for your sending tool, and later tells you whether the campaign worked.",
      "steps": [
        "Name it and say what it is for.",
        "Choose who gets it (saved segments or everyone) and who is left out, and see how many remain.",
        "Pick the channel, the send date and how long an order still counts as a response.",
        "Add a message per version (A, B…) from the Copy studio or written here.",
        "Keep a holdout that receives nothing, and check the audience is big enough to tell versions apart.",
        "See the forecast, export the files, send them — then import the results to read the report."
      ]
    },
    "audience": {
      "title_one": "Audience: {{name}} ({{customers}} customer)",
      "title_other": "Audience: {{name}} ({{customers}} customers)",
      "dynamicText": "Chosen in Segments. It is a dynamic segment, so its members are re-counted when your data changes: a campaign planned for it later reaches whoever matches then.",
      "staticText": "Chosen in Segments. It is a static snapshot, so its members stay exactly as they were saved.",
      "planText": "Plan a campaign for them: the builder opens with this segment as its audience.",
      "plan": "Plan a campaign for them",
      "open": "Open the segment",
      "profile": "See its profile",
      "clear": "Remove audience",
      "goneTitle": "The chosen audience no longer exists",
      "goneText": "The segment chosen as audience was deleted. Pick another one in Segments with “Use in campaign”."
    },
    "list": {
      "title": "All campaigns",
      "help": "Built here, imported with their results, or part of the demo shop. Open one to continue its plan or read its report; tick two to eight to compare them.",
      "name": "Campaign",
      "status": "Status",
      "channel": "Channel",
      "sendDate": "Send date",
      "audience": "Audience",
      "audienceHelp": "Everyone in the frozen snapshot (arms and holdout)",
      "audienceLater": "Counted when the campaign is exported",
      "recipients": "Recipients",
      "conversion": "Conversion",
      "revenuePerRecipient": "Revenue / recipient",
      "allSources": "All",
      "sourceFilter": "Where the campaigns come from",
      "selectHeader": "Tick to compare",
      "selectOne": "Compare {{name}}",
      "selectHint": "Tick 2 to {{max}} campaigns (Space on a row ticks it), then compare them side by side.",
      "clearSelection": "Clear selection",
      "compare_one": "Compare ({{count}})",
      "compare_other": "Compare ({{count}})"
    },
    "calendar": {
      "count_one": "{{formatted}} campaign this month",
      "count_other": "{{formatted}} campaigns this month",
      "previous": "Previous month",
      "next": "Next month",
      "today": "This month"
    },
    "compare": {
      "title": "Campaigns to compare",
      "help": "Pick 2 to {{max}} campaigns, here or by ticking them in the list.",
      "pick": "Campaigns to compare",
      "placeholder": "Search campaigns…",
      "choose": "Choose at least two campaigns to see them side by side.",
      "failed": "The comparison could not be worked out",
      "overall": "Overall",
      "openRate": "Open rate",
      "clickRate": "Click rate",
      "bySegment": "By RFM segment",
      "bySegmentHelp": "Recipients grouped by their RFM segment today. A segment with few recipients gives a shaky rate: its count is shown beside each figure.",
      "noSegments": "None of these campaigns has recipients with an RFM segment yet.",
      "chartLabel": "Campaigns compared by RFM segment",
      "segment": "Segment",
      "ofRecipients": "({{recipients}})"
    },
    "segments": {
      "customers_one": "{{formatted}} customer",
      "customers_other": "{{formatted}} customers",
      "everyone": "Everyone (no segment chosen)",
      "none": "No saved segments yet: everyone",
      "nothingFound": "No segment of that name"
    },
    "create": {
      "title": "New campaign",
      "help": "Three things to start with; everything can be changed in the builder, which saves as you go.",
      "audienceHelp": "Optional: leave empty to start from everyone. The builder lets you refine it.",
      "submit": "Create and open the builder",
      "failed": "The campaign could not be created"
    },
    "missing": {
      "title": "This campaign no longer exists",
      "text": "It was deleted, or it belongs to another workspace. The list shows every campaign of this one."
    },
    "delete": {
      "button": "Delete",
      "title": "Delete “{{name}}”?",
      "textDraft": "The plan is deleted. Copy saved under its name in the Copy studio stays in the library.",
      "textSent": "The plan, its frozen audience and its imported results are deleted from this workspace. Files already exported stay where they are. This cannot be undone.",
      "confirm": "Delete campaign",
      "done": "“{{name}}” was deleted."
    },
    "save": {
      "saved": "Saved",
      "saving": "Saving…",
      "invalid": "Not saved: a field needs fixing",
      "failed": "Not saved"
    },
    "builder": {
      "subtitle": "{{goal}} · {{channel}} · {{date}}",
      "frozen": "Audience and arms frozen at export ({{when}})",
      "previous": "Back: {{step}}",
      "first": "Back",
      "next": "Next: {{step}}"
    },
    "goal": {
      "title": "What is this campaign for?",
      "help": "The name groups its copy in the Copy studio and names its files; the goal decides which score the cap uses by default and how its copy is framed.",
      "name": "Name",
      "nameHelp": "Copy saved in the Copy studio under this exact name shows up in the content step.",
      "namePlaceholder": "Spring win-back",
      "goal": "Goal",
      "goalHelp": "Win-back and retention rank by churn risk when capped; the others by the chance to buy.",
      "goals": {
        "win_back": "Bring back customers who stopped buying.",
        "launch": "Tell customers about something new.",
        "promotion": "A sale, a discount or an offer.",
        "cross_sell": "Something that goes with what they bought.",
        "upsell": "A better version of what they bought.",
        "retention": "Keep good customers buying.",
        "event": "A date, a season or an event."
      }
    },
    "audienceStep": {
      "title": "Who gets it",
      "help": "One or more saved segments (a customer in several counts once), or everyone when none is chosen. The exclusions and the cap below are applied in this order.",
      "segments": "Segments",
      "segmentsHelp": "Build new ones in Segments; they appear here.",
      "rule": "This campaign’s audience also has a rule set from the command line. It is applied together with the segments.",
      "removeRule": "Remove the rule",
      "frozenTitle": "Frozen at export",
      "frozenText": "Who is in which arm was fixed when the campaign was exported, so the audience can no longer change. The figures come from that snapshot."
    },
    "exclusions": {
      "title": "Who is left out",
      "help": "Applied in this order after the segments; the counts on the right show how many each one removes.",
      "contacted": "Contacted recently",
      "contactedHelp": "Anyone sent a campaign (imported, demo or exported here) in these days before the send date.",
      "contactedDays": "Days",
      "consent": "Not accepting marketing",
      "consentHelp": "E-mail and SMS need consent; most ad audiences too. On by default.",
      "pAlive": "Probably gone",
      "pAliveHelp": "Customers the lifetime-value model thinks are still active with a probability below this.",
      "pAliveThreshold": "Probability still active below",
      "bought": "Already bought it",
      "boughtHelp": "Customers who already bought the product (SKU) or category you promote; name at least one.",
      "sku": "SKU",
      "skuPlaceholder": "e.g. CND-01",
      "category": "Category",
      "categoryPlaceholder": "e.g. Candles",
      "within": "Within",
      "withinAll": "All history"
    },
    "cap": {
      "title": "Keep only the most likely",
      "help": "Optional: send to the N customers a model ranks highest, instead of everyone left.",
      "switch": "Keep the N customers most likely to respond",
      "size": "Customers to keep",
      "by": "Ranked by",
      "scores": {
        "auto": "Automatic",
        "purchase": "Purchase",
        "churn": "Churn risk",
        "uplift": "Uplift"
      },
      "scoreHelp": {
        "auto": "Churn risk for win-back and retention, the chance to buy otherwise — whichever model is trained.",
        "purchase": "The purchase model’s chance that each customer buys soon.",
        "churn": "The churn model’s risk that each customer leaves: useful to save them.",
        "uplift": "The uplift model of an earlier campaign: the customers a message actually changes."
      }
    },
    "audienceResult": {
      "size": "In the campaign",
      "updating": "Updating",
      "frozen": "Frozen at export",
      "matched": "Matched by the segments",
      "everyone": "All customers",
      "minus": "− {{label}}",
      "capRow": "not among the {{size}} ranked highest by {{score}}",
      "final": "= In the campaign",
      "failed": "The audience could not be counted",
      "capUsed": "Ranked with {{model}}",
      "capMissing": "No model to rank with",
      "split": "How it is split",
      "splitHelp": "At random, balanced within the strata below, with the plan’s seed (the same seed gives the same split).",
      "hoursTitle": "When they usually order",
      "hoursSeries": "Customers",
      "hourLabel": "{{from}}:00–{{to}}:00",
      "hoursHelp": "Customers by the hour of their usual orders (shop time). Most order around {{hour}}:00; {{unknown}} have no orders yet.",
      "hoursNone": "None of these customers has an order with a time of day.",
      "strataTitle": "Strata",
      "strataHelp": "Groups the random split keeps balanced across arms."
    },
    "groups": {
      "group": "Group",
      "share": "Share",
      "customers": "Customers",
      "holdout": "Holdout"
    },
    "channel": {
      "title": "How and when",
      "help": "The channel decides the message’s fields and who can be reached; the response window decides which orders count as responses, for the arms and for the holdout alike.",
      "channel": "Channel",
      "channelHelp": {
        "email": "Subject, preview text and body. Needs consent.",
        "sms": "One short text. Needs consent and a phone number.",
        "ads": "A headline, a description and a button, for a custom audience in an ad platform."
      },
      "frozen": "Frozen at export, with the audience and the arms.",
      "sendDate": "Send date",
      "sendDateDefault": "A week from today when left empty",
      "noDate": "send date not set",
      "past": "This date has passed: fine for a campaign already sent, otherwise pick a later one.",
      "window": "Response window",
      "windowHelp": "Days after the send in which an order counts as a response.",
      "windowSentence": "Orders from {{from}} until {{days}} days later count as responses.",
      "theSendDate": "the send date"
    },
    "content": {
      "title": "The message of each version",
      "help": "One message per arm. Copy saved in the Copy studio under the campaign’s name (“{{name}}”) can be picked here, or write it here.",
      "studioHelp": "The studio writes for this audience and saves under this campaign’s name; its “Back to campaign” button brings you here.",
      "writeInStudio": "Write in the Copy studio",
      "frozen": "The campaign is exported: the files carry the messages as they were then. A change here goes into the files when you export again (the same people, in the same arms).",
      "needsName": "Give the campaign a name first (Goal step): its copy is found by name.",
      "libraryFailed": "The copy library could not be read",
      "arm": "Arm {{name}}",
      "share": "{{share}} of the contacted",
      "fromLibrary": "From the library",
      "writeHere": "Write here",
      "item": "Saved copy",
      "itemPlaceholder": "Pick saved copy",
      "noItems": "No copy saved under “{{name}}” yet",
      "itemGone": "The chosen copy was deleted from the library: pick another one.",
      "editCopy": "Edit a copy of it here",
      "wrongChannel": "This message was written for another channel. The campaign now goes out by {{channel}}.",
      "startAgain": "Start an empty message",
      "previewTitle": "On real members of this audience",
      "previewEmpty": "Pick or write a message to see it filled in for a few customers.",
      "previewNoMembers": "The audience has nobody to preview on yet.",
      "unknownTokens": "Unknown fields in the copy: {{tokens}}. They would be sent as written."
    },
    "experiment": {
      "armsTitle": "Arms and holdout",
      "armsHelp": "Up to {{max}} versions, sent at random to shares of the audience (equal unless weighted). The holdout receives nothing: it shows what would have happened anyway.",
      "armName": "Arm",
      "armNameOf": "Name of arm {{n}}",
      "weight": "Weight",
      "weightOf": "Weight of arm {{name}}",
      "equal": "Equal",
      "shareOfAll": "Share",
      "remove": "Remove arm {{name}}",
      "addArm": "Add an arm",
      "holdout": "Holdout",
      "holdoutHelp": "Share of the audience that receives nothing (10 % is usual; 0 measures no lift).",
      "seed": "Seed",
      "seedHelp": "The same seed gives the same random split.",
      "noHoldout": "Without a holdout the report can compare arms, but not say how much the campaign added.",
      "frozen": "Exported: the arms, their weights and the holdout are frozen.",
      "groupsTitle": "The split of the {{customers}} customers"
    },
    "power": {
      "title": "Is it big enough?",
      "help": "How many customers each group needs to detect the effect you care about, against what this audience gives.",
      "baseline": "Baseline conversion",
      "baselineHelp": "From your history for this channel and goal when left empty.",
      "useHistory": "Use the history’s rate",
      "mde": "Smallest effect worth detecting",
      "mdeHelp": "In percentage points (1 % means from 3 % to 4 %).",
      "alpha": "Significance (α)",
      "alphaHelp": "The chance of a false alarm: 5 % is usual.",
      "power": "Power",
      "powerHelp": "The chance to detect a real effect of that size: 80 % is usual.",
      "failed": "The plan’s power could not be worked out",
      "enough": "Big enough for this test",
      "notEnough": "Too small to tell the groups apart",
      "detectable": "With this audience and split, the test can detect an effect of about {{effect}} (from a baseline of {{baseline}}).",
      "noDetectable": "With this audience and split, no effect of any size can be detected reliably.",
      "points": "{{value}} percentage points",
      "neededVsAvailable": "Needed per group against the smallest group",
      "needed": "Needed per group",
      "smallest": "Smallest group",
      "total": "Needed in all",
        "suggestions": "What would help"
    },
    "whatIf": {
      "title": "What if…",
      "help": "A free calculator: customers needed for any rates, without changing the plan.",
      "groups": "Groups",
      "variance": "Variance",
      "pooled": "Pooled",
      "unpooled": "Unpooled",
      "fill": "Enter a baseline and an effect.",
      "working": "Working it out…",
      "perGroup": "Per group:",
      "total": "In all:"
    },
    "forecast": {
      "costsTitle": "Costs",
      "costsHelp": "Optional: with a cost the forecast says whether the campaign pays for itself.",
      "costPerContact": "Cost per contact",
      "costPerContactHelp": "What sending one message costs (an SMS, an ad impression…).",
      "budget": "Budget",
      "budgetHelp": "The most you want to spend.",
      "noBudget": "No budget",
      "failed": "The forecast could not be worked out",
      "noneTitle": "No forecast for this plan",
      "title": "What to expect",
      "contacted": "{{contacted}} contacted, {{holdout}} kept back as holdout.",
      "sources": {
        "model": "From a model",
        "history": "From past campaigns",
        "none": "No source"
      },
      "responseRate": "Response rate",
      "responders": "Responders",
      "revenue": "Revenue",
      "incremental": "Added by the campaign",
      "range": "{{low}} – {{high}}",
      "expected": "Expected",
      "interval": "Likely range (95 %)",
      "chartLabel": "Expected revenue and the part the campaign adds, with their likely ranges",
      "costLine": "Cost {{cost}}",
      "cost": "Cost",
      "roi": "Return on the cost",
      "noCost": "Enter a cost per contact to see the return.",
      "withinBudget": "Within budget",
      "overBudget": "Over budget",
      "affordable": "A budget of {{budget}} pays for {{contacts}} contacts.",
      "noBudgetText": "Enter a budget to see how many contacts it pays for."
    },
    "review": {
      "edit": "Edit",
      "everyone": "Everyone",
      "segmentGone": "Segment {{id}} (deleted)",
      "contacted": "Not contacted in the last {{days}} days",
      "consent": "Only customers accepting marketing",
      "pAlive": "Not probably gone (still active below {{threshold}})",
      "anything": "anything",
      "bought": "Has not bought {{what}}",
      "boughtWithin": "Has not bought {{what}} in the last {{days}} days",
      "cap": "Only the {{size}} most likely ({{by}})",
      "audienceSize": "{{matched}} matched, {{size}} in the campaign",
      "window": "Responses within {{days}} days",
      "libraryItem": "Library copy {{id}}",
      "noMessage": "no message yet",
      "holdout": "holdout {{share}}",
      "forecast": "Expected revenue {{revenue}}, of which {{incremental}} added by the campaign; cost {{cost}}.",
      "noForecast": "No forecast yet."
    },
    "export": {
      "title": "Export",
      "help": "Writes, in a new folder of this workspace, the file your sending tool imports (each recipient with their arm), a list of everyone and their arm (the holdout too, which gets nothing) and the plan. The first export freezes who is in which arm, so the results can be measured against it.",
      "again": "Exported already: exporting again writes the same people in the same arms.",
      "exportedAt": "Last exported {{when}} to",
      "missingContent_one": "Arm {{arms}} has no message yet. The files can be written without it, but your sending tool will need one.",
      "missingContent_other": "Arms {{arms}} have no message yet. The files can be written without them, but your sending tool will need them.",
      "toContent": "Go to the content",
      "reveal": "Show names, e-mails and phones in the files",
      "revealHelp": "Left unticked, they are masked (a•••@example.com) and the files carry customer IDs only. Revealing is written to the workspace’s audit log.",
      "freezeNote": "After the export the audience and the arms can no longer change.",
      "start": "Export and freeze",
      "startAgain": "Export again",
      "running": "Writing the campaign files",
      "failed": "The export failed",
      "unsaved": "The last change could not be saved, so nothing was exported. Fix the field marked in red, then export.",
      "done": "{{recipients}} recipients exported, {{holdout}} in the holdout",
      "froze": "The audience and arms are now frozen.",
      "sameSnapshot": "The same snapshot as the first export.",
      "revealed": "Names and contact details are in the files (recorded in the audit log).",
      "masked": "Personal details are masked.",
      "folder": "Folder",
      "file": "File",
      "rows": "Rows",
      "next": "Next: load the files into your sending tool and send. Once its results are in, import them on the report.",
      "exportAgain": "Export again",
      "toReport": "Go to the report"
    },
    "import": {
      "title": "Import the results",
      "titleMore": "Results",
      "help": "Export the per-recipient results from your sending tool: one row per recipient with their customer ID and any of delivered, opened, clicked, converted and revenue. Columns are recognised by name; no campaign column is needed. The holdout’s orders are read from your order history.",
      "helpMore": "Results are in. Import another file to add or correct rows (same customers are updated, not doubled).",
      "another": "Import another results file",
      "running": "Importing the results",
      "failed": "The results could not be imported"
    },
    "report": {
      "title": "{{name}}",
      "subtitle": "{{channel}} · {{date}} · {{status}}",
      "openPlan": "Open the plan",
      "draftTitle": "Not sent yet",
      "draftText": "This campaign is still a draft. Export it and send it; its results are imported here afterwards.",
      "toExport": "Go to the export",
      "failed": "The report could not be worked out",
      "srmTitle": "The groups are not the sizes planned",
      "srmText": "The split of recipients is too far from the plan to be chance (χ² {{chi}}, p = {{p}}). Something removed people from one group (bounces, a filter in the sending tool): the comparison below may be biased.",
      "window": "Orders from {{from}} to {{to}} ({{days}} days) count as responses.",
      "armsTitle": "Arms",
      "armsHelp": "Rates with their 95 % interval (Wilson). P(best): the chance an arm has the highest true rate; expected loss: what choosing it would cost if it is not the best.",
      "recipients": "Recipients",
      "delivered": "{{delivered}} delivered",
      "openedClicked": "Opened · clicked",
      "conversions": "Conversions",
      "rate": "Conversion",
      "revenue": "Revenue",
      "rpr": "Revenue / recipient",
      "best": "P(best)",
      "bestHelp": "The chance this arm has the highest true conversion rate, given the results.",
      "loss": "Expected loss",
      "lossHelp": "How much conversion (percentage points) you would expect to give up by choosing this arm, if it is not the best.",
      "points": "{{value}} pp",
      "signedPoints": "{{value}} pp",
      "range": "{{low}} – {{high}}",
      "fromOrders": "from the order history",
      "interval": "95 % interval",
      "holdoutLine": "Holdout",
      "rateChart": "Conversion rate by group",
      "rateChartHelp": "The dot is the rate, the whiskers its 95 % interval; the dashed line is the holdout.",
      "rprChart": "Revenue per recipient by group",
      "rprChartHelp": "The dot is the average, the whiskers its 95 % interval.",
      "comparisonsTitle": "Each arm against its comparison",
      "comparisonsHelp": "Lift in percentage points with its 95 % interval; p-values adjusted for several comparisons (Holm).",
      "comparison": "Comparison",
      "versus": "{{arm}} vs {{against}}",
      "lift": "Lift",
      "relativeLift": "Relative lift",
      "pValue": "p-value",
      "adjusted": "Adjusted p",
      "rprLift": "Revenue / recipient lift",
      "noLift": "No lift",
      "liftChart": "Lift against the comparison group, with 95 % intervals",
      "incrementalTitle": "What the campaign added",
      "incrementalHelp": "Orders and revenue the contacted customers made beyond what {{against}} suggests they would have made anyway.",
      "theHoldout": "the holdout",
      "theArm": "arm {{name}}",
      "incrementalOrders": "Extra orders",
      "incrementalRevenue": "Extra revenue",
      "notes": "Notes"
    },
    "verdict": {
      "winner": "A clear winner",
      "promising": "Promising",
      "no-difference": "No difference",
      "cant-tell": "Can’t tell yet",
      "srm": "Split problem"
    },
    "uplift": {
      "title": "Who to target next time",
      "help": "An uplift model learns, from who bought in the arms and in the holdout, which customers the campaign actually changed — not just who would have bought anyway.",
      "start": "Find who the campaign changed",
      "again": "Fit again",
      "running": "Fitting the uplift model",
      "failed": "The uplift model could not be fitted",
      "notTrained": "Not enough to learn from",
      "persuadable": "Persuadable today",
      "qini": "Qini",
      "treated": "Contacted",
      "control": "Holdout",
      "chartTitle": "Uplift by decile",
      "chartHelp": "Customers ranked by predicted uplift, in ten groups (1: most changed). Bars: the difference in conversion the campaign made in each group; lines: each group’s rate with and without the message.",
      "decile": "D{{n}}",
      "customers": "Customers",
      "upliftSeries": "Uplift",
      "treatedSeries": "Contacted",
      "controlSeries": "Holdout",
      "planHelp_one": "Next time, send only to the {{customers}} customer the campaign changes: a copy of this plan with the audience capped by uplift.",
      "planHelp_other": "Next time, send only to the {{customers}} customers the campaign changes: a copy of this plan with the audience capped by uplift.",
      "nobody": "The model finds nobody the campaign clearly changes today.",
      "plan": "Plan it for the {{customers}} persuadable",
      "planFailed": "The follow-up campaign could not be created",
      "nextName": "{{name}} — persuadable only"
    }
  },
  "copy": {
    "tabs": {
      "write": "Write",
      "library": "Library"
    },
    "toolbar": {
      "sample": "Try a sample brief",
      "clear": "Clear brief"
    },
    "channels": {
      "email": "Email",
      "sms": "SMS",
      "push": "Push",
      "social": "Social post",
      "search_ad": "Search ad",
      "display_ad": "Display ad",
      "reply": "Reply to a review"
    },
    "networks": {
      "x": "X",
      "instagram": "Instagram",
      "linkedin": "LinkedIn",
      "facebook": "Facebook"
    },
    "goals": {
      "win_back": "Win back lapsed customers",
      "launch": "Launch a product",
      "promotion": "Promotion",
      "cross_sell": "Cross-sell",
      "upsell": "Upsell",
      "retention": "Keep customers coming back",
      "event": "Event or occasion"
    },
    "tones": {
      "friendly": "Friendly",
      "premium": "Premium",
      "playful": "Playful",
      "urgent": "Urgent",
      "professional": "Professional"
    },
    "frameworks": {
      "auto": "Let the studio choose",
      "AIDA": "AIDA",
      "PAS": "PAS",
      "BAB": "BAB",
      "FAB": "FAB",
      "4U": "4U"
    },
    "frameworkHelp": {
      "auto": "Every framework is tried; the ranking keeps the best.",
      "AIDA": "Attention, interest, desire, action.",
      "PAS": "Problem, agitation, solution.",
      "BAB": "Before, after, bridge.",
      "FAB": "Features, advantages, benefits.",
      "4U": "Useful, urgent, unique, ultra-specific."
    },
    "brief": {
      "title": "Brief",
      "help": "What the copy is for, what it is about, for whom and in which voice. The copy only uses facts written here: numbers, prices, codes and dates come from the brief, never made up.",
      "channel": "Channel",
      "network": "Social network",
      "goal": "Goal",
      "tone": "Tone",
      "framework": "Framework"
    },
    "product": {
      "title": "Product",
      "summaryNone": "Required: what the copy is about",
      "name": "Product or collection",
      "namePlaceholder": "e.g. Fig & Cedar Soy Candle",
      "description": "Description",
      "descriptionHint": "A sentence or two of facts the copy may use.",
      "benefits": "Benefits",
      "benefitsHint": "Type one and press Enter. Up to 12.",
      "price": "Price",
      "currency": "Currency"
    },
    "offer": {
      "title": "Offer",
      "summaryNone": "No offer",
      "summaryDiscount": "{{value}}% off",
      "summaryCode": "code {{code}}",
      "summaryEnds": "ends {{date}}",
      "discount": "Discount",
      "code": "Code",
      "endsOn": "Ends on",
      "freeShipping": "Free shipping",
      "factsHint": "Leave blank what is not on offer: the checks flag any number, code or date in the copy that is not here."
    },
    "audience": {
      "title": "Audience",
      "summaryNone": "Everyone",
      "segmentNumber": "Segment {{id}}",
      "modeSegment": "Saved segment",
      "modeDescribe": "Describe",
      "segment": "Segment",
      "segmentPlaceholder": "Pick a saved segment",
      "noSegments": "No saved segments yet",
      "noSegmentsHelp": "Build an audience from rules first.",
      "openSegments": "Open Segments",
      "nothingFound": "No segment matches",
      "description": "Who they are",
      "descriptionPlaceholder": "e.g. Customers who bought candles last winter and have not ordered since",
      "insightFailed": "Could not read this audience",
      "everyone": "All customers",
      "customers_one": "{{formatted}} customer",
      "customers_other": "{{formatted}} customers",
      "recency": "Median time since their last order: {{days}} days",
      "topCategories": "What they buy most",
      "praise": "What their reviews praise",
      "complaints": "What their reviews criticise",
      "noReviews": "No reviews from these customers yet.",
      "feedsBrief": "The generator reads this profile: what they buy, and their reviews' own words as social proof. Click a phrase of praise that describes the product to add it to its benefits.",
      "addBenefit": "Add to the product's benefits",
      "inBenefits": "Already one of the benefits"
    },
    "brand": {
      "title": "Brand voice",
      "summaryNone": "No brand kit yet",
      "summaryBanned_one": "{{count}} banned word",
      "summaryBanned_other": "{{count}} banned words",
      "kept": "Kept on this computer and used for every brief.",
      "name": "Brand name",
      "banned": "Banned words",
      "bannedHint": "Never used. Whole words or phrases; press Enter after each.",
      "preferred": "Preferred words",
      "preferredHint": "Used where they fit; variants that use them rank higher.",
      "emoji": "Emoji allowed",
      "samples": "Sample copy",
      "samplesHint": "Copy in your voice. Separate samples with a blank line."
    },
    "reply": {
      "title": "Reply to",
      "modeReview": "A review",
      "modePaste": "Paste a message",
      "needed": "Pick a review or paste the message to reply to.",
      "search": "Search reviews",
      "complaints": "Critical",
      "praise": "Praise",
      "any": "All",
      "listLabel": "Reviews to reply to",
      "noReviews": "No reviews match.",
      "untitled": "Review",
      "pasteLabel": "Message to reply to",
      "pastePlaceholder": "Paste the customer's message or review",
      "rating": "Their rating"
    },
    "generate": {
      "variants": "Variants",
      "seed": "Seed",
      "newIdeas": "New ideas",
      "newIdeasHint": "A new seed: other candidates for the same brief. The same seed always gives the same variants.",
      "engine": "Written by",
      "builtin": "Built-in generator",
      "builtinHelp": "Fast, and every variant is checked and ranked.",
      "llm": "Local language model",
      "llmNamed": "Language model: {{name}}",
      "llmHelp": "The model on this computer writes; you see its text as it comes. The same checks and ranking apply. Slower.",
      "llmChecking": "Checking for a local language model…",
      "llmUnavailable": "A local language model cannot run in this installation ({{detail}}).",
      "llmNoModel": "To write with a local language model, choose a GGUF model file in Settings.",
      "button": "Generate",
      "again": "Generate again",
      "failed": "Could not generate copy",
      "badResult": "The engine sent variants this version of the app cannot read.",
      "fixFields_one": "Check the field marked in red.",
      "fixFields_other": "Check the {{count}} fields marked in red."
    },
    "result": {
      "title_one": "{{count}} variant, ranked",
      "title_other": "{{count}} variants, ranked",
      "engineBuiltin": "Built-in generator",
      "engineLlm": "Language model {{model}}",
      "candidates_one": "{{formatted}} candidate considered",
      "candidates_other": "{{formatted}} candidates considered",
      "elapsed": "written in {{value}}",
      "elapsedMs": "written in {{value}} ms",
      "seed": "seed\u00a0{{seed}}",
      "modelTrained": "Response model",
      "modelRules": "Rules only",
      "modelTrainedText_one": "Ranked with a response model trained on {{count}} past campaign ({{target}}). {{detail}}",
      "modelTrainedText_other": "Ranked with a response model trained on {{count}} past campaigns ({{target}}). {{detail}}",
      "targetClicked": "clicks",
      "targetConverted": "conversions",
      "modelNeedsText_one": "Ranked by copy rules only. Learning from what worked needs {{count}} campaign with its copy and results; this workspace has {{have}}.",
      "modelNeedsText_other": "Ranked by copy rules only. Learning from what worked needs {{count}} campaigns with their copy and results; this workspace has {{have}}.",
      "importResults": "Import campaign results with subject lines",
      "audience": "For {{name}} ({{customers}} customers)",
      "briefChanged": "The brief has changed since these were written.",
      "none": "No variant passed. Loosen the brief (fewer banned words, a shorter offer) and generate again.",
      "cancelled": "Generation cancelled; nothing was kept. Change the brief or generate again.",
      "cancelledKept": "Generation cancelled; nothing was kept. The variants below are from the previous brief.",
      "streaming": "The language model is writing:"
    },
    "variant": {
      "score": "score",
      "scoreHelp": "0–100, higher is better. “Why this rank” says what it is made of.",
      "grade": "Grade {{grade}}",
      "gradeHelp": "Flesch–Kincaid reading grade: the school year that reads this comfortably. Aim for 9 or lower.",
      "why": "Why #{{rank}}",
      "angle": "Angle: {{angle}}",
      "llm": "Language model",
      "edited": "Edited",
      "savedIn": "Saved in {{campaign}}",
      "save": "Save to library",
      "saved": "Saved",
      "updateSaved": "Update saved copy",
      "edit": "Edit",
      "done": "Done",
      "revert": "Revert",
      "preview": "Preview on customers"
    },
    "checks": {
      "allPass_one": "The check passes",
      "allPass_other": "All {{count}} checks pass",
      "someFail": "{{failed}} of {{total}} checks fail",
      "checking": "Checking…",
      "passedAria": "{{name}} passes: {{detail}}",
      "failedAria": "{{name}} fails: {{detail}}"
    },
    "checkNames": {
      "subject-length": "Subject length",
      "preheader-length": "Preheader length",
      "unsubscribe-line": "Unsubscribe line",
      "sms-segments": "SMS segments",
      "opt-out": "Opt-out",
      "title-length": "Title length",
      "body-length": "Body length",
      "x-length": "X length",
      "instagram-length": "Instagram length",
      "linkedin-length": "LinkedIn length",
      "facebook-length": "Facebook length",
      "headlines": "Headlines",
      "headline-length": "Headline length",
      "descriptions": "Descriptions",
      "description-length": "Description length",
      "cta-length": "Button length",
      "reply-length": "Reply length",
      "banned-words": "Banned words",
      "preferred-words": "Preferred words",
      "emoji": "Emoji",
      "facts": "Facts from the brief",
      "claims": "No claims beyond the brief",
      "acknowledges": "Acknowledges them",
      "no-argument": "Does not argue",
      "reading-level": "Reading level"
    },
    "fields": {
      "subject": "Subject",
      "preheader": "Preheader",
      "body": "Body",
      "text": "Text",
      "title": "Title",
      "headline": "Headline",
      "description": "Description",
      "headlineN": "Headline {{n}}",
      "descriptionN": "Description {{n}}",
      "cta": "Button"
    },
    "view": {
      "yourBrand": "Your brand",
      "pushFrom": "{{brand}} · now",
      "sponsored": "Sponsored",
      "adBy": "Ad · {{brand}}",
      "headlines_one": "{{count}} headline",
      "headlines_other": "{{count}} headlines",
      "descriptions_one": "{{count}} description",
      "descriptions_other": "{{count}} descriptions"
    },
    "edit": {
      "characters_one": "{{count}} character",
      "characters_other": "{{count}} characters",
      "headlines": "Headlines",
      "descriptions": "Descriptions",
      "onePerLine": "One per line.",
      "insertToken": "Insert personalisation",
      "recheckFailed": "Could not check the edit"
    },
    "tokens": {
      "withFallback": "{{field}} of each customer; “{{fallback}}” when unknown",
      "noFallback": "{{field}} of each customer; empty when unknown — add a fallback with |",
      "unknown": "“{{token}}” is not a personalisation field: the customer would see it as typed",
      "filled": "{{field}} of this customer",
      "fellBack": "This customer has no {{field}}: the fallback is used"
    },
    "preview": {
      "title": "Preview on customers",
      "help": "The copy as real customers of this workspace would receive it. Filled-in values are green; a fallback (the customer had no value) is yellow.",
      "noTokens": "This copy has no personalisation: every customer receives the same text.",
      "scopeSegment": "The brief's segment",
      "scopeAny": "Any customers",
      "tokens": "Personalisation:",
      "unknownTitle": "Unknown personalisation fields",
      "unknown": "{{tokens}} would be sent as typed. Known fields: {{known}}.",
      "none": "No customers to preview on.",
      "customer": "Customer {{id}}",
      "fallbacks": "Fallback for {{fields}}",
      "allFilled": "All filled in"
    },
    "save": {
      "title": "Save to library",
      "help": "Saved copy is grouped by campaign. Every later edit is kept as a revision.",
      "campaign": "Campaign",
      "placeholder": "e.g. Autumn candles launch",
      "existing": "Existing:",
      "confirm": "Save",
      "done": "Saved to “{{campaign}}”.",
      "updated": "Saved copy in “{{campaign}}” updated; the previous text is kept as a revision.",
      "failed": "Could not save the copy"
    },
    "library": {
      "campaigns": "Campaigns",
      "allCampaigns": "All campaigns",
      "campaignAria": "{{name}}: {{items}} saved, {{starred}} starred",
      "help": "Click a row (or press Space on it) to see it in full. Enter edits, S stars, Delete deletes.",
      "exportCsv": "Export CSV",
      "exportJson": "Export JSON",
      "exported_one": "Exported {{count}} item to {{file}}.",
      "exported_other": "Exported {{count}} items to {{file}}.",
      "exportFailed": "Could not export the library",
      "starredOnly": "Starred only",
      "channel": "Channel",
      "anyChannel": "Any channel",
      "shown_one": "{{formatted}} item",
      "shown_other": "{{formatted}} items",
      "noneMatch": "Nothing saved matches these filters.",
      "colStarred": "Starred",
      "colCampaign": "Campaign",
      "colChannel": "Channel",
      "colFramework": "Framework",
      "colCopy": "Copy",
      "colScore": "Score",
      "colChecks": "Checks",
      "colUpdated": "Updated",
      "checksAria": "{{passed}} of {{all}} checks pass",
      "star": "Star",
      "unstar": "Remove star",
      "edit": "Edit",
      "history": "History",
      "historyCount_one": "History ({{count}} revision)",
      "historyCount_other": "History ({{count}} revisions)",
      "reuse": "Reuse brief",
      "reused": "The brief from “{{campaign}}” is in the form. Change it, then generate.",
      "copied": "Copied to the clipboard.",
      "copyFailed": "Could not copy",
      "delete": "Delete",
      "deleteTitle": "Delete this copy?",
      "deleteText": "It leaves the campaign “{{campaign}}” with all its revisions. This cannot be undone.",
      "deleteConfirm": "Delete",
      "deleted": "Deleted.",
      "updateFailed": "Could not change the saved copy",
      "detailFacts_one": "Saved {{created}} · updated {{updated}} · {{count}} revision",
      "detailFacts_other": "Saved {{created}} · updated {{updated}} · {{count}} revisions",
      "editTitle": "Edit copy in “{{campaign}}”",
      "editHelp": "Checked again against the saved brief as you type. Saving keeps the previous text as a revision.",
      "note": "Note",
      "saveEdit": "Save changes",
      "saved": "Changes saved.",
      "emptyTitle": "Nothing saved yet",
      "emptyText": "Generate variants in Write and save the ones you like to a campaign. Here you can star them, edit them (every edit is kept), reuse their brief, copy them and export them as CSV or JSON.",
      "emptyWrite": "Write copy"
    },
    "history": {
      "title": "History · {{campaign}}",
      "help": "Every saved text of this item, newest first, with whether its checks passed.",
      "none": "No revisions yet.",
      "revision": "Revision {{revision}}",
      "current": "current",
      "passed": "checks passed",
      "failed": "checks failed",
      "restore": "Make this the current text",
      "restored": "Revision {{revision}} is the current text again."
    },
    "empty": {
      "title": "Start with a brief",
      "text": "A brief says what the copy is for, the product and offer, who it is for and how your brand sounds. The studio writes candidates on this computer, checks each one and ranks them.",
      "points": [
        "Every variant shows its score and why it ranked there",
        "Checks for length, SMS segments, opt-out and unsubscribe lines, banned words and invented facts",
        "Preview personalisation (first name, city, favourite category…) on real customers",
        "Save the best to a campaign library, edit, reuse and export"
      ],
      "sample": "Try a sample brief"
    },
    "sample": {
      "description": "One of our best sellers.",
      "brandName": "Our shop",
      "needsData": "The sample brief uses the products of this workspace: load the demo shop or import your data first.",
      "noProductsTitle": "No products yet",
      "noProducts": "The sample brief needs at least one product with orders in this workspace.",
      "failed": "Could not prepare the sample brief"
    },
    "errors": {
      "required": "Required",
      "tooLong": "At most {{max}} characters",
      "tooMany": "At most {{max}}",
      "atLeast": "At least {{min}}",
      "atMost": "At most {{max}}"
    },
    "handoff": {
      "writeForAudience": "Write copy for them",
      "backToCampaign": "Back to campaign: {{name}}"
    },
    "noData": {
      "title": "Copy without customer data",
      "text": "You can write copy from a brief now. Audiences, replies to reviews and previews on customers need data in this workspace.",
      "import": "Import data"
    },
    "llm": {
      "title": "Local language model",
      "subtitle": "Optional: a GGUF model on this computer can write Copy studio variants. Nothing leaves this computer.",
      "available": "can run here",
      "unavailable": "not available",
      "none": "No model chosen. The Copy studio uses its built-in generator.",
      "name": "Model",
      "architecture": "Architecture",
      "parameters": "Parameters",
      "size": "Size on disk",
      "sizeGb": "{{value}} GB",
      "sizeMb": "{{value}} MB",
      "context": "Context length",
      "tokens": "{{value}} tokens",
      "sha256": "SHA-256",
      "path": "File",
      "chooseModel": "Choose a model file (.gguf)…",
      "chooseHint": "Its header is read and the whole file hashed before it is used; it is hashed again before each generation, and a changed file is not loaded.",
      "uploadHint": "In the browser, the model file is copied into this workspace's incoming folder; large models take a while.",
      "use": "Use this model",
      "forget": "Forget this model",
      "chosen": "{{name}} will write Copy studio variants when you choose it.",
      "forgotten": "The language model is forgotten; the file stays where it is.",
      "chooseFailed": "Could not use that file",
      "privacy": "The model runs on this computer only. Chosen in the desktop app, the file stays where it is and is not copied into the workspace."
    }
  },
  "security": security,
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
  },
  "synth": {
    "methods": {
      "gan": "GAN",
      "copula": "Gaussian copula"
    },
    "roles": {
      "numeric": "Number",
      "categorical": "Category",
      "datetime": "Date",
      "id": "ID (left out)",
      "pii": "Personal data (left out)",
      "text": "Free text (left out)"
    },
    "verdict": {
      "safe": "Safe",
      "caution": "Caution",
      "unsafe": "Unsafe"
    },
    "empty": {
      "title": "No synthetic twin yet",
      "text": "Choose what to learn above, check the role of each column, and press Train. The twin’s reports appear here: how alike it is to the real rows, whether a model trained on it predicts as well, and whether it gives away anyone it learned from.",
      "pickTitle": "No twin open",
      "pickText": "Open a trained twin from the list below to see its reports, or train a new one above."
    },
    "setup": {
      "title": "Make a synthetic twin",
      "subtitle": "A synthetic twin is a made-up table with the same patterns as yours and none of your real customers in it: safe to share with an agency, to demo with, or to test on. A model learns your rows; the twin is sampled from the model.",
      "source": "Learn from",
      "sources": {
        "customer-features": "Customer features",
        "table": "A table of this workspace",
        "file": "A CSV file"
      },
      "sourceHint": {
        "customer-features": "One row per customer with what the explorer shows: recency, frequency, spend, lifetime value, churn risk, top category, country. Names, e-mails and ids are left out.",
        "table": "The rows of one imported table, as they are stored.",
        "file": "Any table in a CSV file, one row per record. It is read here and nothing is imported into the workspace."
      },
      "table": "Table",
      "tables": {
        "customers": "Customers",
        "orders": "Orders",
        "order_lines": "Order lines",
        "products": "Products",
        "reviews": "Reviews",
        "campaign_results": "Campaign results"
      },
      "anotherFile": "Choose another file",
      "chosenFile": "The chosen file",
      "columnsFailed": "Could not read the columns",
      "reading": "Reading the columns…",
      "noRows": "{{source}} has no rows yet. Import data (Import a file tab) or create the demo shop from the Dashboard, or choose a CSV file instead.",
      "summary": "{{source}}: {{rows}} rows. {{learned}} columns will be learned, {{leftOut}} left out. Check each column’s role; change it with its select.",
      "nothingLearned": "Every column is left out: give at least one column the role Number, Category or Date.",
      "target": "Usefulness test (optional)",
      "targetHint": "A yes/no or category column to predict",
      "noTarget": "None: skip the test",
      "noCategories": "No category column",
      "targetOption_one": "{{name}} ({{count}} value)",
      "targetOption_other": "{{name}} ({{count}} values)",
      "positive": "Outcome value",
      "positiveHint": "Leave empty when it is yes/no",
      "methods": "Method",
      "methodChoice": {
        "both": "Both, side by side",
        "gan": "GAN only",
        "copula": "Copula only"
      },
      "methodHint": {
        "both": "The GAN (a neural network, slower, better at unusual shapes) and the Gaussian copula (seconds, a solid baseline) learn the same rows; their reports are shown side by side.",
        "gan": "A conditional tabular GAN, like CTGAN: two neural networks trained against each other. Slower; follows unusual shapes and rare categories better.",
        "copula": "A Gaussian copula: each column’s own shape plus how the columns move together. Trains in seconds."
      },
      "smallTable": "{{rows}} rows is a small table for a GAN: on 1,000 rows of a census table the copula’s twin was clearly better (quality 89 % against 76 %). Choose Copula only, or give the GAN more epochs.",
      "epochs": "Epochs",
      "epochsHint": "GAN passes at most",
      "seed": "Seed",
      "seedHint": "Same seed, same twin",
      "dp": "Differential privacy (DP-SGD)",
      "dpHint": "Proven privacy: the GAN’s critic, the only part that reads real rows, learns from clipped, noised gradients, so no one person’s row can change the twin much. With it on, the seed no longer repeats a run. The copula is not made private.",
      "dpCost": "It costs some usefulness and time. On a census table (Adult, 64 epochs) ε = 3 kept the quality score (95 %; 94 % without) but a model trained on the twin predicted income a little worse (F1 0.57 against 0.61), and training took about 20 % longer.",
      "epsilon": "Privacy budget ε",
      "epsilonHint": "Smaller is more private",
      "epsilonRange": "From 0.1 to 100",
      "train": "Train",
      "holdoutNote": "A fifth of the rows is kept aside and never learned: the reports compare the twin with them."
    },
    "columns": {
      "column": "Column",
      "role": "Role",
      "reason": "Why",
      "distinct": "Distinct",
      "missing": "Missing",
      "examples": "Examples",
      "learned": "Learned",
      "leftOut": "Left out of the twin",
      "roleOf": "Role of {{column}}",
      "changed": "edited",
      "hidden": "not shown (left out)",
      "exposed": "This column looked like personal data. Learned, real values from it may appear in the twin."
    },
    "training": {
      "title": "Training",
      "running": "Training the synthetic twin",
      "failed": "The twin could not be trained",
      "unreadable": "The job finished, but its result is not in the form this version of the app reads. Update Localyst, or report this with the job from the Jobs tray.",
      "chartHint": "Each epoch, the generator makes rows and the discriminator tries to tell them from real ones. The two losses swing while they compete; the dashed line, the twin’s quality against rows it never saw, is the one to watch. The best epoch is kept.",
      "chartHintDp": "Each epoch, the generator makes rows and the discriminator tries to tell them from real ones. The two losses swing while they compete; the dashed line, the twin’s quality against rows it never saw, is the one to watch. With differential privacy the last epoch is kept: choosing one by its score would look at real rows again."
    },
    "chart": {
      "generator": "Generator loss",
      "discriminator": "Discriminator loss",
      "quality": "Quality",
      "loss": "Loss",
      "epoch": "Epoch {{epoch}}",
      "epochs": "Epoch",
      "waiting": "The curves appear after the first epoch.",
      "ganAria": "The GAN’s generator and discriminator losses and the twin’s quality, by epoch"
    },
    "report": {
      "title": "Reports",
      "subtitle": "Measured against real rows the twin never learned from.",
      "close": "Close the reports",
      "failed": "Could not open the twin",
      "modelTitle": "{{method}} twin #{{id}}",
      "meta": "{{source}} · {{rows}} rows and {{columns}} columns learned · {{when}}",
      "trained": "Trained in {{seconds}} on {{backend}}, seed {{seed}}",
      "epochs": "{{epochs}} epochs, kept epoch {{best}}",
      "dp": "differentially private, ε = {{epsilon}}",
      "tabs": {
        "quality": "Quality",
        "efficacy": "Usefulness",
        "privacy": "Privacy",
        "training": "GAN training"
      },
      "trainingIntro": "The GAN’s losses and its quality by epoch, as it trained. The dotted line marks the epoch whose generator was kept."
    },
    "quality": {
      "intro": "How alike the twin is to your real rows. Column shapes: does each column have the same spread of values? Pair trends: do two columns move together the same way? 100% is identical; above 80% is good.",
      "overall": "Quality",
      "shapes": "Column shapes",
      "pairs": "Pair trends",
      "column": "Column",
      "columnHint": "Listed worst first",
      "columnOption": "{{column}} · {{score}}",
      "noShape": "This twin did not learn this column.",
      "real": "Real",
      "synthetic": "Twin",
      "shapeAria": "Real and synthetic distribution of {{column}}",
      "metric": {
        "ks-complement": "1 − Kolmogorov–Smirnov",
        "tv-complement": "1 − total variation",
        "correlation-similarity": "Correlation similarity",
        "contingency-similarity": "Contingency similarity"
      },
      "pairsTitle": "Pair trends, worst first",
      "pairsHint": "Real and Twin: how strongly the two columns go together (the correlation of two numbers or dates, Cramér’s V when a category is involved). The score says how alike the twin keeps the pair.",
      "pair": "Columns",
      "pairReal": "Real",
      "pairSynthetic": "Twin",
      "pairScore": "Score",
      "noPairs": "Fewer than two learned columns: no pairs to compare.",
      "allPairs": "Show all {{count}} pairs",
      "fewerPairs": "Show fewer"
    },
    "efficacy": {
      "none": "No usefulness test: pick a yes/no or category column under “Usefulness test” before training to measure it.",
      "intro": "Could the twin stand in for your data? The app’s own propensity model was trained once on the real rows and once on the twin, to predict {{target}} = {{positive}}; both were tested on the same {{rows}} real rows neither had seen.",
      "measure": "Measure",
      "real": "Trained on real rows",
      "trainedOn": "Trained on the {{method}} twin",
      "accuracy": "Accuracy",
      "f1": "F1",
      "auc": "AUC",
      "read": "The closer the twin’s figures are to the real ones, the more you can do with the twin what you would do with the data. AUC 0.5 is guessing, 1 is perfect."
    },
    "privacy": {
      "intro": "Does the twin give away the people it learned from? A twin row should be no closer to a real customer than a real customer it never saw is. Rows that copied a real row exactly were dropped.",
      "facts": "Checks",
      "exactCopies": "Exact copies dropped",
      "exactCopiesHint": "Twin rows identical to a learned row. They are removed from every twin that is sampled.",
      "rowsChecked": "Twin rows checked",
      "membership": "Membership attack (AUC)",
      "membershipRead": "Membership attack {{auc}}: 0.5 means someone holding the twin can tell who was in your data no better than by tossing a coin; the nearer 1, the more it gives people away.",
      "membershipHint": "An attacker with the twin tries to tell whether a person was in the training rows. 0.5 means no better than tossing a coin (good); near 1 means the twin gives people away.",
      "medianRatio": "Distance ratio",
      "medianRatioHint": "Median distance of twin rows to the nearest real row, divided by that of unseen real rows. Near 1 is good; well below 1 means the twin sits too close to real people.",
      "closerToTrain": "Closer to learned rows",
      "closerToTrainHint": "Share of twin rows nearer to a learned row than to any unseen row. 50% is ideal.",
      "dp": "Differential privacy",
      "dpValue": "ε = {{epsilon}}, δ = 1 in {{oneIn}}",
      "dpOff": "Not used",
      "dpHint": "Proven privacy of the training: the smaller ε, the less any one person can change the model. δ is the small chance, 1 in 10 × the rows learned, that this guarantee does not hold.",
      "dcrTitle": "Distance to the closest real row",
      "dcrHint": "Medians: twin {{synthetic}}, unseen real rows {{holdout}}, random rows {{random}}. The twin’s curve should lie on the unseen rows’ curve, not to its left.",
      "dcrSynthetic": "Twin rows",
      "dcrHoldout": "Unseen real rows",
      "dcrRandom": "Random rows",
      "distance": "Distance",
      "upTo": "≤ {{value}}",
      "dcrAria": "Histogram of distances to the closest training row for twin rows, unseen real rows and random rows"
    },
    "past": {
      "title": "Trained twins",
      "subtitle": "Every twin trained in this workspace, newest first. The model is kept, so it can make more rows at any time.",
      "empty": "None yet. A twin trained above is kept here.",
      "model": "Twin",
      "source": "Learned from",
      "rows": "Rows",
      "quality": "Quality",
      "privacy": "Privacy",
      "trained": "Trained",
      "open": "Open",
      "shown": "Open",
      "compare": "Side by side",
      "delete": "Delete",
      "deleteLabel": "Delete twin #{{id}}",
      "deleteTitle": "Delete this twin?",
      "deleteText": "The {{method}} twin #{{id}} and its reports are deleted from the workspace. Files already exported from it are kept."
    },
    "export": {
      "title": "Use the twin",
      "subtitle": "Make as many rows as you need, or a whole workspace to demo or test with.",
      "model": "Twin",
      "modelOption": "{{model}} · {{source}} · {{quality}}",
      "seed": "Seed",
      "csvTitle": "Download a CSV",
      "rows": "Rows",
      "fill": "Fill ids and personal columns with fake values",
      "fillHint": "Otherwise those columns are left out of the file.",
      "csv": "Download CSV",
      "sampling": "Making synthetic rows",
      "sampleFailed": "The rows could not be made",
      "sampled": "{{rows}} synthetic rows written",
      "savedAs": "Saved as (in the workspace’s exports folder unless you chose where):",
      "sampleFacts": "{{copies}} exact copies of real rows dropped and replaced · {{speed}} rows/s · {{seconds}}",
      "notEncrypted": "Exported files are not encrypted. The rows are made up, but keep the file where you would keep the data it was learned from.",
      "download": "Download {{file}}",
      "workspaceTitle": "Create a workspace from the twin",
      "workspaceName": "Workspace name",
      "workspaceNamePlaceholder": "shop-twin",
      "workspaceRows": "Customers",
      "workspaceHint": "A new workspace in your workspaces folder, filled with synthetic customers and their orders. This workspace is not changed.",
      "workspace": "Create workspace",
      "building": "Building the workspace",
      "buildFailed": "The workspace could not be created",
      "built": "Workspace “{{name}}” created",
      "builtFacts": "{{customers}} customers, {{orders}} orders",
      "openWorkspace": "Open “{{name}}”"
    }
  },
  "federation": {
    "tabs": {
      "local": "This workspace",
      "federated": "Train with other offices"
    },
    "intro": {
      "title": "One model that learns from every office, without sharing a customer",
      "body": "Each office trains on its own customers and sends only its model's weight changes; the coordinator averages them. With secure aggregation the coordinator sees only the total, never one office's changes. No customer row ever leaves this computer.",
      "empty": "No model trained with other offices yet. Propose one and send the invitation codes to the other offices, or paste a code you received to join theirs.",
      "propose": "Propose",
      "join": "Join",
      "mode": "Propose or join a federation"
    },
    "propose": {
      "title": "Propose a model to the other offices",
      "label": "What to predict",
      "churn": "Churn",
      "purchase": "Buys a category",
      "category": "Product category",
      "horizon": "Horizon (days)",
      "features": "Customer features every office uses",
      "featuresHint": "Every office computes the same features from its own orders. Share-of-category features are left out: their categories differ from office to office.",
      "rounds": "Rounds",
      "roundsHint": "One round: every office trains a little on its own customers, then the updates are averaged.",
      "hidden": "Hidden units",
      "hiddenHint": "Size of the network's hidden layer; 0 is logistic regression.",
      "secure": "Secure aggregation",
      "secureHint": "Pairwise masks hide each office's update; only their sum can be read.",
      "dp": "Differential privacy",
      "dpHint": "Clips each update and adds noise; a smaller ε is more private and usually costs some AUC.",
      "epsilon": "ε (privacy budget for all rounds)",
      "office": "This office's name",
      "offices": "Offices to invite",
      "officesHint": "Type a name and press Enter; one invitation code per office.",
      "network": "Where the coordinator listens",
      "loopback": "This computer only (127.0.0.1)",
      "lan": "My network (LAN address)",
      "host": "LAN address of this computer",
      "port": "Port (0 = any free port)",
      "start": "Start and get the invitation codes",
      "failed": "The federation could not start",
      "noData": "This workspace has no customers with orders yet: import orders (or create a demo shop) first. It brings its own customers to the federation."
    },
    "invitations": {
      "title": "Send one code to each office",
      "how": "Send each office its own code through a channel you trust (a message to the person, not a public list). They open Localyst, go to Models → Train with other offices → Join, and paste it. The codes work only while this federation runs.",
      "listening": "Coordinator listening on {{address}}",
      "office": "Code for {{office}}"
    },
    "join": {
      "title": "Join another office's federation",
      "code": "Invitation code",
      "codePlaceholder": "Paste the code you received",
      "office": "This office's name (as the others will see it)",
      "connect": "Connect and show the proposal",
      "failed": "Could not join",
      "review": "The proposal",
      "reviewBody": "Nothing has been sent yet. Accept to take part: your customers' statistics (counts and sums) and model updates will be sent, never a customer row.",
      "target": "Predicts",
      "features": "Features",
      "rounds": "Rounds",
      "coordinator": "Coordinated by",
      "privacy": "Privacy",
      "yourRows": "Your customers taking part",
      "accept": "Accept and take part",
      "decline": "Decline"
    },
    "live": {
      "title": "Training with other offices",
      "round": "Round {{round}} of {{rounds}}",
      "participants": "Offices and their customers (counts only)",
      "office": "Office",
      "rows": "Customers",
      "state": "State",
      "waitingRows": "not yet reported",
      "loss": "Training loss per round (mean over offices)",
      "lossAria": "Mean training loss the offices reported, round by round",
      "lossWaiting": "The curve appears after the first round.",
      "roundAxis": "Round",
      "failed": "The federation stopped",
      "cancelled": "The federation was cancelled. Nothing was stored.",
      "done": "Finished: the federated model is below, beside this office's own model."
    },
    "card": {
      "title": "{{name}}",
      "created": "Trained {{when}}",
      "federated": "Federated model",
      "local": "This office alone",
      "auc": "AUC on this office's held-out customers",
      "aucHint": "Both models score the same customers, kept out of all training. 0.5 is chance, 1 is perfect.",
      "heldOut": "Held-out customers",
      "trainRows": "Customers this office trained on",
      "rounds": "Rounds",
      "secure": "Secure aggregation",
      "epsilon": "Differential privacy ε",
      "epsilonOff": "off",
      "role": "This office",
      "coordinator": "proposed and coordinated",
      "participant": "took part",
      "offices": "Offices (customers)",
      "same": "The federated model and this office's own score about the same on these customers (within 0.005 AUC).",
      "better": "The federated model beats this office's own by {{gap}} AUC on the same customers.",
      "worse": "This office's own model scores {{gap}} AUC higher on its customers: they may differ from the other offices' customers.",
      "delete": "Delete",
      "deleteConfirm": "Delete this federated model from this workspace? The other offices keep their copies.",
      "none": "n/a"
    },
    "list": {
      "title": "Models trained with other offices"
    }
  }
} as const;
