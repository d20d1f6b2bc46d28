"""Reference models for bench/telco-train.ts: scikit-learn (and LightGBM when importable) on the Telco churn file,
with the fold assignment Localyst used, so both sides score the very same held-out rows.

usage: python3 bench/telco-train.py TELCO.csv FOLDS.txt  ->  one JSON document on stdout
"""
import csv
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, OrdinalEncoder, StandardScaler

table, fold_file = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(table, newline='')))
folds = np.array([int(line) for line in open(fold_file) if line.strip()])
numeric = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges']
categorical = [c for c in rows[0] if c not in numeric + ['customerID', 'Churn']]
Xn = np.array([[float(r[c]) if r[c].strip() else np.nan for c in numeric] for r in rows])
Xc = np.array([[r[c] for c in categorical] for r in rows], dtype=object)
y = np.array([r['Churn'] == 'Yes' for r in rows], dtype=int)
assert len(folds) == len(y)
num_idx = list(range(len(numeric)))
cat_idx = list(range(len(numeric), len(numeric) + len(categorical)))
X = np.concatenate([Xn.astype(object), Xc], axis=1)

scaled = make_pipeline(SimpleImputer(strategy='median'), StandardScaler())
log1p = make_pipeline(SimpleImputer(strategy='median'), FunctionTransformer(lambda a: np.log1p(np.maximum(a.astype(float), 0))), StandardScaler())
one_hot = ColumnTransformer([('num', scaled, num_idx), ('cat', OneHotEncoder(handle_unknown='ignore'), cat_idx)])
# Localyst's encoding: the same, plus standardised log1p companions of the non-negative, non-indicator columns.
one_hot_log = ColumnTransformer([('num', scaled, num_idx), ('log', log1p, num_idx[1:]), ('cat', OneHotEncoder(handle_unknown='ignore'), cat_idx)])
ordinal = ColumnTransformer([('num', 'passthrough', num_idx), ('cat', OrdinalEncoder(), cat_idx)])
cat_mask = [False] * len(numeric) + [True] * len(categorical)

models = {
    'sklearn LogisticRegression (one-hot, scaled)': lambda: make_pipeline(one_hot, LogisticRegression(max_iter=2000)),
    'sklearn LogisticRegression (+ log1p companions)': lambda: make_pipeline(one_hot_log, LogisticRegression(max_iter=2000)),
    'sklearn HistGradientBoostingClassifier (defaults)': lambda: make_pipeline(ordinal, HistGradientBoostingClassifier(categorical_features=cat_mask, random_state=0)),
}
lightgbm_version = None
try:
    import lightgbm

    lightgbm_version = lightgbm.__version__
    models['LightGBM LGBMClassifier (defaults)'] = lambda: make_pipeline(ordinal, lightgbm.LGBMClassifier(verbose=-1, random_state=0))
except ImportError:
    pass

out = {'sklearn': sklearn.__version__, 'lightgbm': lightgbm_version or 'not installed', 'models': []}
for name, make in models.items():
    aucs = []
    t0 = time.perf_counter()
    for k in sorted(set(folds)):
        train, test = folds != k, folds == k
        model = make().fit(X[train], y[train])
        aucs.append(float(roc_auc_score(y[test], model.predict_proba(X[test])[:, 1])))
    out['models'].append({'model': name, 'aucMean': float(np.mean(aucs)), 'aucFolds': aucs, 'seconds': time.perf_counter() - t0})
print(json.dumps(out))
