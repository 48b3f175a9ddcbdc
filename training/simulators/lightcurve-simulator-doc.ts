/**
 * The simulator's documentation as it appears in the light-curve classifier's model card: the
 * observation model and, per class, the model and parameter ranges with their sources. Keep it in
 * step with lightcurve-simulator.ts and lightcurve-simulator-classes.ts.
 */
export const LC_SIMULATOR_DOC = `### Simulator (\`training/simulators/lightcurve-simulator.ts\`, \`lightcurve-simulator-classes.ts\`)

**Observation model** (ZTF public survey; Bellm et al. 2019, PASP 131, 018002; Masci et al. 2019, PASP 131, 018003):
- a visit every U(1, 4) d (ZTF's public 3-night g/r cadence plus partnership visits: the real labelled SNe have
  a median of 12 r and 7 g detections), 30 % of visits lost (weather, Moon); each band taken
  with probability 0.8, g 0.04 d after r; the field is visible 240 d per year (seasonal gap); the
  survey window starts at a random date in 2018–2020 and lasts U(300, 1000) d for variables, 400 d
  for transients;
- 5σ limiting magnitude per visit: r = N(20.4, 0.3) + N(0, 0.15) clipped to [19, 21.3], g = r + N(0.2, 0.1)
  (ZTF's median depth ≈ 20.5 in r, 20.8 in g);
- difference imaging: the reference is the median flux of 12 earlier epochs per band; each epoch
  measures Δf = f − f_ref + noise, σ² = σ_bg² (1 + f / (2 f_lim)) + (0.015 f)² with σ_bg = f_lim / 5
  (sky-limited at the limit; a 1.5 % floor for PSF-matching residuals on bright stars); a detection needs |Δf| ≥ 5σ; magpsf = −2.5 log|Δf|,
  sigmapsf = 1.0857 σ/|Δf|, isdiffpos = sign(Δf). Low-amplitude variables are therefore detected only
  near their extremes, and eclipsing binaries mostly as negative differences, as in real alerts;
- a reference-catalogue source at the position (stars, AGN, CVs brighter than 22.5, and 50 % of
  supernovae — 16 of the 30 real ALeRCE SNe have corrected detections) makes the detections
  corrected with the worker's own \`correctMagnitude\`; a quarter of those SNe are 1.4″ "borderline"
  cases whose detections switch between corrected and not (ALeRCE's dubious flag);
- non-detections (diffmaglim) are kept only within 30 d before a detection (an alert carries 30 days of history);
- real/bogus score rb = 1 − 0.45u²; PS1 sgscore1: stars 0.8–1 (0.5 ± 0.08 when fainter than 21),
  galaxies 0.3u², SN hosts 30 % at 0.5 (PS1's "no information" value, frequent in the real SNe);
- sky positions: Galactic-disc populations with |b| ~ Exp(8°) (85 %), extragalactic ones at |b| > 15°,
  δ ≥ −30°; disc stars get a reddening E(g−r) = 0.03 csc|b| × U(0.3, 1.5) (≤ 1.5);
- AllWISE W1/W2/W3 for part of the objects (50 % of stars, 70 % of AGN, 80 % of blazars, 30 % of SN hosts; none fainter than W1 = 17.5):
  stars W1−W2 ≈ 0 (Wright et al. 2010), AGN W1−W2 0.6–1.4 (Stern et al. 2012, ApJ 753, 30), blazars in the
  WISE blazar strip W1−W2 0.5–1.2, W2−W3 1.8–3 (Massaro et al. 2011, ApJ 740, L48), LPVs red r−W1 3.5–7; W3 gets a noise of 0.05·10^{0.4(W3−9)} mag (≤ 1.5), as faint AllWISE W3 values are.

**Classes** (magnitudes in r; g amplitude = r amplitude × the g/r ratio):

| class | model | parameters | sources |
|---|---|---|---|
| EBSD/D | Gaussian primary and secondary eclipses (60 % detached, secondary near phase 0.5 ± 0.03) or semi-detached (40 %, wider eclipses + ellipsoidal cos 4πφ term 0.05–0.25) | P log-U(0.4, 12) d, primary depth 0.15–1.2, secondary 0.02–0.6 (detached) / 0.2–0.8 (semi-detached) × primary, width 0.025–0.08 (0.12) phase, mean 12.5–18.5, g−r 0–0.9 | Prša et al. 2011 (Kepler EBs); Chen et al. 2020, ApJS 249, 18 (ZTF periodic variables: EA) |
| EBC | contact (W UMa): (1 − cos 4πφ)/2 with unequal minima (O'Connell term 0–0.15) | P log-U(0.22, 0.8) d, amplitude 0.1–0.8, mean 12.5–18.5, g−r 0.1–0.8 | Rucinski 1993; Chen et al. 2020 (EW, P < 0.8 d) |
| DSCT | sinusoid + first harmonic (0–0.35) | P log-U(0.04, 0.2) d, amplitude 0.1–0.6, g/r 1.2–1.45, mean 12.5–18, g−r 0–0.35 | Breger 2000; Chen et al. 2020 (HADS amplitudes > 0.1 in ZTF) |
| RRL | RRab (70 %): sawtooth, rise 10–25 % of the cycle; RRc (30 %): near-symmetric | RRab P 0.45–0.9 d, amplitude 0.4–1.0; RRc P 0.22–0.42 d, amplitude 0.15–0.4; g/r 1.25–1.45; mean 13.5–19.8; halo (50 %) or disc | Smith 1995; Sesar et al. 2017, AJ 153, 204 (PS1 RRL) |
| Ceph | sawtooth, rise 20–40 % | P log-U(1.5, 60) d, amplitude 0.25–0.9, g/r 1.3–1.55, mean 12.5–17.5, g−r 0.4–1.1 | Soszyński et al. 2008 (OGLE); Chen et al. 2020 |
| LPV | sinusoid + red noise (DRW σ 0.1–0.2 mag, τ 20–150 d) | Miras (50 %) P 150–700 d, amplitude 1.2–3.5; semi-regulars P log-U(30, 400) d, amplitude 0.2–1.2; g/r 1.1–1.4; mean 12–17.5; g−r 1.2–2.3 | Soszyński et al. 2009 (OGLE LPVs); Mowlavi et al. 2018 (Gaia LPVs) |
| Periodic-Other | rotational / ellipsoidal: sinusoid, or a double wave (30 %), + weak red noise | P log-U(0.3, 60) d, amplitude 0.05–0.35, mean 12.5–18, g−r 0.3–1.3 | Chen et al. 2020 (BY Dra, RS CVn); Sánchez-Sáez et al. 2021 |
| AGN-I | damped random walk (Ornstein–Uhlenbeck) of the nucleus on a static host; 50 % QSO-like (nucleus 70–100 % of the flux, point-like, g−r −0.1–0.4), 50 % host-dominated (15–60 %, extended, g−r 0.4–0.9); bluer when brighter (g variability × 1.1–1.4) | SF∞ 0.1–0.35 mag, τ log-U(50, 800) d, mean 17–20.3 | Kelly et al. 2009; MacLeod et al. 2010, ApJ 721, 1014; Sánchez-Sáez et al. 2018 |
| Blazar | damped random walk, large and fast; 80 % point-like | SF∞ 0.4–1.3 mag, τ log-U(10, 200) d, mean 16–20, g−r 0.25–0.8 | Ruan et al. 2012, ApJ 760, 51 |
| CV/Nova | dwarf novae (70 %): outbursts of 2–5 mag (superoutbursts 20 %, +0.7 mag, 8–15 d), rise 0.5–2 d, plateau 1–5 d, decline 0.3–1.2 mag/d, recurrence 15–200 d, flickering 0.12 mag in quiescence (18–22); classical novae (30 %): 8–13 mag eruption from 18.5–24 (peak ≥ 10.5), rise 1–5 d, power-law decline with t2 log-U(5, 100) d, reddening by 0.3 in g−r over 60 d | as listed | Warner 1995 (Cataclysmic Variable Stars); Strope, Schaefer & Henden 2010, AJ 140, 34 (nova light curves) |
| SNIa | supernova parametric model (SPM, Villar et al. 2019; ALeRCE's) in flux, g from r with a colour that reddens after peak | peak 16.5–19.3, τ_rise 2.5–6.5 d, γ 5–22 d, β 0.3–0.8, τ_fall 20–40 d, g−r at peak −0.25–0.0, +0.02–0.035 mag/d | Riess et al. 1999; Miller et al. 2020 (ZTF SN Ia rise ≈ 18 d); Villar et al. 2019, ApJ 884, 83 |
| SNIbc | SPM | peak 16.8–19.3, τ_rise 1.5–5, γ 2–10, β 0.1–0.6, τ_fall 15–45 d (a slower tail keeps them detected ≈ 2 months, as the real ones), g−r 0.0–0.5, +0.015–0.03 mag/d | Drout et al. 2011, ApJ 741, 97 |
| SNII | SPM with a plateau | peak 16.5–19.3, τ_rise 1–3, γ 30–100 d (plateau), β 0–0.3, τ_fall 15–50 d, g−r −0.3–0.05, +0.008–0.015 mag/d | Anderson et al. 2014, ApJ 786, 67; Richardson et al. 2014 |
| SNIIn | SPM, slow rise and very slow decline, stays blue | peak 16.5–19.3, τ_rise 3–12, γ 10–60, β 0.1–0.5, τ_fall 60–250 d, g−r −0.2–0.1, +0.001–0.004 mag/d | Kiewe et al. 2012, ApJ 744, 10; Nyholm et al. 2020, A&A 637, A73 (PTF IIn: rise 20–50 d, slow declines) |
| SLSN | SPM, slow | peak 17.5–19.8, τ_rise 6–20, γ 10–40, β 0.1–0.5, τ_fall 40–120 d, g−r −0.3–0.05, +0.004–0.01 mag/d | Gal-Yam 2019, ARA&A 57, 305; Chen et al. 2023, ApJ 943, 41 (ZTF SLSNe-I) |

Supernova peak magnitudes follow Euclidean counts, N(< m) ∝ 10^{0.6 m} within the class's range, cut at
19.3 (SLSN 19.8), about where spectroscopic classification — hence a label — stops (most labelled SNe peak near it; the real ALeRCE SNe have a median brightest r of 18.8). The periodic stars' mean magnitudes were moved
1 mag brighter after comparing with ALeRCE's features of real labelled stars (median r ≈ 16.2–16.4 in
the difference magnitudes of real E and Periodic-Other), and host dust
adds E(g−r) ~ Exp(0.08) to the colour. The Ia and Ibc rise and plateau ranges were widened after comparing
the SPM fits of simulated and real ALeRCE SNe (real Ia: median SPM τ_rise 4.5 d, τ_fall 33 d in r).
Transients explode at a random time between 40 d before and 330 d after the window start (so some are
caught on the decline or cut by the seasonal gap), 50 % near a catalogued host core (corrected), 10 % hostless.
Objects are redrawn until one band has ≥ 5 detections, which also selects brighter events.`;
