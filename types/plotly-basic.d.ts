// plotly.js-basic-dist-min (scatter, bar, pie: all Cielo draws, 1.2 MB instead of 4.8 MB) ships no typings;
// it is the same API as the full bundle, whose typings come from the plotly.js-dist-min dev dependency.
declare module "plotly.js-basic-dist-min" {
  export * from "plotly.js-dist-min";
}
