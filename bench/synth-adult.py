"""Reference for bench/synth-copula.ts: scikit-learn's logistic regression (one-hot categories, standardised numbers)
trained on Adult's real SDGym training rows and on the Gaussian-copula twin Localyst sampled, both tested on the real
test rows, with the same threshold rule (the cut that maximises F1 on the model's own training rows).

usage: python3 bench/synth-adult.py TRAIN.csv TEST.csv TWIN.csv  ->  one JSON document on stdout
"""
import csv
import json
import sys

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_recall_curve, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week']


def load(path):
    rows = list(csv.DictReader(open(path, newline='')))
    categorical = [c for c in rows[0] if c not in NUMERIC + ['label']]
    X = [[float(r[c]) if r[c] not in ('', None) else 0.0 for c in NUMERIC] + [r[c] or '(missing)' for c in categorical] for r in rows]
    y = np.array([r['label'] == '>50K' for r in rows], dtype=int)
    return np.array(X, dtype=object), y, len(categorical)


def scores(train_path, test_path):
    X, y, n_cat = load(train_path)
    Xt, yt, _ = load(test_path)
    model = make_pipeline(
        ColumnTransformer([('num', StandardScaler(), list(range(len(NUMERIC)))), ('cat', OneHotEncoder(handle_unknown='ignore'), list(range(len(NUMERIC), len(NUMERIC) + n_cat)))]),
        LogisticRegression(max_iter=2000, class_weight='balanced'),
    )
    model.fit(X, y)
    p, r, t = precision_recall_curve(y, model.predict_proba(X)[:, 1])
    f1 = 2 * p * r / np.maximum(p + r, 1e-12)
    cut = t[int(np.argmax(f1[:-1]))]
    pt = model.predict_proba(Xt)[:, 1]
    pred = (pt >= cut).astype(int)
    return {'accuracy': accuracy_score(yt, pred), 'f1': f1_score(yt, pred), 'auc': roc_auc_score(yt, pt)}


train, test, twin = sys.argv[1:4]
print(json.dumps({'real': scores(train, test), 'synthetic': scores(twin, test)}))
