/** Links from an object page to other archives, built from the object's mean position (ICRS degrees). */
export interface LinkOut {
  name: string;
  /** What the link shows, for the link's title. */
  description: string;
  url: string;
}

const fixed = (n: number, digits = 6) => n.toFixed(digits);

export function buildLinkOuts(raDeg: number, decDeg: number, radiusArcsec = 5): LinkOut[] {
  if (!Number.isFinite(raDeg) || !Number.isFinite(decDeg) || decDeg < -90 || decDeg > 90) {
    throw new RangeError(`invalid position ${raDeg}, ${decDeg}`);
  }
  const ra = fixed(raDeg);
  const dec = fixed(decDeg);
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return [
    {
      name: "DESI Legacy Survey",
      description: "Legacy Surveys sky viewer (DR10), object marked",
      url: `https://www.legacysurvey.org/viewer?${q({ ra, dec, layer: "ls-dr10", zoom: "16", mark: `${ra},${dec}` })}`,
    },
    {
      name: "NED",
      description: `NASA/IPAC Extragalactic Database, objects within ${radiusArcsec}″`,
      url: `https://ned.ipac.caltech.edu/conesearch?${q({ search_type: "Near Position Search", in_csys: "Equatorial", in_equinox: "J2000", ra, dec, radius: fixed(radiusArcsec / 60, 4), Z_CONSTRAINT: "Unconstrained" })}`,
    },
    {
      name: "PanSTARRS",
      description: "PS1 image cutouts (g, r, i and colour)",
      url: `https://ps1images.stsci.edu/cgi-bin/ps1cutouts?${q({ pos: `${ra} ${dec}`, filter: "color", filetypes: "stack", size: "240", output_size: "0", verbose: "0", autoscale: "99.5" })}`,
    },
    {
      name: "SDSS",
      description: "SDSS DR18 navigate tool",
      url: `https://skyserver.sdss.org/dr18/VisualTools/navi?${q({ ra, dec, scale: "0.2" })}`,
    },
    {
      name: "SIMBAD",
      description: `SIMBAD objects within ${radiusArcsec}″`,
      url: `https://simbad.cds.unistra.fr/simbad/sim-coo?${q({ Coord: `${ra} ${dec}`, CooFrame: "ICRS", Radius: String(radiusArcsec), "Radius.unit": "arcsec", submit: "submit query" })}`,
    },
    {
      name: "TNS",
      description: `Transient Name Server reports within ${radiusArcsec}″`,
      url: `https://www.wis-tns.org/search?${q({ ra, decl: dec, radius: String(radiusArcsec), coords_unit: "arcsec" })}`,
    },
    {
      name: "VizieR",
      description: `VizieR catalogue sources within ${radiusArcsec}″, nearest first`,
      url: `https://vizier.cds.unistra.fr/viz-bin/VizieR-4?${q({ "-c": `${ra} ${dec}`, "-c.rs": String(radiusArcsec), "-out.add": "_r", "-sort": "_r" })}`,
    },
    {
      name: "VSX",
      description: `AAVSO Variable Star Index within ${radiusArcsec}″`,
      url: `https://www.aavso.org/vsx/index.php?${q({ view: "results.submit1", order: "9", ra, dec, format: "d", fieldsize: String(radiusArcsec), fieldunit: "3", geometry: "r" })}`,
    },
  ];
}
