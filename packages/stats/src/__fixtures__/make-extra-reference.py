"""More SciPy reference values for @tandem/stats, beyond shared/fixtures/statistics/reference.json:
the paths that file does not reach (exact signed-rank, larger samples, quantiles, percentiles, power).

Run: python3 make-extra-reference.py > extra-reference.json   (SciPy >= 1.11, NumPy)
"""
import json
import numpy as np
from scipy import stats

rng = np.random.default_rng(20261121)
out = {"scipy": __import__("scipy").__version__, "numpy": np.__version__}

out["t_quantile"] = [{"p": p, "df": df, "ppf": float(stats.t.ppf(p, df))}
                     for p, df in [(0.975, 1), (0.975, 4.5), (0.995, 30), (0.025, 12), (0.975, 1e5), (0.9, 2.2)]]

# Signed-rank without ties or zeros: exact null distribution (what 'auto' picks up to 50 differences).
exact = []
for n in [5, 9, 20, 50]:
    # Distinct magnitudes 1..n with random signs, tilted towards positive so some p-values are small.
    tilt = rng.uniform(0.5, 0.8)
    d = rng.permutation(np.arange(1, n + 1)).astype(float) * np.where(rng.uniform(size=n) < tilt, 1.0, -1.0)
    r = stats.wilcoxon(d, method="exact")
    exact.append({"d": d.tolist(), "call": "wilcoxon(d, method='exact')", "statistic": float(r.statistic), "p": float(r.pvalue)})
out["wilcoxon_exact"] = exact

# Larger samples with ties and zeros: the normal approximation, as in reference.json.
approx = []
for n, scale in [(200, 3), (1500, 4)]:
    d = rng.integers(-scale, scale + 2, size=n).astype(float)
    r = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")
    approx.append({"d": d.tolist(), "call": "wilcoxon(d, zero_method='wilcox', correction=False, method='approx')",
                   "statistic": float(r.statistic), "p": float(r.pvalue)})
out["wilcoxon_approx"] = approx

mw = []
for n1, n2 in [(300, 250), (40, 3)]:
    a = rng.integers(1, 11, size=n1).astype(float)
    b = (rng.integers(1, 11, size=n2) + 1).astype(float)
    r = stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic", use_continuity=True)
    mw.append({"a": a.tolist(), "b": b.tolist(), "U": float(r.statistic), "p": float(r.pvalue)})
out["mann_whitney"] = mw

welch = []
for n1, n2 in [(2000, 1500), (3, 2)]:
    a = rng.normal(800, 120, n1).round(1)
    b = rng.normal(790, 60, n2).round(1)
    r = stats.ttest_ind(a, b, equal_var=False)
    ci = r.confidence_interval(0.95)
    welch.append({"a": a.tolist(), "b": b.tolist(), "t": float(r.statistic), "df": float(r.df), "p": float(r.pvalue),
                  "ci95": [float(ci.low), float(ci.high)]})
out["welch"] = welch

paired = []
d = rng.normal(0.4, 1.0, 400).round(2)
r = stats.ttest_1samp(d, 0.0)
ci = r.confidence_interval(0.95)
paired.append({"d": d.tolist(), "t": float(r.statistic), "df": float(r.df), "p": float(r.pvalue), "ci95": [float(ci.low), float(ci.high)]})
out["paired_t"] = paired

out["percentile"] = []
for values in [[3.0], [1.0, 2.0], [5.0, 1.0, 4.0, 2.0, 3.0], rng.normal(0, 1, 37).round(3).tolist()]:
    out["percentile"].append({"values": values, "call": "numpy.percentile(values, q, method='linear')",
                              "p50": float(np.percentile(values, 50)), "p95": float(np.percentile(values, 95))})

out["sign_test"] = [{"positive": k, "negative": m, "call": "binomtest(k, k + m, 0.5).pvalue", "p": float(stats.binomtest(k, k + m, 0.5).pvalue)}
                    for k, m in [(6, 0), (0, 5), (120, 80), (3, 1)]]

# Smallest n whose paired t-test reaches the wanted power, from the noncentral t (what the normal formula approximates).
power = []
for dz, alpha in [(0.5, 0.05), (0.2, 0.05), (0.8, 0.01), (0.3, 0.0125)]:
    n = 2
    while True:
        df = n - 1
        crit = stats.t.ppf(1 - alpha / 2, df)
        nc = dz * np.sqrt(n)
        pw = stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc)
        if pw >= 0.8:
            break
        n += 1
    power.append({"dz": dz, "alpha": alpha, "power": 0.8, "n_exact": n, "method": "noncentral t, smallest n with power >= 0.8"})
out["paired_sample_size"] = power

print(json.dumps(out))
