"""SDGym's machine-learning efficacy on Adult, binary F1 for the positive label on the test set.

Usage: sdgym_efficacy.py TEST_CSV REAL_TRAIN_CSV [SYNTHETIC_CSV ...] (the real training file first: its ranges and levels)
For each training file (the real training rows, or synthetic rows with the same columns) fits SDGym's four
classifiers on SDGym's features (its FeatureMaker: a number with min >= 0 and max >= 1000 as log(max(x, 0.01)),
other numbers as (x - min) / (max - min) * 5 with the real training range, a category of at most 2 levels as its
code, wider categories one-hot): DecisionTreeClassifier(max_depth=20), AdaBoostClassifier(),
LogisticRegression(solver='lbfgs', class_weight='balanced', max_iter=50), MLPClassifier((50,), max_iter=50), and
prints one JSON object per file: the F1 of each and their mean.
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn.ensemble import AdaBoostClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.neural_network import MLPClassifier
from sklearn.tree import DecisionTreeClassifier

warnings.filterwarnings('ignore')
TARGET = 'label'
POSITIVE = '>50K'
SEED = 0

test_file, *train_files = sys.argv[1:]
test = pd.read_csv(test_file, skipinitialspace=True)
features = [c for c in test.columns if c != TARGET]
categorical = [c for c in features if test[c].dtype == object]


reference = pd.read_csv(train_files[0], skipinitialspace=True)
ranges = {c: (float(reference[c].min()), float(reference[c].max())) for c in features if c not in categorical}
levels = {c: sorted(reference[c].astype(str).unique()) for c in categorical}


def encode(frame, columns=None):
    parts = []
    for c in features:
        if c in categorical:
            values = frame[c].astype(str)
            if len(levels[c]) <= 2:
                parts.append(pd.DataFrame({c: values.map({v: i for i, v in enumerate(levels[c])}).fillna(0).astype(float)}))
            else:
                parts.append(pd.get_dummies(pd.Categorical(values, categories=levels[c]), prefix=c, dtype=float))
        else:
            lo, hi = ranges[c]
            x = frame[c].astype(float).to_numpy()
            feature = np.log(np.maximum(x, 1e-2)) if lo >= 0 and hi >= 1e3 else (x - lo) / ((hi - lo) or 1) * 5
            parts.append(pd.DataFrame({c: feature}))
    x = pd.concat([p.reset_index(drop=True) for p in parts], axis=1)
    if columns is not None:
        x = x.reindex(columns=columns, fill_value=0.0)
    return x


x_test = encode(test)
y_test = (test[TARGET].astype(str).str.strip() == POSITIVE).astype(int).to_numpy()

for train_file in train_files:
    train = pd.read_csv(train_file, skipinitialspace=True)
    x_train = encode(train, x_test.columns).to_numpy()
    y_train = (train[TARGET].astype(str).str.strip() == POSITIVE).astype(int).to_numpy()
    models = {
        'DecisionTreeClassifier(max_depth=20)': DecisionTreeClassifier(max_depth=20, random_state=SEED),
        'AdaBoostClassifier()': AdaBoostClassifier(random_state=SEED),
        "LogisticRegression(lbfgs, balanced, max_iter=50)": LogisticRegression(solver='lbfgs', class_weight='balanced', max_iter=50),
        'MLPClassifier((50,), max_iter=50)': MLPClassifier((50,), max_iter=50, random_state=SEED),
    }
    scores = {}
    for name, model in models.items():
        if len(np.unique(y_train)) < 2:
            scores[name] = 0.0
            continue
        model.fit(x_train, y_train)
        scores[name] = float(f1_score(y_test, model.predict(x_test.to_numpy()), pos_label=1, average='binary'))
    print(json.dumps({'file': train_file, 'rows': int(len(train)), 'f1': scores, 'mean': float(np.mean(list(scores.values())))}))
    sys.stdout.flush()
