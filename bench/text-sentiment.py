"""Peer for bench/text-sentiment.ts: scikit-learn TF-IDF (word 1-2-grams) + logistic regression on the UCI sentences,
with the fold assignment Localyst used, so both sides score the very same held-out sentences.

usage: python3 bench/text-sentiment.py SENTENCES.tsv  (sentence<TAB>label<TAB>fold)  ->  one JSON document on stdout
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.pipeline import make_pipeline

rows = [line.rstrip('\n').split('\t') for line in open(sys.argv[1], encoding='utf8') if line.strip()]
texts = [r[0] for r in rows]
y = np.array([int(r[1]) for r in rows])
folds = np.array([int(r[2]) for r in rows])
accuracies, aucs = [], []
started = time.perf_counter()
for k in sorted(set(folds)):
    train, test = folds != k, folds == k
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(C=10, max_iter=1000))
    model.fit([t for t, m in zip(texts, train) if m], y[train])
    held = [t for t, m in zip(texts, test) if m]
    p = model.predict_proba(held)[:, 1]
    accuracies.append(accuracy_score(y[test], p >= 0.5))
    aucs.append(roc_auc_score(y[test], p))
seconds = time.perf_counter() - started
scored, t0 = 0, time.perf_counter()
while time.perf_counter() - t0 < 1:
    model.predict_proba(texts)
    scored += len(texts)
print(json.dumps({'sklearn': sklearn.__version__, 'accuracyMean': float(np.mean(accuracies)), 'aucMean': float(np.mean(aucs)), 'seconds': seconds, 'scoringPerSecond': scored / (time.perf_counter() - t0)}))
